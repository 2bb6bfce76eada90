/*
 * storekey.c — which keyring key belongs to which database.
 *
 * DESIGN: the meta table of a store holds a random store id (the keyring
 * item's "store-id" attribute) and the key check value of its key. A store
 * without a key check value has never held a sealed value, so it may be
 * given a new key; a store with one never is: a missing item is KEY_MISSING
 * and a non-matching one WRONG_KEY. The only other key ever accepted is a
 * "pending" item whose check value matches: the trace of a rekey that
 * committed but was interrupted before promoting the new key, which is then
 * finished here. This file decides; vault.c holds the key; records.c seals.
 */
#include "storekey.h"

#include "errors.h"
#include "records.h"
#include "schema.h"

#include <sodium.h>
#include <string.h>

#define STOREKEY_ID_BYTES 16

static gboolean read_meta(sqlite3 *db, const char *key, GBytes **value, GError **error)
{
    g_autoptr(sqlite3_stmt) statement =
        records_prepare(db, "SELECT value FROM meta WHERE key = ?1", error);
    if (statement == NULL)
        return FALSE;
    sqlite3_bind_text(statement, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW) {
        *value = g_bytes_new(sqlite3_column_blob(statement, 0),
                             (gsize)sqlite3_column_bytes(statement, 0));
        return TRUE;
    }
    if (rc != SQLITE_DONE)
        return records_fail(db, "read the store's settings", error);
    *value = NULL;
    return TRUE;
}

static gboolean write_meta(sqlite3 *db, const char *key, const void *value, gsize length,
                           GError **error)
{
    g_autoptr(sqlite3_stmt) statement =
        records_prepare(db,
                        "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        error);
    if (statement == NULL)
        return FALSE;
    sqlite3_bind_text(statement, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_blob64(statement, 2, value, length, SQLITE_STATIC);
    if (sqlite3_step(statement) != SQLITE_DONE)
        return records_fail(db, "save the store's settings", error);
    return TRUE;
}

/* Fails when the database's key check value no longer matches our vault
 * (another process ran a rekey since we opened). */
gboolean storekey_check(sqlite3 *db, const Vault *vault, GError **error)
{
    g_return_val_if_fail(db != NULL && vault != NULL, FALSE);
    g_autoptr(GBytes) check = NULL;
    if (!read_meta(db, "key_check", &check, error))
        return FALSE;
    gsize length = 0;
    const guint8 *bytes = check != NULL ? g_bytes_get_data(check, &length) : NULL;
    if (!vault_key_check_matches(vault, bytes, length)) {
        g_set_error_literal(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_KEY,
                            "The store's key was changed by another Keyfill program (a rekey) "
                            "while this one was running. Nothing was changed; run the command "
                            "again.");
        return FALSE;
    }
    return TRUE;
}

static StoreKeyringState state_of_error(const GError *error)
{
    if (g_error_matches(error, KEYFILL_ERROR, KEYFILL_ERROR_KEYRING_LOCKED))
        return STORE_KEYRING_LOCKED;
    if (g_error_matches(error, KEYFILL_ERROR, KEYFILL_ERROR_KEY_MISSING))
        return STORE_KEYRING_KEY_MISSING;
    if (g_error_matches(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_KEY))
        return STORE_KEYRING_WRONG_KEY;
    return STORE_KEYRING_UNAVAILABLE;
}

/* Finds the key that matches @check: the current item, else a pending one
 * left by an interrupted rekey (which is then promoted). */
static Vault *resolve_key(const char *store_id, GBytes *check, gboolean promote, GError **error)
{
    gsize length = 0;
    const guint8 *bytes = g_bytes_get_data(check, &length);
    g_autoptr(GError) current_error = NULL;
    g_autoptr(Vault) current = vault_load(store_id, VAULT_SLOT_CURRENT, &current_error);
    if (current != NULL && vault_key_check_matches(current, bytes, length)) {
        if (promote) /* a leftover pending key of a rekey that never committed */
            (void)vault_forget(store_id, VAULT_SLOT_PENDING, NULL);
        return g_steal_pointer(&current);
    }
    if (current == NULL &&
        !g_error_matches(current_error, KEYFILL_ERROR, KEYFILL_ERROR_KEY_MISSING)) {
        g_propagate_error(error, g_steal_pointer(&current_error));
        return NULL;
    }
    g_autoptr(Vault) pending = vault_load(store_id, VAULT_SLOT_PENDING, NULL);
    if (pending != NULL && vault_key_check_matches(pending, bytes, length)) {
        if (promote && (!vault_save(pending, VAULT_SLOT_CURRENT, error) ||
                        !vault_forget(store_id, VAULT_SLOT_PENDING, error)))
            return NULL;
        return g_steal_pointer(&pending);
    }
    if (current == NULL) {
        g_propagate_error(error, g_steal_pointer(&current_error));
        return NULL;
    }
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_KEY,
                "The key in the keyring does not open this store (id %s): the database belongs "
                "to another key, or the keyring item was replaced. Restore the matching keyring "
                "item, or move the database aside and import your last Keyfill export.",
                store_id);
    return NULL;
}

/* Inside the open transaction: the store id, and the vault for it (created
 * only when the store has never held a sealed value). */
Vault *storekey_attach(sqlite3 *db, GError **error)
{
    g_autoptr(GBytes) id_bytes = NULL;
    g_autoptr(GBytes) check = NULL;
    if (!read_meta(db, "store_id", &id_bytes, error) || !read_meta(db, "key_check", &check, error))
        return NULL;

    g_autofree char *store_id = NULL;
    if (id_bytes == NULL) {
        guint8 raw[STOREKEY_ID_BYTES];
        randombytes_buf(raw, sizeof raw);
        char hex[STOREKEY_ID_BYTES * 2 + 1];
        sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
        store_id = g_strdup(hex);
        if (!write_meta(db, "store_id", store_id, strlen(store_id), error))
            return NULL;
    } else {
        gsize length = 0;
        const char *data = g_bytes_get_data(id_bytes, &length);
        if (length == 0 || length > VAULT_STORE_ID_MAX) {
            g_set_error_literal(error, KEYFILL_ERROR, KEYFILL_ERROR_STORE_CORRUPT,
                                "The store's id is damaged. Restore the database from a backup "
                                "or re-import your last Keyfill export.");
            return NULL;
        }
        store_id = g_strndup(data, length);
    }

    if (check != NULL)
        return resolve_key(store_id, check, TRUE, error);

    /* No key check value: nothing was ever sealed here. */
    if (records_count_personas(db) != 0) {
        g_set_error_literal(error, KEYFILL_ERROR, KEYFILL_ERROR_STORE_CORRUPT,
                            "The store holds data but no key check value. Restore the database "
                            "from a backup or re-import your last Keyfill export.");
        return NULL;
    }
    g_autoptr(GError) load_error = NULL;
    g_autoptr(Vault) vault = vault_load(store_id, VAULT_SLOT_CURRENT, &load_error);
    if (vault == NULL) {
        if (!g_error_matches(load_error, KEYFILL_ERROR, KEYFILL_ERROR_KEY_MISSING)) {
            g_propagate_error(error, g_steal_pointer(&load_error));
            return NULL;
        }
        vault = vault_generate(store_id);
        if (!vault_save(vault, VAULT_SLOT_CURRENT, error))
            return NULL;
    }
    guint8 value[VAULT_HASH_BYTES];
    vault_key_check(vault, value);
    if (!write_meta(db, "key_check", value, sizeof value, error))
        return NULL;
    return g_steal_pointer(&vault);
}

StoreKeyringState storekey_probe(sqlite3 *db, gboolean *known)
{
    g_return_val_if_fail(db != NULL && known != NULL, STORE_KEYRING_UNAVAILABLE);
    *known = FALSE;
    g_autoptr(GBytes) id_bytes = NULL;
    g_autoptr(GBytes) check = NULL;
    if (!read_meta(db, "store_id", &id_bytes, NULL) || !read_meta(db, "key_check", &check, NULL) ||
        id_bytes == NULL || check == NULL)
        return STORE_KEYRING_UNLOCKED;
    gsize length = 0;
    const char *data = g_bytes_get_data(id_bytes, &length);
    g_autofree char *store_id = g_strndup(data, MIN(length, VAULT_STORE_ID_MAX));
    g_autoptr(GError) error = NULL;
    g_autoptr(Vault) vault = resolve_key(store_id, check, FALSE, &error);
    *known = TRUE;
    return vault != NULL ? STORE_KEYRING_UNLOCKED : state_of_error(error);
}

/* Re-encrypts every sealed column (schema.h) from @old to @fresh. */
static gboolean reseal_all(sqlite3 *db, const Vault *old, const Vault *fresh, GError **error)
{
    gsize count;
    const SchemaSealedColumn *columns = schema_sealed_columns(&count);
    for (gsize c = 0; c < count; c++) {
        const SchemaSealedColumn *sealed = &columns[c];
        g_autofree char *select = g_strdup_printf("SELECT id, %s FROM %s WHERE %s IS NOT NULL",
                                                  sealed->column, sealed->table, sealed->column);
        g_autofree char *update =
            sealed->index_column != NULL
                ? g_strdup_printf("UPDATE %s SET %s = ?1, %s = ?2 WHERE id = ?3", sealed->table,
                                  sealed->column, sealed->index_column)
                : g_strdup_printf("UPDATE %s SET %s = ?1 WHERE id = ?3", sealed->table,
                                  sealed->column);
        g_autoptr(sqlite3_stmt) reader = records_prepare(db, select, error);
        g_autoptr(sqlite3_stmt) writer = reader != NULL ? records_prepare(db, update, error) : NULL;
        if (writer == NULL)
            return FALSE;
        /* Collect first: the table is not changed under a running SELECT. */
        g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func(g_free);
        g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
        int rc;
        while ((rc = sqlite3_step(reader)) == SQLITE_ROW) {
            g_ptr_array_add(ids, g_strdup((const char *)sqlite3_column_text(reader, 0)));
            g_ptr_array_add(values, g_bytes_new(sqlite3_column_blob(reader, 1),
                                                (gsize)sqlite3_column_bytes(reader, 1)));
        }
        if (rc != SQLITE_DONE)
            return records_fail(db, "read values to re-encrypt", error);
        for (guint i = 0; i < ids->len; i++) {
            const char *id = g_ptr_array_index(ids, i);
            gsize sealed_length = 0;
            const guint8 *bytes = g_bytes_get_data(g_ptr_array_index(values, i), &sealed_length);
            gsize length = 0;
            g_autoptr(VaultPlain) plain = vault_open(old, sealed->table, sealed->column, id, bytes,
                                                     sealed_length, &length, error);
            if (plain == NULL)
                return FALSE;
            gsize resealed_length = 0;
            guint8 *resealed = vault_seal(fresh, sealed->table, sealed->column, id, plain, length,
                                          &resealed_length);
            sqlite3_reset(writer);
            sqlite3_bind_blob64(writer, 1, resealed, resealed_length, g_free);
            if (sealed->index_column != NULL) {
                guint8 *hash = g_malloc(VAULT_HASH_BYTES);
                vault_index_hash(fresh, sealed->index_purpose, plain, length, hash);
                sqlite3_bind_blob64(writer, 2, hash, VAULT_HASH_BYTES, g_free);
            }
            sqlite3_bind_text(writer, 3, id, -1, SQLITE_STATIC);
            if (sqlite3_step(writer) != SQLITE_DONE)
                return records_fail(db, "save a re-encrypted value", error);
        }
    }
    return TRUE;
}

Vault *storekey_rekey(sqlite3 *db, const Vault *old, GError **error)
{
    g_return_val_if_fail(db != NULL && old != NULL, NULL);
    g_autoptr(Vault) fresh = vault_generate(vault_store_id(old));
    if (!vault_save(fresh, VAULT_SLOT_PENDING, error))
        return NULL;
    guint8 check[VAULT_HASH_BYTES];
    vault_key_check(fresh, check);
    if (!reseal_all(db, old, fresh, error) ||
        !write_meta(db, "key_check", check, sizeof check, error)) {
        (void)vault_forget(vault_store_id(old), VAULT_SLOT_PENDING, NULL);
        return NULL;
    }
    return g_steal_pointer(&fresh);
}

void storekey_promote(const Vault *vault)
{
    g_return_if_fail(vault != NULL);
    if (vault_save(vault, VAULT_SLOT_CURRENT, NULL))
        (void)vault_forget(vault_store_id(vault), VAULT_SLOT_PENDING, NULL);
}

void storekey_discard_pending(const Vault *vault)
{
    g_return_if_fail(vault != NULL);
    (void)vault_forget(vault_store_id(vault), VAULT_SLOT_PENDING, NULL);
}
