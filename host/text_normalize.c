/*
 * text_normalize.c — canonical words for classifier matching.
 *
 * DESIGN: one pass over the code points with a tiny state (the class of the
 * previous character) decides where word breaks go; letters are folded one
 * at a time with GLib's Unicode tables. Rules in classify_rules.c are run
 * through the same function when they are compiled, so any quirk of the
 * folding applies to both sides and cancels out.
 */
#include "text_normalize.h"

#include <string.h>

typedef enum {
    CHAR_BREAK, /* space, punctuation, symbol: becomes a word break */
    CHAR_LOWER,
    CHAR_UPPER,
    CHAR_DIGIT,
    CHAR_CJK, /* ideographs, kana, Hangul: words without spaces */
    CHAR_OTHER_LETTER,
} CharClass;

static gboolean is_cjk(gunichar c)
{
    return (c >= 0x3040 && c <= 0x30FF)     /* kana */
           || (c >= 0x3400 && c <= 0x9FFF)  /* CJK ideographs */
           || (c >= 0xAC00 && c <= 0xD7AF)  /* Hangul syllables */
           || (c >= 0x1100 && c <= 0x11FF)  /* Hangul jamo */
           || (c >= 0xF900 && c <= 0xFAFF); /* compatibility ideographs */
}

static CharClass classify_char(gunichar c)
{
    if (c < 0x80) { /* fast path: most labels and every attribute are ASCII */
        if (c >= 'a' && c <= 'z')
            return CHAR_LOWER;
        if (c >= 'A' && c <= 'Z')
            return CHAR_UPPER;
        if (c >= '0' && c <= '9')
            return CHAR_DIGIT;
        return CHAR_BREAK;
    }
    if (c == 0x30FC) /* katakana long vowel mark, part of words like メール */
        return CHAR_CJK;
    if (c == 0x00BA || c == 0x00AA) /* ordinal indicators: "Nº de carte" reads as "N° de carte" */
        return CHAR_BREAK;
    if (is_cjk(c))
        return CHAR_CJK;
    if (g_unichar_isdigit(c))
        return CHAR_DIGIT;
    if (g_unichar_isupper(c))
        return CHAR_UPPER;
    if (g_unichar_islower(c))
        return CHAR_LOWER;
    if (g_unichar_isalpha(c))
        return CHAR_OTHER_LETTER;
    return CHAR_BREAK;
}

/* Letters that Unicode does not decompose to a base letter. */
static const struct {
    gunichar from;
    const char *to;
} special_folds[] = {
    {0x00DF, "ss"}, /* ß */
    {0x1E9E, "ss"}, /* ẞ */
    {0x0142, "l"},  /* ł */
    {0x0141, "l"},  /* Ł */
    {0x00F8, "o"},  /* ø */
    {0x00D8, "o"},  /* Ø */
    {0x00E6, "ae"}, /* æ */
    {0x00C6, "ae"}, /* Æ */
    {0x0153, "oe"}, /* œ */
    {0x0152, "oe"}, /* Œ */
    {0x0111, "d"},  /* đ */
    {0x0110, "d"},  /* Đ */
    {0x0131, "i"},  /* dotless ı */
    {0x0130, "i"},  /* İ */
    {0x00F0, "d"},  /* ð */
    {0x00FE, "th"}, /* þ */
};

/* Appends the folded form of letter @c to @out. */
static void append_folded(gunichar c, GString *out)
{
    if (c < 0x80) {
        g_string_append_c(out, g_ascii_tolower((char)c));
        return;
    }
    for (gsize i = 0; i < G_N_ELEMENTS(special_folds); i++) {
        if (special_folds[i].from == c) {
            g_string_append(out, special_folds[i].to);
            return;
        }
    }
    if (c >= 0xFF01 && c <= 0xFF5E) /* full-width ASCII */
        c -= 0xFEE0;
    if (c < 0x2000) {
        /* Latin, Greek, Cyrillic: keep the base letter, drop accents. */
        gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
        gsize n = g_unichar_fully_decompose(c, FALSE, decomposed, G_N_ELEMENTS(decomposed));
        if (n > 0)
            c = decomposed[0];
    }
    g_string_append_unichar(out, g_unichar_tolower(c));
}

static void append_break(GString *out)
{
    if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c(out, ' ');
}

void text_normalize(const char *text, GString *out)
{
    g_return_if_fail(out != NULL);
    g_string_truncate(out, 0);
    g_string_append_c(out, ' ');
    if (text == NULL) {
        return;
    }

    const char *p = text;
    const char *end = text + strnlen(text, TEXT_NORMALIZE_MAX_INPUT);
    CharClass previous = CHAR_BREAK;
    while (p < end) {
        gunichar c;
        const char *next;
        if ((guchar)*p < 0x80) {
            c = (guchar)*p;
            next = p + 1;
        } else {
            c = g_utf8_get_char_validated(p, end - p);
            if (c == (gunichar)-1 || c == (gunichar)-2)
                break;
            next = g_utf8_next_char(p);
        }
        if (c >= 0xFF01 && c <= 0xFF5E)
            c -= 0xFEE0;
        CharClass cls = classify_char(c);
        gboolean mark = c >= 0x300 && g_unichar_ismark(c);

        if (mark) {
            /* A combining accent after a letter: dropped with its base's accent. */
            if (previous == CHAR_CJK)
                g_string_append_unichar(out, c); /* dakuten etc. belong to the word */
            p = next;
            continue;
        }
        if (cls == CHAR_BREAK) {
            append_break(out);
        } else {
            gboolean split = FALSE;
            if (cls == CHAR_UPPER && previous == CHAR_LOWER)
                split = TRUE; /* firstName */
            else if (cls == CHAR_UPPER && previous == CHAR_UPPER && next < end) {
                /* ZIPCode: break before the last capital of a run followed by lower case */
                gunichar after = g_utf8_get_char_validated(next, end - next);
                if (after != (gunichar)-1 && after != (gunichar)-2 &&
                    classify_char(after) == CHAR_LOWER)
                    split = TRUE;
            } else if ((cls == CHAR_DIGIT) != (previous == CHAR_DIGIT) && previous != CHAR_BREAK)
                split = TRUE; /* line2, 2nd */
            else if ((cls == CHAR_CJK) != (previous == CHAR_CJK) && previous != CHAR_BREAK)
                split = TRUE; /* E-mail地址 */
            if (split)
                append_break(out);
            if (cls == CHAR_DIGIT)
                g_string_append_c(out, (char)('0' + g_unichar_digit_value(c)));
            else if (cls == CHAR_CJK)
                g_string_append_unichar(out, c);
            else
                append_folded(c, out);
        }
        previous = cls;
        p = next;
    }
    append_break(out);
}
