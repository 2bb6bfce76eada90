/*
 * classify_compile.h — the classifier's rule tables compiled into one matcher.
 *
 * Every pattern of the tables listed in classify_compile.c (classify_rule_tables)
 * is normalised with text_normalize() (plus a joined form of multi-word Latin
 * patterns: "first name" is also " firstname ") and compiled into one
 * WordMatcher; the words that make a select's options recognisable
 * (classify_option_words.c) into one sorted word set.
 * This costs about 9.5 M instructions, more than everything else a new host
 * process does for its first classify, so it is done at BUILD time:
 * host/tools/gen-classify-matcher.c calls classify_compile_rules() and writes
 * the result as constant data (classify_matcher.c in the build tree), which
 * classify_match.c uses as classify_compiled_rules. The unit tests compile the
 * tables again at run time and check that both agree.
 *
 * This module does no I/O and knows no values.
 */
#pragma once

#include "classify_rules.h"
#include "fill_norm.h"
#include "wordmatch.h"

G_BEGIN_DECLS

/* One compiled pattern: matcher pattern number i is patterns[i]. Offsets,
 * not pointers: constant data with a pointer per pattern would cost a
 * relocation each, applied to a written page at every process start. */
typedef struct {
    guint16 rule;     /* numbered across the tables of classify_rule_tables, in that
                         order (classify_compiled_rule()) */
    guint16 length;   /* bytes of the compiled pattern */
    guint32 evidence; /* offset in CompiledRules.evidence of "en:first name": language and
                         the pattern as written */
    guint8 concept;   /* the rule's ClassifyConcept, weight and RuleSource mask, so that */
    guint8 weight;    /* a host matching text never pages in the rule tables themselves */
    guint8 sources;
} CompiledPattern;

typedef struct {
    const WordMatcher *matcher;
    const CompiledPattern *patterns;
    guint n_patterns;
    const char *evidence; /* NUL-separated texts the patterns' offsets point into */
    /* Every option word, normalised without the edge spaces, sorted (a
     * FillVocab in its constant form: ids NULL); its id is the word's
     * OPTION_WORD_* bits. */
    FillVocab option_words;
} CompiledRules;

/* What a word of an option list may be; one word can be several ("georgia"). */
enum { OPTION_WORD_MONTH = 1, OPTION_WORD_COUNTRY = 2, OPTION_WORD_REGION = 4 };

/* The option words as written (classify_option_words.c): month names and
 * abbreviations, country names, region names. */
extern const char *const classify_option_month_words[];
extern const gsize classify_option_month_words_count;
extern const char *const classify_option_country_words[];
extern const gsize classify_option_country_words_count;
extern const char *const classify_option_region_words[];
extern const gsize classify_option_region_words_count;

/* The rule of @pattern. */
const ClassifyRule *classify_compiled_rule(const CompiledPattern *pattern);

/* The rules compiled at build time (generated classify_matcher.c). */
extern const CompiledRules classify_compiled_rules;

/* Compiles the rule tables now. Returns a new CompiledRules, freed with
 * classify_compiled_rules_free(); never fails (an empty pattern or too many
 * states is a bug in the tables and asserts). */
CompiledRules *classify_compile_rules(void);

/* Frees what classify_compile_rules() returned; NULL is accepted. */
void classify_compiled_rules_free(CompiledRules *compiled);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CompiledRules, classify_compiled_rules_free)

G_END_DECLS
