/*
 * fill_address.h — street lines the way a form splits them.
 *
 * Owns: joining address lines for one-box and multi-line fields, telling a
 * house-number field by its label, and splitting a street line into street
 * and house number ("12 Main St", "Hauptstraße 12a", "Calle Mayor, 5").
 * Never: splits when unsure. A line with no number, or with a number at both
 * ends, is not split, and the house-number field stays empty.
 */
#pragma once

#include "fill_field.h"

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @field's label, name or id asks for a house number only
 * ("House number", "Hausnummer", "Nr.", "Número", "Huisnummer", "Numer
 * domu", "Street number", "番地"). */
gboolean fill_address_is_house_number(const FillField *field);

/* Splits @line into *@street and *@number (both newly allocated) when it has
 * one clear house number at its start ("12 Main St", "12-14 Rue X", "5
 * rue de Rivoli") or its end ("Hauptstraße 12", "Via Roma 10/B", "Calle
 * Mayor, 5"). FALSE, outputs untouched, otherwise. */
gboolean fill_address_split_street(const char *line, char **street, char **number);

/* The lines @first .. @n_lines-1 of @lines joined by @separator, newly
 * allocated; NULL when there are none. Empty lines are skipped. */
char *fill_address_join(const char *const *lines, size_t n_lines, size_t first,
                        const char *separator);

G_END_DECLS
