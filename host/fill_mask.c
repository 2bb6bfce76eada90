/*
 * fill_mask.c — masking for previews.
 */
#include "fill_mask.h"

#include <string.h>

#define BULLET "\u2022"

static char *mask_card_number(const char *value)
{
    char digits[32];
    gsize n = 0;
    for (const char *p = value; *p != '\0' && n < sizeof digits - 1; p++) {
        if (g_ascii_isdigit(*p))
            digits[n++] = *p;
    }
    digits[n] = '\0';
    char *masked = g_strdup_printf(BULLET BULLET BULLET BULLET " %s", n >= 4 ? digits + n - 4 : "");
    explicit_bzero(digits, sizeof digits);
    return masked;
}

static char *mask_email(const char *value)
{
    const char *at = strrchr(value, '@');
    if (at == NULL || at == value)
        return g_strdup(BULLET BULLET BULLET);
    const char *second = g_utf8_next_char(value);
    return g_strdup_printf("%.*s" BULLET BULLET BULLET "%s", (int)(second - value), value, at);
}

/* Every digit and letter masked, except the last @keep_digits digits. */
static char *mask_all_but_digits(const char *value, gsize keep_digits)
{
    gsize digits = 0;
    for (const char *p = value; *p != '\0'; p++)
        digits += g_ascii_isdigit(*p) ? 1 : 0;
    GString *out = g_string_new(NULL);
    gsize seen = 0;
    for (const char *p = value; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_ascii_isdigit(c) && digits - seen++ <= keep_digits)
            g_string_append_c(out, (char)c);
        else if (g_unichar_isalnum(c))
            g_string_append(out, BULLET);
        else
            g_string_append_unichar(out, c);
    }
    return g_string_free(out, FALSE);
}

/* The first character of each word kept, the other letters and digits
 * masked; values of one or two characters fully masked. */
static char *mask_words(const char *value)
{
    if (g_utf8_strlen(value, -1) <= 2)
        return mask_all_but_digits(value, 0);
    GString *out = g_string_new(NULL);
    gboolean word_start = TRUE;
    for (const char *p = value; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isalnum(c)) {
            g_string_append_unichar(out, c);
            word_start = TRUE;
        } else if (word_start) {
            g_string_append_unichar(out, c);
            word_start = FALSE;
        } else {
            g_string_append(out, BULLET);
        }
    }
    return g_string_free(out, FALSE);
}

char *fill_mask_value(const char *type, const char *value)
{
    g_return_val_if_fail(type != NULL && value != NULL, NULL);
    if (strcmp(type, "cc-number") == 0)
        return mask_card_number(value);
    if (strcmp(type, "email") == 0)
        return mask_email(value);
    if (g_str_has_prefix(type, "tel"))
        return mask_all_but_digits(value, strlen(value) >= 6 ? 2 : 0);
    if (g_str_has_prefix(type, "cc-exp") || g_str_has_prefix(type, "bday"))
        return mask_all_but_digits(value, 0);
    return mask_words(value);
}
