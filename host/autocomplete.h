/*
 * autocomplete.h — the WHATWG autofill grammar for the autocomplete attribute.
 *
 * An author who writes autocomplete="section-gift shipping tel-national" has
 * told us exactly what the field wants. This module parses such values per
 * the HTML standard (4.10.18.7.1 "Autofilling form controls: the
 * autocomplete attribute") into their parts. It owns the grammar only: the
 * classifier decides what to do with the result, and nothing here allocates.
 *
 * Grammar, tokens split on ASCII white space, compared ASCII case-insensitively:
 *   [section-*] [shipping|billing] [home|work|mobile|fax|pager] FIELD [webauthn]
 * where the contact modifier is allowed only before a contact field (tel*,
 * email, impp). "on" and "off" stand alone. Anything else is invalid.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longest section name kept (the part after "section-"), bytes. */
#define AUTOCOMPLETE_MAX_SECTION 64

typedef enum {
    AUTOCOMPLETE_ABSENT,  /* no attribute, or only white space */
    AUTOCOMPLETE_ON,      /* "on": the author allows autofill, says nothing more */
    AUTOCOMPLETE_OFF,     /* "off" */
    AUTOCOMPLETE_INVALID, /* does not follow the grammar ("nope", "chrome-off") */
    AUTOCOMPLETE_FIELD,   /* a valid field name, see .field */
} AutocompleteKind;

typedef struct {
    AutocompleteKind kind;
    const char *field;   /* static lower-case field name when kind is FIELD */
    const char *hint;    /* "shipping", "billing" or NULL (static) */
    const char *contact; /* "home", "work", "mobile", "fax", "pager" or NULL */
    gboolean webauthn;
    char section[AUTOCOMPLETE_MAX_SECTION + 1]; /* "" or the name after section- */
} Autocomplete;

/* Parses @value (may be NULL) into *@out. Never fails: values outside the
 * grammar give AUTOCOMPLETE_INVALID. A section name longer than
 * AUTOCOMPLETE_MAX_SECTION bytes is cut at that length. */
void autocomplete_parse(const char *value, Autocomplete *out);

G_END_DECLS
