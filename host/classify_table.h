/*
 * classify_table.h — shorthand for writing the rule tables (private to
 * the table files listed in classify_compile.c).
 *
 * R(CONCEPT, "words", "language", weight, sources, "why") adds a rule for a
 * token concept, H(HINT, ...) one for a hint, NEG(...) one for negative
 * evidence. Sources: L label, P placeholder, A name/id attributes, C context
 * (preceding text, column header, legend); T = L|P|A; ALL = T|C. W added to
 * the sources asks for the whole text ("İl" alone, not "il" inside a phrase).
 */
#pragma once

#include "classify_rules.h"

#define L RULE_LABEL
#define P RULE_PLACEHOLDER
#define A RULE_ATTRIBUTE
#define C RULE_CONTEXT
#define T RULE_TEXT
#define ALL RULE_ALL
#define W RULE_WHOLE

#define R(concept, pattern, language, weight, sources, note)                                   \
    {CONCEPT_##concept, pattern, language, weight, sources, note}
#define H(hint, pattern, language, weight, sources, note)                                      \
    {HINT_##hint, pattern, language, weight, sources, note}
#define NEG(pattern, language, weight, sources, note)                                          \
    {CONCEPT_NEGATIVE, pattern, language, weight, sources, note}
