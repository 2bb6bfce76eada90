/*
 * fill_norm.c — normalised matching keys and name vocabularies.
 *
 * DESIGN: pages write the same thing many ways ("01", "1", "Jan.", "JAN",
 * "Österreich", "Osterreich", "Bosnia & Herzegovina"). Both sides of every
 * comparison go through fill_norm_text(), so a table only lists each name
 * once as a person writes it. The word-level folding is the classifier's
 * (text_normalize.h: case, accents on Latin, Greek and Cyrillic only, so
 * that Japanese voicing marks stay, punctuation); matching keys add two
 * rules of their own: leading zeros go, and "and" is not a word ("&").
 */
#include "fill_norm.h"

#include "text_normalize.h"

#include <stdlib.h>
#include <string.h>

char *fill_norm_text(const char *text)
{
    g_autoptr(GString) words = g_string_sized_new(64);
    text_normalize(text, words); /* " word word " */
    GString *key = g_string_sized_new(words->len);
    const char *word = words->str;
    while (*word != '\0') {
        while (*word == ' ')
            word++;
        const char *end = strchr(word, ' ');
        gsize length = end != NULL ? (gsize)(end - word) : strlen(word);
        const char *next = word + length;
        if (length == 0 || (length == 3 && strncmp(word, "and", 3) == 0)) {
            word = next; /* "&" is a break: "and" must not count either */
            continue;
        }
        while (length > 1 && word[0] == '0' && g_ascii_isdigit(word[1]))
            word++, length--; /* "01" and "1" are the same month */
        if (key->len > 0)
            g_string_append_c(key, ' ');
        g_string_append_len(key, word, (gssize)length);
        word = next;
    }
    return g_string_free(key, FALSE);
}

FillVocab *fill_vocab_new(void)
{
    FillVocab *vocab = g_new0(FillVocab, 1);
    vocab->ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return vocab;
}

void fill_vocab_free(FillVocab *vocab)
{
    if (vocab == NULL)
        return;
    g_hash_table_destroy(vocab->ids);
    g_free(vocab);
}

/* Ids are stored shifted so that NULL (absent) and the markers differ. */
#define STORED(id) GINT_TO_POINTER((id) + 3)
#define LOADED(p) (GPOINTER_TO_INT(p) - 3)

void fill_vocab_add(FillVocab *vocab, int id, const char *names)
{
    g_return_if_fail(vocab != NULL && vocab->ids != NULL && id >= 0 && names != NULL);
    g_auto(GStrv) parts = g_strsplit(names, "|", -1);
    for (char **part = parts; *part != NULL; part++) {
        g_autofree char *key = fill_norm_text(*part);
        if (*key == '\0')
            continue;
        gpointer old = g_hash_table_lookup(vocab->ids, key);
        if (old == NULL)
            g_hash_table_insert(vocab->ids, g_steal_pointer(&key), STORED(id));
        else if (LOADED(old) != id)
            g_hash_table_insert(vocab->ids, g_steal_pointer(&key), STORED(FILL_VOCAB_AMBIGUOUS));
    }
}

static int compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **fill_vocab_sorted_names(const FillVocab *vocab, gsize *n)
{
    g_return_val_if_fail(vocab != NULL && vocab->ids != NULL && n != NULL, NULL);
    guint length = 0;
    const char **names = (const char **)g_hash_table_get_keys_as_array(vocab->ids, &length);
    qsort(names, length, sizeof *names, compare_names);
    *n = length;
    return names;
}

int fill_vocab_lookup(const FillVocab *vocab, const char *normalised)
{
    g_return_val_if_fail(vocab != NULL && normalised != NULL, FILL_VOCAB_NONE);
    if (vocab->ids != NULL) {
        gpointer found = g_hash_table_lookup(vocab->ids, normalised);
        return found == NULL ? FILL_VOCAB_NONE : LOADED(found);
    }
    gsize low = 0, high = vocab->n_entries; /* binary search in [low, high) */
    while (low < high) {
        gsize middle = low + (high - low) / 2;
        int order = strcmp(normalised, vocab->keys + vocab->entries[middle].key);
        if (order == 0)
            return vocab->entries[middle].id;
        if (order < 0)
            high = middle;
        else
            low = middle + 1;
    }
    return FILL_VOCAB_NONE;
}

static gboolean is_ignored(const char *key, const char *const *ignore)
{
    for (; ignore != NULL && *ignore != NULL; ignore++) {
        if (strcmp(key, *ignore) == 0)
            return TRUE;
    }
    return FALSE;
}

const GRegex *fill_norm_regex(GRegex **slot, GRegexCompileFlags flags, const char *source)
{
    if (g_once_init_enter(slot)) {
        GRegex *regex = g_regex_new(source, flags | G_REGEX_OPTIMIZE, 0, NULL);
        g_assert(regex != NULL);
        g_once_init_leave(slot, regex);
    }
    return *slot;
}

/* Separators between a code and a name; a plain space is not one, since
 * "New South Wales" is one name. Compiled once, never freed. */
static const GRegex *piece_separators(void)
{
    static GRegex *regex;
    return fill_norm_regex(&regex, 0, "\\s+[-–—:|/]\\s+|[()\\[\\]|:/]|\\s[-–—]|[-–—]\\s");
}

/* At most this many pieces are looked at; option texts have two or three. */
#define MAX_PIECES 6

int fill_vocab_resolve(const FillVocab *vocab, const char *text, const char *const *ignore)
{
    g_return_val_if_fail(vocab != NULL, FILL_VOCAB_NONE);
    g_autofree char *whole = fill_norm_text(text);
    if (*whole == '\0')
        return FILL_VOCAB_NONE;
    int id = fill_vocab_lookup(vocab, whole);
    if (id != FILL_VOCAB_NONE)
        return id;

    /* Pieces: split the raw text where people put a code beside a name. */
    g_auto(GStrv) pieces = g_regex_split(piece_separators(), text, 0);
    int found = FILL_VOCAB_NONE;
    int counted = 0;
    for (char **piece = pieces; *piece != NULL; piece++) {
        g_autofree char *key = fill_norm_text(*piece);
        if (*key == '\0' || is_ignored(key, ignore))
            continue;
        if (++counted > MAX_PIECES)
            return FILL_VOCAB_NONE;
        int piece_id = fill_vocab_lookup(vocab, key);
        if (piece_id < 0)
            return piece_id;
        if (found >= 0 && found != piece_id)
            return FILL_VOCAB_AMBIGUOUS;
        found = piece_id;
    }
    return found;
}
