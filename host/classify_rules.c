/*
 * classify_rules.c — how to write the rule tables (the words that say what a
 * field wants, as data), and the token of each concept.
 *
 * RECIPE: a new language or rule is a row in a table plus a test case.
 *   1. Add a row to the table of its subject: a word naming a token to
 *      classify_words_contact.c (names, e-mail, telephone),
 *      classify_words_address.c or classify_words_card.c (cards, dates of
 *      birth); a word that only counts in combination to classify_hints.c;
 *      a field that must stay empty to classify_negatives.c (fields of the
 *      site and of the account: search, coupons, passwords, codes...) or
 *      classify_negatives_others.c (ids, free text, names of things,
 *      someone else's details). Write it with the shorthand of
 *      classify_table.h
 *      (R for a token, H for a hint, NEG for negative evidence): the
 *      concept, the words as a user sees them (any case, accents and
 *      separators: they are normalised with
 *      text_normalize() like the page text), the ISO 639-1 language ("*"
 *      when shared), a weight 1-10, the sources it reads (RULE_TEXT = label,
 *      placeholder, name and id; RULE_ALL adds the surrounding text; W added
 *      asks for the whole text: "İl" alone, never "il" inside a phrase) and
 *      why.
 *      Patterns match whole words; a '*' at an end lets the match run into a
 *      longer word ("*vorname" finds "Rechnungsvorname"). Patterns written
 *      in a script without spaces (Chinese, Japanese, Korean) match
 *      anywhere. A multi-word Latin pattern also matches its words joined
 *      ("first name" finds "firstname").
 *   2. Add a row to tests/data/classify-cases.tsv that needs the new rule,
 *      and run `meson test -C build classify`.
 *   3. Run the corpus scan (tests/corpus/) and check nothing else moved.
 *   Ask of every rule: would this be right on a random other shop? Never
 *   name a site, a page or a framework's private id scheme.
 *
 * Weights: 9-10 decisive phrases ("card number", "password"); 6-8 the usual
 * label of a field ("city"); 3-5 words that need support from another
 * source or a neighbour ("name", "number", "month"). Negative rules are
 * deliberately strong: a missed fill costs a click, a wrong fill costs trust.
 *
 * DESIGN: rows are compiled at build time (classify_compile.h) into a
 * WordMatcher over the normalised patterns; matching a text is one
 * pass whatever the number of rows, so tables are split by subject only to
 * keep each file readable. The list of tables is in classify_compile.c: a
 * host links only the compiled matcher, never the tables themselves (their
 * pointers would cost relocated, resident pages in every process).
 */
#include "classify_rules.h"

#include <string.h>

/* Tokens in ClassifyConcept order, CONCEPT_NONE first. */
static const char *const concept_tokens[CONCEPT_N_TOKENS] = {
    "", "name", "honorific-prefix", "given-name", "additional-name", "family-name", "email",
    "tel", "tel-country-code", "tel-national", "tel-area-code", "tel-local", "tel-local-prefix",
    "tel-local-suffix", "tel-extension", "organization", "street-address", "address-line1",
    "address-line2", "address-line3", "address-level1", "address-level2", "postal-code",
    "country", "country-name", "cc-name", "cc-given-name", "cc-family-name", "cc-number",
    "cc-exp", "cc-exp-month", "cc-exp-year", "cc-csc", "cc-type", "bday", "bday-day",
    "bday-month", "bday-year",
};

const char *classify_concept_token(ClassifyConcept concept)
{
    return concept > CONCEPT_NONE && concept < CONCEPT_N_TOKENS ? concept_tokens[concept] : "";
}

ClassifyConcept classify_concept_from_token(const char *token)
{
    g_return_val_if_fail(token != NULL, CONCEPT_NONE);
    for (int c = CONCEPT_NONE + 1; c < CONCEPT_N_TOKENS; c++) {
        if (strcmp(concept_tokens[c], token) == 0)
            return (ClassifyConcept)c;
    }
    return CONCEPT_NONE;
}
