/*
 * fill_norm.c — normalised matching keys and name vocabularies.
 *
 * DESIGN: pages write the same thing many ways ("01", "1", "Jan.", "JAN",
 * "Österreich", "Osterreich"). Both sides of every comparison go through
 * fill_norm_text(), so a table only lists each name once as a person writes
 * it. Accents are dropped only after Latin, Greek and Cyrillic letters:
 * in Japanese the voicing marks change the word (ド is not ト).
 */
#include "fill_norm.h"

#include <string.h>

struct FillVocab {
    GHashTable *ids; /* normalised name (owned) → GINT_TO_POINTER(id + 3) */
};

/* Marks on these bases are accents; on other scripts they are letters. */
static gboolean base_takes_accents(gunichar base)
{
    return base < 0x0530; /* Latin, IPA, Greek, Cyrillic, Armenian */
}

/* Appends @run (a run of ASCII digits) without its leading zeros. */
static void append_digits(GString *out, const char *run, gsize length)
{
    gsize skip = 0;
    while (skip + 1 < length && run[skip] == '0')
        skip++;
    g_string_append_len(out, run + skip, (gssize)(length - skip));
}

char *fill_norm_text(const char *text)
{
    if (text == NULL)
        return g_strdup("");
    gsize length = strlen(text);
    if (length > FILL_NORM_MAX_INPUT) {
        const char *end = text + FILL_NORM_MAX_INPUT;
        while (end > text && ((guchar)*end & 0xC0) == 0x80)
            end--;
        length = (gsize)(end - text);
    }
    if (!g_utf8_validate_len(text, length, NULL))
        return g_strdup("");
    /* Most option texts are ASCII: folding is lowercasing, and there is
     * nothing to decompose. */
    gboolean ascii = TRUE;
    for (gsize i = 0; i < length && ascii; i++)
        ascii = (guchar)text[i] < 0x80;
    g_autofree char *folded =
        ascii ? g_ascii_strdown(text, (gssize)length) : g_utf8_casefold(text, (gssize)length);
    g_autofree char *decomposed =
        ascii ? g_steal_pointer(&folded) : g_utf8_normalize(folded, -1, G_NORMALIZE_NFKD);
    if (decomposed == NULL)
        return g_strdup("");

    GString *out = g_string_sized_new(length);
    GString *digits = g_string_new(NULL);
    gunichar base = 0;
    gboolean pending_space = FALSE;
    for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        GUnicodeType kind = g_unichar_type(c);
        gboolean mark = kind == G_UNICODE_NON_SPACING_MARK || kind == G_UNICODE_SPACING_MARK ||
                        kind == G_UNICODE_ENCLOSING_MARK;
        if (mark && base_takes_accents(base))
            continue;
        if (c >= '0' && c <= '9') {
            if (pending_space && out->len > 0)
                g_string_append_c(out, ' ');
            pending_space = FALSE;
            g_string_append_c(digits, (char)c);
            base = c;
            continue;
        }
        if (digits->len > 0) {
            append_digits(out, digits->str, digits->len);
            g_string_truncate(digits, 0);
            pending_space = TRUE; /* "12b" and "12 b" compare equal */
        }
        if (c == '&') {
            if (out->len > 0)
                g_string_append_c(out, ' ');
            g_string_append(out, "and");
            pending_space = TRUE;
            base = c;
            continue;
        }
        if (g_unichar_isalnum(c) || mark) {
            if (pending_space && out->len > 0)
                g_string_append_c(out, ' ');
            pending_space = FALSE;
            g_string_append_unichar(out, c);
            if (!mark)
                base = c;
        } else {
            pending_space = TRUE;
            base = c;
        }
    }
    if (digits->len > 0)
        append_digits(out, digits->str, digits->len);
    g_string_free(digits, TRUE);
    return g_string_free(out, FALSE);
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
    g_return_if_fail(vocab != NULL && id >= 0 && names != NULL);
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

int fill_vocab_lookup(const FillVocab *vocab, const char *normalised)
{
    g_return_val_if_fail(vocab != NULL && normalised != NULL, FILL_VOCAB_NONE);
    gpointer found = g_hash_table_lookup(vocab->ids, normalised);
    return found == NULL ? FILL_VOCAB_NONE : LOADED(found);
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
