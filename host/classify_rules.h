/*
 * classify_rules.h — the classifier's vocabulary: concepts, rule rows, and
 * the matcher compiled from them.
 *
 * A concept is either an autocomplete token we fill (given-name, postal-code…)
 * or a hint that only means something in combination (a month, an expiry, a
 * birth, a card, "shipping") or negative evidence (a password, a coupon…).
 * Rules map words users see to concepts; they are data in classify_rules.c
 * (tokens), classify_hints.c (hints) and classify_negatives.c.
 * This module owns the tables and the matcher; classify.c owns the decisions.
 * Nothing here does I/O or knows a value.
 */
#pragma once

#include "descriptor.h"

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
    CONCEPT_NONE = 0,
    /* autocomplete tokens we may return (classify_concept_token) */
    CONCEPT_NAME,
    CONCEPT_HONORIFIC_PREFIX,
    CONCEPT_GIVEN_NAME,
    CONCEPT_ADDITIONAL_NAME,
    CONCEPT_FAMILY_NAME,
    CONCEPT_EMAIL,
    CONCEPT_TEL,
    CONCEPT_TEL_COUNTRY_CODE,
    CONCEPT_TEL_NATIONAL,
    CONCEPT_TEL_AREA_CODE,
    CONCEPT_TEL_LOCAL,
    CONCEPT_TEL_LOCAL_PREFIX,
    CONCEPT_TEL_LOCAL_SUFFIX,
    CONCEPT_TEL_EXTENSION,
    CONCEPT_ORGANIZATION,
    CONCEPT_STREET_ADDRESS,
    CONCEPT_ADDRESS_LINE1,
    CONCEPT_ADDRESS_LINE2,
    CONCEPT_ADDRESS_LINE3,
    CONCEPT_ADDRESS_LEVEL1,
    CONCEPT_ADDRESS_LEVEL2,
    CONCEPT_POSTAL_CODE,
    CONCEPT_COUNTRY,
    CONCEPT_COUNTRY_NAME,
    CONCEPT_CC_NAME,
    CONCEPT_CC_GIVEN_NAME,
    CONCEPT_CC_FAMILY_NAME,
    CONCEPT_CC_NUMBER,
    CONCEPT_CC_EXP,
    CONCEPT_CC_EXP_MONTH,
    CONCEPT_CC_EXP_YEAR,
    CONCEPT_CC_CSC,
    CONCEPT_CC_TYPE,
    CONCEPT_BDAY,
    CONCEPT_BDAY_DAY,
    CONCEPT_BDAY_MONTH,
    CONCEPT_BDAY_YEAR,
    CONCEPT_N_TOKENS, /* first concept that is not a token */
    /* hints: combined with each other and with neighbours */
    HINT_MONTH = CONCEPT_N_TOKENS, /* month, MM, Monat */
    HINT_YEAR,                     /* year, YYYY, Jahr */
    HINT_DAY,                      /* day, DD, Tag */
    HINT_FULL_DATE,                /* DD/MM/YYYY: a whole date in one box */
    HINT_EXPIRY,                   /* expiry, valid thru, Ablaufdatum */
    HINT_BIRTH,                    /* birth, DOB, Geburtsdatum */
    HINT_CARD,                     /* card, credit card, Karte */
    HINT_SHIPPING,                 /* shipping, delivery, Lieferadresse */
    HINT_BILLING,                  /* billing, invoice address, Rechnungsadresse */
    HINT_COUNTRY_CODE,             /* "country code": an ISO code or a dialling code */
    HINT_PHONE_CONTEXT,            /* words that put a code in a phone number: dial, +, prefix */
    HINT_DEPENDANT,                /* a child, baby, spouse, recipient of a gift: not the user */
    HINT_MESSAGE,                  /* a validation message ("invalid format"), not a label */
    HINT_RECOVERY,                 /* "forgot password", "password recovery" */
    HINT_DOCUMENT,                 /* passport, identity card, driving licence: its dates */
    CONCEPT_NEGATIVE,              /* must not be filled: passwords, coupons, ids... */
    CONCEPT_COUNT
} ClassifyConcept;

/* Which descriptor texts a rule reads. */
typedef enum {
    RULE_LABEL = 1 << 0,       /* label, for, enclosing, aria-*, title */
    RULE_PLACEHOLDER = 1 << 1, /* placeholder */
    RULE_ATTRIBUTE = 1 << 2,   /* name and id attributes */
    RULE_CONTEXT = 1 << 3,     /* preceding text, column header, legend */
    /* Not a source but a condition on the others: the pattern must be the
     * whole text it is found in ("İl" alone names a Turkish province; the
     * Italian article in "Il tuo nome" must not). */
    RULE_WHOLE = 1 << 4,
} RuleSource;

#define RULE_TEXT (RULE_LABEL | RULE_PLACEHOLDER | RULE_ATTRIBUTE)
#define RULE_ALL (RULE_TEXT | RULE_CONTEXT)

typedef struct {
    ClassifyConcept concept;
    const char *pattern;  /* words as users see them; '*' at an end: may run into a word */
    const char *language; /* ISO 639-1 code, or "*" for words shared by many */
    guint8 weight;        /* 1 (weak) .. 10 (decisive) */
    guint8 sources;       /* RuleSource mask */
    const char *note;     /* why the rule exists */
} ClassifyRule;

/* The rule tables, one per file: classify_words_contact.c,
 * classify_words_address.c, classify_words_card.c (positive rules),
 * classify_hints.c, classify_negatives.c and classify_negatives_others.c. */
extern const ClassifyRule classify_contact_rules[];
extern const gsize classify_contact_rules_count;
extern const ClassifyRule classify_address_rules[];
extern const gsize classify_address_rules_count;
extern const ClassifyRule classify_card_rules[];
extern const gsize classify_card_rules_count;
extern const ClassifyRule classify_hint_rules[];
extern const gsize classify_hint_rules_count;
extern const ClassifyRule classify_negative_rules[];
extern const gsize classify_negative_rules_count;
extern const ClassifyRule classify_others_rules[];
extern const gsize classify_others_rules_count;

/* One table of rows. */
typedef struct {
    const char *name; /* what its rows are about, for test messages */
    const ClassifyRule *rows;
    const gsize *count;
    gboolean negative; /* every row is negative evidence (and no other row is) */
} ClassifyRuleTable;

/* Every table, in the order their rows are numbered (classify_compile.c). */
extern const ClassifyRuleTable classify_rule_tables[];
extern const gsize classify_rule_tables_count;

/* One rule found in a text: its concept and weight (copied from the
 * compiled pattern, so matching never reads the tables themselves). */
typedef struct {
    ClassifyConcept concept;
    guint8 weight;
    const char *evidence; /* "en:first name", owned by the matcher */
    guint16 start, end;   /* byte span in the normalised text */
} RuleMatch;

/* Most matches kept per text; later ones are dropped. */
#define RULE_MAX_MATCHES 24

/* The static autocomplete token of @concept ("given-name"), or "" for hints,
 * negatives and CONCEPT_NONE. */
const char *classify_concept_token(ClassifyConcept concept);

/* The concept of autocomplete field name @token, or CONCEPT_NONE when the
 * token is valid but not one we fill (nickname, username...). */
ClassifyConcept classify_concept_from_token(const char *token);

/* Finds every rule whose pattern occurs in @normalized (the output of
 * text_normalize) and that reads @source; a RULE_WHOLE rule only when its
 * pattern is all of @normalized. Matches inside a longer match are
 * dropped ("first name" hides "name"). Writes at most RULE_MAX_MATCHES into
 * @matches and returns how many. Compiles the rules on first use
 * (thread-safe); never allocates afterwards. */
guint classify_rules_match(const char *normalized, gsize length, RuleSource source,
                           RuleMatch *matches);

/* What the options of a select reveal. */
typedef enum {
    OPTIONS_UNKNOWN = 0,
    OPTIONS_MONTHS,       /* twelve months, by name or 1-12 */
    OPTIONS_DAYS,         /* 1-31 */
    OPTIONS_YEARS_FUTURE, /* a short run of years from about now: card expiry */
    OPTIONS_YEARS_PAST,   /* a long run of past years: birth years */
    OPTIONS_COUNTRIES,    /* a list of countries */
    OPTIONS_REGIONS,      /* US states, Canadian provinces... */
    OPTIONS_DIAL_CODES,   /* +1, +44: telephone country codes */
    OPTIONS_MAIL_DOMAINS, /* outlook.com, @gmx.de: the domain of a mailbox being created */
} OptionsKind;

/* Reads what a select's options say; @n_options may be 0. */
OptionsKind classify_rules_options(const DescriptorOption *options, guint n_options);

G_END_DECLS
