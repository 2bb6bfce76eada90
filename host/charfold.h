/*
 * charfold.h — one character as text_normalize() sees it: its class (letter,
 * digit, word break...) and its folded spelling, from GLib's Unicode tables.
 *
 * GLib's tables are spread over ~0.4 MiB of its read-only data, and looking
 * up one "é" or "Å" maps several 64 KiB windows of them into the process. So
 * the characters up to U+024F (Latin-1 Supplement, Latin Extended-A and -B:
 * the accented letters of the languages Keyfill reads) are looked up at BUILD
 * time by host/tools/gen-charfold.c into charfold_latin[] (charfold_data.c in
 * the build tree); text_normalize() reads that table, and calls the functions
 * below only for characters past it. The unit tests check that the table
 * still says what the functions say.
 *
 * No I/O, no allocation but into the caller's GString.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
    CHAR_BREAK, /* space, punctuation, symbol: becomes a word break */
    CHAR_LOWER,
    CHAR_UPPER,
    CHAR_DIGIT,
    CHAR_CJK, /* ideographs, kana, Hangul: words without spaces */
    CHAR_OTHER_LETTER,
} CharClass;

/* The class of @c (any code point; ASCII included). */
CharClass charfold_class(gunichar c);

/* Appends what text_normalize() writes for @c, a letter or digit (class
 * other than CHAR_BREAK and CHAR_CJK): the letter case folded with its
 * accents removed (é→e, ß→ss), or the digit's ASCII digit. */
void charfold_append(gunichar c, GString *out);

/* The first code point past charfold_latin[]. */
#define CHARFOLD_LATIN_END 0x250

typedef struct {
    guint8 cls;      /* a CharClass */
    char folded[4];  /* what charfold_append() writes (at most 3 bytes), NUL-terminated */
} CharFoldEntry;

/* charfold_class() and charfold_append() of U+0080 .. CHARFOLD_LATIN_END - 1,
 * at index c - 0x80 (generated charfold_data.c). */
extern const CharFoldEntry charfold_latin[CHARFOLD_LATIN_END - 0x80];

G_END_DECLS
