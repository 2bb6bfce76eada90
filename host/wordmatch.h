/*
 * wordmatch.h — find many fixed byte strings in a text in one pass.
 *
 * The classifier looks for about two thousand words and phrases in every
 * label, name and placeholder of a form. Trying them one by one (or as
 * regular expressions) would cost far more than the 100 µs a whole form may
 * take, so this module compiles them once into an Aho-Corasick automaton
 * with a dense transition table: one table lookup per byte of text, whatever
 * the number of patterns. It owns the automaton only and knows nothing of
 * fields or languages.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct WordMatcher WordMatcher;

/* Most automaton states (the total length of distinct pattern prefixes). */
#define WORDMATCH_MAX_STATES 65535

/* Called for each occurrence of pattern number @pattern, ending at byte
 * @end (exclusive) of the text; occurrences are reported in order of end. */
typedef void (*WordMatchFunc)(guint pattern, gsize end, gpointer user_data);

/* Compiles @n_patterns non-empty byte strings. Returns NULL when the patterns
 * need more than WORDMATCH_MAX_STATES states (a programming error in a rule
 * table, caught by the unit tests). */
WordMatcher *word_matcher_new(const char *const *patterns, guint n_patterns);

void word_matcher_free(WordMatcher *matcher);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(WordMatcher, word_matcher_free)

/* Reports every occurrence of every pattern in @text[0..@length). */
void word_matcher_scan(const WordMatcher *matcher, const char *text, gsize length,
                       WordMatchFunc func, gpointer user_data);

G_END_DECLS
