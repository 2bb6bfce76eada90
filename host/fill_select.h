/*
 * fill_select.h — choosing the option of a <select> that means a value.
 *
 * Owns: option matching by value or visible text after normalisation
 * (fill_norm), against a vocabulary (countries, regions, months), a set of
 * spellings, a number, or a telephone calling code.
 * Never: picks an option that might be wrong. Options that mean the value
 * but carry different values make the match ambiguous, and no option is
 * chosen; options repeated with the same value (a country listed at the top
 * and again in the list) count once.
 */
#pragma once

#include "fill_field.h"
#include "fill_norm.h"
#include "geo_data.h"

G_BEGIN_DECLS

/* Results other than an option index (>= 0). */
#define FILL_SELECT_NONE (-1)      /* no option means the value */
#define FILL_SELECT_AMBIGUOUS (-2) /* several options do */

/* The option whose visible text (or, when the text names nothing, whose
 * value) resolves in @vocab to entity @id. Pieces of the text in @ignore
 * (normalised) are skipped. */
int fill_select_by_vocab(const FillField *field, const FillVocab *vocab, int id,
                         const char *const *ignore);

/* The option whose normalised text or value equals one of @spellings
 * (raw strings, NULL-terminated). */
int fill_select_by_spelling(const FillField *field, const char *const *spellings);

/* The option that is the number @number ("7", "07"); with @year, also a
 * two-digit year ("30" for 2030). */
int fill_select_by_number(const FillField *field, int number, gboolean year);

/* The option for calling code @calling_code (digits) of @country ("+44",
 * "44", "United Kingdom (+44)", or a plain country list). Among several
 * options with the same code (+1: the United States and Canada), the one
 * naming @country. */
int fill_select_by_dial_code(const FillField *field, const GeoCountry *country,
                             const char *calling_code);

G_END_DECLS
