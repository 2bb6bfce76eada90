/*
 * fill_format.h — writing a value the way a text field wants it.
 *
 * DESIGN: a value has several correct spellings ("12/30", "12/2030",
 * "1230"). Each formatter adds the spellings it can stand behind to a
 * FillCandidates list, most likely first, each with a format id; then
 * fill_format_choose() puts a format the site is known to prefer first and
 * takes the first spelling that fits the field's maxlength and pattern. When
 * none fits the field stays empty (does_not_fit): a value is never cut.
 *
 * Owns: candidate lists, the fit test, placeholder templates ("(555)
 * 555-5555", "1234 5678 9012 3456"), value shapes for format memory, and the
 * card expiry, date and card number formats.
 * Never: reads persona JSON or decides which value a field gets.
 */
#pragma once

#include "fill_field.h"

#include <glib.h>

G_BEGIN_DECLS

#define FILL_MAX_CANDIDATES 16
#define FILL_MAX_VALUE 1024   /* bytes of any planned value */
#define FILL_FORMAT_MAX_ID 24 /* bytes of a format id */

typedef struct {
    char *format; /* format id: "MM/YY", "e164", "template", ... */
    char *value;  /* zeroed when cleared */
} FillCandidate;

typedef struct {
    FillCandidate items[FILL_MAX_CANDIDATES];
    size_t n;
} FillCandidates;

/* Zeroes and frees every candidate; the list can be reused. */
void fill_candidates_clear(FillCandidates *candidates);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(FillCandidates, fill_candidates_clear)

/* Appends a copy of @value under @format, unless @value is NULL, empty,
 * longer than FILL_MAX_VALUE, already in the list, or the list is full. */
void fill_candidates_add(FillCandidates *candidates, const char *format, const char *value);

/* Like fill_candidates_add(), taking and zeroing @value. */
void fill_candidates_take(FillCandidates *candidates, const char *format, char *value);

/* TRUE when @value fits @field: its length in UTF-16 code units (what
 * maxlength counts) is within maxlength, the input type keeps it (number,
 * date, month and email inputs sanitise anything else to ""), and the whole
 * value matches the pattern attribute. A pattern that does not compile is
 * ignored, as browsers do. */
gboolean fill_format_fits(const FillField *field, const char *value);

/* The index of the candidate to use, or -1 when none fits. @preferred (a
 * format id or a shape from fill_format_shape(); may be NULL) is tried
 * first; @avoided (a format id the site rejected before; may be NULL) is
 * never used. */
int fill_format_choose(const FillField *field, const FillCandidates *candidates,
                       const char *preferred, const char *avoided);

/* TRUE when @format is a format id that fill planning produces (the fixed
 * ids and the date and expiry layouts such as "MM / YYYY", "DD.MM.YYYY"). */
gboolean fill_format_is_known(const char *format);

/* The shape of @value: digits → '9', letters → 'A', other characters kept
 * ("12/30" → "99/99"). Newly allocated. The extension reports the shape a
 * page rewrote a value into; values themselves are never reported. */
char *fill_format_shape(const char *value);

/* @value laid onto @placeholder when the placeholder is a template: at
 * most 40 characters of slots (digits, letters, '#', '_', '•', '*') and
 * separators (space . - / ( ) +), at least one separator, and exactly one
 * slot per letter or digit of @value, with digits on digit-or-symbol slots
 * and letters on letter slots. Otherwise NULL. */
char *fill_format_template(const char *placeholder, const char *value);

/* Adds the spellings of a card expiry (@month 1..12, @year four digits) for
 * @field: YYYY-MM for type=month; otherwise the layout read from the
 * placeholder, label or maxlength ("MM/YY", "MM / YYYY", "MMYY", "MM-YY",
 * "MM/ÅÅ", "TT/JJ", "MM/AA", "12/30"), then the common layouts. */
void fill_format_expiry(const FillField *field, int month, int year, FillCandidates *out);

/* Adds the spellings of a date (a birthday) for @field: YYYY-MM-DD for
 * type=date; otherwise the order and separators read from the placeholder
 * or label ("DD/MM/YYYY", "MM/DD/YYYY", "TT.MM.JJJJ", "JJ/MM/AAAA",
 * "31/12/1990"), else from @locale_country (alpha-2 of the site's or user's
 * country; NULL when unknown). Adds nothing when the order cannot be told. */
void fill_format_date(const FillField *field, int year, int month, int day,
                      const char *locale_country, FillCandidates *out);

/* Adds a one- or two-digit number (a month or a day) as the field wants it:
 * zero-padded ("padded") first unless the placeholder shows one letter
 * ("plain"). */
void fill_format_two_digits(const FillField *field, int number, FillCandidates *out);

/* Adds a four-digit year as "YYYY" and "YY" (two-digit first when the
 * placeholder or label asks for it). */
void fill_format_year(const FillField *field, int year, FillCandidates *out);

/* Adds a card number (@digits only) as the field suggests: the placeholder's
 * template, grouped ("4242 4242 4242 4242", Amex 4-6-5) when maxlength or
 * the placeholder leaves room for the spaces, else plain digits first. */
void fill_format_card_number(const FillField *field, const char *digits, FillCandidates *out);

G_END_DECLS
