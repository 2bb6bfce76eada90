/*
 * fill.c — the fill planner.
 *
 * DESIGN: planning runs in three passes over the fields.
 *   1. Address blocks: every section that holds address fields is a block.
 *      Blocks named shipping / billing take the chosen (or labelled)
 *      address; other blocks take the shipping address, then the billing
 *      one; an address goes to one block only, unless the user chose the
 *      same id for shipping and billing.
 *   2. House numbers: a field labelled as a house number next to a street
 *      field marks its block as split; the block's first line is parsed into
 *      street and number once.
 *   3. Values: each field's token finds its row in `rules` (data, below),
 *      which says where the value comes from and how to spell it; selects
 *      pick an option, text fields take the first spelling that fits.
 * Every field ends in exactly one of plan->entries and plan->skipped.
 */
#include "fill.h"

#include "errors.h"
#include "fill_address.h"
#include "fill_format.h"
#include "fill_mask.h"
#include "fill_name.h"
#include "fill_phone.h"
#include "fill_select.h"
#include "geo_data.h"
#include "month_names.h"
#include "origin.h"

#include <string.h>

static const char *const reason_names[] = {
    [FILL_REASON_NO_TYPE] = "no_type",
    [FILL_REASON_HIDDEN] = "hidden",
    [FILL_REASON_NOT_EDITABLE] = "not_editable",
    [FILL_REASON_NO_DATA] = "no_data",
    [FILL_REASON_DOES_NOT_FIT] = "does_not_fit",
    [FILL_REASON_NO_OPTION_MATCHES] = "no_option_matches",
    [FILL_REASON_INSECURE_ORIGIN] = "insecure_origin",
    [FILL_REASON_DUPLICATE_ADDRESS] = "duplicate_address",
    [FILL_REASON_FORMAT_UNKNOWN] = "format_unknown",
    [FILL_REASON_NOT_CONSENTED] = "not_consented",
    [FILL_REASON_NEVER_STORED] = "never_stored",
};

const char *fill_reason_name(FillReason reason)
{
    g_return_val_if_fail((gsize)reason < G_N_ELEMENTS(reason_names), "no_type");
    return reason_names[reason];
}

void fill_plan_free(FillPlan *plan)
{
    if (plan == NULL)
        return;
    for (guint i = 0; i < plan->entries->len; i++) {
        FillEntry *entry = &g_array_index(plan->entries, FillEntry, i);
        explicit_bzero(entry->value, strlen(entry->value));
        g_free(entry->value);
        g_free(entry->format);
    }
    g_array_unref(plan->entries);
    g_array_unref(plan->skipped);
    g_free(plan);
}

/* An address block: one section's address fields. */
typedef struct {
    const char *section;
    const cJSON *address; /* NULL: the block stays empty, for @missing */
    FillReason missing;
    gboolean split_number; /* the block has a house-number field */
    char *street;          /* line 1 without its number, when split */
    char *number;          /* the house number, when split */
    int last_line;         /* highest address-line-N present, 0 for none */
} Block;

typedef struct {
    const FillField *fields;
    size_t n_fields;
    const cJSON *persona;
    const FillChoice *choice;
    const cJSON *card;
    const cJSON *email;
    FillPhone phone;
    gboolean phone_ok;
    const char *home_country; /* alpha-2 of the default address, or NULL */
    Block *blocks;            /* at most one per field */
    size_t n_blocks;
    gboolean *house_number; /* per field */
    const char **sections;  /* per field: effective section */
} Planner;

/* What one rule sees of the field it spells. */
typedef struct {
    const FillField *field;
    const char *type;
    const Block *block; /* the field's address block, or NULL */
} Target;

/* ---- reading the persona ---------------------------------------------- */

static const char *json_string(const cJSON *object, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    return cJSON_IsString(item) && item->valuestring != NULL ? item->valuestring : "";
}

static int json_int(const cJSON *object, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    return cJSON_IsNumber(item) && item->valuedouble >= 0 && item->valuedouble <= 9999
               ? item->valueint
               : 0;
}

/* The item of array @key with "id" @id; with a NULL @id, the one labelled
 * @label, else (when @first) the first. */
static const cJSON *find_item(const cJSON *persona, const char *key, const char *id,
                              const char *label, gboolean first)
{
    const cJSON *found = cJSON_GetObjectItemCaseSensitive(persona, key);
    const cJSON *array = cJSON_IsArray(found) ? found : NULL;
    const cJSON *item;
    cJSON_ArrayForEach(item, array)
    {
        if (id != NULL && strcmp(json_string(item, "id"), id) == 0)
            return item;
        if (id == NULL && label != NULL &&
            g_ascii_strcasecmp(json_string(item, "label"), label) == 0)
            return item;
    }
    if (id == NULL && first && array != NULL)
        return cJSON_GetArrayItem(array, 0);
    return NULL;
}

static gboolean check_choice(const cJSON *persona, const char *key, const char *id,
                             const char *what, GError **error)
{
    if (id == NULL || find_item(persona, key, id, NULL, FALSE) != NULL)
        return TRUE;
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                "The chosen %s is not in this persona (it may have been deleted). Choose "
                "another %s and try again.",
                what, what);
    return FALSE;
}

/* ---- pass 1 and 2: address blocks ------------------------------------- */

static const char *const address_types[] = {
    "street-address", "address-line1", "address-line2", "address-line3", "address-level1",
    "address-level2", "postal-code",   "country",       "country-name",
};

static gboolean is_address_type(const char *type)
{
    for (gsize i = 0; i < G_N_ELEMENTS(address_types); i++) {
        if (strcmp(type, address_types[i]) == 0)
            return TRUE;
    }
    return FALSE;
}

static gboolean is_street_type(const char *type)
{
    return strcmp(type, "street-address") == 0 || g_str_has_prefix(type, "address-line");
}

/* A house-number field: labelled so, and either typed as a street line or
 * unclassified right next to one (the classifier has no token for it). */
static void find_house_numbers(Planner *p)
{
    for (size_t i = 0; i < p->n_fields; i++) {
        const FillField *field = &p->fields[i];
        p->sections[i] = field->section;
        if (!fill_address_is_house_number(field))
            continue;
        if (is_street_type(field->type)) {
            p->house_number[i] = TRUE;
            continue;
        }
        if (*field->type != '\0')
            continue;
        for (size_t j = i > 2 ? i - 2 : 0; j < MIN(i + 3, p->n_fields); j++) {
            if (j != i && is_street_type(p->fields[j].type) &&
                !fill_address_is_house_number(&p->fields[j])) {
                p->house_number[i] = TRUE;
                p->sections[i] = p->fields[j].section;
                break;
            }
        }
    }
}

/* The index of the block of @section, or -1. */
static gssize block_index(const Planner *p, const char *section)
{
    for (size_t b = 0; b < p->n_blocks; b++) {
        if (strcmp(p->blocks[b].section, section) == 0)
            return (gssize)b;
    }
    return -1;
}

static gboolean address_used(const Planner *p, const cJSON *address)
{
    for (size_t b = 0; b < p->n_blocks; b++) {
        if (p->blocks[b].address == address)
            return TRUE;
    }
    return FALSE;
}

static void assign_addresses(Planner *p)
{
    const FillChoice *choice = p->choice;
    const cJSON *shipping =
        find_item(p->persona, "addresses", choice->shipping_id, "shipping", TRUE);
    const cJSON *billing = find_item(p->persona, "addresses", choice->billing_id, "billing", FALSE);
    gboolean same_allowed = choice->shipping_id != NULL && choice->billing_id != NULL &&
                            strcmp(choice->shipping_id, choice->billing_id) == 0;
    if (p->n_blocks == 1) {
        /* One block: a billing-only checkout gets the billing address if
         * there is one, else the user's main address. */
        Block *only = &p->blocks[0];
        only->address =
            strcmp(only->section, "billing") == 0 && billing != NULL ? billing : shipping;
        only->missing = FILL_REASON_NO_DATA;
        return;
    }
    /* Named blocks first, then the others in page order. A block left
     * without an address while the persona has some is a duplicate. */
    const cJSON *all = cJSON_GetObjectItemCaseSensitive(p->persona, "addresses");
    FillReason missing =
        cJSON_GetArraySize(all) > 0 ? FILL_REASON_DUPLICATE_ADDRESS : FILL_REASON_NO_DATA;
    for (int named = 1; named >= 0; named--) {
        for (size_t b = 0; b < p->n_blocks; b++) {
            Block *block = &p->blocks[b];
            gboolean is_shipping = strcmp(block->section, "shipping") == 0;
            gboolean is_billing = strcmp(block->section, "billing") == 0;
            if ((is_shipping || is_billing) != (named == 1))
                continue;
            const cJSON *wanted[2] = {is_billing ? billing : shipping,
                                      is_shipping || is_billing ? NULL : billing};
            for (gsize w = 0; w < G_N_ELEMENTS(wanted) && block->address == NULL; w++) {
                if (wanted[w] != NULL && (same_allowed || !address_used(p, wanted[w])))
                    block->address = wanted[w];
            }
            block->missing = missing;
        }
    }
}

static void split_blocks(Planner *p)
{
    for (size_t i = 0; i < p->n_fields; i++) {
        const char *type = p->fields[i].type;
        if (!is_address_type(type) && !p->house_number[i])
            continue;
        gssize found = block_index(p, p->sections[i]);
        Block *block = &p->blocks[found >= 0 ? (size_t)found : p->n_blocks];
        if (found < 0) {
            block->section = p->sections[i];
            p->n_blocks++;
        }
        if (p->house_number[i])
            block->split_number = TRUE;
        else if (g_str_has_prefix(type, "address-line"))
            block->last_line = MAX(block->last_line, type[12] - '0');
    }
    assign_addresses(p);
    for (size_t b = 0; b < p->n_blocks; b++) {
        Block *block = &p->blocks[b];
        const cJSON *lines = cJSON_GetObjectItemCaseSensitive(block->address, "lines");
        const cJSON *first = cJSON_IsArray(lines) ? cJSON_GetArrayItem(lines, 0) : NULL;
        if (block->split_number && cJSON_IsString(first))
            fill_address_split_street(first->valuestring, &block->street, &block->number);
    }
}

/* ---- pass 3: the rules ------------------------------------------------- */

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

static const cJSON *name_object(const Planner *p)
{
    return cJSON_GetObjectItemCaseSensitive(p->persona, "name");
}

static void text_name(const Planner *p, const Target *t, FillCandidates *out)
{
    const char *country = t->block != NULL && t->block->address != NULL
                              ? json_string(t->block->address, "country")
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

static void text_plain(const Planner *p, const Target *t, FillCandidates *out)
{
    for (gsize i = 0; i < G_N_ELEMENTS(plain_values); i++) {
        if (strcmp(plain_values[i].type, t->type) != 0)
            continue;
        const cJSON *object =
            plain_values[i].object != NULL
                ? cJSON_GetObjectItemCaseSensitive(p->persona, plain_values[i].object)
                : p->persona;
        fill_candidates_add(out, "as-stored", json_string(object, plain_values[i].key));
    }
}

static void text_additional_name(const Planner *p, const Target *t, FillCandidates *out)
{
    fill_name_additional(t->field, json_string(name_object(p), "additional"), out);
}

static void text_email(const Planner *p, const Target *t, FillCandidates *out)
{
    (void)t;
    fill_candidates_add(out, "as-stored", json_string(p->email, "address"));
}

static FillPhoneContext phone_context(const Planner *p, const Target *t)
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

static void text_phone(const Planner *p, const Target *t, FillCandidates *out)
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

static void text_street(const Planner *p, const Target *t, FillCandidates *out)
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

static void text_address_line(const Planner *p, const Target *t, FillCandidates *out)
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

static void text_house_number(const Planner *p, const Target *t, FillCandidates *out)
{
    (void)p;
    fill_candidates_add(out, "house-number", t->block->number);
}

static void text_city(const Planner *p, const Target *t, FillCandidates *out)
{
    (void)p;
    fill_candidates_add(out, "as-stored", json_string(t->block->address, "city"));
}

static void text_region(const Planner *p, const Target *t, FillCandidates *out)
{
    (void)p;
    const char *stored = json_string(t->block->address, "region");
    fill_candidates_add(out, "as-stored", stored);
    const GeoRegion *region = geo_region_find(json_string(t->block->address, "country"), stored);
    if (region != NULL) {
        fill_candidates_take(out, "name", geo_region_display_name(region));
        fill_candidates_add(out, "code", region->code);
    }
}

static void text_postal_code(const Planner *p, const Target *t, FillCandidates *out)
{
    (void)p;
    const char *stored = json_string(t->block->address, "postal_code");
    if (*stored == '\0')
        return;
    g_autofree char *compact = geo_postal_compact(stored);
    fill_candidates_take(out, "template", fill_format_template(t->field->placeholder, compact));
    fill_candidates_take(out, "formatted",
                         geo_postal_format(json_string(t->block->address, "country"), stored));
    fill_candidates_add(out, "compact", compact);
}

static const GRegex *code_label(void)
{
    static GRegex *regex;
    return fill_norm_regex(&regex, G_REGEX_CASELESS,
                           "\\b(code|iso|kod|código|codice|code pays)\\b");
}

static void text_country(const Planner *p, const Target *t, FillCandidates *out)
{
    (void)p;
    const GeoCountry *country = geo_country_by_code(json_string(t->block->address, "country"));
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

static void text_card_holder(const Planner *p, const Target *t, FillCandidates *out)
{
    const char *holder = json_string(p->card, "holder");
    if (strcmp(t->type, "cc-name") == 0) {
        fill_candidates_add(out, "as-stored", holder);
        return;
    }
    g_autofree char *given = NULL, *family = NULL;
    if (fill_name_split_holder(holder, &given, &family))
        fill_candidates_add(out, "split", strcmp(t->type, "cc-given-name") == 0 ? given : family);
}

static void text_card_number(const Planner *p, const Target *t, FillCandidates *out)
{
    const char *number = json_string(p->card, "number");
    if (*number != '\0' && strspn(number, "0123456789") == strlen(number))
        fill_format_card_number(t->field, number, out);
}

static gboolean card_expiry(const Planner *p, int *month, int *year)
{
    *month = json_int(p->card, "exp_month");
    *year = json_int(p->card, "exp_year");
    return *month >= 1 && *month <= 12 && *year >= 1000;
}

static void text_card_expiry(const Planner *p, const Target *t, FillCandidates *out)
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

static const char *const *network_spellings(const Planner *p)
{
    const char *network = json_string(p->card, "network");
    for (gsize i = 0; i < G_N_ELEMENTS(network_names); i++) {
        if (g_ascii_strcasecmp(network_names[i][0], network) == 0)
            return &network_names[i][1];
    }
    return NULL;
}

static void text_card_type(const Planner *p, const Target *t, FillCandidates *out)
{
    (void)t;
    const char *const *spellings = network_spellings(p);
    if (spellings != NULL)
        fill_candidates_add(out, "name", spellings[0]);
}

/* The persona's birthday (canonical YYYY-MM-DD); FALSE when absent. */
static gboolean birthday(const Planner *p, int *year, int *month, int *day)
{
    const char *text = json_string(p->persona, "birthday");
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
static char *locale_country(const Planner *p)
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

static void text_birthday(const Planner *p, const Target *t, FillCandidates *out)
{
    int year, month, day;
    if (!birthday(p, &year, &month, &day))
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

static int select_country(const Planner *p, const Target *t)
{
    (void)p;
    const GeoCountry *country = geo_country_by_code(json_string(t->block->address, "country"));
    if (country == NULL)
        return FILL_SELECT_NONE;
    return fill_select_by_vocab(t->field, geo_country_vocab(), (int)(country - geo_countries),
                                NULL);
}

static int select_region(const Planner *p, const Target *t)
{
    (void)p;
    const char *country = json_string(t->block->address, "country");
    const char *stored = json_string(t->block->address, "region");
    const GeoRegion *region = geo_region_find(country, stored);
    if (region != NULL)
        return fill_select_by_vocab(t->field, geo_region_vocab(country),
                                    (int)(region - geo_regions), NULL);
    const char *spellings[] = {stored, NULL};
    return *stored != '\0' ? fill_select_by_spelling(t->field, spellings) : FILL_SELECT_NONE;
}

static int select_month(const Planner *p, const Target *t)
{
    int month, year, day;
    if (strcmp(t->type, "cc-exp-month") == 0 ? !card_expiry(p, &month, &year)
                                             : !birthday(p, &year, &month, &day))
        return FILL_SELECT_NONE;
    return fill_select_by_vocab(t->field, month_names_vocab(), month, NULL);
}

static int select_year(const Planner *p, const Target *t)
{
    int month, year, day;
    if (strcmp(t->type, "cc-exp-year") == 0 ? !card_expiry(p, &month, &year)
                                            : !birthday(p, &year, &month, &day))
        return FILL_SELECT_NONE;
    return fill_select_by_number(t->field, year, TRUE);
}

static int select_day(const Planner *p, const Target *t)
{
    int month, year, day;
    if (!birthday(p, &year, &month, &day))
        return FILL_SELECT_NONE;
    return fill_select_by_number(t->field, day, FALSE);
}

static int select_dial_code(const Planner *p, const Target *t)
{
    const GeoCountry *country = p->phone_ok ? geo_country_by_code(p->phone.country->code) : NULL;
    if (country == NULL)
        return FILL_SELECT_NONE;
    return fill_select_by_dial_code(t->field, country, p->phone.country->calling_code);
}

static int select_honorific(const Planner *p, const Target *t)
{
    const char *prefix = json_string(name_object(p), "prefix");
    const char *spellings[] = {prefix, NULL};
    int chosen = fill_select_by_spelling(t->field, spellings);
    if (chosen != FILL_SELECT_NONE)
        return chosen;
    const FillVocab *vocab = fill_name_honorific_vocab();
    int id = fill_vocab_resolve(vocab, prefix, NULL);
    return id >= 0 ? fill_select_by_vocab(t->field, vocab, id, NULL) : FILL_SELECT_NONE;
}

static int select_card_type(const Planner *p, const Target *t)
{
    const char *const *spellings = network_spellings(p);
    return spellings != NULL ? fill_select_by_spelling(t->field, spellings) : FILL_SELECT_NONE;
}

/* ---- the rule table ---------------------------------------------------- */

typedef enum {
    NEEDS_NOTHING,
    NEEDS_ADDRESS, /* the field's block must have an address */
    NEEDS_CARD,    /* card data: a card, and a secure origin */
} Needs;

typedef void (*TextRule)(const Planner *p, const Target *t, FillCandidates *out);
typedef int (*SelectRule)(const Planner *p, const Target *t);

typedef struct {
    const char *type;
    Needs needs;
    TextRule text;
    SelectRule select; /* NULL: a select is matched against the text spellings */
} Rule;

/* "house-number" is Keyfill's own: WHATWG has no token for it. */
static const Rule rules[] = {
    {"name", NEEDS_NOTHING, text_name, NULL},
    {"honorific-prefix", NEEDS_NOTHING, text_plain, select_honorific},
    {"given-name", NEEDS_NOTHING, text_plain, NULL},
    {"additional-name", NEEDS_NOTHING, text_additional_name, NULL},
    {"family-name", NEEDS_NOTHING, text_plain, NULL},
    {"organization", NEEDS_NOTHING, text_plain, NULL},
    {"email", NEEDS_NOTHING, text_email, NULL},
    {"tel", NEEDS_NOTHING, text_phone, NULL},
    {"tel-country-code", NEEDS_NOTHING, text_phone, select_dial_code},
    {"tel-national", NEEDS_NOTHING, text_phone, NULL},
    {"tel-area-code", NEEDS_NOTHING, text_phone, NULL},
    {"tel-local", NEEDS_NOTHING, text_phone, NULL},
    {"tel-local-prefix", NEEDS_NOTHING, text_phone, NULL},
    {"tel-local-suffix", NEEDS_NOTHING, text_phone, NULL},
    {"tel-extension", NEEDS_NOTHING, text_phone, NULL},
    {"street-address", NEEDS_ADDRESS, text_street, NULL},
    {"address-line1", NEEDS_ADDRESS, text_address_line, NULL},
    {"address-line2", NEEDS_ADDRESS, text_address_line, NULL},
    {"address-line3", NEEDS_ADDRESS, text_address_line, NULL},
    {"house-number", NEEDS_ADDRESS, text_house_number, NULL},
    {"address-level1", NEEDS_ADDRESS, text_region, select_region},
    {"address-level2", NEEDS_ADDRESS, text_city, NULL},
    {"postal-code", NEEDS_ADDRESS, text_postal_code, NULL},
    {"country", NEEDS_ADDRESS, text_country, select_country},
    {"country-name", NEEDS_ADDRESS, text_country, select_country},
    {"cc-name", NEEDS_CARD, text_card_holder, NULL},
    {"cc-given-name", NEEDS_CARD, text_card_holder, NULL},
    {"cc-family-name", NEEDS_CARD, text_card_holder, NULL},
    {"cc-number", NEEDS_CARD, text_card_number, NULL},
    {"cc-exp", NEEDS_CARD, text_card_expiry, NULL},
    {"cc-exp-month", NEEDS_CARD, text_card_expiry, select_month},
    {"cc-exp-year", NEEDS_CARD, text_card_expiry, select_year},
    {"cc-type", NEEDS_CARD, text_card_type, select_card_type},
    {"bday", NEEDS_NOTHING, text_birthday, NULL},
    {"bday-day", NEEDS_NOTHING, text_birthday, select_day},
    {"bday-month", NEEDS_NOTHING, text_birthday, select_month},
    {"bday-year", NEEDS_NOTHING, text_birthday, select_year},
};

static const Rule *find_rule(const char *type)
{
    for (gsize i = 0; i < G_N_ELEMENTS(rules); i++) {
        if (strcmp(rules[i].type, type) == 0)
            return &rules[i];
    }
    return NULL;
}

static gboolean is_select(const FillField *field)
{
    return field->tag == DESCRIPTOR_TAG_SELECT;
}

/* ---- planning one field ------------------------------------------------ */

static void skip(FillPlan *plan, const FillField *field, FillReason reason)
{
    FillSkip skipped = {field->index, reason};
    g_array_append_val(plan->skipped, skipped);
}

static void add_entry(FillPlan *plan, const FillField *field, const char *type, const char *value,
                      const char *format, gboolean preview)
{
    FillEntry entry = {field->index, preview ? fill_mask_value(type, value) : g_strdup(value),
                       g_strdup(format)};
    g_array_append_val(plan->entries, entry);
}

static void plan_select(const Planner *p, const Rule *rule, const Target *t, FillPlan *plan)
{
    int chosen;
    if (rule->select != NULL) {
        chosen = rule->select(p, t);
    } else {
        g_auto(FillCandidates) candidates = {0};
        rule->text(p, t, &candidates);
        if (candidates.n == 0) {
            skip(plan, t->field, FILL_REASON_NO_DATA);
            return;
        }
        const char *spellings[FILL_MAX_CANDIDATES + 1] = {NULL};
        for (size_t i = 0; i < candidates.n; i++)
            spellings[i] = candidates.items[i].value;
        chosen = fill_select_by_spelling(t->field, spellings);
    }
    if (chosen < 0) {
        skip(plan, t->field, FILL_REASON_NO_OPTION_MATCHES);
        return;
    }
    const FillOption *option = &t->field->options[chosen];
    add_entry(plan, t->field, t->type, option->value, "option", p->choice->preview);
}

static void plan_text(const Planner *p, const Rule *rule, const Target *t, FillPlan *plan)
{
    g_auto(FillCandidates) candidates = {0};
    rule->text(p, t, &candidates);
    if (candidates.n == 0) {
        gboolean date = strcmp(t->type, "bday") == 0;
        int year, month, day;
        skip(plan, t->field,
             date && birthday(p, &year, &month, &day) ? FILL_REASON_FORMAT_UNKNOWN
                                                      : FILL_REASON_NO_DATA);
        return;
    }
    const FillChoice *choice = p->choice;
    const char *preferred = choice->preferred_formats != NULL
                                ? g_hash_table_lookup(choice->preferred_formats, t->type)
                                : NULL;
    const char *avoided = choice->avoided_formats != NULL
                              ? g_hash_table_lookup(choice->avoided_formats, t->type)
                              : NULL;
    int chosen = fill_format_choose(t->field, &candidates, preferred, avoided);
    if (chosen < 0) {
        skip(plan, t->field, FILL_REASON_DOES_NOT_FIT);
        return;
    }
    const FillCandidate *candidate = &candidates.items[chosen];
    add_entry(plan, t->field, t->type, candidate->value, candidate->format, p->choice->preview);
}

/* Input types that never take a personal value, whatever the classifier
 * said: a value there would be lost, or worse, submitted as something else. */
static const char *const never_filled_inputs[] = {
    "password", "checkbox", "radio", "submit", "button", "reset",
    "file",     "image",    "range", "color",  "search",
};

static gboolean takes_values(const FillField *field)
{
    for (gsize i = 0; i < G_N_ELEMENTS(never_filled_inputs); i++) {
        if (g_strcmp0(field->input_type, never_filled_inputs[i]) == 0)
            return FALSE;
    }
    return TRUE;
}

static void plan_field(const Planner *p, size_t i, FillPlan *plan)
{
    const FillField *field = &p->fields[i];
    Target t = {field, p->house_number[i] ? "house-number" : field->type, NULL};
    if (!field->visible || g_strcmp0(field->input_type, "hidden") == 0) {
        skip(plan, field, FILL_REASON_HIDDEN);
        return;
    }
    if (!takes_values(field)) {
        skip(plan, field, FILL_REASON_NO_TYPE);
        return;
    }
    if (strcmp(t.type, "cc-csc") == 0) {
        skip(plan, field, FILL_REASON_NEVER_STORED);
        return;
    }
    const Rule *rule = find_rule(t.type);
    if (rule == NULL) {
        skip(plan, field, FILL_REASON_NO_TYPE);
        return;
    }
    if (field->disabled || field->readonly) {
        skip(plan, field, FILL_REASON_NOT_EDITABLE);
        return;
    }
    if (rule->needs == NEEDS_CARD &&
        (p->choice->origin == NULL || !origin_is_secure(p->choice->origin))) {
        skip(plan, field, FILL_REASON_INSECURE_ORIGIN);
        return;
    }
    if (rule->needs == NEEDS_CARD && p->card == NULL) {
        skip(plan, field, FILL_REASON_NO_DATA);
        return;
    }
    gssize block = block_index(p, p->sections[i]);
    t.block = block >= 0 ? &p->blocks[block] : NULL;
    if (rule->needs == NEEDS_ADDRESS && t.block->address == NULL) {
        skip(plan, field, t.block->missing);
        return;
    }
    if (is_select(field))
        plan_select(p, rule, &t, plan);
    else
        plan_text(p, rule, &t, plan);
}

static void planner_free(Planner *p)
{
    for (size_t b = 0; b < p->n_blocks; b++) {
        if (p->blocks[b].street != NULL)
            explicit_bzero(p->blocks[b].street, strlen(p->blocks[b].street));
        if (p->blocks[b].number != NULL)
            explicit_bzero(p->blocks[b].number, strlen(p->blocks[b].number));
        g_free(p->blocks[b].street);
        g_free(p->blocks[b].number);
    }
    g_free(p->blocks);
    g_free(p->house_number);
    g_free(p->sections);
    fill_phone_clear(&p->phone);
    g_free(p);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Planner, planner_free)

gboolean fill_plan(const FillField *fields, size_t n_fields, const cJSON *persona,
                   const FillChoice *choice, FillPlan **out, GError **error)
{
    g_return_val_if_fail((fields != NULL || n_fields == 0) && choice != NULL && out != NULL, FALSE);
    if (n_fields > FILL_MAX_FIELDS) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "The form has %zu fields; Keyfill plans at most %d at a time.", n_fields,
                    FILL_MAX_FIELDS);
        return FALSE;
    }
    if (!cJSON_IsObject(persona)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                    "The persona is not a persona object. Choose a persona and try again.");
        return FALSE;
    }
    if (!check_choice(persona, "addresses", choice->shipping_id, "shipping address", error) ||
        !check_choice(persona, "addresses", choice->billing_id, "billing address", error) ||
        !check_choice(persona, "cards", choice->card_id, "card", error))
        return FALSE;

    g_autoptr(Planner) p = g_new0(Planner, 1);
    p->fields = fields;
    p->n_fields = n_fields;
    p->persona = persona;
    p->choice = choice;
    p->card = find_item(persona, "cards", choice->card_id, NULL, TRUE);
    p->email = find_item(persona, "emails", NULL, NULL, TRUE);
    const cJSON *phone = find_item(persona, "phones", NULL, NULL, TRUE);
    p->phone_ok =
        fill_phone_parse(json_string(phone, "number"), json_string(phone, "country"),
                         cJSON_IsString(cJSON_GetObjectItemCaseSensitive(phone, "extension"))
                             ? json_string(phone, "extension")
                             : NULL,
                         &p->phone);
    const cJSON *home = find_item(persona, "addresses", choice->shipping_id, "shipping", TRUE);
    const GeoCountry *home_country = geo_country_by_code(json_string(home, "country"));
    p->home_country = home_country != NULL ? home_country->alpha2 : NULL;
    p->blocks = g_new0(Block, MAX(n_fields, 1));
    p->house_number = g_new0(gboolean, MAX(n_fields, 1));
    p->sections = g_new0(const char *, MAX(n_fields, 1));

    find_house_numbers(p);
    split_blocks(p);

    FillPlan *plan = g_new0(FillPlan, 1);
    plan->entries = g_array_new(FALSE, FALSE, sizeof(FillEntry));
    plan->skipped = g_array_new(FALSE, FALSE, sizeof(FillSkip));
    for (size_t i = 0; i < n_fields; i++)
        plan_field(p, i, plan);
    *out = plan;
    return TRUE;
}

cJSON *fill_plan_to_json(const FillPlan *plan, gboolean preview)
{
    g_return_val_if_fail(plan != NULL, NULL);
    cJSON *result = cJSON_CreateObject();
    cJSON *fill = cJSON_AddObjectToObject(result, "fill");
    cJSON *formats = cJSON_AddObjectToObject(result, "formats");
    for (guint i = 0; i < plan->entries->len; i++) {
        const FillEntry *entry = &g_array_index(plan->entries, FillEntry, i);
        char key[24];
        g_snprintf(key, sizeof key, "%" G_GINT64_FORMAT, entry->index);
        cJSON_AddStringToObject(fill, key, entry->value);
        cJSON_AddStringToObject(formats, key, entry->format);
    }
    cJSON *skipped = cJSON_AddArrayToObject(result, "skipped");
    for (guint i = 0; i < plan->skipped->len; i++) {
        const FillSkip *skip_entry = &g_array_index(plan->skipped, FillSkip, i);
        cJSON *item = cJSON_CreateObject();
        cJSON_AddNumberToObject(item, "index", (double)skip_entry->index);
        cJSON_AddStringToObject(item, "reason", fill_reason_name(skip_entry->reason));
        cJSON_AddItemToArray(skipped, item);
    }
    cJSON_AddBoolToObject(result, "preview", preview);
    return result;
}
