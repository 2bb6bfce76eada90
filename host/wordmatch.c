/*
 * wordmatch.c — an Aho-Corasick automaton over byte classes, sparse except
 * at the root.
 *
 * DESIGN: bytes that occur in no pattern share class 0, which always leads
 * back to the root; the others get a class each. The root keeps a full row
 * (one entry per class); every other state keeps only its trie edges, in one
 * flat array, and a failure link. A fully expanded table (states × classes,
 * about 2 MB for the classifier's rules) would save a few failure steps per
 * label but take 2 MB; this form takes a few hundred kilobytes, which matters
 * because the classifier's matcher is constant data in every host binary
 * (compiled at build time, see classify_compile.h) and a host process, new
 * for each browser message, pages in what its scan touches. Each state
 * lists the patterns ending exactly there and links to the nearest suffix
 * state that ends a pattern, so a scan is a few lookups per byte plus one
 * step per reported match. States are numbered breadth-first and every
 * index is 16 bits: a scan spends most of its steps near the root, so the
 * states it visits sit in a few pages at the front of each array.
 */
#include "wordmatch.h"

#include <string.h>


void word_matcher_free(WordMatcher *matcher)
{
    if (matcher == NULL)
        return;
    g_free((gpointer)matcher->root);
    g_free((gpointer)matcher->edge_start);
    g_free((gpointer)matcher->edge_class);
    g_free((gpointer)matcher->fail);
    g_free((gpointer)matcher->dict_link);
    g_free((gpointer)matcher->out_start);
    g_free((gpointer)matcher->out_list);
    g_free(matcher);
}

/* The trie child of @state (not the root) by @cls, or 0. */
static guint16 trie_child(const WordMatcher *m, guint state, guint cls)
{
    for (guint e = m->edge_start[state]; e < m->edge_start[state + 1]; e++) {
        if (m->edge_class[e] == cls)
            return (guint16)(e + 1); /* the edge into state s is edge s - 1 */
    }
    return 0;
}

/* The automaton's move from @state by @cls, following failure links. */
static guint16 step(const WordMatcher *m, guint state, guint cls)
{
    if (cls == 0)
        return 0; /* a byte of no pattern */
    while (state != 0) {
        guint16 child = trie_child(m, state, cls);
        if (child != 0)
            return child;
        state = m->fail[state];
    }
    return m->root[cls];
}

WordMatcher *word_matcher_new(const char *const *patterns, guint n_patterns)
{
    if (n_patterns > WORDMATCH_MAX_PATTERNS)
        return NULL;
    g_autoptr(WordMatcher) m = g_new0(WordMatcher, 1);
    m->n_patterns = n_patterns;

    /* Byte classes. */
    gboolean used[256] = {FALSE};
    gsize total_length = 0;
    for (guint p = 0; p < n_patterns; p++) {
        g_return_val_if_fail(patterns[p] != NULL && patterns[p][0] != '\0', NULL);
        for (const guchar *b = (const guchar *)patterns[p]; *b != '\0'; b++)
            used[*b] = TRUE;
        total_length += strlen(patterns[p]);
    }
    m->n_classes = 1;
    for (guint b = 0; b < 256; b++)
        m->byte_class[b] = used[b] ? (guint8)m->n_classes++ : 0;
    if (total_length + 1 > WORDMATCH_MAX_STATES)
        total_length = WORDMATCH_MAX_STATES - 1; /* checked again while inserting */

    /* Trie: at most total_length + 1 states, each state's children in a
     * list (first child, next sibling) while building. 0 means "none". */
    gsize capacity = total_length + 1;
    g_autofree guint16 *first_child = g_new0(guint16, capacity);
    g_autofree guint16 *sibling = g_new0(guint16, capacity);
    g_autofree guint8 *label = g_new0(guint8, capacity);
    g_autofree guint16 *parent = g_new0(guint16, capacity);
    g_autofree guint *pattern_state = g_new(guint, MAX(n_patterns, 1));
    m->n_states = 1;
    for (guint p = 0; p < n_patterns; p++) {
        guint state = 0;
        for (const guchar *b = (const guchar *)patterns[p]; *b != '\0'; b++) {
            guint8 cls = m->byte_class[*b];
            guint16 child = first_child[state];
            while (child != 0 && label[child] != cls)
                child = sibling[child];
            if (child == 0) {
                if (m->n_states >= capacity)
                    return NULL;
                child = (guint16)m->n_states++;
                label[child] = cls;
                parent[child] = (guint16)state;
                sibling[child] = first_child[state];
                first_child[state] = child;
            }
            state = child;
        }
        pattern_state[p] = state;
    }

    /* Breadth-first numbering: @renumbered[old] is a state's final number. */
    g_autofree guint16 *renumbered = g_new0(guint16, m->n_states);
    g_autofree guint16 *by_number = g_new0(guint16, m->n_states);
    guint numbered = 1;
    for (guint next = 0; next < numbered; next++) {
        for (guint16 child = first_child[by_number[next]]; child != 0; child = sibling[child]) {
            renumbered[child] = (guint16)numbered;
            by_number[numbered++] = child;
        }
    }
    g_autofree guint8 *class_of = g_new0(guint8, m->n_states);
    g_autofree guint16 *parent_of = g_new0(guint16, m->n_states);
    for (guint s = 1; s < m->n_states; s++) {
        class_of[s] = label[by_number[s]];
        parent_of[s] = renumbered[parent[by_number[s]]];
    }
    for (guint p = 0; p < n_patterns; p++)
        pattern_state[p] = renumbered[pattern_state[p]];

    /* Flat edges; the root's also as a row. Numbered breadth-first, the
     * children of a state are consecutive states and parents come in
     * order, so the edge into state s is edge s - 1 and the edges of a
     * state are one range. */
    guint16 *root = g_new0(guint16, m->n_classes);
    guint16 *edge_start = g_new0(guint16, m->n_states + 1);
    guint8 *edge_class = g_new(guint8, m->n_states);
    m->root = root;
    m->edge_start = edge_start;
    m->edge_class = edge_class;
    for (guint s = 1; s < m->n_states; s++) {
        edge_start[parent_of[s] + 1]++;
        edge_class[s - 1] = class_of[s];
        if (parent_of[s] == 0)
            root[class_of[s]] = (guint16)s;
    }
    for (guint s = 0; s < m->n_states; s++)
        edge_start[s + 1] += edge_start[s];

    /* Outputs grouped by state (counting sort). */
    guint16 *out_start = g_new0(guint16, m->n_states + 1);
    guint16 *out_list = g_new(guint16, MAX(n_patterns, 1));
    m->out_start = out_start;
    m->out_list = out_list;
    for (guint p = 0; p < n_patterns; p++)
        out_start[pattern_state[p] + 1]++;
    for (guint s = 0; s < m->n_states; s++)
        out_start[s + 1] += out_start[s];
    g_autofree guint16 *fill = g_memdup2(out_start, sizeof(guint16) * m->n_states);
    for (guint p = 0; p < n_patterns; p++)
        out_list[fill[pattern_state[p]]++] = (guint16)p;

    /* Failure and dictionary links in number order, which is breadth-first:
     * a state's failure target is shallower, so it is final when the state
     * is reached. The root's children fail to the root. */
    guint16 *fail = g_new0(guint16, m->n_states);
    guint16 *dict_link = g_new0(guint16, m->n_states);
    m->fail = fail;
    m->dict_link = dict_link;
    for (guint s = 1; s < m->n_states; s++) {
        guint16 f = parent_of[s] == 0 ? 0 : step(m, fail[parent_of[s]], class_of[s]);
        fail[s] = f;
        dict_link[s] = out_start[f + 1] > out_start[f] ? f : dict_link[f];
    }
    return g_steal_pointer(&m);
}

void word_matcher_scan(const WordMatcher *m, const char *text, gsize length, WordMatchFunc func,
                       gpointer user_data)
{
    g_return_if_fail(m != NULL && func != NULL);
    guint state = 0;
    for (gsize i = 0; i < length; i++) {
        state = step(m, state, m->byte_class[(guchar)text[i]]);
        for (guint s = state; s != 0; s = m->dict_link[s]) {
            for (guint k = m->out_start[s]; k < m->out_start[s + 1]; k++)
                func(m->out_list[k], i + 1, user_data);
        }
    }
}
