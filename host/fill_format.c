/*
 * fill_format.c — candidate spellings, the fit test, templates, and the
 * expiry, date and card number layouts.
 *
 * DESIGN: layouts are read from what the page shows a person (placeholder
 * first, then the label), because that is what the page's validation
 * expects; maxlength only breaks ties. Every regex here is compiled once.
 */
#include "fill_format.h"

#include "fill_norm.h"

#include <string.h>

void fill_candidates_clear(FillCandidates *candidates)
{
    for (size_t i = 0; i < candidates->n; i++) {
        g_free(candidates->items[i].format);
        if (candidates->items[i].value != NULL) {
            explicit_bzero(candidates->items[i].value, strlen(candidates->items[i].value));
            g_free(candidates->items[i].value);
        }
    }
    memset(candidates, 0, sizeof *candidates);
}

void fill_candidates_take(FillCandidates *candidates, const char *format, char *value)
{
    if (value == NULL)
        return;
    gboolean keep =
        *value != '\0' && strlen(value) <= FILL_MAX_VALUE && candidates->n < FILL_MAX_CANDIDATES;
    for (size_t i = 0; keep && i < candidates->n; i++) {
        if (strcmp(candidates->items[i].value, value) == 0)
            keep = FALSE;
    }
    if (!keep) {
        explicit_bzero(value, strlen(value));
        g_free(value);
        return;
    }
    candidates->items[candidates->n].format = g_strdup(format);
    candidates->items[candidates->n].value = value;
    candidates->n++;
}

void fill_candidates_add(FillCandidates *candidates, const char *format, const char *value)
{
    if (value != NULL)
        fill_candidates_take(candidates, format, g_strdup(value));
}

/* Length as maxlength counts it: UTF-16 code units. */
static gint64 utf16_length(const char *value)
{
    gint64 units = 0;
    for (const char *p = value; *p != '\0'; p = g_utf8_next_char(p))
        units += g_utf8_get_char(p) > 0xFFFF ? 2 : 1;
    return units;
}

/* The pattern attribute as an anchored regex, or NULL when there is none
 * or it does not compile (browsers then ignore it). */
static GRegex *compile_pattern(const FillField *field)
{
    if (field->pattern == NULL || *field->pattern == '\0')
        return NULL;
    g_autofree char *anchored = g_strdup_printf("^(?:%s)$", field->pattern);
    return g_regex_new(anchored, 0, 0, NULL);
}

/* What the browser keeps in inputs of these types: anything else is
 * sanitised to "" when set, so it must not be planned. */
typedef struct {
    const char *input_type;
    const char *accepts;
} InputSyntax;

static const InputSyntax input_syntax[] = {
    {"number", "^-?[0-9]+(\\.[0-9]+)?$"},
    {"date", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    {"month", "^[0-9]{4}-[0-9]{2}$"},
    {"email", "^[^@\\s]+@[^@\\s]+$"},
};

static gboolean input_accepts(const FillField *field, const char *value)
{
    static GRegex *compiled[G_N_ELEMENTS(input_syntax)];
    for (gsize i = 0; field->input_type != NULL && i < G_N_ELEMENTS(input_syntax); i++) {
        if (strcmp(field->input_type, input_syntax[i].input_type) == 0)
            return g_regex_match(fill_norm_regex(&compiled[i], 0, input_syntax[i].accepts), value,
                                 0, NULL);
    }
    return TRUE;
}

static gboolean fits_with(const FillField *field, const GRegex *pattern, const char *value)
{
    if (field->maxlength >= 0 && utf16_length(value) > field->maxlength)
        return FALSE;
    if (!input_accepts(field, value))
        return FALSE;
    return pattern == NULL || g_regex_match(pattern, value, 0, NULL);
}

gboolean fill_format_fits(const FillField *field, const char *value)
{
    g_return_val_if_fail(field != NULL && value != NULL, FALSE);
    g_autoptr(GRegex) pattern = compile_pattern(field);
    return fits_with(field, pattern, value);
}

char *fill_format_shape(const char *value)
{
    GString *shape = g_string_new(NULL);
    for (const char *p = value != NULL ? value : ""; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isdigit(c))
            g_string_append_c(shape, '9');
        else if (g_unichar_isalpha(c))
            g_string_append_c(shape, 'A');
        else
            g_string_append_unichar(shape, c);
    }
    return g_string_free(shape, FALSE);
}

/* Every fixed format id the formatters use; layouts are checked apart. */
static const char *const fixed_formats[] = {
    "alpha2",
    "alpha3",
    "as-stored",
    "code",
    "compact",
    "custom",
    "digits",
    "e164",
    "family-comma-given",
    "family-first",
    "family-first-short",
    "formatted",
    "full",
    "given-family",
    "given-family-middle",
    "grouped",
    "house-number",
    "initial",
    "line",
    "lines-comma",
    "lines-newline",
    "lines-rest",
    "name",
    "nanp-area",
    "nanp-local",
    "nanp-local-dash",
    "nanp-prefix",
    "nanp-suffix",
    "national",
    "nsn",
    "option",
    "padded",
    "plain",
    "plus-code",
    "split",
    "street-only",
    "template",
    "YY",
    "YYYY",
};

static const GRegex *layout_format(void);

gboolean fill_format_is_known(const char *format)
{
    if (format == NULL || strlen(format) > FILL_FORMAT_MAX_ID)
        return FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(fixed_formats); i++) {
        if (strcmp(fixed_formats[i], format) == 0)
            return TRUE;
    }
    return g_regex_match(layout_format(), format, 0, NULL);
}

static gboolean candidate_is(const FillCandidate *candidate, const char *preferred)
{
    if (strcmp(candidate->format, preferred) == 0)
        return TRUE;
    g_autofree char *shape = fill_format_shape(candidate->value);
    return strcmp(shape, preferred) == 0;
}

int fill_format_choose(const FillField *field, const FillCandidates *candidates,
                       const char *preferred, const char *avoided)
{
    g_return_val_if_fail(field != NULL && candidates != NULL, -1);
    g_autoptr(GRegex) pattern = compile_pattern(field);
    for (size_t i = 0; preferred != NULL && i < candidates->n; i++) {
        if (candidate_is(&candidates->items[i], preferred) &&
            fits_with(field, pattern, candidates->items[i].value))
            return (int)i;
    }
    for (size_t i = 0; i < candidates->n; i++) {
        if (g_strcmp0(candidates->items[i].format, avoided) != 0 &&
            fits_with(field, pattern, candidates->items[i].value))
            return (int)i;
    }
    return -1;
}

/* Template slots and separators (see fill_format_template()). */
#define TEMPLATE_MAX 40
static const char template_separators[] = " .-/()+";

static gboolean is_symbol_slot(gunichar c)
{
    return c == '#' || c == '_' || c == '*' || c == 0x2022 /* • */;
}

char *fill_format_template(const char *placeholder, const char *value)
{
    if (placeholder == NULL || value == NULL || g_utf8_strlen(placeholder, -1) > TEMPLATE_MAX)
        return NULL;
    g_autofree gunichar *wanted = g_utf8_to_ucs4_fast(value, -1, NULL);
    gsize n_wanted = 0;
    GString *out = g_string_new(NULL);
    gboolean separator_seen = FALSE;
    gsize next = 0;
    for (gsize i = 0; wanted[i] != 0; i++) {
        if (g_unichar_isalnum(wanted[i]))
            wanted[n_wanted++] = wanted[i];
    }
    for (const char *p = placeholder; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar slot = g_utf8_get_char(p);
        if (slot < 0x80 && strchr(template_separators, (int)slot) != NULL) {
            g_string_append_c(out, (char)slot);
            separator_seen = TRUE;
            continue;
        }
        gboolean letter_slot = g_unichar_isalpha(slot);
        if (!letter_slot && !g_unichar_isdigit(slot) && !is_symbol_slot(slot))
            goto no_template;
        if (next >= n_wanted)
            goto no_template;
        gunichar c = wanted[next++];
        gboolean digit_ok = !letter_slot || strchr("XxNn", (int)(slot < 0x80 ? slot : 0)) != NULL;
        if (g_unichar_isdigit(c) ? !digit_ok : !letter_slot)
            goto no_template;
        g_string_append_unichar(out, c);
    }
    if (!separator_seen || next != n_wanted)
        goto no_template;
    return g_string_free(out, FALSE);

no_template:
    explicit_bzero(out->str, out->len);
    g_string_free(out, TRUE);
    return NULL;
}

/* The ids of date and expiry layouts: "MM/YY", "YYYY-MM", "DD.MM.YYYY". */
static const GRegex *layout_format(void)
{
    static GRegex *regex;
    return fill_norm_regex(&regex, 0,
                           "^(M{1,2}|D{1,2}|Y{2,4})(( ?[/.-]? ?)(M{1,2}|D{1,2}|Y{2,4})){1,2}$");
}

/* "MM/YY" and its spellings in other languages, or "12/30" written out. */
static const GRegex *expiry_letters(void)
{
    static GRegex *regex;
    return fill_norm_regex(&regex, G_REGEX_CASELESS,
                           "(?<![a-z])(MM|M|TT)(\\s*[/.\\-]?\\s*)"
                           "(YYYY|YY|AAAA|AA|JJJJ|JJ|ÅÅÅÅ|ÅÅ|RRRR|RR)(?![a-z])");
}

static const GRegex *expiry_digits(void)
{
    static GRegex *regex;
    return fill_norm_regex(&regex, G_REGEX_CASELESS,
                           "(?<![0-9])(0[1-9]|1[0-2])(\\s*[/.\\-]?\\s*)(20[0-9]{2}|[0-9]{2})"
                           "(?![0-9])");
}

/* Adds the expiry spelled with a month of @month_width digits (1 or 2),
 * separator @separator and a year of @year_width digits (2 or 4). */
static void add_expiry(FillCandidates *out, int month, int year, int month_width,
                       const char *separator, int year_width)
{
    g_autofree char *format = g_strdup_printf("%s%s%s", month_width == 1 ? "M" : "MM", separator,
                                              year_width == 2 ? "YY" : "YYYY");
    char *value = g_strdup_printf("%0*d%s%0*d", month_width, month, separator, year_width,
                                  year_width == 2 ? year % 100 : year);
    fill_candidates_take(out, format, value);
}

/* Adds the layout shown in @text, if it shows one; TRUE when it did. */
static gboolean add_expiry_shown(const char *text, int month, int year, FillCandidates *out)
{
    const GRegex *regexes[] = {expiry_letters(), expiry_digits()};
    for (gsize r = 0; r < G_N_ELEMENTS(regexes) && text != NULL; r++) {
        g_autoptr(GMatchInfo) match = NULL;
        if (!g_regex_match(regexes[r], text, 0, &match))
            continue;
        g_autofree char *month_token = g_match_info_fetch(match, 1);
        g_autofree char *separator = g_match_info_fetch(match, 2);
        g_autofree char *year_token = g_match_info_fetch(match, 3);
        int month_width = r == 0 && strlen(month_token) == 1 ? 1 : 2;
        int year_width = g_utf8_strlen(year_token, -1) == 4 ? 4 : 2;
        add_expiry(out, month, year, month_width, separator, year_width);
        return TRUE;
    }
    return FALSE;
}

/* Layouts by maxlength, when the page shows none; then the common ones. */
typedef struct {
    gint64 maxlength;
    const char *separator;
    int year_width;
} ExpiryLayout;

static const ExpiryLayout expiry_by_length[] = {
    {4, "", 2}, {5, "/", 2}, {6, "", 4}, {7, "/", 4}, {9, " / ", 4},
};

static const ExpiryLayout expiry_common[] = {
    {0, "/", 2},   {0, "/", 4}, {0, "", 2},  {0, "-", 2},
    {0, " / ", 2}, {0, "", 4},  {0, "-", 4}, {0, " / ", 4},
};

void fill_format_expiry(const FillField *field, int month, int year, FillCandidates *out)
{
    g_return_if_fail(field != NULL && out != NULL && month >= 1 && month <= 12);
    if (g_strcmp0(field->input_type, "month") == 0) {
        fill_candidates_take(out, "YYYY-MM", g_strdup_printf("%04d-%02d", year, month));
        return;
    }
    if (!add_expiry_shown(field->placeholder, month, year, out))
        add_expiry_shown(field->hint, month, year, out);
    for (gsize i = 0; i < G_N_ELEMENTS(expiry_by_length); i++) {
        if (expiry_by_length[i].maxlength == field->maxlength)
            add_expiry(out, month, year, 2, expiry_by_length[i].separator,
                       expiry_by_length[i].year_width);
    }
    for (gsize i = 0; i < G_N_ELEMENTS(expiry_common); i++)
        add_expiry(out, month, year, 2, expiry_common[i].separator, expiry_common[i].year_width);
}

/* Date parts in the order a page writes them. */
typedef enum { PART_DAY, PART_MONTH, PART_YEAR } DatePart;

typedef struct {
    DatePart parts[3];
    int widths[3]; /* digits of each part: 1, 2 or 4 */
    char separators[2][4];
} DateLayout;

static const GRegex *date_letters(void)
{
    static GRegex *regex;
    return fill_norm_regex(&regex, G_REGEX_CASELESS,
                           "(?<![a-zåÅ])(d{1,2}|t{1,2}|g{1,2}|j{1,4}|m{1,2}|y{2,4}|a{2,4}|"
                           "å{2,4}|r{2,4})([./\\- ]{1,3})(d{1,2}|t{1,2}|g{1,2}|j{1,4}|m{1,2}|"
                           "y{2,4}|a{2,4}|å{2,4}|r{2,4})([./\\- ]{1,3})(d{1,2}|t{1,2}|g{1,2}|"
                           "j{1,4}|m{1,2}|y{2,4}|a{2,4}|å{2,4}|r{2,4})(?![a-zåÅ])");
}

static const GRegex *date_digits(void)
{
    static GRegex *regex;
    return fill_norm_regex(&regex, G_REGEX_CASELESS,
                           "(?<![0-9])([0-9]{1,4})([./\\- ])([0-9]{1,2})([./\\- ])([0-9]{1,4})"
                           "(?![0-9])");
}

/* Reads the parts of a letter template ("TT.MM.JJJJ", "JJ/MM/AAAA"). */
static gboolean layout_from_letters(char *const tokens[3], DateLayout *layout)
{
    gboolean has_day_letter = FALSE;
    for (int i = 0; i < 3; i++)
        has_day_letter |= strchr("dDtTgG", tokens[i][0]) != NULL;
    int seen[3] = {0, 0, 0};
    for (int i = 0; i < 3; i++) {
        gunichar c = g_unichar_tolower(g_utf8_get_char(tokens[i]));
        int width = (int)g_utf8_strlen(tokens[i], -1);
        DatePart part;
        if (c == 'm')
            part = PART_MONTH;
        else if (c == 'd' || c == 't' || c == 'g')
            part = PART_DAY;
        else if (c == 'j') /* Jahr (German) when 4 long or beside a day; jour (French) otherwise */
            part = width == 4 || has_day_letter ? PART_YEAR : PART_DAY;
        else
            part = PART_YEAR;
        if (part == PART_YEAR && width != 2 && width != 4)
            return FALSE;
        if (part != PART_YEAR && width > 2)
            return FALSE;
        layout->parts[i] = part;
        layout->widths[i] = width;
        seen[part]++;
    }
    return seen[0] == 1 && seen[1] == 1 && seen[2] == 1;
}

/* Reads the order of an example date ("31/12/1990", "1990-12-31"). */
static gboolean layout_from_digits(char *const tokens[3], DateLayout *layout)
{
    int values[3];
    for (int i = 0; i < 3; i++) {
        values[i] = (int)g_ascii_strtoll(tokens[i], NULL, 10);
        layout->widths[i] = strlen(tokens[i]) == 4 ? 4 : 2;
    }
    if (layout->widths[0] == 4 && layout->widths[2] != 4) { /* year first: Y-M-D */
        layout->parts[0] = PART_YEAR, layout->parts[1] = PART_MONTH, layout->parts[2] = PART_DAY;
        return values[1] <= 12;
    }
    if (layout->widths[2] != 4 || layout->widths[0] == 4)
        return FALSE;
    layout->parts[2] = PART_YEAR;
    if (values[0] > 12 && values[1] <= 12)
        layout->parts[0] = PART_DAY, layout->parts[1] = PART_MONTH;
    else if (values[1] > 12 && values[0] <= 12)
        layout->parts[0] = PART_MONTH, layout->parts[1] = PART_DAY;
    else
        return FALSE; /* "01/02/1990" shows no order */
    return TRUE;
}

static gboolean layout_shown(const char *text, DateLayout *layout)
{
    const GRegex *regexes[] = {date_letters(), date_digits()};
    for (gsize r = 0; r < G_N_ELEMENTS(regexes) && text != NULL; r++) {
        g_autoptr(GMatchInfo) match = NULL;
        if (!g_regex_match(regexes[r], text, 0, &match))
            continue;
        g_auto(GStrv) groups = g_match_info_fetch_all(match);
        char *tokens[3] = {groups[1], groups[3], groups[5]};
        gboolean ok =
            r == 0 ? layout_from_letters(tokens, layout) : layout_from_digits(tokens, layout);
        if (ok) {
            g_strlcpy(layout->separators[0], groups[2], sizeof layout->separators[0]);
            g_strlcpy(layout->separators[1], groups[4], sizeof layout->separators[1]);
            return TRUE;
        }
    }
    return FALSE;
}

/* Date order and separator by country, for pages that show no layout. */
typedef struct {
    const char *countries;
    DatePart parts[3];
    const char *separator;
} DateLocale;

static const DateLocale date_locales[] = {
    {"US PH FM PW MH", {PART_MONTH, PART_DAY, PART_YEAR}, "/"},
    {"JP CN KR TW HU LT MN", {PART_YEAR, PART_MONTH, PART_DAY}, "-"},
    {"DE AT CH PL RU TR NO FI CZ SK DK UA BY KZ RO BG HR RS SI EE LV IS",
     {PART_DAY, PART_MONTH, PART_YEAR},
     "."},
    {"NL", {PART_DAY, PART_MONTH, PART_YEAR}, "-"},
};

static gboolean layout_for_country(const char *country, DateLayout *layout)
{
    if (country == NULL || strlen(country) != 2)
        return FALSE;
    const DatePart day_first[3] = {PART_DAY, PART_MONTH, PART_YEAR};
    const DatePart *parts = day_first;
    const char *separator = "/"; /* day-month-year with slashes: most of the world */
    for (gsize i = 0; i < G_N_ELEMENTS(date_locales); i++) {
        if (strstr(date_locales[i].countries, country) != NULL) {
            parts = date_locales[i].parts;
            separator = date_locales[i].separator;
            break;
        }
    }
    for (int i = 0; i < 3; i++) {
        layout->parts[i] = parts[i];
        layout->widths[i] = parts[i] == PART_YEAR ? 4 : 2;
    }
    g_strlcpy(layout->separators[0], separator, sizeof layout->separators[0]);
    g_strlcpy(layout->separators[1], separator, sizeof layout->separators[1]);
    return TRUE;
}

void fill_format_date(const FillField *field, int year, int month, int day,
                      const char *locale_country, FillCandidates *out)
{
    g_return_if_fail(field != NULL && out != NULL);
    if (g_strcmp0(field->input_type, "date") == 0) {
        fill_candidates_take(out, "YYYY-MM-DD",
                             g_strdup_printf("%04d-%02d-%02d", year, month, day));
        return;
    }
    DateLayout layout;
    if (!layout_shown(field->placeholder, &layout) && !layout_shown(field->hint, &layout) &&
        !layout_for_country(locale_country, &layout))
        return;
    GString *value = g_string_new(NULL);
    GString *format = g_string_new(NULL);
    static const char letters[] = {'D', 'M', 'Y'};
    for (int i = 0; i < 3; i++) {
        int number = layout.parts[i] == PART_DAY     ? day
                     : layout.parts[i] == PART_MONTH ? month
                                                     : year;
        if (layout.parts[i] == PART_YEAR && layout.widths[i] == 2)
            number %= 100;
        g_string_append_printf(value, "%0*d", layout.widths[i], number);
        for (int w = 0; w < layout.widths[i]; w++)
            g_string_append_c(format, letters[layout.parts[i]]);
        if (i < 2) {
            g_string_append(value, layout.separators[i]);
            g_string_append(format, layout.separators[i]);
        }
    }
    fill_candidates_take(out, format->str, g_string_free(value, FALSE));
    g_string_free(format, TRUE);
}

void fill_format_two_digits(const FillField *field, int number, FillCandidates *out)
{
    g_return_if_fail(field != NULL && out != NULL);
    gboolean one_letter = field->placeholder != NULL && strlen(field->placeholder) == 1 &&
                          g_ascii_isalpha(field->placeholder[0]);
    g_autofree char *padded = g_strdup_printf("%02d", number);
    g_autofree char *plain = g_strdup_printf("%d", number);
    fill_candidates_add(out, one_letter ? "plain" : "padded", one_letter ? plain : padded);
    fill_candidates_add(out, one_letter ? "padded" : "plain", one_letter ? padded : plain);
}

static const GRegex *two_digit_year(void)
{
    static GRegex *regex;
    return fill_norm_regex(&regex, G_REGEX_CASELESS, "(?<![a-zåÅ])(YY|AA|JJ|ÅÅ|RR)(?![a-zåÅ])");
}

void fill_format_year(const FillField *field, int year, FillCandidates *out)
{
    g_return_if_fail(field != NULL && out != NULL);
    gboolean short_first =
        (field->placeholder != NULL &&
         g_regex_match(two_digit_year(), field->placeholder, 0, NULL)) ||
        (field->hint != NULL && g_regex_match(two_digit_year(), field->hint, 0, NULL));
    g_autofree char *full = g_strdup_printf("%04d", year);
    g_autofree char *two = g_strdup_printf("%02d", year % 100);
    fill_candidates_add(out, short_first ? "YY" : "YYYY", short_first ? two : full);
    fill_candidates_add(out, short_first ? "YYYY" : "YY", short_first ? full : two);
}

/* Digit groups of card numbers by length: Amex 4-6-5, Diners 4-6-4. */
static const char *card_groups(gsize length)
{
    switch (length) {
    case 15:
        return "465";
    case 14:
        return "464";
    case 19:
        return "44443";
    default:
        return NULL;
    }
}

void fill_format_card_number(const FillField *field, const char *digits, FillCandidates *out)
{
    g_return_if_fail(field != NULL && digits != NULL && out != NULL);
    gsize length = strlen(digits);
    GString *grouped = g_string_new(NULL);
    const char *groups = card_groups(length);
    gsize at = 0;
    for (gsize g = 0; at < length; g++) {
        gsize size = groups != NULL && groups[g] != '\0' ? (gsize)(groups[g] - '0') : 4;
        if (at > 0)
            g_string_append_c(grouped, ' ');
        g_string_append_len(grouped, digits + at, (gssize)MIN(size, length - at));
        at += size;
    }
    fill_candidates_take(out, "template", fill_format_template(field->placeholder, digits));
    gboolean room_for_spaces = field->maxlength == (gint64)grouped->len;
    if (room_for_spaces)
        fill_candidates_add(out, "grouped", grouped->str);
    fill_candidates_add(out, "digits", digits);
    fill_candidates_add(out, "grouped", grouped->str);
    explicit_bzero(grouped->str, grouped->len);
    g_string_free(grouped, TRUE);
}
