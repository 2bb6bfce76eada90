/*
 * validate.h — validation on entry: the rules every personal value passes
 * before the store keeps it, so there is one validated copy.
 *
 * validate_persona() checks a canonical persona object (docs: the team
 * brief's "canonical persona JSON"), normalises it in place and reports each
 * rejection with the field's path ("cards[0].number") and the reason. The
 * single-item checks are public so the CLI and the importers give the same
 * answers at the point of entry.
 *
 * This module never stores, logs or prints anything, and its error messages
 * never contain the value that was rejected (only its field and the rule).
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

/* Named limits of a persona; a value one past them is rejected. */
#define VALIDATE_TEXT_MAX 512  /* bytes in any one text field (as STORE_MAX_TEXT) */
#define VALIDATE_ITEMS_MAX 20  /* emails, phones, addresses or cards in one persona */
#define VALIDATE_LINES_MAX 6   /* street lines in one address */
#define VALIDATE_EMAIL_MAX 254 /* RFC 5321 path limit */
#define VALIDATE_LOCAL_PART_MAX 64
#define VALIDATE_PHONE_INPUT_MAX 40 /* characters typed for a phone number */

/* Checks and normalises @persona in place: trims text, uppercases countries,
 * writes phones in E.164, formats postal codes, keeps only the digits of card
 * numbers, derives "network" and (unless overridden) "name.full". Appends a
 * human warning (g_free'd char*) to @warnings (may be NULL) for each thing
 * that is accepted but suspicious, e.g. "card •••• 4242 expired in 03/2024".
 * Returns FALSE with an error whose message starts with the field's path on
 * the first rejection; @persona may then be partly normalised and must not
 * be stored. Rejects unknown fields, so a card security code can never slip
 * through. */
gboolean validate_persona(cJSON *persona, GPtrArray *warnings, GError **error);

/* The trimmed address with its domain in lowercase in *@normalised (g_free). */
gboolean validate_email(const char *input, char **normalised, GError **error);

/* The phone number @input in E.164 ("+447700900123") in *@e164 (g_free).
 * National numbers need @country (alpha-2); numbers starting with "+" or an
 * international access code do not (@country may be NULL). */
gboolean validate_phone(const char *input, const char *country, char **e164, GError **error);

/* The postal code @input checked against @country's format and written in
 * its canonical form ("sw1a1aa" -> "SW1A 1AA") in *@normalised (g_free).
 * Countries without a rule (and a NULL @country) accept any trimmed text. */
gboolean validate_postal_code(const char *input, const char *country, char **normalised,
                              GError **error);

/* The ISO 3166-1 alpha-2 code @input (any case) in uppercase in *@normalised
 * (g_free). */
gboolean validate_country(const char *input, char **normalised, GError **error);

/* Checks a birthday "YYYY-MM-DD": a real date, not in the future, not before
 * 1800. */
gboolean validate_birthday(const char *input, GError **error);

/* The full name derived from @name's parts (prefix, given, additional,
 * family) joined by single spaces; "" when all are empty. g_free. */
char *validate_derive_full_name(const cJSON *name);

/* The path of the persona field a validation error names ("phones[0].number",
 * "name.given", "addresses[1].lines[0]"): the prefix validate_persona() puts
 * before ": " in the message, so a page can show the message next to that
 * field. NULL (nothing to free) when @error is not one of the invalid_* codes
 * or its message names no field. g_free. */
char *validate_error_field(const GError *error);

G_END_DECLS
