/*
 * release.h — releasing values: the fill glue between fill planning
 * (fill.h), consent (consent.h, consentrequest.h) and the audit log.
 *
 * Owns: the inputs of a fill (descriptors, their classification, the chosen
 * addresses and card, and the frames: frame number → frame origin as the
 * browser reported it), planning them for a persona, and the gate every
 * planned value passes before it leaves the host: its frame must be named,
 * its data group allowed for the site (a stored decision, or the user's
 * answer to a question bound to the site, persona, frames and fields), card
 * data only into secure frames. A release writes one "release" audit entry
 * (site, receiving frames, persona, groups, field types) BEFORE the values
 * are returned; if the entry cannot be written nothing is released. An
 * answer releases only what its question showed, in the answer's own
 * transaction.
 * Never: decides a format (fill.c), stores a decision (consent*.c), logs, or
 * puts a value anywhere but the fill map of the reply (a question carries
 * masked values only; the audit log none).
 */
#pragma once

#include "consentrequest.h"
#include "fill.h"
#include "store.h"

#include <glib.h>

G_BEGIN_DECLS

#define RELEASE_MAX_FRAMES CONSENT_MAX_FRAMES /* frames in one request (frames with fields) */
#define RELEASE_ID_MAX 64                     /* longest persona, address or card id */

/* The fill inputs of a fill.plan (or resent with a consent.answer). */
typedef struct {
    char *origin; /* canonical site origin */
    const char *shipping_id;
    const char *billing_id;
    const char *card_id;
    /* private */
    DescriptorList *list;
    FillFieldSet *fields;
    ClassifyResult *classification;
    GHashTable *frames;    /* frame number (gint64*) → canonical origin (char*) */
    GHashTable *positions; /* field index (gint64*) → position in fields + 1 */
} ReleaseRequest;

/* Reads "fields", "classified", "shipping", "billing", "card" and "frames"
 * ([{"frame", "origin"}], at most RELEASE_MAX_FRAMES; frame 0 is the site
 * and may be left out) of @request for the site @origin (any spelling;
 * normalised). Strings are borrowed from @request, which must outlive the
 * result. NULL with BAD_ORIGIN, MISSING_FIELD, WRONG_TYPE, LIMIT_EXCEEDED,
 * BAD_DESCRIPTOR or INVALID_ARGUMENT (a field index twice, a frame number
 * twice, frame 0 not the site, a classification for an unknown index). */
ReleaseRequest *release_request_parse(const cJSON *request, const char *origin, GError **error);
void release_request_free(ReleaseRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ReleaseRequest, release_request_free)

/* The preview plan (masked values, no consent needed): the fill.plan result
 * with "preview": true. @persona_id NULL: the site's default persona, else
 * the store's default. NULL with NO_PERSONA, NOT_FOUND, INVALID_ARGUMENT and
 * the store's errors. */
cJSON *release_preview(Store *store, const ReleaseRequest *request, const char *persona_id,
                       GError **error);

/* fill.plan for values: checks consent for every planned field's group.
 * Returns either {"consent": {...question...}, "skipped", "preview": false,
 * "persona"} (a question was stored; no value in it) or the released fill
 * {"fill", "formats", "skipped", "fill_frames", "groups", "preview": false,
 * "persona"}. Errors as release_preview(), plus those of consent_check(),
 * consent_request_save() and audit_append(). */
cJSON *release_plan(Store *store, const ReleaseRequest *request, const char *persona_id,
                    GError **error);

/* consent.answer with the fill inputs resent: answers question @request_id
 * (consent_answer(): @choices, @expires_in) and plans @request again with
 * exactly the persona, addresses and card the question pinned, releasing the
 * allowed groups' fields (plus groups a stored decision allows) only into
 * the question's frames, and only values identical to the ones the question
 * showed. ONE transaction holds the question used up, the decisions, their
 * audit entries and the "release" entry; it commits before the values are
 * returned, or nothing is kept. Returns consent_answer_to_json() merged
 * with the released fill (as release_plan() returns it). NULL with the
 * errors of consent_answer() and release_plan(), and CONSENT_ANSWER_STALE
 * when the persona, a pinned address or card is gone, a shown value changed,
 * a resent address or card differs from the question's, or the question was
 * stored before schema 4. */
cJSON *release_answer(Store *store, const ReleaseRequest *request, const char *request_id,
                      const ConsentChoice *choices, gsize n_choices, gint64 expires_in,
                      GError **error);

G_END_DECLS
