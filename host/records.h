/*
 * records.h — the mapping between the canonical persona JSON and sealed rows.
 *
 * records.c knows, as tables, which JSON field lives in which column of which
 * table and how it is encoded (text, integer, list of lines); it seals every
 * such value on the way in and opens it on the way out. It works inside the
 * transaction its caller (store.c) holds; it never begins or commits one,
 * never validates meaning (validate.c does) and never sees the raw key.
 * Fields it does not know — a card security code, say — are never written.
 */
#pragma once

#include "jsonfield.h" /* g_autoptr(cJSON) */
#include "store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC(sqlite3_stmt, sqlite3_finalize)

/* The persona JSON array that holds items of @kind ("emails", ...); it is
 * also the name of the item's table. */
const char *records_array_name(StoreItemKind kind);

/* Sets STORE_FAILED with SQLite's message for @db; @what says what was
 * being done ("read a persona"). Returns FALSE for convenience. */
gboolean records_fail(sqlite3 *db, const char *what, GError **error);

/* Prepares @sql on @db, or NULL with STORE_FAILED. */
sqlite3_stmt *records_prepare(sqlite3 *db, const char *sql, GError **error);

/* A new random id (STORE_ID_LENGTH hex characters). g_free. */
char *records_new_id(void);

/* Checks the types and sizes of every field the store keeps (strings no
 * longer than STORE_MAX_TEXT, at most STORE_MAX_ITEMS items per array, ...),
 * naming the first field at fault in WRONG_TYPE or LIMIT_EXCEEDED. */
gboolean records_check_shape(const cJSON *persona, GError **error);

/* Reads persona @id with all its items. Cards carry "number" when @reveal,
 * else "number_masked". When @full_is_custom is not NULL it receives the
 * persona's flag. NULL with NOT_FOUND, TAMPERED or STORE_FAILED. */
cJSON *records_read_persona(sqlite3 *db, const Vault *vault, const char *id, gboolean reveal,
                            gboolean *full_is_custom, GError **error);

/* The number of personas, or -1 when it cannot be read. */
gint64 records_count_personas(sqlite3 *db);

/* The ids of all personas in display order (g_free'd strings). */
GPtrArray *records_persona_ids(sqlite3 *db, GError **error);

/* Writes @persona (already validated) under @id: inserts the row when
 * @is_new, else updates it; then makes the stored items of each kind equal
 * to the JSON arrays (items with an id are updated, others inserted with a
 * new id written into the JSON, stored items not in the JSON deleted). */
gboolean records_write_persona(sqlite3 *db, const Vault *vault, cJSON *persona, const char *id,
                               gboolean is_new, gboolean full_is_custom, GError **error);

G_END_DECLS
