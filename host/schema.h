/*
 * schema.h — the database schema of the store, as a list of forward
 * migrations, and the list of sealed columns that a rekey re-encrypts.
 *
 * schema.c owns the SQL that creates and changes tables; it never reads or
 * writes rows itself and never sees a key or a value.
 *
 * HOW TO ADD A TABLE OR COLUMN (e.g. for consent or audit):
 *   1. Append one row to `migrations[]` in schema.c with the next version
 *      number and the SQL (several statements are fine). Never edit or
 *      reorder a shipped row: databases in the field are at every version.
 *   2. If the table holds personal values, give it a TEXT `id` primary key,
 *      store each value as a BLOB sealed with vault_seal(table, column, id),
 *      and append a row per sealed column to `sealed_columns[]` so that
 *      `keyfill rekey` re-encrypts it. A keyed index column (vault_index_hash)
 *      is listed in the same row.
 *   3. Add a case to tests/test-store.c's migration test if the step moves
 *      data.
 * store_open() runs the pending steps inside one write transaction and
 * PRAGMA user_version records the last step run.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A sealed column: vault_seal(table, column, <row id>). When @index_column
 * is not NULL it holds vault_index_hash(@index_purpose, plaintext) of the
 * same row and is recomputed on rekey. */
typedef struct {
    const char *table;
    const char *column;
    const char *index_column;
    const char *index_purpose;
} SchemaSealedColumn;

/* The schema version this build writes (the last migration's version). */
int schema_latest_version(void);

/* Brings the database from its PRAGMA user_version to
 * schema_latest_version(). Must be called inside a write transaction (the
 * caller commits, or rolls back on failure). Fails with
 * STORE_TOO_NEW when the database is newer than this build, STORE_FAILED
 * when a step fails (nothing is changed then). */
gboolean schema_migrate(sqlite3 *db, GError **error);

/* Brings the database to @version only (tests use this to start a store at
 * an old version). Same errors as schema_migrate(). */
gboolean schema_migrate_to(sqlite3 *db, int version, GError **error);

/* The sealed columns, in a static array of *@count rows. */
const SchemaSealedColumn *schema_sealed_columns(gsize *count);

G_END_DECLS
