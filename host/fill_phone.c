/*
 * fill_phone.c — telephone number spellings.
 *
 * DESIGN: the stored number is E.164. National spellings put the country's
 * trunk prefix (countries.h) in front of the national significant number
 * (07700 900123 in the UK, 8 495 ... in Russia, none in Italy, where the
 * leading 0 belongs to the number, nor in the NANP, where forms want ten
 * digits). The three-box split exists only in the North
 * American Numbering Plan (3-3-4); elsewhere area codes have varying lengths
 * and guessing one would put wrong digits in a box.
 */
#include "fill_phone.h"

#include <string.h>

void fill_phone_clear(FillPhone *phone)
{
    explicit_bzero(phone, sizeof *phone);
}

static gboolean copy_digits(const char *text, char *out, gsize size, gboolean *plus)
{
    gsize n = 0;
    *plus = FALSE;
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '+' && n == 0)
            *plus = TRUE;
        else if (g_ascii_isdigit(*p)) {
            if (n + 1 >= size)
                return FALSE;
            out[n++] = *p;
        } else if (strchr(" .-()/", *p) == NULL)
            return FALSE;
    }
    out[n] = '\0';
    return n > 0;
}

typedef struct {
    const char *digits;
    gsize length;
    const Country *found;
} DialSearch;

static void find_dial(const Country *country, void *user_data)
{
    DialSearch *search = user_data;
    if (search->found == NULL && strlen(country->calling_code) == search->length &&
        strncmp(country->calling_code, search->digits, search->length) == 0)
        search->found = country;
}

/* The country of the international number @digits: @hint when its calling
 * code starts @digits, else the first country with that code (countries
 * sharing a code share a numbering plan, so any of them formats alike). */
static const Country *country_for_number(const char *digits, const Country *hint)
{
    DialSearch search = {digits, countries_calling_code_length(digits), NULL};
    if (search.length == 0)
        return NULL;
    if (hint != NULL && strlen(hint->calling_code) == search.length &&
        strncmp(hint->calling_code, digits, search.length) == 0)
        return hint;
    countries_foreach(find_dial, &search);
    return search.found;
}

static gboolean is_nanp(const Country *country)
{
    return strcmp(country->calling_code, "1") == 0;
}

gboolean fill_phone_parse(const char *number, const char *country_hint, const char *extension,
                          FillPhone *out)
{
    g_return_val_if_fail(out != NULL, FALSE);
    if (number == NULL)
        return FALSE;
    char digits[24];
    gboolean plus;
    if (!copy_digits(number, digits, sizeof digits, &plus))
        return FALSE;
    const Country *hint =
        country_hint != NULL && *country_hint != '\0' ? countries_lookup(country_hint) : NULL;
    FillPhone phone = {0};
    const char *nsn;
    if (plus) {
        phone.country = country_for_number(digits, hint);
        if (phone.country == NULL)
            return FALSE;
        nsn = digits + strlen(phone.country->calling_code);
    } else {
        if (hint == NULL)
            return FALSE;
        phone.country = hint;
        nsn = digits;
        gsize trunk = strlen(hint->trunk_prefix);
        if (trunk > 0 && strncmp(nsn, hint->trunk_prefix, trunk) == 0)
            nsn += trunk;
    }
    gsize length = strlen(nsn);
    if (length < 4 || length > 14 || (is_nanp(phone.country) && length != 10))
        return FALSE;
    memcpy(phone.nsn, nsn, length + 1);
    if (extension != NULL) {
        gsize ext = strlen(extension);
        if (ext >= sizeof phone.extension || strspn(extension, "0123456789") != ext)
            return FALSE;
        memcpy(phone.extension, extension, ext + 1);
    }
    *out = phone;
    explicit_bzero(&phone, sizeof phone);
    explicit_bzero(digits, sizeof digits);
    return TRUE;
}

/* Adds @value laid onto the placeholder when it is a template for it. */
static void add_template(const FillField *field, const char *value, FillCandidates *out)
{
    fill_candidates_take(out, "template", fill_format_template(field->placeholder, value));
}

static void add_tel(const FillField *field, const FillPhone *phone, const char *e164,
                    const char *national, const FillPhoneContext *context, FillCandidates *out)
{
    if (context->country_code_field) {
        /* The calling code has its own box: the number goes without it. */
        add_template(field, phone->nsn, out);
        fill_candidates_add(out, "nsn", phone->nsn);
        fill_candidates_add(out, "national", national);
        return;
    }
    add_template(field, e164 + 1, out);
    add_template(field, national, out);
    add_template(field, phone->nsn, out);
    const char *placeholder = field->placeholder != NULL ? field->placeholder : "";
    if (placeholder[0] == '0' || placeholder[0] == '(')
        fill_candidates_add(out, "national", national);
    fill_candidates_add(out, "e164", e164);
    fill_candidates_add(out, "national", national);
    fill_candidates_add(out, "nsn", phone->nsn);
}

/* The NANP boxes: area code, exchange (prefix), line (suffix). */
static void add_nanp_part(const char *type, const FillPhone *phone, FillCandidates *out)
{
    const char *nsn = phone->nsn;
    g_autofree char *area = g_strndup(nsn, 3);
    g_autofree char *prefix = g_strndup(nsn + 3, 3);
    if (strcmp(type, "tel-area-code") == 0)
        fill_candidates_add(out, "nanp-area", area);
    else if (strcmp(type, "tel-local-prefix") == 0)
        fill_candidates_add(out, "nanp-prefix", prefix);
    else if (strcmp(type, "tel-local-suffix") == 0)
        fill_candidates_add(out, "nanp-suffix", nsn + 6);
    else if (strcmp(type, "tel-local") == 0) {
        fill_candidates_add(out, "nanp-local", nsn + 3);
        fill_candidates_take(out, "nanp-local-dash", g_strdup_printf("%s-%s", prefix, nsn + 6));
    }
    explicit_bzero(area, 3);
    explicit_bzero(prefix, 3);
}

void fill_phone_candidates(const FillField *field, const char *type, const FillPhone *phone,
                           const FillPhoneContext *context, FillCandidates *out)
{
    g_return_if_fail(field != NULL && type != NULL && phone != NULL && phone->country != NULL);
    g_autofree char *e164 = g_strdup_printf("+%s%s", phone->country->calling_code, phone->nsn);
    /* In the NANP the trunk "1" is a long-distance prefix that forms leave out. */
    g_autofree char *national = g_strdup_printf(
        "%s%s", is_nanp(phone->country) ? "" : phone->country->trunk_prefix, phone->nsn);
    if (strcmp(type, "tel") == 0) {
        add_tel(field, phone, e164, national, context, out);
    } else if (strcmp(type, "tel-national") == 0 && context->country_code_field) {
        /* Beside a calling-code box the two spell one international
         * number, which has no trunk prefix: "+44" "7700900123". */
        add_template(field, phone->nsn, out);
        fill_candidates_add(out, "nsn", phone->nsn);
        fill_candidates_add(out, "national", national);
    } else if (strcmp(type, "tel-national") == 0) {
        add_template(field, national, out);
        fill_candidates_add(out, "national", national);
        fill_candidates_add(out, "nsn", phone->nsn);
    } else if (strcmp(type, "tel-country-code") == 0) {
        g_autofree char *plus = g_strdup_printf("+%s", phone->country->calling_code);
        fill_candidates_add(out, "plus-code", plus);
        fill_candidates_add(out, "code", phone->country->calling_code);
    } else if (is_nanp(phone->country)) {
        add_nanp_part(type, phone, out);
    } else if (strcmp(type, "tel-local") == 0 && !context->area_code_field) {
        fill_candidates_add(out, "nsn", phone->nsn);
    }
    explicit_bzero(e164, strlen(e164));
    explicit_bzero(national, strlen(national));
}
