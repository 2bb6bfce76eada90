/*
 * fill_phone.h — a telephone number in the shape each field asks for.
 *
 * Owns: splitting an E.164 number into calling code and national
 * significant number (with the facts of countries.h), the national form with
 * the country's trunk prefix,
 * and the spellings for tel, tel-national, tel-country-code and the North
 * American area code / prefix / suffix / local split.
 * Never: invents digits. A split the numbering plan does not define (an
 * "area code" outside the NANP) gives no spelling, so the field stays empty.
 */
#pragma once

#include "fill_field.h"
#include "fill_format.h"
#include "countries.h"

G_BEGIN_DECLS

typedef struct {
    const Country *country; /* the country the number belongs to */
    char nsn[16];           /* national significant number, digits */
    char extension[8];      /* digits, or "" */
} FillPhone;

/* Parses @number (E.164 "+447700900123", or a national number when
 * @country_hint, an alpha-2 code, says whose) and @extension (digits, may be
 * NULL). FALSE when it is not a plausible number. */
gboolean fill_phone_parse(const char *number, const char *country_hint, const char *extension,
                          FillPhone *out);

/* Zeroes @phone. */
void fill_phone_clear(FillPhone *phone);

/* What the rest of the form asks for, so that a tel field does not repeat
 * what a neighbour holds. */
typedef struct {
    gboolean country_code_field; /* the section has a tel-country-code field */
    gboolean area_code_field;    /* the section has a tel-area-code field */
} FillPhoneContext;

/* Adds the spellings of @phone for a field of type @type (one of the tel*
 * tokens except tel-extension). */
void fill_phone_candidates(const FillField *field, const char *type, const FillPhone *phone,
                           const FillPhoneContext *context, FillCandidates *out);

G_END_DECLS
