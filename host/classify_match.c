/*
 * classify_match.c — the rule tables compiled into one matcher, and what a
 * select's options reveal.
 *
 * DESIGN: every rule of the tables listed in classify_compile.c is
 * normalised with text_normalize() and compiled into
 * a WordMatcher at build time (classify_compile.h), so a new host process
 * starts with the matcher in read-only data; matching a text is then one pass
 * whatever the number of rules. Option texts are looked up in a word set
 * (months, countries, regions) compiled at build time the same way.
 * Nothing here allocates per match except the option analysis's scratch.
 */
#include "classify_rules.h"

#include "classify_compile.h"
#include "text_normalize.h"

#include <string.h>

typedef struct {
    const CompiledRules *compiled;
    RuleSource source;
    RuleMatch *matches;
    guint n;
    gsize length; /* of the normalised text */
} MatchState;

static void on_match(guint pattern, gsize end, gpointer user_data)
{
    MatchState *state = user_data;
    const CompiledPattern *entry = &state->compiled->patterns[pattern];
    if ((entry->sources & state->source) == 0 || state->n == RULE_MAX_MATCHES)
        return;
    gsize start = end - entry->length;
    /* Latin patterns carry the spaces around their words, unspaced scripts
     * do not: either way a whole-text match leaves at most the text's own
     * leading and trailing space outside. */
    if ((entry->sources & RULE_WHOLE) && (start > 1 || end + 1 < state->length))
        return;
    state->matches[state->n++] = (RuleMatch){
        .concept = (ClassifyConcept)entry->concept,
        .weight = entry->weight,
        .evidence = state->compiled->evidence + entry->evidence,
        .start = (guint16)start,
        .end = (guint16)end,
    };
}

guint classify_rules_match(const char *normalized, gsize length, RuleSource source,
                           RuleMatch *matches)
{
    g_return_val_if_fail(normalized != NULL && matches != NULL, 0);
    length = MIN(length, (gsize)G_MAXUINT16);
    MatchState state = {&classify_compiled_rules, source, matches, 0, length};
    word_matcher_scan(state.compiled->matcher, normalized, length, on_match, &state);

    /* Keep only maximal matches: "first name" hides the "name" inside it. */
    guint kept = 0;
    for (guint i = 0; i < state.n; i++) {
        gboolean inside = FALSE;
        for (guint j = 0; j < state.n && !inside; j++) {
            inside = j != i && matches[j].start <= matches[i].start &&
                     matches[j].end >= matches[i].end &&
                     matches[j].end - matches[j].start > matches[i].end - matches[i].start;
        }
        if (!inside)
            matches[kept++] = matches[i];
    }
    /* Matches hidden later may have hidden others: one pass is enough because
     * containment is transitive. */
    return kept;
}

/* ---- what a select's options reveal ---- */

/* What @word (normalised, without the edge spaces) may be in an option list:
 * OPTION_WORD_* bits, 0 when none. One binary search in the word set
 * compiled at build time. */
static guint word_kind(const char *word)
{
    int kind = fill_vocab_lookup(&classify_compiled_rules.option_words, word);
    return kind > 0 ? (guint)kind : 0;
}

/* The number in @text when it is only digits (and white space), else -1. */
static gint64 plain_number(const char *text)
{
    while (g_ascii_isspace(*text))
        text++;
    if (!g_ascii_isdigit(*text))
        return -1;
    gint64 value = 0;
    int digits = 0;
    for (; g_ascii_isdigit(*text); text++) {
        if (++digits > 6)
            return -1;
        value = value * 10 + (*text - '0');
    }
    while (g_ascii_isspace(*text))
        text++;
    return *text == '\0' ? value : -1;
}

static gboolean has_dial_code(const char *text)
{
    const char *plus = strchr(text, '+');
    return plus != NULL && g_ascii_isdigit(plus[1]);
}

/* Options read per select. Lists are ordered (alphabetically, by number),
 * so the first few dozen say as much as all of them, and reading a
 * 250-country list whole would cost more than the rest of a form. */
#define OPTIONS_SAMPLE 32

/* TRUE when one word of @text (normalised, edge spaces removed) is a month. */
static gboolean has_month_word(const char *text)
{
    char word[32];
    for (const char *p = text; *p != '\0';) {
        const char *space = strchr(p, ' ');
        gsize length = space != NULL ? (gsize)(space - p) : strlen(p);
        if (length > 0 && length < sizeof word && !g_ascii_isdigit(*p)) {
            memcpy(word, p, length);
            word[length] = '\0';
            if (word_kind(word) & OPTION_WORD_MONTH)
                return TRUE;
        }
        if (space == NULL)
            break;
        p = space + 1;
    }
    return FALSE;
}

/* "outlook.com", "@gmx.de", "mail.yahoo.co.jp": a mail domain, as offered by
 * the providers' own sign-up forms beside the box for a new mailbox name.
 * Letters, digits and hyphens in two or more dot-separated labels, an
 * optional leading '@', no spaces, and a last label of letters only. */
static gboolean is_mail_domain(const char *text)
{
    const char *p = text;
    while (*p == ' ')
        p++;
    if (*p == '@')
        p++;
    guint labels = 0, length = 0;
    gboolean letters_only = TRUE;
    for (; *p != '\0' && *p != ' '; p++) {
        if (*p == '.') {
            if (length == 0)
                return FALSE;
            labels++;
            length = 0;
            letters_only = TRUE;
        } else if (g_ascii_isalnum(*p) || *p == '-') {
            length++;
            letters_only &= g_ascii_isalpha(*p) != 0;
        } else {
            return FALSE;
        }
    }
    while (*p == ' ')
        p++;
    return *p == '\0' && labels >= 1 && length >= 2 && letters_only;
}

OptionsKind classify_rules_options(const DescriptorOption *options, guint n_options)
{
    if (n_options == 0)
        return OPTIONS_UNKNOWN;
    g_autoptr(GString) normalized = g_string_sized_new(64);
    guint months = 0, days = 0, years = 0, dial = 0, countries = 0, regions = 0, filled = 0;
    guint domains = 0;
    gint64 min_year = G_MAXINT64, max_year = 0;
    for (guint i = 0; i < n_options && filled < OPTIONS_SAMPLE; i++) {
        const char *text = options[i].text[0] != '\0' ? options[i].text : options[i].value;
        gint64 number = plain_number(text);
        if (number < 0)
            number = plain_number(options[i].value);
        if (number >= 1900 && number <= 2100) {
            filled++;
            years++;
            min_year = MIN(min_year, number);
            max_year = MAX(max_year, number);
            continue;
        }
        if (number >= 1 && number <= 31) {
            filled++;
            days++;
            months += number <= 12;
            continue;
        }
        text_normalize(text, normalized);
        if (normalized->len <= 1)
            continue; /* "Select..." placeholders are often empty */
        filled++;
        dial += has_dial_code(text);
        domains += is_mail_domain(text);
        /* the normalised text without its edge spaces */
        normalized->str[normalized->len - 1] = '\0';
        const char *trimmed = normalized->str + 1;
        guint kind = word_kind(trimmed);
        if ((kind & OPTION_WORD_MONTH) || (kind == 0 && has_month_word(trimmed)))
            months++; /* "March", "03 - March", "Mar (03)" */
        countries += (kind & OPTION_WORD_COUNTRY) != 0;
        regions += (kind & OPTION_WORD_REGION) != 0;
    }
    if (filled == 0)
        return OPTIONS_UNKNOWN;
    if (domains * 2 > filled)
        return OPTIONS_MAIL_DOMAINS;
    if (dial * 2 >= filled && dial >= 5)
        return OPTIONS_DIAL_CODES;
    if (years >= 5 && years * 10 >= filled * 7)
        return min_year <= 1990 || max_year - min_year >= 40 ? OPTIONS_YEARS_PAST
                                                             : OPTIONS_YEARS_FUTURE;
    if (days >= 28 && filled <= 33)
        return OPTIONS_DAYS;
    if (months >= 12 && filled <= 14 && days <= 12)
        return OPTIONS_MONTHS;
    if (regions >= 10 && regions >= countries)
        return OPTIONS_REGIONS;
    if (countries >= 5)
        return OPTIONS_COUNTRIES;
    return OPTIONS_UNKNOWN;
}
