/*
 * fill.h — fill planning: which value goes into which field, in the exact
 * format the field expects, and why every other field stays empty.
 *
 * Owns: the plan. Given classified fields (an autocomplete token and a
 * section per field, plus the descriptor facts that decide a format), the
 * chosen persona (canonical persona JSON), the chosen addresses and card,
 * and the origin the browser reported for the tab, it returns a map
 * {index: value} and a reason for each field left out. Sections: shipping
 * and billing fields get their own address, card fields get the card (the
 * holder name too), contact and unsectioned fields get the persona's name,
 * email and phone; a second address block never gets the address already
 * used unless the user chose the same address for both.
 * Never: does I/O, logs, or asks for consent (the caller decides what may
 * be released; preview mode returns only masked values). A value that does
 * not fit a field is left out and reported, never cut.
 */
#pragma once

#include "fill_field.h"

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

/* Why a field gets no value. Wire names in fill_reason_name(). */
typedef enum {
    FILL_REASON_NO_TYPE,           /* not a field Keyfill fills (unclassified, csc) */
    FILL_REASON_HIDDEN,            /* not visible: never filled */
    FILL_REASON_NOT_EDITABLE,      /* disabled or read-only */
    FILL_REASON_NO_DATA,           /* the persona has no value for it */
    FILL_REASON_DOES_NOT_FIT,      /* every format of the value breaks maxlength or pattern */
    FILL_REASON_NO_OPTION_MATCHES, /* no option, or more than one, means the value */
    FILL_REASON_INSECURE_ORIGIN,   /* card data on a page that is not https (or localhost) */
    FILL_REASON_DUPLICATE_ADDRESS, /* a second address block and no second address */
    FILL_REASON_FORMAT_UNKNOWN,    /* the field's format cannot be told (e.g. a date order) */
    FILL_REASON_NOT_CONSENTED,     /* the user did not allow this data for the site */
    FILL_REASON_NEVER_STORED,      /* card security codes: Keyfill never keeps them */
    FILL_REASON_FRAME_NOT_NAMED,   /* its frame is not one the request (or the consent) names */
} FillReason;

/* The wire name of @reason ("no_data"); static. */
const char *fill_reason_name(FillReason reason);

/* What the user chose for this fill. Ids are the canonical JSON ids; NULL
 * means "the default": for shipping the address labelled shipping, else the
 * first; for billing the address labelled billing; the first card; the
 * first email and phone. A form with one address block gets the billing
 * address if the block is a billing one and there is one, else the shipping
 * one. With several blocks an address fills one block only, unless
 * @shipping_id and @billing_id name the same address. */
typedef struct {
    const char *origin; /* canonical (origin.h), as the browser reported it for the tab */
    const char *shipping_id;
    const char *billing_id;
    const char *card_id;
    /* TRUE: the three ids are what an earlier plan used (FillPlan.used), so
     * NULL means "none", never "the default", and shipping and billing share
     * an address only when @share_address. An answer to a consent question
     * plans this way to fill what the question showed. */
    gboolean pinned;
    gboolean share_address;
    gboolean preview;              /* values come back masked */
    GHashTable *preferred_formats; /* type → format id or shape (format memory); may be NULL */
    GHashTable *avoided_formats;   /* type → format id the site rejected; may be NULL */
} FillChoice;

typedef struct {
    gint64 index;
    char *value;         /* zeroed on free; masked in preview plans */
    char *format;        /* format id ("MM/YY", "e164", "option") */
    const char *type;    /* the token the value was spelled for ("house-number" for a
                            house-number field); borrowed from the fields or static */
    const char *section; /* the field's effective section (a house-number field takes its
                            street's); borrowed from the fields */
} FillEntry;

typedef struct {
    gint64 index;
    FillReason reason;
} FillSkip;

/* The addresses and card a plan used: ids (g_free'd with the plan), NULL
 * for none; @share_address: shipping and billing may fill the same one. */
typedef struct {
    char *shipping_id;
    char *billing_id;
    char *card_id;
    gboolean share_address;
} FillUsed;

typedef struct {
    GArray *entries; /* FillEntry, in field order */
    GArray *skipped; /* FillSkip, in field order */
    FillUsed used;
} FillPlan;

void fill_plan_free(FillPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FillPlan, fill_plan_free)

/* Plans the fill of @fields (@n_fields ≤ FILL_MAX_FIELDS, each field's
 * strings borrowed) with @persona (canonical persona JSON; read only).
 * Returns TRUE and a new plan in *@out, or FALSE with INVALID_ARGUMENT when
 * a chosen address or card id is not in the persona or @persona is not an
 * object, LIMIT_EXCEEDED when there are too many fields. Every field ends in
 * exactly one of plan->entries or plan->skipped. */
gboolean fill_plan(const FillField *fields, size_t n_fields, const cJSON *persona,
                   const FillChoice *choice, FillPlan **out, GError **error);

/* {"fill": {"<index>": "<value>", ...}, "formats": {"<index>": "<format>"},
 *  "skipped": [{"index": i, "reason": "<name>"}], "preview": bool}.
 * A new object the caller owns. */
cJSON *fill_plan_to_json(const FillPlan *plan, gboolean preview);

G_END_DECLS
