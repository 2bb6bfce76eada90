/*
 * consent.h — who may receive which personal data: per site, per data group,
 * per persona.
 *
 * The consent module owns the tables consents, consent_sites and
 * consent_cards (created by schema.c); the questions put to the user and
 * their answers are in consentrequest.h. It decides and remembers; it
 * never sees a personal value (fill planning adds masked values to a request
 * and real values to a fill map) and never trusts an origin it did not
 * normalise. Every decision, change, revocation, expiry and automatic denial
 * is written to the audit log in the same transaction as the change.
 *
 * Keys: the site is the canonical origin (origin.h) of the top-level page as
 * the browser reports it for the sender tab — never what page content says.
 * A data group is "name", "email", "phone", "shipping_address",
 * "billing_address", "birthday" or "card:<card id>" (each card separately).
 * Consents are per persona id.
 *
 * Decisions: allow_once and deny answer one request and are not stored;
 * always_allow and always_deny are stored (with an optional expiry) and stop
 * the asking. A card asks each time even under always_allow, unless the
 * user turned that off for the card (consent_set_card_asks). Card groups are
 * only ever asked for on secure origins (https or loopback).
 *
 * THE FILL GLUE is release.c: fill.plan maps each planned field to its
 * group (consent_group_for_field), consent_check() decides, a question is
 * stored with consent_request_* when some group must be asked, and
 * consent.answer fills exactly answer->allowed into the question's frames,
 * with one "release" audit entry in the answer's transaction.
 */
#pragma once

#include "store.h"

#include "jsonfield.h" /* cJSON with g_autoptr support */
#include <glib.h>

G_BEGIN_DECLS

#define CONSENT_GROUP_MAX 80   /* bytes in a group name ("card:" + id) */
#define CONSENT_CARD_ID_MAX 64 /* bytes in a card id inside a group name */
#define CONSENT_MAX_GROUPS 32  /* groups in one check or request */
#define CONSENT_LIST_MAX 500   /* stored consents in one list page */

typedef enum {
    CONSENT_ALLOW_ONCE,
    CONSENT_ALWAYS_ALLOW,
    CONSENT_DENY,
    CONSENT_ALWAYS_DENY,
} ConsentDecision;

/* "allow_once", "always_allow", "deny", "always_deny". Static. */
const char *consent_decision_name(ConsentDecision decision);
/* Parses a decision name; FALSE with BAD_CONSENT_DECISION otherwise. */
gboolean consent_decision_from_name(const char *name, ConsentDecision *decision, GError **error);

/* TRUE when @group is a valid group name; else FALSE with BAD_CONSENT_GROUP. */
gboolean consent_group_validate(const char *group, GError **error);
/* TRUE when @persona_id is a plausible store id (a token, see
 * audit_token_valid); else FALSE with INVALID_ARGUMENT. */
gboolean consent_persona_validate(const char *persona_id, GError **error);
/* TRUE when @group (valid) is a card group ("card:<id>"). */
gboolean consent_group_is_card(const char *group);

/* The data group a field of autocomplete type @type ("given-name",
 * "tel-national", "cc-exp") in section @section ("shipping", "billing", ...)
 * belongs to, for the fill glue: name, email, phone, birthday, the
 * shipping or billing address (by section; other sections count as
 * shipping), or "card:<@card_id>" for card fields. NULL for a type that
 * releases no stored data (unknown, "cc-csc", "" ) or a card field without a
 * valid @card_id. g_free. */
char *consent_group_for_field(const char *type, const char *section, const char *card_id);

typedef enum {
    CONSENT_VERDICT_ALLOWED, /* fill without asking */
    CONSENT_VERDICT_DENIED,  /* never fill, never ask (always_deny) */
    CONSENT_VERDICT_ASK,     /* put the question to the user */
} ConsentVerdict;

typedef struct {
    char *group;
    ConsentVerdict verdict;
    const char *reason; /* static: "always_allow", "always_deny", "no_consent",
                           "card_asks_each_time" */
} ConsentGroupState;

typedef struct {
    char *origin; /* canonical */
    char *persona_id;
    GPtrArray *groups; /* ConsentGroupState*, in the order asked */
} ConsentCheck;

/* Looks up the stored consent of each of @groups (NULL-terminated, at most
 * CONSENT_MAX_GROUPS, duplicates ignored) for @origin and @persona_id. Stored
 * consents past their expiry are removed (audited "consent_expire"); groups
 * refused by a stored always_deny are audited as one automatic "denial".
 * NULL with BAD_ORIGIN, BAD_CONSENT_GROUP, LIMIT_EXCEEDED, STORE_FAILED. */
ConsentCheck *consent_check(Store *store, const char *origin, const char *persona_id,
                            const char *const *groups, GError **error);
/* TRUE when some group of @check has verdict ASK. */
gboolean consent_check_needs_request(const ConsentCheck *check);
/* The verdict for @group in @check; DENIED when it was not checked. */
ConsentVerdict consent_check_verdict(const ConsentCheck *check, const char *group);
void consent_check_free(ConsentCheck *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ConsentCheck, consent_check_free)

/* One page of stored consents, oldest first, for @origin or all sites:
 * {"consents": [{"id", "site", "persona", "group", "decision", "created",
 * "expires"}], "next_cursor"}. @cursor is 0 or a next_cursor; @limit 1 to
 * CONSENT_LIST_MAX. Expired consents are removed first. Caller owns. */
cJSON *consent_list(Store *store, const char *origin, gint64 cursor, gint limit, GError **error);

/* Revokes the stored consent @consent_id (> 0), or when it is 0 every stored
 * consent of @origin. Audited per consent. Returns the number revoked, or 0
 * with CONSENT_NOT_FOUND (nothing matched), BAD_ORIGIN, STORE_FAILED. */
gint64 consent_revoke(Store *store, gint64 consent_id, const char *origin, GError **error);

/* Sets (or with @persona_id NULL clears) the default persona of a site.
 * BAD_ORIGIN, INVALID_ARGUMENT, STORE_FAILED. */
gboolean consent_set_site_persona(Store *store, const char *origin, const char *persona_id,
                                  GError **error);
/* The default persona id of @origin (g_free), or NULL when none is set (no
 * error) or on failure (@error set). */
char *consent_site_persona(Store *store, const char *origin, GError **error);

/* Whether card @card_id asks each time even under always_allow (the
 * default). INVALID_ARGUMENT, STORE_FAILED. */
gboolean consent_set_card_asks(Store *store, const char *card_id, gboolean ask_each_time,
                               GError **error);

G_END_DECLS
