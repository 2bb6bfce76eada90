/*
 * sql.h — small statement helpers for modules that keep their own tables in
 * the store (consent, audit), on top of records.h's records_prepare() and
 * records_fail() (SQLite failures become the one STORE_FAILED error).
 *
 * These helpers never log and never see a value: consent and audit tables
 * hold only origins, ids and tokens.
 */
#pragma once

#include "records.h"
#include "store.h"

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Ends a transaction begun with store_transaction_begin(): commits when
 * @ok, else rolls back. Returns TRUE only when @ok and the commit worked. */
gboolean sql_finish(Store *store, gboolean ok, GError **error);

/* Starts a read transaction (one consistent snapshot that never blocks
 * writers, thanks to WAL) unless one is already open; *@began tells whether
 * sql_read_end() must end it. STORE_FAILED. */
gboolean sql_read_begin(sqlite3 *db, gboolean *began, GError **error);
/* Ends what sql_read_begin() began (nothing was written). Never fails. */
void sql_read_end(sqlite3 *db, gboolean began);

/* Steps @statement once expecting SQLITE_DONE (a write); STORE_FAILED
 * otherwise. */
gboolean sql_step_done(sqlite3 *db, sqlite3_stmt *statement, GError **error);

/* Binds @text (NULL binds SQL NULL) to parameter @index. */
void sql_bind_text(sqlite3_stmt *statement, int index, const char *text);

/* The text of column @column, or NULL for SQL NULL. Owned by @statement. */
const char *sql_column_text(sqlite3_stmt *statement, int column);

G_END_DECLS
