/*
 * auditquery.h — reading the audit log: pages, filters, cursors, CSV.
 *
 * Lists and exports walk the log by keyset over the sequence number through
 * indexes (site, kind, time), never with OFFSET, so a page costs the same at
 * entry 10 and at entry 1,000,000. Time filters become sequence ranges
 * because entry times never go backwards (audit.h). Every page is bounded
 * both in entries and in bytes, so a reply always fits the browsers' 1 MB
 * limit. This module only reads; it never checks MACs (audit_verify does).
 */
#pragma once

#include "audit.h"

G_BEGIN_DECLS

#define AUDIT_PAGE_DEFAULT 100  /* entries in a page when the caller names no limit */
#define AUDIT_PAGE_MAX 500      /* most entries in one page */
#define AUDIT_PAGE_BYTES 800000 /* JSON bytes of entries in one page (replies stay < 1 MB) */

/* What a list or export page selects. Zero-initialise, then set fields. */
typedef struct {
    const char *site; /* canonical origin, or NULL for all */
    gboolean has_kind;
    AuditKind kind;
    gint64 since_ms;       /* entries at or after; 0 = no bound */
    gint64 until_ms;       /* entries before; 0 = no bound */
    gint64 cursor;         /* 0 = first page; else a next_cursor from a previous page */
    gint limit;            /* 0 = AUDIT_PAGE_DEFAULT; at most AUDIT_PAGE_MAX */
    gboolean oldest_first; /* exports walk forward; lists newest first */
} AuditQuery;

/* Returns one page {"entries": [...], "next_cursor": <string>|null} by keyset
 * over the sequence number (never OFFSET): at most @query->limit entries and
 * at most AUDIT_PAGE_BYTES of entry JSON (at least one entry). An entry is
 * {"seq", "time" (ISO 8601 UTC), "kind", "site", "frames", "persona",
 * "groups", "fields", "decision", "note", "count"} with absent parts left out.
 * NULL with INVALID_ARGUMENT (limit), STORE_FAILED. Caller owns. */
cJSON *auditquery_list(Store *store, const AuditQuery *query, GError **error);

/* Parses a cursor string made by auditquery_list() into *@cursor; FALSE with
 * BAD_CURSOR otherwise. */
gboolean auditquery_cursor_parse(const char *text, gint64 *cursor, GError **error);

/* Parses "2026-11-22", "2026-11-22T09:30:00Z" or any ISO 8601 time with a
 * zone into milliseconds since the epoch; a bare date is midnight UTC. FALSE
 * with INVALID_ARGUMENT otherwise. */
gboolean auditquery_time_parse(const char *text, gint64 *ms, GError **error);

/* The CSV header line and one CSV row (RFC 4180, lists joined by spaces) of
 * an entry made by auditquery_list(), each ending in CRLF, appended to @out. */
void auditquery_csv_header(GString *out);
void auditquery_csv_row(const cJSON *entry, GString *out);

G_END_DECLS
