/*
 * fill_norm.h — matching keys: text normalised for comparison, and
 * vocabularies that map normalised names to the thing they name.
 *
 * Owns: the one normalisation used to compare a persona value with what a
 * page offers (option values and texts, placeholders), and FillVocab, a
 * table from normalised name to entity id (a country, a region, a month)
 * that knows when a name is claimed by two entities.
 * Never: knows what a field is, or keeps the text it was given.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns the matching key of @text, newly allocated (never NULL): the
 * words of text_normalize() (its first TEXT_NORMALIZE_MAX_INPUT bytes) joined
 * by single spaces, without the word "and", and with leading zeros removed
 * from numbers ("01 - Jan." → "1 jan", "Bosnia & Herzegovina" → "bosnia
 * herzegovina"). A NULL @text gives "". */
char *fill_norm_text(const char *text);

/* Entity ids are >= 0; lookups return one of these when there is none. */
#define FILL_VOCAB_NONE (-1)
#define FILL_VOCAB_AMBIGUOUS (-2)

/* One name of a vocabulary compiled at build time. An offset, not a
 * pointer: constant data with a pointer per name would cost a relocation
 * each, applied to a written page at every process start. */
typedef struct {
    guint32 key; /* offset in FillVocab.keys of the name, as fill_norm_text() gives it */
    gint32 id;   /* an entity id, or FILL_VOCAB_AMBIGUOUS */
} FillVocabEntry;

/* A vocabulary is built at run time (fill_vocab_new/add: a hash table) or
 * compiled at build time into constant data (a sorted array; see
 * geo_vocab.h). Its fields are public only so that generated data can
 * define one; everyone else uses the functions below. */
typedef struct FillVocab {
    GHashTable *ids;               /* run time: normalised name (owned) → id, stored + 3 */
    const char *keys;              /* build time: NUL-separated names ... */
    const FillVocabEntry *entries; /* ... and entries sorted by strcmp() of their name */
    gsize n_entries;
} FillVocab;

FillVocab *fill_vocab_new(void);
void fill_vocab_free(FillVocab *vocab);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FillVocab, fill_vocab_free)

/* Adds every name of @names (separated by '|') for entity @id (>= 0). A
 * name already added for another entity becomes ambiguous for both. */
void fill_vocab_add(FillVocab *vocab, int id, const char *names);

/* The names of a vocabulary built at run time, sorted by strcmp(), as a
 * new NULL-terminated array of *@n names that belong to @vocab (free the
 * array only, with g_free()). For writing a vocabulary as constant data
 * (host/tools/gen-geo-vocab.c); fill_vocab_lookup() gives each one's id. */
const char **fill_vocab_sorted_names(const FillVocab *vocab, gsize *n);

/* The entity named by @normalised (a key from fill_norm_text()), or
 * FILL_VOCAB_NONE / FILL_VOCAB_AMBIGUOUS. */
int fill_vocab_lookup(const FillVocab *vocab, const char *normalised);

/* The entity a page string names: the whole text when it is a known name;
 * otherwise, when the text is made of pieces separated by brackets, dashes,
 * slashes, colons or bars ("01 - Jan", "Germany (DE)"), the entity that
 * every piece names. Pieces listed in @ignore (normalised, NULL-terminated,
 * may be NULL) are skipped — e.g. the dialling code in "Canada (+1)".
 * Returns FILL_VOCAB_NONE or FILL_VOCAB_AMBIGUOUS otherwise. */
int fill_vocab_resolve(const FillVocab *vocab, const char *text, const char *const *ignore);

/* The regex @source, compiled with @flags (plus G_REGEX_OPTIMIZE) on first
 * use into *@slot (a static of the caller) and kept for the process. The
 * sources are constants, so a compile failure is a bug and aborts. */
const GRegex *fill_norm_regex(GRegex **slot, GRegexCompileFlags flags, const char *source);

G_END_DECLS
