/*
 * countries.h — facts about countries that validation needs: the ISO 3166-1
 * alpha-2 codes, each country's international calling code, its national
 * trunk prefix and the length of its national significant numbers.
 *
 * This module is pure data and lookups. It never validates a value itself
 * (validate.c applies these facts) and never does I/O.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
    const char *code;         /* ISO 3166-1 alpha-2, uppercase */
    const char *calling_code; /* ITU-T E.164 country code, digits only */
    const char *trunk_prefix; /* dialled before national numbers at home; "" for none */
    guint8 nsn_min;           /* national significant number length; 0 = E.164 bounds only */
    guint8 nsn_max;
} Country;

/* The row for @code (two letters, any case), or NULL when @code is not an
 * ISO 3166-1 alpha-2 code. The row is static. */
const Country *countries_lookup(const char *code);

/* The length (1-3) of the calling code that starts @digits, or 0 when no
 * country uses one. @digits is an international number without the "+". */
gsize countries_calling_code_length(const char *digits);

/* Calls @func for every country row, in code order (tests walk the table). */
void countries_foreach(void (*func)(const Country *country, void *user_data), void *user_data);

G_END_DECLS
