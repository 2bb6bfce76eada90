/*
 * fill_name.h — personal names the way a form splits and orders them.
 *
 * Owns: the full-name spellings (given first, or family first for
 * Japanese, Chinese, Korean and Hungarian names), middle initials, the card
 * holder split into given and family name, and honorific prefix spellings.
 * Never: reorders a name the user wrote out themselves (a custom
 * "name.full" is used as written).
 */
#pragma once

#include "fill_field.h"
#include "fill_format.h"
#include "fill_norm.h"

#include <cjson/cJSON.h>

G_BEGIN_DECLS

/* Adds the spellings of the persona's full name (@name: the canonical
 * "name" object) for @field. @country is the alpha-2 of the persona's
 * address (may be NULL). "Family, Given" when the label spells that order
 * ("Last name, First name", "Nachname, Vorname"); family name first when the
 * label is 姓名, 氏名, 성명 or the country is JP, CN, TW, KR or HU (CJK names
 * in China, Taiwan and Korea without a space); else given name first. Each
 * then also without the honorific and middle names, for short fields. */
void fill_name_full(const FillField *field, const cJSON *name, const char *country,
                    FillCandidates *out);

/* Adds the middle name, then its initial ("K") when the label asks for an
 * initial or maxlength leaves room for little more. */
void fill_name_additional(const FillField *field, const char *additional, FillCandidates *out);

/* Splits a card holder name ("Ada King Lovelace") into given ("Ada King")
 * and family ("Lovelace") name, both newly allocated; FALSE when it is one
 * word. */
gboolean fill_name_split_holder(const char *holder, char **given, char **family);

/* The vocabulary of honorifics (Mr, Mrs, Ms, Miss, Mx, Dr, Prof and their
 * spellings in the classifier's languages). */
const FillVocab *fill_name_honorific_vocab(void);

G_END_DECLS
