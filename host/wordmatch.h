/*
 * wordmatch.h — find many fixed byte strings in a text in one pass.
 *
 * The classifier looks for about two thousand words and phrases in every
 * label, name and placeholder of a form. Trying them one by one (or as
 * regular expressions) would cost far more than the 100 µs a whole form may
 * take, so this module compiles them once into an Aho-Corasick automaton
 * (sparse, with a full row at the root): a few lookups per byte of text, whatever
 * the number of patterns. It owns the automaton only and knows nothing of
 * fields or languages.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The automaton (wordmatch.c explains it). Its fields are public only so
 * that a matcher compiled at build time can be constant data
 * (host/tools/gen-classify-matcher.c writes one); everyone else treats it as
 * opaque. A matcher from word_matcher_new() owns its arrays. */
typedef struct WordMatcher {
    guint8 byte_class[256];
    guint n_classes;
    guint n_states;
    const guint16 *root;       /* n_classes: the root's transitions (0 = stay at the root) */
    const guint16 *edge_start; /* n_states + 1: edges of state s are edges[edge_start[s] ..
                                  edge_start[s + 1]) */
    const guint8 *edge_class;  /* n_states - 1 edges: the class of edge e, which leads to
                                  state e + 1 (states are numbered breadth-first) */
    const guint16 *fail;       /* n_states */
    const guint16 *dict_link;  /* nearest proper suffix state with output; 0 = none */
    const guint16 *out_start;  /* n_states + 1: patterns ending at state s are */
    const guint16 *out_list;   /* out_list[out_start[s] .. out_start[s + 1]) */
    guint n_patterns;
} WordMatcher;

/* Most automaton states (the total length of distinct pattern prefixes),
 * and most patterns: every index fits 16 bits. */
#define WORDMATCH_MAX_STATES 65535
#define WORDMATCH_MAX_PATTERNS 65535

/* Called for each occurrence of pattern number @pattern, ending at byte
 * @end (exclusive) of the text; occurrences are reported in order of end. */
typedef void (*WordMatchFunc)(guint pattern, gsize end, gpointer user_data);

/* Compiles @n_patterns non-empty byte strings. Returns NULL when there are
 * more than WORDMATCH_MAX_PATTERNS of them or they need more than
 * WORDMATCH_MAX_STATES states (a programming error in a rule table, caught
 * by the unit tests). */
WordMatcher *word_matcher_new(const char *const *patterns, guint n_patterns);

/* Frees a matcher made by word_matcher_new(); NULL is accepted. */
void word_matcher_free(WordMatcher *matcher);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(WordMatcher, word_matcher_free)

/* Reports every occurrence of every pattern in @text[0..@length). */
void word_matcher_scan(const WordMatcher *matcher, const char *text, gsize length,
                       WordMatchFunc func, gpointer user_data);

G_END_DECLS
