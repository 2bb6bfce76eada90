/*
 * fill_rules.c — where each token's value comes from and how it is spelled.
 *
 * DESIGN: one row per autocomplete token in `rules` (below): what the field
 * needs (an address block, a card), the text rule that lists the spellings
 * of the value for a text field, and the select rule that picks an option
 * (NULL: the text spellings are matched against the options). Rules read the
 * persona JSON and the field; they never decide whether a field may be filled.
 */
#include "fill_rules.h"

#include "fill_address.h"
#include "fill_name.h"
#include "fill_select.h"
#include "geo_data.h"
#include "month_names.h"

#include <string.h>

const char *fill_rules_string(const cJSON *object, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    return cJSON_IsString(item) && item->valuestring != NULL ? item->valuestring : "";
}

int fill_rules_int(const cJSON *object, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    return cJSON_IsNumber(item) && item->valuedouble >= 0 && item->valuedouble <= 9999
               ? item->valueint
               : 0;
}

/* The item of array @key with "id" @id; with a NULL @id, the one labelled
 * @label, else (when @first) the first. */

/* The lines of @address as a vector borrowed from the JSON (at most 8). */
#define MAX_LINES 8
static size_t address_lines(const cJSON *address, const char *lines[MAX_LINES])
{
    const cJSON *found = cJSON_GetObjectItemCaseSensitive(address, "lines");
    const cJSON *array = cJSON_IsArray(found) ? found : NULL;
    size_t n = 0;
    const cJSON *line;
    cJSON_ArrayForEach(line, array)
    {
        if (n < MAX_LINES && cJSON_IsString(line))
            lines[n++] = line->valuestring;
    }
    return n;
}

static const cJSON *name_object(const FillPlanner *p)
{
    return cJSON_GetObjectItemCaseSensitive(p->persona, "name");
}

static void text_name(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    const char *country = t->block != NULL && t->block->address != NULL
                              ? fill_rules_string(t->block->address, "country")
                              : p->home_country;
    fill_name_full(t->field, name_object(p), country, out);
}

/* Name parts and other values stored as one string. */
typedef struct {
    const char *type;
    const char *object; /* "name" or NULL for the persona itself */
    const char *key;
} PlainValue;

static const PlainValue plain_values[] = {
    {"honorific-prefix", "name", "prefix"},
    {"given-name", "name", "given"},
    {"family-name", "name", "family"},
    {"organization", NULL, "organization"},
};

static void text_plain(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    for (gsize i = 0; i < G_N_ELEMENTS(plain_values); i++) {
        if (strcmp(plain_values[i].type, t->type) != 0)
            continue;
        const cJSON *object =
            plain_values[i].object != NULL
                ? cJSON_GetObjectItemCaseSensitive(p->persona, plain_values[i].object)
                : p->persona;
        fill_candidates_add(out, "as-stored", fill_rules_string(object, plain_values[i].key));
    }
}

static void text_additional_name(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    fill_name_additional(t->field, fill_rules_string(name_object(p), "additional"), out);
}

static void text_email(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    (void)t;
    fill_candidates_add(out, "as-stored", fill_rules_string(p->email, "address"));
}

static FillPhoneContext phone_context(const FillPlanner *p, const FillTarget *t)
{
    FillPhoneContext context = {FALSE, FALSE};
    for (size_t i = 0; i < p->n_fields; i++) {
        if (strcmp(p->fields[i].section, t->field->section) != 0)
            continue;
        context.country_code_field |= strcmp(p->fields[i].type, "tel-country-code") == 0;
        context.area_code_field |= strcmp(p->fields[i].type, "tel-area-code") == 0;
    }
    return context;
}

static void text_phone(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    if (!p->phone_ok)
        return;
    if (strcmp(t->type, "tel-extension") == 0) {
        fill_candidates_add(out, "as-stored", p->phone.extension);
        return;
    }
    FillPhoneContext context = phone_context(p, t);
    fill_phone_candidates(t->field, t->type, &p->phone, &context, out);
}

static void text_street(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    (void)p;
    const char *lines[MAX_LINES];
    size_t n = address_lines(t->block->address, lines);
    gboolean textarea = t->field->tag == DESCRIPTOR_TAG_TEXTAREA;
    if (t->block->street != NULL) {
        lines[0] = t->block->street; /* the number has its own field */
        fill_candidates_take(out, "street-only",
                             fill_address_join(lines, n, 0, textarea ? "\n" : ", "));
        return;
    }
    if (textarea)
        fill_candidates_take(out, "lines-newline", fill_address_join(lines, n, 0, "\n"));
    else
        fill_candidates_take(out, "lines-comma", fill_address_join(lines, n, 0, ", "));
}

static void text_address_line(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    (void)p;
    const char *lines[MAX_LINES];
    size_t n = address_lines(t->block->address, lines);
    int line = t->type[12] - '0';
    if (line == 1 && t->block->street != NULL)
        lines[0] = t->block->street;
    if ((size_t)line > n)
        return;
    if (line == t->block->last_line) /* the last line field takes the rest too */
        fill_candidates_take(out, "lines-rest",
                             fill_address_join(lines, n, (size_t)line - 1, ", "));
    else
        fill_candidates_add(out, "line", lines[line - 1]);
}

static void text_house_number(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    (void)p;
    fill_candidates_add(out, "house-number", t->block->number);
}

static void text_city(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    (void)p;
    fill_candidates_add(out, "as-stored", fill_rules_string(t->block->address, "city"));
}

static void text_region(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    (void)p;
    const char *stored = fill_rules_string(t->block->address, "region");
    fill_candidates_add(out, "as-stored", stored);
    const GeoRegion *region =
        geo_region_find(fill_rules_string(t->block->address, "country"), stored);
    if (region != NULL) {
        fill_candidates_take(out, "name", geo_region_display_name(region));
        fill_candidates_add(out, "code", region->code);
    }
}

static void text_postal_code(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    (void)p;
    const char *stored = fill_rules_string(t->block->address, "postal_code");
    if (*stored == '\0')
        return;
    g_autofree char *compact = geo_postal_compact(stored);
    fill_candidates_take(out, "template", fill_format_template(t->field->placeholder, compact));
    fill_candidates_take(
        out, "formatted",
        geo_postal_format(fill_rules_string(t->block->address, "country"), stored));
    fill_candidates_add(out, "compact", compact);
}

static const GRegex *code_label(void)
{
    static GRegex *regex;
    return fill_norm_regex(&regex, G_REGEX_CASELESS,
                           "\\b(code|iso|kod|código|codice|code pays)\\b");
}

static void text_country(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    (void)p;
    const GeoCountry *country =
        geo_country_by_code(fill_rules_string(t->block->address, "country"));
    if (country == NULL)
        return;
    gboolean code_first = strcmp(t->type, "country") == 0 && t->field->hint != NULL &&
                          g_regex_match(code_label(), t->field->hint, 0, NULL);
    if (code_first)
        fill_candidates_add(out, "alpha2", country->alpha2);
    fill_candidates_take(out, "name", geo_country_display_name(country));
    if (strcmp(t->type, "country") == 0) {
        fill_candidates_add(out, "alpha2", country->alpha2);
        fill_candidates_add(out, "alpha3", country->alpha3);
    }
}

static void text_card_holder(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    const char *holder = fill_rules_string(p->card, "holder");
    if (strcmp(t->type, "cc-name") == 0) {
        fill_candidates_add(out, "as-stored", holder);
        return;
    }
    char *given = NULL, *family = NULL;
    if (!fill_name_split_holder(holder, &given, &family))
        return;
    fill_candidates_add(out, "split", strcmp(t->type, "cc-given-name") == 0 ? given : family);
    explicit_bzero(given, strlen(given));
    explicit_bzero(family, strlen(family));
    g_free(given);
    g_free(family);
}

static void text_card_number(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    const char *number = fill_rules_string(p->card, "number");
    if (*number != '\0' && strspn(number, "0123456789") == strlen(number))
        fill_format_card_number(t->field, number, out);
}

static gboolean card_expiry(const FillPlanner *p, int *month, int *year)
{
    *month = fill_rules_int(p->card, "exp_month");
    *year = fill_rules_int(p->card, "exp_year");
    return *month >= 1 && *month <= 12 && *year >= 1000;
}

static void text_card_expiry(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    int month, year;
    if (!card_expiry(p, &month, &year))
        return;
    if (strcmp(t->type, "cc-exp") == 0)
        fill_format_expiry(t->field, month, year, out);
    else if (strcmp(t->type, "cc-exp-month") == 0)
        fill_format_two_digits(t->field, month, out);
    else
        fill_format_year(t->field, year, out);
}

/* Card networks as pages name them in a "card type" control. */
static const char *const network_names[][5] = {
    {"visa", "Visa", NULL},
    {"mastercard", "Mastercard", "MasterCard", "Master Card", "MC"},
    {"amex", "American Express", "Amex", "AmEx", NULL},
    {"discover", "Discover", NULL},
    {"diners", "Diners Club", "Diners", NULL},
    {"jcb", "JCB", NULL},
    {"unionpay", "UnionPay", "China UnionPay", "Union Pay", NULL},
    {"maestro", "Maestro", NULL},
    {"mir", "Mir", "Мир", NULL},
};

static const char *const *network_spellings(const FillPlanner *p)
{
    const char *network = fill_rules_string(p->card, "network");
    for (gsize i = 0; i < G_N_ELEMENTS(network_names); i++) {
        if (g_ascii_strcasecmp(network_names[i][0], network) == 0)
            return &network_names[i][1];
    }
    return NULL;
}

static void text_card_type(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    (void)t;
    const char *const *spellings = network_spellings(p);
    if (spellings != NULL)
        fill_candidates_add(out, "name", spellings[0]);
}

/* The persona's birthday (canonical YYYY-MM-DD); FALSE when absent. */
gboolean fill_rules_birthday(const cJSON *persona, int *year, int *month, int *day)
{
    const char *text = fill_rules_string(persona, "birthday");
    if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return FALSE;
    for (int i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && !g_ascii_isdigit(text[i]))
            return FALSE;
    }
    *year = (int)g_ascii_strtoll(text, NULL, 10);
    *month = (int)g_ascii_strtoll(text + 5, NULL, 10);
    *day = (int)g_ascii_strtoll(text + 8, NULL, 10);
    return g_date_valid_dmy((GDateDay)*day, (GDateMonth)*month, (GDateYear)*year);
}

/* The country whose date order a page most likely uses: its country-code
 * top-level domain, else the user's own when that is the US (the one
 * month-first country that also uses .com). */
static char *locale_country(const FillPlanner *p)
{
    g_autoptr(GUri) uri =
        g_uri_parse(p->choice->origin != NULL ? p->choice->origin : "", G_URI_FLAGS_NONE, NULL);
    const char *host = uri != NULL ? g_uri_get_host(uri) : NULL;
    const char *dot = host != NULL ? strrchr(host, '.') : NULL;
    if (dot != NULL && strlen(dot + 1) == 2) {
        const char *tld = g_ascii_strcasecmp(dot + 1, "uk") == 0 ? "GB" : dot + 1;
        const GeoCountry *country = geo_country_by_code(tld);
        if (country != NULL)
            return g_strdup(country->alpha2);
    }
    if (g_strcmp0(p->home_country, "US") == 0)
        return g_strdup("US");
    return NULL;
}

static void text_birthday(const FillPlanner *p, const FillTarget *t, FillCandidates *out)
{
    int year, month, day;
    if (!fill_rules_birthday(p->persona, &year, &month, &day))
        return;
    if (strcmp(t->type, "bday") == 0) {
        g_autofree char *country = locale_country(p);
        fill_format_date(t->field, year, month, day, country, out);
    } else if (strcmp(t->type, "bday-year") == 0) {
        fill_format_year(t->field, year, out);
    } else {
        fill_format_two_digits(t->field, strcmp(t->type, "bday-day") == 0 ? day : month, out);
    }
}

/* ---- selects ----------------------------------------------------------- */

static int select_country(const FillPlanner *p, const FillTarget *t)
{
    (void)p;
    const GeoCountry *country =
        geo_country_by_code(fill_rules_string(t->block->address, "country"));
    if (country == NULL)
        return FILL_SELECT_NONE;
    return fill_select_by_vocab(t->field, geo_country_vocab(), (int)(country - geo_countries),
                                NULL);
}

static int select_region(const FillPlanner *p, const FillTarget *t)
{
    (void)p;
    const char *country = fill_rules_string(t->block->address, "country");
    const char *stored = fill_rules_string(t->block->address, "region");
    const GeoRegion *region = geo_region_find(country, stored);
    if (region != NULL)
        return fill_select_by_vocab(t->field, geo_region_vocab(country),
                                    (int)(region - geo_regions), NULL);
    const char *spellings[] = {stored, NULL};
    return *stored != '\0' ? fill_select_by_spelling(t->field, spellings) : FILL_SELECT_NONE;
}

static int select_month(const FillPlanner *p, const FillTarget *t)
{
    int month, year, day;
    if (strcmp(t->type, "cc-exp-month") == 0
            ? !card_expiry(p, &month, &year)
            : !fill_rules_birthday(p->persona, &year, &month, &day))
        return FILL_SELECT_NONE;
    return fill_select_by_vocab(t->field, month_names_vocab(), month, NULL);
}

static int select_year(const FillPlanner *p, const FillTarget *t)
{
    int month, year, day;
    if (strcmp(t->type, "cc-exp-year") == 0 ? !card_expiry(p, &month, &year)
                                            : !fill_rules_birthday(p->persona, &year, &month, &day))
        return FILL_SELECT_NONE;
    return fill_select_by_number(t->field, year, TRUE);
}

static int select_day(const FillPlanner *p, const FillTarget *t)
{
    int month, year, day;
    if (!fill_rules_birthday(p->persona, &year, &month, &day))
        return FILL_SELECT_NONE;
    return fill_select_by_number(t->field, day, FALSE);
}

static int select_dial_code(const FillPlanner *p, const FillTarget *t)
{
    const GeoCountry *country = p->phone_ok ? geo_country_by_code(p->phone.country->code) : NULL;
    if (country == NULL)
        return FILL_SELECT_NONE;
    return fill_select_by_dial_code(t->field, country, p->phone.country->calling_code);
}

static int select_honorific(const FillPlanner *p, const FillTarget *t)
{
    const char *prefix = fill_rules_string(name_object(p), "prefix");
    const char *spellings[] = {prefix, NULL};
    int chosen = fill_select_by_spelling(t->field, spellings);
    if (chosen != FILL_SELECT_NONE)
        return chosen;
    const FillVocab *vocab = fill_name_honorific_vocab();
    int id = fill_vocab_resolve(vocab, prefix, NULL);
    return id >= 0 ? fill_select_by_vocab(t->field, vocab, id, NULL) : FILL_SELECT_NONE;
}

static int select_card_type(const FillPlanner *p, const FillTarget *t)
{
    const char *const *spellings = network_spellings(p);
    return spellings != NULL ? fill_select_by_spelling(t->field, spellings) : FILL_SELECT_NONE;
}

/* ---- the rule table ---------------------------------------------------- */

/* "house-number" is Keyfill's own: WHATWG has no token for it. */
static const FillRule rules[] = {
    {"name", FILL_NEEDS_NOTHING, text_name, NULL},
    {"honorific-prefix", FILL_NEEDS_NOTHING, text_plain, select_honorific},
    {"given-name", FILL_NEEDS_NOTHING, text_plain, NULL},
    {"additional-name", FILL_NEEDS_NOTHING, text_additional_name, NULL},
    {"family-name", FILL_NEEDS_NOTHING, text_plain, NULL},
    {"organization", FILL_NEEDS_NOTHING, text_plain, NULL},
    {"email", FILL_NEEDS_NOTHING, text_email, NULL},
    {"tel", FILL_NEEDS_NOTHING, text_phone, NULL},
    {"tel-country-code", FILL_NEEDS_NOTHING, text_phone, select_dial_code},
    {"tel-national", FILL_NEEDS_NOTHING, text_phone, NULL},
    {"tel-area-code", FILL_NEEDS_NOTHING, text_phone, NULL},
    {"tel-local", FILL_NEEDS_NOTHING, text_phone, NULL},
    {"tel-local-prefix", FILL_NEEDS_NOTHING, text_phone, NULL},
    {"tel-local-suffix", FILL_NEEDS_NOTHING, text_phone, NULL},
    {"tel-extension", FILL_NEEDS_NOTHING, text_phone, NULL},
    {"street-address", FILL_NEEDS_ADDRESS, text_street, NULL},
    {"address-line1", FILL_NEEDS_ADDRESS, text_address_line, NULL},
    {"address-line2", FILL_NEEDS_ADDRESS, text_address_line, NULL},
    {"address-line3", FILL_NEEDS_ADDRESS, text_address_line, NULL},
    {"house-number", FILL_NEEDS_ADDRESS, text_house_number, NULL},
    {"address-level1", FILL_NEEDS_ADDRESS, text_region, select_region},
    {"address-level2", FILL_NEEDS_ADDRESS, text_city, NULL},
    {"postal-code", FILL_NEEDS_ADDRESS, text_postal_code, NULL},
    {"country", FILL_NEEDS_ADDRESS, text_country, select_country},
    {"country-name", FILL_NEEDS_ADDRESS, text_country, select_country},
    {"cc-name", FILL_NEEDS_CARD, text_card_holder, NULL},
    {"cc-given-name", FILL_NEEDS_CARD, text_card_holder, NULL},
    {"cc-family-name", FILL_NEEDS_CARD, text_card_holder, NULL},
    {"cc-number", FILL_NEEDS_CARD, text_card_number, NULL},
    {"cc-exp", FILL_NEEDS_CARD, text_card_expiry, NULL},
    {"cc-exp-month", FILL_NEEDS_CARD, text_card_expiry, select_month},
    {"cc-exp-year", FILL_NEEDS_CARD, text_card_expiry, select_year},
    {"cc-type", FILL_NEEDS_CARD, text_card_type, select_card_type},
    {"bday", FILL_NEEDS_NOTHING, text_birthday, NULL},
    {"bday-day", FILL_NEEDS_NOTHING, text_birthday, select_day},
    {"bday-month", FILL_NEEDS_NOTHING, text_birthday, select_month},
    {"bday-year", FILL_NEEDS_NOTHING, text_birthday, select_year},
};

const FillRule *fill_rules_find(const char *type)
{
    for (gsize i = 0; i < G_N_ELEMENTS(rules); i++) {
        if (strcmp(rules[i].type, type) == 0)
            return &rules[i];
    }
    return NULL;
}
