/*
 * text_normalize.h — turns what a page author wrote into comparable words.
 *
 * Labels, names, ids and placeholders come in every casing and spelling:
 * "billing_FirstName", "Prénom*", "E-Mail-Adresse", "ＥＭＡＩＬ". This module
 * maps each to one canonical form so that a classifier rule written once
 * ("first name") matches them all. It owns only that mapping: it never
 * decides what a field is and never allocates outside the caller's GString.
 *
 * The canonical form:
 *   - case folded, diacritics removed on Latin, Greek and Cyrillic letters
 *     (é→e, ß→ss, ł→l, ı→i, й→и), full-width ASCII mapped to ASCII;
 *   - camelCase and digit boundaries split ("addressLine2" → "address line 2",
 *     "ZIPCode" → "zip code");
 *   - every run of non-letters and non-digits becomes one space;
 *   - a space also separates CJK/kana/Hangul runs from Latin runs;
 *   - one space before and after, so " first name " marks word edges that a
 *     pattern can match with plain substring search.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longest input, in bytes, that is normalised; the rest is ignored. Labels
 * longer than this carry no more signal about the field. */
#define TEXT_NORMALIZE_MAX_INPUT 512

/* Replaces the contents of @out with the canonical form of @text (UTF-8, at
 * most TEXT_NORMALIZE_MAX_INPUT bytes read; invalid UTF-8 stops the walk).
 * An empty or NULL @text gives " ". Never fails. */
void text_normalize(const char *text, GString *out);

G_END_DECLS
