/*
 * text_normalize.c — canonical words for classifier matching.
 *
 * DESIGN: one pass over the code points with a tiny state (the class of the
 * previous character) decides where word breaks go; letters are folded one
 * at a time (charfold.h: ASCII and Latin letters from a table made at build
 * time, the others with GLib's Unicode tables). Rules in classify_rules.c are run
 * through the same function when they are compiled, so any quirk of the
 * folding applies to both sides and cancels out.
 */
#include "text_normalize.h"

#include "charfold.h"

#include <string.h>

/* The class of @c: ASCII and Latin letters without GLib (charfold.h). */
static CharClass char_class(gunichar c)
{
    if (c < 0x80 || c >= CHARFOLD_LATIN_END)
        return charfold_class(c);
    return (CharClass)charfold_latin[c - 0x80].cls;
}

/* Appends the folded form of the letter or digit @c to @out. */
static void append_folded(gunichar c, GString *out)
{
    if (c < 0x80) {
        g_string_append_c(out, (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
        return;
    }
    if (c < CHARFOLD_LATIN_END) {
        g_string_append(out, charfold_latin[c - 0x80].folded);
        return;
    }
    charfold_append(c, out);
}

/* The code point at @p (before @end) into *@c, and where the next one
 * starts; NULL for invalid UTF-8. ASCII and two-byte sequences (up to
 * U+07FF) are read here, the rest with GLib. */
static const char *next_char(const char *p, const char *end, gunichar *c)
{
    guchar lead = (guchar)p[0];
    if (lead < 0x80) {
        *c = lead;
        return p + 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF && end - p >= 2 && ((guchar)p[1] & 0xC0) == 0x80) {
        *c = ((gunichar)(lead & 0x1F) << 6) | ((guchar)p[1] & 0x3F);
        return p + 2;
    }
    gunichar decoded = g_utf8_get_char_validated(p, end - p);
    if (decoded == (gunichar)-1 || decoded == (gunichar)-2)
        return NULL;
    *c = decoded;
    return g_utf8_next_char(p);
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
        const char *next = next_char(p, end, &c);
        if (next == NULL)
            break;
        if (c >= 0xFF01 && c <= 0xFF5E)
            c -= 0xFEE0;
        CharClass cls = char_class(c);
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
                gunichar after;
                if (next_char(next, end, &after) != NULL && char_class(after) == CHAR_LOWER)
                    split = TRUE;
            } else if ((cls == CHAR_DIGIT) != (previous == CHAR_DIGIT) && previous != CHAR_BREAK)
                split = TRUE; /* line2, 2nd */
            else if ((cls == CHAR_CJK) != (previous == CHAR_CJK) && previous != CHAR_BREAK)
                split = TRUE; /* E-mail地址 */
            if (split)
                append_break(out);
            if (cls == CHAR_CJK)
                g_string_append_unichar(out, c);
            else
                append_folded(c, out);
        }
        previous = cls;
        p = next;
    }
    append_break(out);
}
