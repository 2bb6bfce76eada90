/*
 * consentrequest.h — the questions put to the user and their answers.
 *
 * This module owns the table consent_requests. A request names what a fill
 * would release — site, persona, receiving frames, groups with field indexes
 * — and never a value: fill planning adds masked values to the JSON it sends
 * to the popup. An answer stores always_* decisions in the consent tables and
 * audits every decision in the same transaction.
 *
 * DESIGN — pending requests. Browsers may start a new host process for each
 * message, so a question and its answer can land in different processes: a
 * request is a row (id = 128 random bits in hex) bound to the site, the
 * persona, the receiving frame origins and the groups with their field
 * indexes, and to what the fill showed: the addresses and card its plan
 * used and a digest of each shown value (sealed), so that the answer can
 * release exactly that. Answering marks it used in the same transaction that
 * checks it, so it is answered at most once, only for its own site, and only
 * before it expires (default CONSENT_REQUEST_TTL seconds).
 */
#pragma once

#include "consent.h"

G_BEGIN_DECLS

#define CONSENT_MAX_FIELDS 500                        /* field indexes in one request */
#define CONSENT_MAX_FRAMES 16                         /* receiving frame origins in one request */
#define CONSENT_REQUEST_TTL 300                       /* seconds a request stays answerable */
#define CONSENT_EXPIRY_MAX ((gint64)10 * 366 * 86400) /* seconds, for "always" expiries */
#define CONSENT_REQUEST_ID_LENGTH 32                  /* hex characters */
#define CONSENT_SHOWN_DIGEST_BYTES 32 /* digest of one shown value (release.c makes it) */

typedef struct {
    char *group;
    GArray *fields; /* gint field indexes, in the order added */
} ConsentGroupFields;

typedef struct {
    char *id;     /* NULL until saved */
    char *origin; /* canonical site origin */
    char *persona_id;
    GPtrArray *frames; /* char* canonical origins receiving data */
    GPtrArray *groups; /* ConsentGroupFields* */
    gint64 created_ms;
    gint64 expires_ms;
    /* What the fill showed, so that the answer releases exactly that (set by
     * the fill glue before saving): the addresses and card its plan used
     * (NULL: none), whether shipping and billing may share one, and a digest
     * of each shown value by field index. No value: the digests are sealed
     * in the store. @shown is NULL for a question stored before schema 4. */
    char *shipping_id;
    char *billing_id;
    char *card_id;
    gboolean share_address;
    GHashTable *shown; /* field index (gint64*) → GBytes digest */
} ConsentRequest;

/* Starts a request for @origin (normalised here) and @persona_id (a token).
 * NULL with BAD_ORIGIN or INVALID_ARGUMENT. */
ConsentRequest *consent_request_new(const char *origin, const char *persona_id, GError **error);
/* Adds a frame origin that would receive data (normalised; duplicates
 * ignored). BAD_ORIGIN, LIMIT_EXCEEDED. */
gboolean consent_request_add_frame(ConsentRequest *request, const char *frame_origin,
                                   GError **error);
/* Adds field @index (>= 0) to @group, creating the group on first use.
 * BAD_CONSENT_GROUP, LIMIT_EXCEEDED, INVALID_ARGUMENT. */
gboolean consent_request_add_field(ConsentRequest *request, const char *group, gint index,
                                   GError **error);
/* Records the addresses and card the plan behind @request used (ids, or
 * NULL for none) and whether shipping and billing may share an address. */
void consent_request_set_choice(ConsentRequest *request, const char *shipping_id,
                                const char *billing_id, const char *card_id,
                                gboolean share_address);
/* Records that field @index (>= 0) showed the value of @digest; at most
 * CONSENT_MAX_FIELDS fields. LIMIT_EXCEEDED, INVALID_ARGUMENT (a field
 * twice). */
gboolean consent_request_add_shown(ConsentRequest *request, gint64 index,
                                   const guint8 digest[CONSENT_SHOWN_DIGEST_BYTES], GError **error);
/* TRUE when @request showed field @index with the value of @digest; FALSE
 * too for a question stored before values were recorded. */
gboolean consent_request_showed(const ConsentRequest *request, gint64 index,
                                const guint8 digest[CONSENT_SHOWN_DIGEST_BYTES]);
/* Stores @request with a fresh random id, answerable for @ttl_seconds (0 =
 * CONSENT_REQUEST_TTL); fills in id, created_ms and expires_ms. The shown
 * digests are sealed (vault_seal). Also removes long-expired requests.
 * INVALID_ARGUMENT (no group), INSECURE_ORIGIN (a card group for a
 * non-secure site or frame), STORE_FAILED. */
gboolean consent_request_save(Store *store, ConsentRequest *request, gint ttl_seconds,
                              GError **error);
/* {"request_id", "site", "frames", "persona", "groups": [{"group",
 * "fields"}], "expires": ISO 8601}. Caller owns. */
cJSON *consent_request_to_json(const ConsentRequest *request);
void consent_request_free(ConsentRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ConsentRequest, consent_request_free)

typedef struct {
    const char *group;
    ConsentDecision decision;
} ConsentChoice;

typedef struct {
    ConsentRequest *request; /* as it was saved */
    GPtrArray *allowed;      /* ConsentGroupFields* (owned copies): fill exactly these */
    GPtrArray *denied;       /* char* groups not allowed */
} ConsentAnswer;

/* Answers pending request @request_id from the page at @origin with
 * @n_choices choices (groups of the request left out count as deny).
 * always_* decisions are stored, expiring after @expires_in seconds (0 =
 * never, at most CONSENT_EXPIRY_MAX). The request is used up. Everything is
 * audited. Inside the caller's transaction when one is open (the fill glue
 * adds the release entry to it). NULL with: BAD_ORIGIN, CONSENT_REQUEST_UNKNOWN,
 * CONSENT_REQUEST_WRONG_SITE (the request is left pending),
 * CONSENT_REQUEST_USED, CONSENT_REQUEST_EXPIRED,
 * CONSENT_GROUP_NOT_REQUESTED, INVALID_ARGUMENT, STORE_FAILED, TAMPERED. */
ConsentAnswer *consent_answer(Store *store, const char *request_id, const char *origin,
                              const ConsentChoice *choices, gsize n_choices, gint64 expires_in,
                              GError **error);
/* {"request_id", "site", "frames", "persona", "allowed": [{"group",
 * "fields"}], "denied": [groups]}. Caller owns. */
cJSON *consent_answer_to_json(const ConsentAnswer *answer);
void consent_answer_free(ConsentAnswer *answer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ConsentAnswer, consent_answer_free)

G_END_DECLS
