/*
 * format_memory.h — per-site memory of the spellings a page accepted.
 *
 * After a fill the extension reads each field back (after the page's own
 * scripts ran) and reports, per field: the token, the format id the plan
 * used ("formats" of the fill.plan reply), whether the read-back value still
 * equals what was filled, and, when the page rewrote it, the SHAPE of what
 * it holds now (digits as 9, letters as A: "99/9999"). Values are never
 * reported. From that this module keeps, per (origin, token):
 *   - preferred: the format the page kept, or the shape it rewrote into;
 *   - avoided: a format the page cleared or rewrote.
 * fill_plan() then tries the preferred spelling first and never the avoided
 * one (FillChoice.preferred_formats / avoided_formats).
 *
 * Owns: the site_formats table (created by schema.c migration 3) and the
 * validation of reports. Never: stores a value or a shape for a token whose
 * shape would reveal a personal value (names, streets, emails): for those
 * only format ids are kept.
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define FORMAT_MEMORY_MAX_REPORTS 500 /* reports per call, like fields per plan */
#define FORMAT_MEMORY_MAX_FORMAT 32   /* bytes of a format id or shape */

/* Records @reports ([{"type", "format_used", "read_back_matches",
 * "rewritten_to_format"?}], "index" allowed and ignored) for @origin (a
 * canonical origin, origin.h), in one
 * transaction of @db. A report with a bad type, format or shape fails the
 * whole call with INVALID_ARGUMENT / WRONG_TYPE / LIMIT_EXCEEDED and nothing
 * is written; STORE_FAILED when SQLite fails. Returns the number of reports
 * that changed the memory in *@recorded. */
gboolean format_memory_record(sqlite3 *db, const char *origin, const cJSON *reports, int *recorded,
                              GError **error);

/* Loads the memory of @origin into two new tables (token → format id or
 * shape, strings owned by the tables): *@preferred and *@avoided. Fails with
 * STORE_FAILED; outputs untouched then. */
gboolean format_memory_load(sqlite3 *db, const char *origin, GHashTable **preferred,
                            GHashTable **avoided, GError **error);

G_END_DECLS
