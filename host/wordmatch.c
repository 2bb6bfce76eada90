/*
 * wordmatch.c — a dense Aho-Corasick automaton over byte classes.
 *
 * DESIGN: bytes that occur in no pattern share class 0, which always leads
 * back to the root; the others get a class each, so the table has
 * states × classes 16-bit entries (about 2 MB for the classifier's rules),
 * built once. Each state lists the patterns ending exactly there and links
 * to the nearest suffix state that ends a pattern, so a scan is one lookup
 * per byte plus one step per reported match.
 */
#include "wordmatch.h"

#include <string.h>

struct WordMatcher {
    guint8 byte_class[256];
    guint n_classes;
    guint n_states;
    guint16 *next;      /* n_states × n_classes */
    guint16 *fail;      /* n_states */
    guint16 *dict_link; /* nearest proper suffix state with output; 0 = none */
    guint *out_start;   /* n_states + 1: patterns ending at state s are */
    guint *out_list;    /* out_list[out_start[s] .. out_start[s + 1]) */
};

void word_matcher_free(WordMatcher *matcher)
{
    if (matcher == NULL)
        return;
    g_free(matcher->next);
    g_free(matcher->fail);
    g_free(matcher->dict_link);
    g_free(matcher->out_start);
    g_free(matcher->out_list);
    g_free(matcher);
}

WordMatcher *word_matcher_new(const char *const *patterns, guint n_patterns)
{
    g_autoptr(WordMatcher) m = g_new0(WordMatcher, 1);

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

    /* Trie: at most total_length + 1 states. 0 in next[] means "no edge". */
    gsize capacity = total_length + 1;
    m->next = g_new0(guint16, capacity * m->n_classes);
    g_autofree guint *pattern_state = g_new(guint, MAX(n_patterns, 1));
    m->n_states = 1;
    for (guint p = 0; p < n_patterns; p++) {
        guint state = 0;
        for (const guchar *b = (const guchar *)patterns[p]; *b != '\0'; b++) {
            guint16 *edge = &m->next[state * m->n_classes + m->byte_class[*b]];
            if (*edge == 0) {
                if (m->n_states >= capacity)
                    return NULL;
                *edge = (guint16)m->n_states++;
            }
            state = *edge;
        }
        pattern_state[p] = state;
    }

    /* Outputs grouped by state (counting sort). */
    m->out_start = g_new0(guint, m->n_states + 1);
    m->out_list = g_new(guint, MAX(n_patterns, 1));
    for (guint p = 0; p < n_patterns; p++)
        m->out_start[pattern_state[p] + 1]++;
    for (guint s = 0; s < m->n_states; s++)
        m->out_start[s + 1] += m->out_start[s];
    g_autofree guint *fill = g_memdup2(m->out_start, sizeof(guint) * m->n_states);
    for (guint p = 0; p < n_patterns; p++)
        m->out_list[fill[pattern_state[p]]++] = p;

    /* Failure and dictionary links by breadth-first search; missing edges
     * become the failure state's edges, turning the trie into a DFA. */
    m->fail = g_new0(guint16, m->n_states);
    m->dict_link = g_new0(guint16, m->n_states);
    g_autofree guint16 *queue = g_new(guint16, m->n_states);
    guint head = 0, tail = 0;
    for (guint c = 1; c < m->n_classes; c++) {
        guint16 child = m->next[c];
        if (child != 0)
            queue[tail++] = child; /* fail = root */
    }
    while (head < tail) {
        guint16 state = queue[head++];
        guint16 *row = &m->next[(gsize)state * m->n_classes];
        const guint16 *fail_row = &m->next[(gsize)m->fail[state] * m->n_classes];
        for (guint c = 1; c < m->n_classes; c++) {
            if (row[c] != 0) {
                guint16 child = row[c];
                m->fail[child] = fail_row[c];
                guint16 f = m->fail[child];
                m->dict_link[child] = m->out_start[f + 1] > m->out_start[f] ? f : m->dict_link[f];
                queue[tail++] = child;
            } else {
                row[c] = fail_row[c];
            }
        }
    }
    return g_steal_pointer(&m);
}

void word_matcher_scan(const WordMatcher *m, const char *text, gsize length, WordMatchFunc func,
                       gpointer user_data)
{
    g_return_if_fail(m != NULL && func != NULL);
    guint state = 0;
    for (gsize i = 0; i < length; i++) {
        state = m->next[state * m->n_classes + m->byte_class[(guchar)text[i]]];
        for (guint s = state; s != 0; s = m->dict_link[s]) {
            for (guint k = m->out_start[s]; k < m->out_start[s + 1]; k++)
                func(m->out_list[k], i + 1, user_data);
        }
    }
}
