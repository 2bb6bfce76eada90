/*
 * card.c — payment card numbers and expiry dates.
 *
 * DESIGN: which network issued a number is a table of prefix ranges (IIN
 * ranges) with the number lengths each network issues; a number is accepted
 * when its prefix is in a range, its length is one the network uses and its
 * Luhn checksum holds. The module knows no card holder and never keeps a
 * number: callers get the digits back and own them.
 */
#include "card.h"

#include "errors.h"

#include <string.h>

/* Reads 1 to @max_digits ASCII digits from *@p, advancing it; FALSE unless a
 * non-digit follows. */
static gboolean read_number(const char **p, int max_digits, gint64 *value, int *count)
{
    *value = 0;
    *count = 0;
    while (g_ascii_isdigit(**p) && *count < max_digits) {
        *value = *value * 10 + (**p - '0');
        (*p)++;
        (*count)++;
    }
    return *count > 0 && !g_ascii_isdigit(**p);
}

#define LEN(n) (1u << (n))
#define LEN_RANGE(a, b) (((1u << ((b) + 1)) - 1) & ~((1u << (a)) - 1))

typedef struct {
    const char *network;
    const char *low; /* inclusive prefix range; low and high have the same length */
    const char *high;
    guint32 lengths; /* bit n set: n-digit numbers are issued */
    const char *note;
} CardRange;

/* First match wins, so narrower ranges come before the wider ones they sit in. */
static const CardRange card_ranges[] = {
    {"mir", "2200", "2204", LEN_RANGE(16, 19), "Russia's national network"},
    {"mastercard", "2221", "2720", LEN(16), "Mastercard 2-series, issued since 2017"},
    {"uatp", "1", "1", LEN(15), "airline cards (UATP)"},
    {"amex", "34", "34", LEN(15), "American Express"},
    {"amex", "37", "37", LEN(15), "American Express"},
    {"diners", "300", "305", LEN_RANGE(14, 19), "Diners Club International"},
    {"diners", "3095", "3095", LEN_RANGE(14, 19), "Diners Club International"},
    {"diners", "36", "36", LEN_RANGE(14, 19), "Diners Club International"},
    {"diners", "38", "39", LEN_RANGE(14, 19), "Diners Club (Discover network)"},
    {"jcb", "3528", "3589", LEN_RANGE(16, 19), "JCB"},
    {"visa", "4", "4", LEN(13) | LEN(16) | LEN(19), "13 digits only on old cards"},
    {"maestro", "5018", "5018", LEN_RANGE(12, 19), "Maestro"},
    {"maestro", "5020", "5020", LEN_RANGE(12, 19), "Maestro"},
    {"maestro", "5038", "5038", LEN_RANGE(12, 19), "Maestro"},
    {"rupay", "508", "508", LEN(16), "RuPay (India)"},
    {"mastercard", "51", "55", LEN(16), "Mastercard 5-series"},
    {"maestro", "5893", "5893", LEN_RANGE(12, 19), "Maestro"},
    {"maestro", "56", "58", LEN_RANGE(12, 19), "Maestro"},
    {"discover", "6011", "6011", LEN_RANGE(16, 19), "Discover"},
    {"maestro", "6304", "6304", LEN_RANGE(12, 19), "Maestro (Laser, Ireland)"},
    {"maestro", "6759", "6759", LEN_RANGE(12, 19), "Maestro UK"},
    {"maestro", "6761", "6763", LEN_RANGE(12, 19), "Maestro"},
    {"rupay", "60", "60", LEN(16), "RuPay (India)"},
    {"unionpay", "62", "62", LEN_RANGE(16, 19), "China UnionPay, also accepted by Discover"},
    {"discover", "644", "649", LEN_RANGE(16, 19), "Discover"},
    {"rupay", "6521", "6522", LEN(16), "RuPay inside the Discover 65 range"},
    {"discover", "65", "65", LEN_RANGE(16, 19), "Discover"},
    {"rupay", "81", "82", LEN(16), "RuPay (India)"},
};

#define CARD_DIGITS_MIN 12
#define CARD_DIGITS_MAX 19
#define CARD_INPUT_MAX 40 /* digits plus the spaces or dashes people type */

static const CardRange *card_range_for(const char *digits, gsize length)
{
    for (gsize i = 0; i < G_N_ELEMENTS(card_ranges); i++) {
        const CardRange *range = &card_ranges[i];
        gsize prefix = strlen(range->low);
        if (length < prefix)
            continue;
        if (strncmp(digits, range->low, prefix) >= 0 && strncmp(digits, range->high, prefix) <= 0)
            return range;
    }
    return NULL;
}

static gboolean luhn_valid(const char *digits, gsize length)
{
    int sum = 0;
    for (gsize i = 0; i < length; i++) {
        int digit = digits[length - 1 - i] - '0';
        if (i % 2 == 1) {
            digit *= 2;
            if (digit > 9)
                digit -= 9;
        }
        sum += digit;
    }
    return sum % 10 == 0;
}

gboolean card_check_number(const char *input, char **digits, const char **network, GError **error)
{
    g_return_val_if_fail(input != NULL && digits != NULL && network != NULL, FALSE);
    if (strlen(input) > CARD_INPUT_MAX) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_CARD_NUMBER,
                    "the card number is longer than %d characters; type only its digits",
                    CARD_INPUT_MAX);
        return FALSE;
    }
    g_autoptr(GString) only = g_string_new(NULL);
    for (const char *p = input; *p != '\0'; p++) {
        if (g_ascii_isdigit(*p))
            g_string_append_c(only, *p);
        else if (*p != ' ' && *p != '-') {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_CARD_NUMBER,
                        "the card number may contain only digits, spaces and dashes");
            return FALSE;
        }
    }
    if (only->len < CARD_DIGITS_MIN || only->len > CARD_DIGITS_MAX) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_CARD_NUMBER,
                    "the card number has %zu digits; card numbers have %d to %d", only->len,
                    CARD_DIGITS_MIN, CARD_DIGITS_MAX);
        return FALSE;
    }
    const CardRange *range = card_range_for(only->str, only->len);
    if (range == NULL) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_CARD_NUMBER,
                    "the card number does not start like a number of any card network Keyfill "
                    "knows; check the first digits");
        return FALSE;
    }
    if ((range->lengths & LEN(only->len)) == 0) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_CARD_NUMBER,
                    "the card number has %zu digits, which %s cards never have; check for a "
                    "missing or extra digit",
                    only->len, range->network);
        return FALSE;
    }
    if (!luhn_valid(only->str, only->len)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_CARD_NUMBER,
                    "the card number fails the checksum (Luhn), so a digit is mistyped; check "
                    "it against the card");
        return FALSE;
    }
    *digits = g_string_free(g_steal_pointer(&only), FALSE);
    *network = range->network;
    return TRUE;
}

/* Four-digit years outside this range are typing mistakes, not cards. */
#define CARD_YEAR_MIN 2000
#define CARD_YEAR_MAX 2099

gboolean card_check_expiry(gint64 month, gint64 year, int *month_out, int *year_out, GError **error)
{
    g_return_val_if_fail(month_out != NULL && year_out != NULL, FALSE);
    if (month < 1 || month > 12) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_CARD_EXPIRY,
                    "the expiry month must be 1 to 12");
        return FALSE;
    }
    if (year >= 0 && year <= 99)
        year += 2000;
    if (year < CARD_YEAR_MIN || year > CARD_YEAR_MAX) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_CARD_EXPIRY,
                    "the expiry year must be written YY or YYYY between %d and %d", CARD_YEAR_MIN,
                    CARD_YEAR_MAX);
        return FALSE;
    }
    *month_out = (int)month;
    *year_out = (int)year;
    return TRUE;
}

gboolean card_parse_expiry(const char *text, int *month_out, int *year_out, GError **error)
{
    g_return_val_if_fail(text != NULL, FALSE);
    const char *p = text;
    gint64 first, second;
    int first_count, second_count;
    gboolean parsed = read_number(&p, 4, &first, &first_count) && (*p == '/' || *p == '-');
    if (parsed) {
        p++;
        parsed = read_number(&p, 4, &second, &second_count) && *p == '\0';
    }
    if (!parsed) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_CARD_EXPIRY,
                    "write the expiry as MM/YY or MM/YYYY");
        return FALSE;
    }
    if (first_count == 4) /* YYYY-MM */
        return card_check_expiry(second, first, month_out, year_out, error);
    if (second_count == 3) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_CARD_EXPIRY,
                    "write the expiry as MM/YY or MM/YYYY");
        return FALSE;
    }
    return card_check_expiry(first, second, month_out, year_out, error);
}

gboolean card_is_expired(int month, int year, GDateTime *now)
{
    g_return_val_if_fail(now != NULL, FALSE);
    int this_year = g_date_time_get_year(now);
    return year < this_year || (year == this_year && month < g_date_time_get_month(now));
}

char *card_mask(const char *digits)
{
    g_return_val_if_fail(digits != NULL, NULL);
    gsize length = strlen(digits);
    return g_strdup_printf("•••• %s", length >= 4 ? digits + length - 4 : "");
}
