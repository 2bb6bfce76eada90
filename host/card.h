/*
 * card.h — payment card numbers (network, length, Luhn) and expiry dates.
 *
 * Pure functions: no I/O, no logging, and error messages that never contain
 * the number. The card security code is no part of this module: Keyfill
 * never takes one.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The card number @input (spaces and dashes allowed) as digits in *@digits
 * (g_free) and its network ("visa", "mastercard", ...; static) in *@network,
 * after checking the network's number lengths and the Luhn checksum. */
gboolean card_check_number(const char *input, char **digits, const char **network, GError **error);

/* Checks an expiry month 1-12 and a year; a two-digit year means 20YY. The
 * year written to *@year_out has four digits. */
gboolean card_check_expiry(gint64 month, gint64 year, int *month_out, int *year_out,
                           GError **error);

/* Parses "MM/YY", "MM/YYYY", "MM-YYYY" or "YYYY-MM" and checks it as
 * card_check_expiry() does. */
gboolean card_parse_expiry(const char *text, int *month_out, int *year_out, GError **error);

/* TRUE when a card expiring at the end of @month/@year is expired at @now. */
gboolean card_is_expired(int month, int year, GDateTime *now);

/* "•••• 4242" for card digits @digits (at least four). g_free. */
char *card_mask(const char *digits);

G_END_DECLS
