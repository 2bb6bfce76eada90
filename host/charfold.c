/*
 * charfold.c — one character as text_normalize() sees it, from GLib's
 * Unicode tables.
 *
 * DESIGN: see charfold.h. These are the rules text_normalize.c applied to
 * every non-ASCII character before; they now also run at build time
 * (host/tools/gen-charfold.c) for the Latin range.
 */
#include "charfold.h"

static gboolean is_cjk(gunichar c)
{
    return (c >= 0x3040 && c <= 0x30FF)     /* kana */
           || (c >= 0x3400 && c <= 0x9FFF)  /* CJK ideographs */
           || (c >= 0xAC00 && c <= 0xD7AF)  /* Hangul syllables */
           || (c >= 0x1100 && c <= 0x11FF)  /* Hangul jamo */
           || (c >= 0xF900 && c <= 0xFAFF); /* compatibility ideographs */
}

CharClass charfold_class(gunichar c)
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
    if (c == 0x02BC) /* modifier letter apostrophe: Ukrainian "Імʼя" reads as "Ім'я", "Ім’я" */
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
    {0x03C2, "σ"},  /* final sigma: "Επώνυμος" and "ΕΠΩΝΥΜΟΣ" read alike */
    {0x0649, "ي"},  /* alef maksura: "البريدى" (Egyptian spelling) reads as "البريدي" */
    {0x0640, ""},   /* tatweel, a stretching stroke: "البريـــد" reads as "البريد" */
};

void charfold_append(gunichar c, GString *out)
{
    if (c < 0x80) { /* a digit stays as it is */
        g_string_append_c(out, (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
        return;
    }
    if (g_unichar_isdigit(c)) {
        g_string_append_c(out, (char)('0' + g_unichar_digit_value(c)));
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
