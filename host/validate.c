/*
 * validate.c — the validation rules for personal values.
 *
 * DESIGN: every rule that is knowledge about the world (card number ranges,
 * postal code formats, which fields a persona has) is a table with a note
 * on why; the code only walks tables. Single-item checks return a reason
 * without a field name; validate_persona() prefixes the field's path, so a
 * user sees "cards[0].number: the card number fails the checksum ...".
 * Tables of compiled regular expressions are built once per process.
 */
#include "validate.h"

#include "card.h"
#include "countries.h"
#include "errors.h"

#include <math.h>
#include <string.h>

/* --- e-mail ------------------------------------------------------------------ */

/* RFC 5322 "atext": the characters of an unquoted local part besides dots.
 * Quoted local parts and IP-literal domains are legal but never seen in
 * forms, and web sites reject them, so they are refused here too. */
static gboolean is_atext(char c)
{
    return g_ascii_isalnum(c) || strchr("!#$%&'*+/=?^_`{|}~-", c) != NULL ||
           (guchar)c >= 0x80; /* UTF-8 of internationalised addresses (RFC 6531) */
}

static gboolean email_fail(GError **error, const char *reason)
{
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_EMAIL, "the e-mail address %s", reason);
    return FALSE;
}

gboolean validate_email(const char *input, char **normalised, GError **error)
{
    g_return_val_if_fail(input != NULL && normalised != NULL, FALSE);
    g_autofree char *address = g_strstrip(g_strdup(input));
    gsize length = strlen(address);
    if (length == 0)
        return email_fail(error, "is empty");
    if (length > VALIDATE_EMAIL_MAX)
        return email_fail(error, "is longer than 254 characters");
    if (!g_utf8_validate(address, -1, NULL))
        return email_fail(error, "is not valid UTF-8 text");
    char *at = strrchr(address, '@');
    if (at == NULL)
        return email_fail(error, "has no @; write it as name@example.org");
    if (strchr(address, '@') != at)
        return email_fail(error, "has more than one @");
    gsize local_length = (gsize)(at - address);
    if (local_length == 0)
        return email_fail(error, "has nothing before the @");
    if (local_length > VALIDATE_LOCAL_PART_MAX)
        return email_fail(error, "has more than 64 characters before the @");
    for (gsize i = 0; i < local_length; i++) {
        char c = address[i];
        if (c == '.') {
            if (i == 0 || i + 1 == local_length || address[i + 1] == '.')
                return email_fail(error, "has a dot at the start or end of the name or two "
                                         "dots in a row");
        } else if (g_ascii_isspace(c)) {
            return email_fail(error, "contains a space");
        } else if (!is_atext(c)) {
            return email_fail(error, "contains a character not allowed before the @");
        }
    }
    const char *domain = at + 1;
    if (*domain == '\0')
        return email_fail(error, "has no domain after the @");
    int labels = 0;
    gboolean all_digits_tld = TRUE;
    for (const char *label = domain; label != NULL; labels++) {
        const char *dot = strchr(label, '.');
        gsize label_length = dot != NULL ? (gsize)(dot - label) : strlen(label);
        if (label_length == 0)
            return email_fail(error, "has an empty part in its domain (two dots, or a dot at "
                                     "an end)");
        if (label_length > 63)
            return email_fail(error, "has a domain part longer than 63 characters");
        if (label[0] == '-' || label[label_length - 1] == '-')
            return email_fail(error, "has a domain part starting or ending with a dash");
        all_digits_tld = TRUE;
        for (gsize i = 0; i < label_length; i++) {
            char c = label[i];
            if (g_ascii_isspace(c))
                return email_fail(error, "contains a space");
            if (!g_ascii_isalnum(c) && c != '-' && (guchar)c < 0x80)
                return email_fail(error, "has a character not allowed in a domain name");
            if (!g_ascii_isdigit(c))
                all_digits_tld = FALSE;
        }
        label = dot != NULL ? dot + 1 : NULL;
    }
    if (labels < 2)
        return email_fail(error, "has a domain without a dot, e.g. example.org");
    if (all_digits_tld)
        return email_fail(error, "ends in a number, which is not a top-level domain");
    g_autofree char *lower_domain = g_utf8_strdown(domain, -1);
    *normalised = g_strdup_printf("%.*s@%s", (int)local_length, address, lower_domain);
    return TRUE;
}

/* --- phones ------------------------------------------------------------------ */

#define E164_DIGITS_MAX 15 /* ITU-T E.164 section 6 */
#define NSN_DIGITS_MIN 4   /* the shortest national numbers (Niue, Tokelau) */

static gboolean phone_fail(GError **error, const char *reason)
{
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_PHONE, "the phone number %s", reason);
    return FALSE;
}

/* Checks a number in international form (digits after "+"), against
 * @country's plan when the number belongs to it. */
static gboolean check_international(const char *digits, const Country *country, GError **error)
{
    gsize length = strlen(digits);
    if (length > E164_DIGITS_MAX)
        return phone_fail(error, "has more than 15 digits, the most any number can have");
    gsize code_length = countries_calling_code_length(digits);
    if (code_length == 0)
        return phone_fail(error, "starts with a country calling code that no country uses");
    const char *nsn = digits + code_length;
    gsize nsn_length = length - code_length;
    if (nsn_length < NSN_DIGITS_MIN)
        return phone_fail(error, "is too short; add the area code");
    if (country != NULL && strcmp(country->calling_code, "1") == 0 &&
        strncmp(digits, "1", code_length) == 0) {
        /* NANP: NXX-NXX-XXXX, area code and exchange never start with 0 or 1. */
        if (nsn_length != 10)
            return phone_fail(error, "must have 10 digits after +1 (area code and number)");
        if (nsn[0] < '2' || nsn[3] < '2')
            return phone_fail(error, "has an area code or exchange starting with 0 or 1");
    }
    if (country != NULL && country->nsn_min > 0 && strlen(country->calling_code) == code_length &&
        strncmp(digits, country->calling_code, code_length) == 0 &&
        (nsn_length < country->nsn_min || nsn_length > country->nsn_max)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_PHONE,
                    "the phone number has %zu digits after the country code, but numbers in %s "
                    "have %u to %u; check for a missing or extra digit",
                    nsn_length, country->code, country->nsn_min, country->nsn_max);
        return FALSE;
    }
    return TRUE;
}

gboolean validate_phone(const char *input, const char *country_code, char **e164, GError **error)
{
    g_return_val_if_fail(input != NULL && e164 != NULL, FALSE);
    if (strlen(input) > VALIDATE_PHONE_INPUT_MAX)
        return phone_fail(error, "is longer than 40 characters");
    const Country *country = NULL;
    if (country_code != NULL && *country_code != '\0') {
        country = countries_lookup(country_code);
        if (country == NULL) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_COUNTRY,
                        "the phone's country is not an ISO 3166-1 two-letter code");
            return FALSE;
        }
    }
    g_autofree char *trimmed = g_strstrip(g_strdup(input));
    gboolean plus = trimmed[0] == '+';
    g_autoptr(GString) digits = g_string_new(NULL);
    for (const char *p = trimmed + (plus ? 1 : 0); *p != '\0'; p++) {
        if (g_ascii_isdigit(*p))
            g_string_append_c(digits, *p);
        else if (strchr(" -.()/", *p) == NULL)
            return phone_fail(error, "may contain only digits, spaces, dashes, dots, brackets "
                                     "and a leading +");
    }
    if (digits->len == 0)
        return phone_fail(error, "has no digits");

    g_autofree char *international = NULL;
    gboolean nanp = country != NULL && strcmp(country->calling_code, "1") == 0;
    if (plus)
        international = g_strdup(digits->str);
    else if (nanp && g_str_has_prefix(digits->str, "011"))
        international = g_strdup(digits->str + 3); /* NANP international access code */
    else if (!nanp && g_str_has_prefix(digits->str, "00"))
        international = g_strdup(digits->str + 2); /* ITU international access code */
    else if (country == NULL)
        return phone_fail(error, "is written in national form; give its country or write it "
                                 "with + and the country code");
    else {
        const char *national = digits->str;
        gsize trunk = strlen(country->trunk_prefix);
        gsize expected = country->nsn_max;
        /* Drop the trunk prefix when it is there. A "0" trunk is always a
         * trunk (no national number in those plans starts with 0); other
         * trunks ("8" in RU, "1" in the NANP) are dropped only when the
         * number is too long with them, because "800 555 35 35" is a full
         * Russian number that merely begins with an 8. */
        if (trunk > 0 && g_str_has_prefix(national, country->trunk_prefix) &&
            (country->trunk_prefix[0] == '0' || expected == 0 || strlen(national) > expected))
            national += trunk;
        international = g_strconcat(country->calling_code, national, NULL);
    }
    if (!check_international(international, country, error))
        return FALSE;
    *e164 = g_strconcat("+", international, NULL);
    return TRUE;
}

/* --- postal codes ----------------------------------------------------------- */

typedef struct {
    const char *country;
    const char *pattern; /* anchored, matched against the code uppercased without spaces/dashes */
    const char *format;  /* replacement giving the canonical form */
    const char *example;
    const char *note;
} PostalRule;

static const PostalRule postal_rules[] = {
    {"US", "^(\\d{5})$", "\\1", "12345", "ZIP"},
    {"US", "^(\\d{5})(\\d{4})$", "\\1-\\2", "12345-6789", "ZIP+4"},
    {"CA", "^([ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z])(\\d[ABCEGHJ-NPRSTV-Z]\\d)$", "\\1 \\2",
     "K1A 0B1", "Canada Post never uses D F I O Q U, nor W Z as first letter"},
    {"GB",
     "^(GIR|[A-PR-UWYZ](?:\\d{1,2}|[A-HK-Y]\\d{1,2}|\\d[A-HJKPS-UW]|[A-HK-Y]\\d[ABEHMNPRV-Y]))"
     "(\\d[ABD-HJLNP-UW-Z]{2})$",
     "\\1 \\2", "SW1A 1AA", "Royal Mail outward + inward code; GIR 0AA is Girobank's"},
    {"DE", "^(\\d{5})$", "\\1", "10115", "Deutsche Post PLZ"},
    {"FR", "^(\\d{5})$", "\\1", "75008", "La Poste code postal, Monaco (980xx) included"},
    {"NL", "^([1-9]\\d{3})(?!SA|SD|SS)([A-Z]{2})$", "\\1 \\2", "1234 AB",
     "PostNL skips SA, SD and SS; the number never starts with 0"},
    {"AU", "^(\\d{4})$", "\\1", "2000", "Australia Post"},
    {"JP", "^(\\d{3})(\\d{4})$", "\\1-\\2", "100-0001", "Japan Post 〒NNN-NNNN"},
    {"IN", "^([1-9]\\d{5})$", "\\1", "110001", "India Post PIN, never starts with 0"},
    {"BR", "^(\\d{5})(\\d{3})$", "\\1-\\2", "01310-100", "Correios CEP"},
};

#define POSTAL_INPUT_MAX 32

static GRegex **postal_regexes(void)
{
    static GRegex **compiled = NULL;
    if (g_once_init_enter(&compiled)) {
        GRegex **table = g_new0(GRegex *, G_N_ELEMENTS(postal_rules));
        for (gsize i = 0; i < G_N_ELEMENTS(postal_rules); i++) {
            table[i] = g_regex_new(postal_rules[i].pattern, G_REGEX_OPTIMIZE, 0, NULL);
            g_assert(table[i] != NULL); /* the table is part of the program */
        }
        g_once_init_leave(&compiled, table);
    }
    return compiled;
}

gboolean validate_postal_code(const char *input, const char *country, char **normalised,
                              GError **error)
{
    g_return_val_if_fail(input != NULL && normalised != NULL, FALSE);
    if (strlen(input) > POSTAL_INPUT_MAX) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_POSTAL_CODE,
                    "the postal code is longer than %d characters", POSTAL_INPUT_MAX);
        return FALSE;
    }
    g_autofree char *trimmed = g_strstrip(g_strdup(input));
    g_autoptr(GString) compact = g_string_new(NULL);
    for (const char *p = trimmed; *p != '\0'; p++) {
        if (*p != ' ' && *p != '-')
            g_string_append_c(compact, g_ascii_toupper(*p));
    }
    GRegex **regexes = postal_regexes();
    const PostalRule *example = NULL;
    for (gsize i = 0; country != NULL && i < G_N_ELEMENTS(postal_rules); i++) {
        if (g_ascii_strcasecmp(postal_rules[i].country, country) != 0)
            continue;
        example = &postal_rules[i];
        if (g_regex_match(regexes[i], compact->str, 0, NULL)) {
            *normalised =
                g_regex_replace(regexes[i], compact->str, -1, 0, postal_rules[i].format, 0, NULL);
            return *normalised != NULL;
        }
    }
    if (example != NULL) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_POSTAL_CODE,
                    "the postal code does not have the format used in %s (like %s)",
                    example->country, example->example);
        return FALSE;
    }
    if (!g_utf8_validate(trimmed, -1, NULL)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_POSTAL_CODE,
                    "the postal code is not valid UTF-8 text");
        return FALSE;
    }
    *normalised = g_steal_pointer(&trimmed);
    return TRUE;
}

/* --- countries, dates, names -------------------------------------------------- */

gboolean validate_country(const char *input, char **normalised, GError **error)
{
    g_return_val_if_fail(input != NULL && normalised != NULL, FALSE);
    g_autofree char *trimmed = g_strstrip(g_strdup(input));
    const Country *country = countries_lookup(trimmed);
    if (country == NULL) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_COUNTRY,
                    "the country must be an ISO 3166-1 two-letter code such as US, GB or DE");
        return FALSE;
    }
    *normalised = g_strdup(country->code);
    return TRUE;
}

#define BIRTH_YEAR_MIN 1800

gboolean validate_birthday(const char *input, GError **error)
{
    g_return_val_if_fail(input != NULL, FALSE);
    static const char shape[] = "dddd-dd-dd";
    gboolean parsed = strlen(input) == sizeof shape - 1;
    for (gsize i = 0; parsed && i < sizeof shape - 1; i++)
        parsed = shape[i] == 'd' ? g_ascii_isdigit(input[i]) : input[i] == shape[i];
    int year = parsed ? (int)g_ascii_strtoull(input, NULL, 10) : 0;
    int month = parsed ? (int)g_ascii_strtoull(input + 5, NULL, 10) : 0;
    int day = parsed ? (int)g_ascii_strtoull(input + 8, NULL, 10) : 0;
    if (!parsed || !g_date_valid_dmy((GDateDay)day, (GDateMonth)month, (GDateYear)year)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_DATE,
                    "the birthday must be a real date written YYYY-MM-DD");
        return FALSE;
    }
    g_autoptr(GDateTime) now = g_date_time_new_now_local();
    g_autoptr(GDateTime) date = g_date_time_new_local(year, month, day, 0, 0, 0);
    if (year < BIRTH_YEAR_MIN || date == NULL || g_date_time_compare(date, now) > 0) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_DATE,
                    "the birthday must lie between %d and today", BIRTH_YEAR_MIN);
        return FALSE;
    }
    return TRUE;
}

static const char *const name_parts[] = {"prefix", "given", "additional", "family"};

char *validate_derive_full_name(const cJSON *name)
{
    g_autoptr(GString) full = g_string_new(NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(name_parts); i++) {
        const cJSON *part = cJSON_GetObjectItemCaseSensitive(name, name_parts[i]);
        if (!cJSON_IsString(part) || part->valuestring == NULL)
            continue;
        g_autofree char *text = g_strstrip(g_strdup(part->valuestring));
        if (*text == '\0')
            continue;
        if (full->len > 0)
            g_string_append_c(full, ' ');
        g_string_append(full, text);
    }
    return g_string_free(g_steal_pointer(&full), FALSE);
}

/* --- the persona shape --------------------------------------------------------- */

/* Whole numbers in a persona are months and years; anything past this is
 * refused before it is ever cast to an integer. */
#define VALIDATE_NUMBER_MAX 1e9

typedef enum {
    FIELD_TEXT,   /* a string up to VALIDATE_TEXT_MAX bytes, trimmed */
    FIELD_NUMBER, /* a whole number */
    FIELD_BOOL,
    FIELD_LINES,       /* an array of up to VALIDATE_LINES_MAX texts */
    FIELD_OBJECT,      /* checked by its own table */
    FIELD_OBJECT_LIST, /* an array of up to VALIDATE_ITEMS_MAX objects */
} FieldKind;

typedef struct {
    const char *key;
    FieldKind kind;
    gboolean required;
} FieldRule;

/* Every field a persona may carry. Anything else is refused: a typo would
 * otherwise be silently dropped, and a card security code must never get in. */
static const FieldRule persona_fields[] = {
    {"id", FIELD_TEXT, FALSE},
    {"label", FIELD_TEXT, TRUE},
    {"is_default", FIELD_BOOL, FALSE},
    {"name", FIELD_OBJECT, FALSE},
    {"organization", FIELD_TEXT, FALSE},
    {"birthday", FIELD_TEXT, FALSE},
    {"emails", FIELD_OBJECT_LIST, FALSE},
    {"phones", FIELD_OBJECT_LIST, FALSE},
    {"addresses", FIELD_OBJECT_LIST, FALSE},
    {"cards", FIELD_OBJECT_LIST, FALSE},
};
static const FieldRule name_fields[] = {
    {"prefix", FIELD_TEXT, FALSE}, {"given", FIELD_TEXT, FALSE}, {"additional", FIELD_TEXT, FALSE},
    {"family", FIELD_TEXT, FALSE}, {"full", FIELD_TEXT, FALSE},
};
static const FieldRule email_fields[] = {
    {"id", FIELD_TEXT, FALSE},
    {"label", FIELD_TEXT, FALSE},
    {"address", FIELD_TEXT, TRUE},
};
static const FieldRule phone_fields[] = {
    {"id", FIELD_TEXT, FALSE},
    {"label", FIELD_TEXT, FALSE},
    {"country", FIELD_TEXT, FALSE},
    {"number", FIELD_TEXT, TRUE},
};
static const FieldRule address_fields[] = {
    {"id", FIELD_TEXT, FALSE},      {"label", FIELD_TEXT, FALSE},
    {"lines", FIELD_LINES, FALSE},  {"city", FIELD_TEXT, FALSE},
    {"region", FIELD_TEXT, FALSE},  {"postal_code", FIELD_TEXT, FALSE},
    {"country", FIELD_TEXT, FALSE},
};
static const FieldRule card_fields[] = {
    {"id", FIELD_TEXT, FALSE},          {"nickname", FIELD_TEXT, FALSE},
    {"holder", FIELD_TEXT, FALSE},      {"number", FIELD_TEXT, TRUE},
    {"exp_month", FIELD_NUMBER, FALSE}, {"exp_year", FIELD_NUMBER, FALSE},
    {"network", FIELD_TEXT, FALSE},
};

/* Names under which forms and exports carry the card security code. They get
 * their own message because "unknown field" would not say why. */
static const char *const security_code_names[] = {"cvc", "cvv",  "cvv2",          "cvc2",
                                                  "csc", "code", "security_code", "cid"};

static gboolean field_fail(GError **error, int code, const char *path, const char *reason)
{
    g_set_error(error, KEYFILL_ERROR, code, "%s: %s", path, reason);
    return FALSE;
}

/* Longest field path validate_persona() writes ("addresses[19].postal_code"
 * is 26 bytes); anything longer is not one of ours. */
#define VALIDATE_PATH_MAX 64

char *validate_error_field(const GError *error)
{
    if (error == NULL || error->domain != KEYFILL_ERROR ||
        error->code < KEYFILL_ERROR_INVALID_PERSONA || error->code > KEYFILL_ERROR_INVALID_DATE)
        return NULL;
    /* A path is keys of [a-z_] joined by dots, each maybe with "[index]":
     * the message's reason text always has a space before any ": ". */
    const char *end = strstr(error->message, ": ");
    if (end == NULL || end == error->message || end - error->message > VALIDATE_PATH_MAX)
        return NULL;
    for (const char *c = error->message; c < end; c++) {
        if (!g_ascii_islower(*c) && !g_ascii_isdigit(*c) && strchr("_.[]", *c) == NULL)
            return NULL;
    }
    return g_strndup(error->message, (gsize)(end - error->message));
}

/* Checks one text: UTF-8, within the limit, no control characters; replaces
 * it by its trimmed form. */
static gboolean check_text(cJSON *item, const char *path, GError **error)
{
    const char *text = item->valuestring;
    if (strlen(text) > VALIDATE_TEXT_MAX)
        return field_fail(error, KEYFILL_ERROR_INVALID_PERSONA, path,
                          "the text is longer than 512 bytes; shorten it");
    if (!g_utf8_validate(text, -1, NULL))
        return field_fail(error, KEYFILL_ERROR_INVALID_PERSONA, path,
                          "the text is not valid UTF-8");
    for (const char *p = text; *p != '\0'; p++) {
        if ((guchar)*p < 0x20 || *p == 0x7f)
            return field_fail(error, KEYFILL_ERROR_INVALID_PERSONA, path,
                              "the text contains a line break or control character");
    }
    g_autofree char *trimmed = g_strstrip(g_strdup(text));
    if (strcmp(trimmed, text) != 0)
        cJSON_SetValuestring(item, trimmed);
    return TRUE;
}

static gboolean check_kind(cJSON *item, FieldKind kind, const char *path, GError **error)
{
    switch (kind) {
    case FIELD_TEXT:
        if (!cJSON_IsString(item) || item->valuestring == NULL)
            return field_fail(error, KEYFILL_ERROR_INVALID_PERSONA, path, "must be a string");
        return check_text(item, path, error);
    case FIELD_NUMBER:
        /* Range first: casting a double beyond gint64 is undefined behaviour. */
        if (!cJSON_IsNumber(item) || !(fabs(item->valuedouble) <= VALIDATE_NUMBER_MAX) ||
            item->valuedouble != floor(item->valuedouble))
            return field_fail(error, KEYFILL_ERROR_INVALID_PERSONA, path, "must be a whole number");
        return TRUE;
    case FIELD_BOOL:
        if (!cJSON_IsBool(item))
            return field_fail(error, KEYFILL_ERROR_INVALID_PERSONA, path, "must be true or false");
        return TRUE;
    case FIELD_LINES: {
        if (!cJSON_IsArray(item))
            return field_fail(error, KEYFILL_ERROR_INVALID_PERSONA, path,
                              "must be an array of strings");
        if (cJSON_GetArraySize(item) > VALIDATE_LINES_MAX)
            return field_fail(error, KEYFILL_ERROR_INVALID_PERSONA, path,
                              "has more than 6 street lines; join some");
        int index = 0;
        cJSON *line;
        cJSON_ArrayForEach(line, item)
        {
            g_autofree char *line_path = g_strdup_printf("%s[%d]", path, index++);
            if (!check_kind(line, FIELD_TEXT, line_path, error))
                return FALSE;
        }
        return TRUE;
    }
    case FIELD_OBJECT:
        if (!cJSON_IsObject(item))
            return field_fail(error, KEYFILL_ERROR_INVALID_PERSONA, path, "must be an object");
        return TRUE;
    case FIELD_OBJECT_LIST:
        if (!cJSON_IsArray(item))
            return field_fail(error, KEYFILL_ERROR_INVALID_PERSONA, path,
                              "must be an array of objects");
        if (cJSON_GetArraySize(item) > VALIDATE_ITEMS_MAX)
            return field_fail(error, KEYFILL_ERROR_INVALID_PERSONA, path,
                              "has more than 20 entries; remove some");
        return TRUE;
    }
    g_assert_not_reached();
}

/* Checks that @object has only fields of @rules, of the right kinds, and all
 * required ones (present and, for texts, not empty). */
static gboolean check_shape(cJSON *object, const FieldRule *rules, gsize n_rules, const char *path,
                            GError **error)
{
    if (!cJSON_IsObject(object))
        return field_fail(error, KEYFILL_ERROR_INVALID_PERSONA, path, "must be an object");
    cJSON *item;
    cJSON_ArrayForEach(item, object)
    {
        g_autofree char *item_path =
            *path != '\0' ? g_strdup_printf("%s.%s", path, item->string) : g_strdup(item->string);
        const FieldRule *rule = NULL;
        for (gsize i = 0; i < n_rules && rule == NULL; i++) {
            if (strcmp(rules[i].key, item->string) == 0)
                rule = &rules[i];
        }
        if (rule == NULL) {
            for (gsize i = 0; i < G_N_ELEMENTS(security_code_names); i++) {
                if (g_ascii_strcasecmp(security_code_names[i], item->string) == 0)
                    return field_fail(error, KEYFILL_ERROR_INVALID_PERSONA, item_path,
                                      "Keyfill never stores a card security code; leave it "
                                      "out");
            }
            return field_fail(error, KEYFILL_ERROR_INVALID_PERSONA, item_path,
                              "is not a field Keyfill knows; check its spelling");
        }
        if (cJSON_IsNull(item))
            continue;
        if (!check_kind(item, rule->kind, item_path, error))
            return FALSE;
    }
    for (gsize i = 0; i < n_rules; i++) {
        if (!rules[i].required)
            continue;
        const cJSON *value = cJSON_GetObjectItemCaseSensitive(object, rules[i].key);
        if (value == NULL || cJSON_IsNull(value) ||
            (cJSON_IsString(value) && *value->valuestring == '\0')) {
            g_autofree char *item_path = *path != '\0'
                                             ? g_strdup_printf("%s.%s", path, rules[i].key)
                                             : g_strdup(rules[i].key);
            return field_fail(error, KEYFILL_ERROR_INVALID_PERSONA, item_path,
                              "is required and missing");
        }
    }
    return TRUE;
}

/* The text at @key of @object, or NULL when absent, null or empty. */
static const char *text_of(const cJSON *object, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    return cJSON_IsString(item) && item->valuestring != NULL && *item->valuestring != '\0'
               ? item->valuestring
               : NULL;
}

static void set_text(cJSON *object, const char *key, const char *value)
{
    if (cJSON_GetObjectItemCaseSensitive(object, key) != NULL)
        cJSON_ReplaceItemInObjectCaseSensitive(object, key, cJSON_CreateString(value));
    else
        cJSON_AddStringToObject(object, key, value);
}

static void set_number(cJSON *object, const char *key, int value)
{
    if (cJSON_GetObjectItemCaseSensitive(object, key) != NULL)
        cJSON_ReplaceItemInObjectCaseSensitive(object, key, cJSON_CreateNumber(value));
    else
        cJSON_AddNumberToObject(object, key, value);
}

/* Runs @check on the text at @key (if any) and writes back its result; a
 * failure is prefixed with the field's path. */
typedef gboolean (*TextCheck)(const char *input, const char *context, char **out, GError **error);

static gboolean normalise_field(cJSON *object, const char *key, const char *path, TextCheck check,
                                const char *context, GError **error)
{
    const char *value = text_of(object, key);
    if (value == NULL)
        return TRUE;
    g_autofree char *normalised = NULL;
    if (!check(value, context, &normalised, error)) {
        g_prefix_error(error, "%s.%s: ", path, key);
        return FALSE;
    }
    set_text(object, key, normalised);
    return TRUE;
}

static gboolean check_email_text(const char *input, const char *context, char **out, GError **error)
{
    return validate_email(input, out, error);
}

static gboolean check_country_text(const char *input, const char *context, char **out,
                                   GError **error)
{
    return validate_country(input, out, error);
}

static gboolean check_phone_text(const char *input, const char *country, char **out, GError **error)
{
    return validate_phone(input, country, out, error);
}

static gboolean check_postal_text(const char *input, const char *country, char **out,
                                  GError **error)
{
    return validate_postal_code(input, country, out, error);
}

static gboolean validate_email_entry(cJSON *email, const char *path, GPtrArray *warnings,
                                     GError **error)
{
    return normalise_field(email, "address", path, check_email_text, NULL, error);
}

static gboolean validate_phone_entry(cJSON *phone, const char *path, GPtrArray *warnings,
                                     GError **error)
{
    return normalise_field(phone, "country", path, check_country_text, NULL, error) &&
           normalise_field(phone, "number", path, check_phone_text, text_of(phone, "country"),
                           error);
}

static gboolean validate_address_entry(cJSON *address, const char *path, GPtrArray *warnings,
                                       GError **error)
{
    static const char *const content[] = {"city", "region", "postal_code", "country"};
    gboolean empty = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(address, "lines")) == 0;
    for (gsize i = 0; i < G_N_ELEMENTS(content); i++)
        empty = empty && text_of(address, content[i]) == NULL;
    if (empty)
        return field_fail(error, KEYFILL_ERROR_INVALID_PERSONA, path,
                          "the address is empty; give at least a street line or a city");
    return normalise_field(address, "country", path, check_country_text, NULL, error) &&
           normalise_field(address, "postal_code", path, check_postal_text,
                           text_of(address, "country"), error);
}

static gboolean validate_card_entry(cJSON *card, const char *path, GPtrArray *warnings,
                                    GError **error)
{
    g_autofree char *digits = NULL;
    const char *network = NULL;
    if (!card_check_number(text_of(card, "number"), &digits, &network, error)) {
        g_prefix_error(error, "%s.number: ", path);
        return FALSE;
    }
    set_text(card, "number", digits);
    set_text(card, "network", network);

    const cJSON *month = cJSON_GetObjectItemCaseSensitive(card, "exp_month");
    const cJSON *year = cJSON_GetObjectItemCaseSensitive(card, "exp_year");
    gboolean has_month = cJSON_IsNumber(month), has_year = cJSON_IsNumber(year);
    if (!has_month && !has_year)
        return TRUE;
    if (has_month != has_year)
        return field_fail(error, KEYFILL_ERROR_INVALID_CARD_EXPIRY, path,
                          "give both the expiry month and year, or neither");
    int month_out, year_out;
    if (!card_check_expiry((gint64)month->valuedouble, (gint64)year->valuedouble, &month_out,
                           &year_out, error)) {
        g_prefix_error(error, "%s.exp_%s: ", path,
                       month->valuedouble < 1 || month->valuedouble > 12 ? "month" : "year");
        return FALSE;
    }
    set_number(card, "exp_month", month_out);
    set_number(card, "exp_year", year_out);
    g_autoptr(GDateTime) now = g_date_time_new_now_local();
    if (warnings != NULL && card_is_expired(month_out, year_out, now)) {
        g_autofree char *mask = card_mask(digits);
        g_ptr_array_add(warnings, g_strdup_printf("%s: card %s expired in %02d/%d", path, mask,
                                                  month_out, year_out));
    }
    return TRUE;
}

typedef gboolean (*EntryCheck)(cJSON *entry, const char *path, GPtrArray *warnings, GError **error);

typedef struct {
    const char *key;
    const FieldRule *fields;
    gsize n_fields;
    EntryCheck check;
} ListRule;

static const ListRule list_rules[] = {
    {"emails", email_fields, G_N_ELEMENTS(email_fields), validate_email_entry},
    {"phones", phone_fields, G_N_ELEMENTS(phone_fields), validate_phone_entry},
    {"addresses", address_fields, G_N_ELEMENTS(address_fields), validate_address_entry},
    {"cards", card_fields, G_N_ELEMENTS(card_fields), validate_card_entry},
};

static gboolean validate_name(cJSON *persona, GError **error)
{
    cJSON *name = cJSON_GetObjectItemCaseSensitive(persona, "name");
    if (name == NULL || cJSON_IsNull(name)) {
        cJSON_DeleteItemFromObjectCaseSensitive(persona, "name");
        name = cJSON_AddObjectToObject(persona, "name");
    }
    if (!check_shape(name, name_fields, G_N_ELEMENTS(name_fields), "name", error))
        return FALSE;
    /* A non-empty "full" different from the parts is the user's override. */
    g_autofree char *derived = validate_derive_full_name(name);
    if (text_of(name, "full") == NULL)
        set_text(name, "full", derived);
    return TRUE;
}

gboolean validate_persona(cJSON *persona, GPtrArray *warnings, GError **error)
{
    g_return_val_if_fail(persona != NULL, FALSE);
    if (!check_shape(persona, persona_fields, G_N_ELEMENTS(persona_fields), "", error))
        return FALSE;
    if (!validate_name(persona, error))
        return FALSE;
    const char *birthday = text_of(persona, "birthday");
    if (birthday != NULL && !validate_birthday(birthday, error)) {
        g_prefix_error(error, "birthday: ");
        return FALSE;
    }
    for (gsize i = 0; i < G_N_ELEMENTS(list_rules); i++) {
        const ListRule *rule = &list_rules[i];
        cJSON *list = cJSON_GetObjectItemCaseSensitive(persona, rule->key);
        int index = 0;
        cJSON *entry;
        cJSON_ArrayForEach(entry, list)
        {
            g_autofree char *path = g_strdup_printf("%s[%d]", rule->key, index++);
            if (!check_shape(entry, rule->fields, rule->n_fields, path, error) ||
                !rule->check(entry, path, warnings, error))
                return FALSE;
        }
    }
    return TRUE;
}
