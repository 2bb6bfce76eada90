/*
 * audit.h — the tamper-evident, append-only log of everything Keyfill
 * released, refused or was told.
 *
 * The audit log owns the tables audit_log, audit_marks, audit_key and
 * audit_settings (created by schema.c). It records WHAT happened — kind,
 * time, site, receiving frames, persona id, data groups, field types, a
 * decision, a short note and a count — and NEVER a personal value: every
 * recorded string must be a canonical origin or a plain token
 * ([A-Za-z0-9][A-Za-z0-9_.:-]*, at most AUDIT_TOKEN_MAX bytes), so there is
 * no field a value could be put in. Entries are never changed; the only
 * deletion is the retention purge of the oldest entries.
 *
 * DESIGN — the chain. Entry n carries
 *   mac_n = BLAKE2b-256_K("keyfill-audit-v1" | n | mac_{n-1} | at | kind | site | body)
 * with mac_0 = 32 zero bytes. Editing a row breaks its MAC; deleting a row
 * leaves a gap in the sequence; reordering rows breaks the MACs (n and
 * mac_{n-1} are inside). Two sealed marks close the ends: the HEAD (last
 * sequence number and MAC, so deleting the newest entries is seen) and the
 * ANCHOR (sequence number and MAC of the last purged entry, so the chain
 * verifies from the purge point). Each mark carries its own MAC.
 *
 * K is a random 32-byte chain key sealed by the vault (table audit_key,
 * listed in schema.c's sealed columns). It is thus as safe as the store key,
 * and a key rotation re-seals it instead of rewriting a million MACs in the
 * rekey transaction (a vault subkey would change with every rekey).
 *
 * Triggers forbid UPDATE on audit_log and DELETE of entries past the anchor
 * at the SQL level; someone who drops the triggers is caught by the MACs.
 * What a MAC chain cannot see: a rollback of the whole database file to an
 * older copy, and the removal of every audit table at once.
 *
 * Times are milliseconds since the Unix epoch, UTC; an entry's time is never
 * earlier than its predecessor's (a clock set back repeats the last time), so
 * time filters map to sequence ranges through an index.
 */
#pragma once

#include "store.h"

#include "jsonfield.h" /* cJSON with g_autoptr support */
#include <glib.h>

G_BEGIN_DECLS

#define AUDIT_TOKEN_MAX 64          /* bytes in a persona id, group, field type, decision, note */
#define AUDIT_LIST_MAX 64           /* frames, groups or field types in one entry */
#define AUDIT_RETENTION_DEFAULT 365 /* days */
#define AUDIT_RETENTION_MAX 36500   /* days; 0 keeps entries for ever */

typedef enum {
    AUDIT_KIND_RELEASE,        /* values went to a site: groups and field types */
    AUDIT_KIND_DENIAL,         /* the user, or a stored "always deny", refused */
    AUDIT_KIND_CONSENT_GRANT,  /* the user allowed once or always */
    AUDIT_KIND_CONSENT_CHANGE, /* a stored consent or consent setting changed */
    AUDIT_KIND_CONSENT_REVOKE, /* the user took a stored consent back */
    AUDIT_KIND_CONSENT_EXPIRE, /* a stored consent reached its expiry */
    AUDIT_KIND_IMPORT,         /* personal data imported */
    AUDIT_KIND_EXPORT,         /* personal data exported */
    AUDIT_KIND_KEY_ROTATION,   /* the store key was replaced */
    AUDIT_KIND_PURGE,          /* the retention setting removed old entries */
    AUDIT_KIND_COUNT
} AuditKind;

/* The wire name of @kind ("release", "consent_grant", ...). Static. */
const char *audit_kind_name(AuditKind kind);
/* Parses a wire name into *@kind; FALSE when unknown. */
gboolean audit_kind_from_name(const char *name, AuditKind *kind);

/* TRUE when @text is a token the log may hold: [A-Za-z0-9][A-Za-z0-9_.:-]*,
 * at most AUDIT_TOKEN_MAX bytes. Other modules use it to validate ids. */
gboolean audit_token_valid(const char *text);

/* The clock of every consent and audit time: milliseconds since the epoch. */
gint64 audit_now_ms(void);

/* @ms (milliseconds since the epoch) as ISO 8601 UTC with milliseconds
 * ("2026-11-22T09:30:00.123Z"). g_free. */
char *audit_time_format(gint64 ms);

/* One entry to append. Unused fields are NULL (lists: NULL-terminated
 * arrays, NULL or empty when unused); @count is recorded when > 0. */
typedef struct {
    AuditKind kind;
    const char *site;          /* canonical origin of the top-level page */
    const char *const *frames; /* canonical origins that received data */
    const char *persona_id;
    const char *const *groups; /* consent groups ("email", "card:<id>") */
    const char *const *fields; /* field types released ("email", "cc-number") */
    const char *decision;      /* "allow_once", "always_deny", ... */
    const char *note;          /* a token: "automatic", "json", ... */
    gint64 count;
} AuditRecord;

/* Appends @record at the end of the chain, inside the caller's transaction
 * when one is open (store_transaction_begin), else in its own. First purges
 * entries older than the retention (recording a "purge" entry). Returns the
 * new entry's sequence number, or 0 with: BAD_AUDIT_FIELD (a field that is
 * not an origin or token — values never get in), LIMIT_EXCEEDED,
 * TAMPERED (the chain key does not open), AUDIT_TAMPERED (it is damaged),
 * STORE_FAILED. */
gint64 audit_append(Store *store, const AuditRecord *record, GError **error);

/* The result of audit_verify(). */
typedef struct {
    gboolean intact;
    gint64 entries;      /* entries checked */
    gint64 first_seq;    /* oldest entry present (0 when none) */
    gint64 last_seq;     /* newest entry present (0 when none) */
    gint64 bad_seq;      /* first entry that fails, when not intact */
    const char *problem; /* static: "changed", "missing", "truncated", ... */
} AuditVerifyReport;

/* Walks the whole chain from the anchor to the head and fills @report. A
 * chain that fails is not an error (report->intact is FALSE); FALSE is
 * returned only with STORE_FAILED, TAMPERED (the chain key does not open) or
 * AUDIT_TAMPERED (it is damaged). */
gboolean audit_verify(Store *store, AuditVerifyReport *report, GError **error);

/* audit_append() of an entry about data groups (consent decisions and
 * changes); lists are NULL-terminated or NULL. Returns FALSE with the errors
 * of audit_append(). */
gboolean audit_append_groups(Store *store, AuditKind kind, const char *site,
                             const char *const *frames, const char *persona_id,
                             const char *const *groups, const char *decision, const char *note,
                             GError **error);

/* Sets the retention in days (0 = for ever, at most AUDIT_RETENTION_MAX) and
 * purges at once. INVALID_ARGUMENT or STORE_FAILED. */
gboolean audit_set_retention(Store *store, gint days, GError **error);

/* The retention in days; AUDIT_RETENTION_DEFAULT when never set. -1 with
 * STORE_FAILED. */
gint audit_retention(Store *store, GError **error);

/* Purges entries older than the retention as of @as_of_ms and moves the anchor;
 * records a "purge" entry when any went. Returns the number purged, or -1
 * with STORE_FAILED. */
gint64 audit_purge(Store *store, gint64 as_of_ms, GError **error);

G_END_DECLS
