/*
 * classify_compile.c — the classifier's rule tables compiled into one matcher.
 *
 * DESIGN: a pattern is normalised exactly as a field's texts are
 * (text_normalize: lower case, accents folded, words between single spaces
 * with a space at each end), so a pattern matches at word boundaries unless
 * it is marked open with '*' at an end, or is written in a script without
 * spaces between words (CJK, Hangul), which matches anywhere. Run at build
 * time (see classify_compile.h); nothing here is on a request's path.
 */
#include "classify_compile.h"

#include "text_normalize.h"

#include <string.h>

/* TRUE when @text holds no ASCII letter or digit: a CJK or Hangul pattern,
 * matched anywhere because those scripts do not separate words. */
static gboolean is_unspaced_script(const char *text)
{
    gboolean any_wide = FALSE;
    for (const guchar *p = (const guchar *)text; *p != '\0'; p++) {
        if (g_ascii_isalnum(*p))
            return FALSE;
        if (*p >= 0xE3) /* lead byte of U+3000 and above */
            any_wide = TRUE;
    }
    return any_wide;
}

/* Normalises one pattern into the byte string the matcher looks for. */
static char *compile_pattern(const char *pattern, gboolean joined)
{
    gsize length = strlen(pattern);
    gboolean open_start = length > 0 && pattern[0] == '*';
    gboolean open_end = length > 1 && pattern[length - 1] == '*';
    g_autofree char *core = g_strndup(pattern + open_start, length - open_start - open_end);
    g_autoptr(GString) normalized = g_string_new(NULL);
    text_normalize(core, normalized);
    if (joined) {
        /* "first name" → " firstname " */
        g_autoptr(GString) squeezed = g_string_new(" ");
        for (gsize i = 1; i + 1 < normalized->len; i++) {
            if (normalized->str[i] != ' ')
                g_string_append_c(squeezed, normalized->str[i]);
        }
        g_string_append_c(squeezed, ' ');
        g_string_assign(normalized, squeezed->str);
    }
    gboolean unspaced = is_unspaced_script(normalized->str);
    gsize start = open_start || unspaced ? 1 : 0;
    gsize end = normalized->len - (open_end || unspaced ? 1 : 0);
    if (end <= start)
        return NULL;
    return g_strndup(normalized->str + start, end - start);
}

/* Multi-word Latin patterns get a second, joined form ("firstname"). */
static gboolean wants_joined_form(const char *pattern)
{
    if (is_unspaced_script(pattern))
        return FALSE;
    const char *space = strpbrk(pattern, " -");
    return space != NULL && strlen(pattern) >= 6;
}

/* Every table, in the order their rows are numbered (CompiledPattern.rule):
 * positive rules, hints, negative evidence. */
const ClassifyRuleTable classify_rule_tables[] = {
    {"contact words", classify_contact_rules, &classify_contact_rules_count, FALSE},
    {"address words", classify_address_rules, &classify_address_rules_count, FALSE},
    {"card and date words", classify_card_rules, &classify_card_rules_count, FALSE},
    {"hints", classify_hint_rules, &classify_hint_rules_count, FALSE},
    {"site and account fields", classify_negative_rules, &classify_negative_rules_count, TRUE},
    {"values that are not the user's", classify_others_rules, &classify_others_rules_count, TRUE},
};

const gsize classify_rule_tables_count = G_N_ELEMENTS(classify_rule_tables);

/* Adds the patterns of one table (and their joined forms) to the lists;
 * @first is the number of the table's first rule (see CompiledPattern). */
static void compile_table(const ClassifyRule *rules, gsize count, gsize first,
                          GPtrArray *strings, GArray *patterns, GString *evidence)
{
    for (gsize i = 0; i < count; i++) {
        for (int joined = 0; joined <= (wants_joined_form(rules[i].pattern) ? 1 : 0); joined++) {
            char *bytes = compile_pattern(rules[i].pattern, joined);
            g_assert(bytes != NULL); /* an empty pattern is a bug in the table */
            g_ptr_array_add(strings, bytes);
            g_autofree char *plain = g_strdup(rules[i].pattern);
            g_strstrip(g_strdelimit(plain, "*", ' '));
            g_assert(first + i <= G_MAXUINT16 && strlen(bytes) <= G_MAXUINT16 &&
                     evidence->len <= G_MAXUINT32);
            G_STATIC_ASSERT(CONCEPT_COUNT <= G_MAXUINT8);
            CompiledPattern entry = {
                .rule = (guint16)(first + i),
                .length = (guint16)strlen(bytes),
                .evidence = (guint32)evidence->len,
                .concept = (guint8)rules[i].concept,
                .weight = rules[i].weight,
                .sources = rules[i].sources,
            };
            g_string_append_printf(evidence, "%s:%s", rules[i].language, plain);
            g_string_append_c(evidence, '\0');
            g_array_append_val(patterns, entry);
        }
    }
}

/* Adds @words (normalised, without the edge spaces) with @kind to @kinds. */
static void add_option_words(GHashTable *kinds, const char *const *words, gsize n, guint kind)
{
    g_autoptr(GString) normalized = g_string_new(NULL);
    for (gsize i = 0; i < n; i++) {
        text_normalize(words[i], normalized);
        g_assert(normalized->len > 2); /* an empty word is a bug in the table */
        char *key = g_strndup(normalized->str + 1, normalized->len - 2);
        guint old = GPOINTER_TO_UINT(g_hash_table_lookup(kinds, key));
        g_hash_table_insert(kinds, key, GUINT_TO_POINTER(old | kind));
    }
}

static int compare_words(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The option words as a sorted FillVocab in constant form, its keys and
 * entries newly allocated. */
static FillVocab compile_option_words(void)
{
    g_autoptr(GHashTable) kinds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    add_option_words(kinds, classify_option_month_words, classify_option_month_words_count,
                     OPTION_WORD_MONTH);
    add_option_words(kinds, classify_option_country_words, classify_option_country_words_count,
                     OPTION_WORD_COUNTRY);
    add_option_words(kinds, classify_option_region_words, classify_option_region_words_count,
                     OPTION_WORD_REGION);
    guint n = 0;
    g_autofree const char **words = (const char **)g_hash_table_get_keys_as_array(kinds, &n);
    qsort(words, n, sizeof *words, compare_words);
    GString *keys = g_string_new(NULL);
    FillVocabEntry *entries = g_new0(FillVocabEntry, n);
    for (guint i = 0; i < n; i++) {
        entries[i].key = (guint32)keys->len;
        entries[i].id = (gint32)GPOINTER_TO_UINT(g_hash_table_lookup(kinds, words[i]));
        g_string_append_len(keys, words[i], (gssize)strlen(words[i]) + 1);
    }
    return (FillVocab){NULL, g_string_free(keys, FALSE), entries, n};
}

CompiledRules *classify_compile_rules(void)
{
    g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func(g_free);
    GArray *patterns = g_array_new(FALSE, TRUE, sizeof(CompiledPattern));
    GString *evidence = g_string_new(NULL);
    gsize first_rule = 0;
    for (gsize t = 0; t < classify_rule_tables_count; t++) {
        const ClassifyRuleTable *table = &classify_rule_tables[t];
        compile_table(table->rows, *table->count, first_rule, strings, patterns, evidence);
        first_rule += *table->count;
    }
    CompiledRules *compiled = g_new0(CompiledRules, 1);
    compiled->matcher = word_matcher_new((const char *const *)strings->pdata, strings->len);
    g_assert(compiled->matcher != NULL); /* too many states: split the table */
    compiled->n_patterns = patterns->len;
    compiled->patterns = (CompiledPattern *)g_array_free(patterns, FALSE);
    compiled->evidence = g_string_free(evidence, FALSE);
    compiled->option_words = compile_option_words();
    return compiled;
}

void classify_compiled_rules_free(CompiledRules *compiled)
{
    if (compiled == NULL)
        return;
    g_free((gpointer)compiled->evidence);
    g_free((gpointer)compiled->patterns);
    g_free((gpointer)compiled->option_words.keys);
    g_free((gpointer)compiled->option_words.entries);
    word_matcher_free((WordMatcher *)compiled->matcher);
    g_free(compiled);
}

const ClassifyRule *classify_compiled_rule(const CompiledPattern *pattern)
{
    gsize rule = pattern->rule;
    gsize t = 0;
    while (rule >= *classify_rule_tables[t].count)
        rule -= *classify_rule_tables[t++].count;
    return &classify_rule_tables[t].rows[rule];
}
