/*
 * store.c — opening the database, its key and transactions; the persona
 * operations; rekey.
 *
 * DESIGN
 * Opening: the database is configured (WAL, synchronous=FULL, foreign keys,
 * secure_delete, busy timeout) and, inside one BEGIN IMMEDIATE transaction,
 * migrated and matched with its key. The meta table holds a random store id
 * (which names the keyring item) and a key check value. A store without a
 * key check value holds no sealed data yet, so it may get a new key; a store
 * with one never does: if its key item is gone that is KEY_MISSING, and if the
 * keyring's key does not match that is WRONG_KEY. Doing this under the write
 * lock means two processes opening a new store at once cannot both create a
 * key.
 *
 * Writes: every write runs in BEGIN IMMEDIATE (so it never fails half-way on
 * a lock upgrade), retried when the database stays busy past the busy
 * timeout, and first re-reads the key check value, so a process whose key was
 * replaced by another process's rekey stops instead of sealing with a dead
 * key. Nested writes (an import grouping many puts) become savepoints.
 *
 * Rekey crash safety: new key saved as "pending" → one transaction
 * re-encrypts everything and stores the new key check → commit → pending
 * promoted to "current". Before the commit the database matches the current
 * item; after it, the pending item, which store_open() then promotes.
 */
#include "store.h"

#include "errors.h"
#include "records.h"
#include "schema.h"
#include "storekey.h"
#include "validate.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#define STORE_BUSY_TIMEOUT_MS 5000
#define STORE_BUSY_RETRIES 6

struct Store {
    char *path;
    sqlite3 *db;
    Vault *vault;
    int depth; /* open write transactions: 1 = BEGIN, more = savepoints */
};

char *store_default_path(void)
{
    const char *env = g_getenv("KEYFILL_DB");
    if (env != NULL && env[0] != '\0')
        return g_strdup(env);
    return g_build_filename(g_get_user_data_dir(), "keyfill", "keyfill.db", NULL);
}

const char *store_keyring_state_name(StoreKeyringState state)
{
    static const char *const names[] = {
        [STORE_KEYRING_UNLOCKED] = "unlocked",       [STORE_KEYRING_LOCKED] = "locked",
        [STORE_KEYRING_UNAVAILABLE] = "unavailable", [STORE_KEYRING_KEY_MISSING] = "key_missing",
        [STORE_KEYRING_WRONG_KEY] = "wrong_key",
    };
    g_return_val_if_fail((gsize)state < G_N_ELEMENTS(names), "unavailable");
    return names[state];
}

const char *store_path(const Store *store)
{
    g_return_val_if_fail(store != NULL, NULL);
    return store->path;
}

sqlite3 *store_db(Store *store)
{
    g_return_val_if_fail(store != NULL, NULL);
    return store->db;
}

const Vault *store_vault(Store *store)
{
    g_return_val_if_fail(store != NULL, NULL);
    return store->vault;
}

/* ---- transactions ---- */

static gboolean exec(Store *store, const char *sql, const char *what, GError **error)
{
    if (sqlite3_exec(store->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return records_fail(store->db, what, error);
    return TRUE;
}

/* BEGIN IMMEDIATE, retried while another process holds the write lock. */
static gboolean begin_immediate(Store *store, GError **error)
{
    int rc = SQLITE_BUSY;
    for (int attempt = 0; attempt < STORE_BUSY_RETRIES; attempt++) {
        rc = sqlite3_exec(store->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
        g_usleep((gulong)g_random_int_range(10, 100) * 1000);
    }
    if (rc != SQLITE_OK)
        return records_fail(store->db, "start a change (another program kept it busy)", error);
    return TRUE;
}

static gboolean write_begin(Store *store, GError **error)
{
    if (store->depth == 0) {
        if (!begin_immediate(store, error))
            return FALSE;
        if (!storekey_check(store->db, store->vault, error)) {
            sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
            return FALSE;
        }
    } else {
        g_autofree char *sql = g_strdup_printf("SAVEPOINT s%d", store->depth);
        if (!exec(store, sql, "start a change", error))
            return FALSE;
    }
    store->depth++;
    return TRUE;
}

static gboolean write_commit(Store *store, GError **error)
{
    g_return_val_if_fail(store->depth > 0, FALSE);
    store->depth--;
    if (store->depth > 0) {
        g_autofree char *sql = g_strdup_printf("RELEASE s%d", store->depth);
        return exec(store, sql, "save a change", error);
    }
    if (sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        records_fail(store->db, "save a change", error);
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
        return FALSE;
    }
    return TRUE;
}

static void write_rollback(Store *store)
{
    g_return_if_fail(store->depth > 0);
    store->depth--;
    if (store->depth > 0) {
        g_autofree char *sql =
            g_strdup_printf("ROLLBACK TO s%d; RELEASE s%d", store->depth, store->depth);
        sqlite3_exec(store->db, sql, NULL, NULL, NULL);
    } else {
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
    }
}

/* Ends the write that produced @id: commits when it is set, else rolls back.
 * Returns @id, or NULL (freeing it) when the commit fails. */
static char *finish_write(Store *store, char *id, GError **error)
{
    if (id == NULL) {
        write_rollback(store);
        return NULL;
    }
    if (!write_commit(store, error)) {
        g_free(id);
        return NULL;
    }
    return id;
}

gboolean store_transaction_begin(Store *store, GError **error)
{
    g_return_val_if_fail(store != NULL, FALSE);
    return write_begin(store, error);
}

gboolean store_transaction_commit(Store *store, GError **error)
{
    g_return_val_if_fail(store != NULL, FALSE);
    return write_commit(store, error);
}

void store_transaction_rollback(Store *store)
{
    g_return_if_fail(store != NULL);
    write_rollback(store);
}

/* Reads run in a transaction of their own (a consistent snapshot) unless a
 * write is open. */
static gboolean read_begin(Store *store, GError **error)
{
    if (store->depth > 0)
        return TRUE;
    if (!exec(store, "BEGIN", "read the store", error))
        return FALSE;
    if (!storekey_check(store->db, store->vault, error)) {
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
        return FALSE;
    }
    return TRUE;
}

static void read_end(Store *store)
{
    if (store->depth == 0)
        sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL);
}

/* ---- opening ---- */

static sqlite3 *open_database(const char *path, gboolean create, GError **error)
{
    if (create) {
        g_autofree char *folder = g_path_get_dirname(path);
        if (g_mkdir_with_parents(folder, 0700) != 0) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_STORE_FAILED,
                        "The folder for the store cannot be created (%s). Check the path "
                        "given by --db or KEYFILL_DB and its permissions.",
                        g_strerror(errno));
            return NULL;
        }
    }
    sqlite3 *db = NULL;
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path, &db, flags, NULL);
    if (rc != SQLITE_OK) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_STORE_FAILED,
                    "The store cannot be opened (%s). Check the path given by --db or "
                    "KEYFILL_DB and its permissions.",
                    db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close_v2(db);
        return NULL;
    }
    /* Only the user may read the database; SQLite gives the -wal and -shm
     * files the same mode. */
    (void)g_chmod(path, 0600);
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, STORE_BUSY_TIMEOUT_MS);
    static const char *const pragmas[] = {
        "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",   "PRAGMA foreign_keys = ON",
        "PRAGMA secure_delete = ON", "PRAGMA trusted_schema = OFF",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(pragmas); i++) {
        if (sqlite3_exec(db, pragmas[i], NULL, NULL, NULL) != SQLITE_OK) {
            records_fail(db, "configure the database", error);
            sqlite3_close_v2(db);
            return NULL;
        }
    }
    return db;
}

Store *store_open(const char *path, GError **error)
{
    if (sodium_init() < 0)
        g_error("libsodium could not be initialised");
    g_autoptr(Store) store = g_new0(Store, 1);
    store->path = path != NULL ? g_strdup(path) : store_default_path();
    store->db = open_database(store->path, TRUE, error);
    if (store->db == NULL)
        return NULL;
    if (!begin_immediate(store, error))
        return NULL;
    if (!schema_migrate(store->db, error) ||
        (store->vault = storekey_attach(store->db, error)) == NULL) {
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
        return NULL;
    }
    if (sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        records_fail(store->db, "prepare the store", error);
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
        return NULL;
    }
    return g_steal_pointer(&store);
}

void store_free(Store *store)
{
    if (store == NULL)
        return;
    if (store->depth > 0)
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close_v2(store->db);
    vault_free(store->vault);
    g_free(store->path);
    g_free(store);
}

/* ---- probing ---- */

StoreProbe *store_probe(const char *path)
{
    StoreProbe *probe = g_new0(StoreProbe, 1);
    probe->path = path != NULL ? g_strdup(path) : store_default_path();
    probe->personas = -1;
    probe->exists = g_file_test(probe->path, G_FILE_TEST_IS_REGULAR);
    VaultKeyringState keyring = vault_keyring_probe();
    probe->keyring = keyring == VAULT_KEYRING_UNLOCKED ? STORE_KEYRING_UNLOCKED
                     : keyring == VAULT_KEYRING_LOCKED ? STORE_KEYRING_LOCKED
                                                       : STORE_KEYRING_UNAVAILABLE;
    if (!probe->exists) {
        probe->personas = 0;
        return probe;
    }
    sqlite3 *db = open_database(probe->path, FALSE, NULL);
    if (db == NULL)
        return probe;
    gboolean has_meta = sqlite3_table_column_metadata(db, NULL, "meta", "value", NULL, NULL, NULL,
                                                      NULL, NULL) == SQLITE_OK;
    probe->personas = has_meta ? records_count_personas(db) : 0;
    gboolean known = FALSE;
    StoreKeyringState state =
        has_meta && keyring == VAULT_KEYRING_UNLOCKED ? storekey_probe(db, &known) : probe->keyring;
    if (known)
        probe->keyring = state;
    sqlite3_close_v2(db);
    return probe;
}

void store_probe_free(StoreProbe *probe)
{
    if (probe == NULL)
        return;
    g_free(probe->path);
    g_free(probe);
}

/* ---- personas ---- */

static gboolean has_default(Store *store)
{
    sqlite3_stmt *statement = NULL;
    gboolean found = FALSE;
    if (sqlite3_prepare_v2(store->db, "SELECT 1 FROM personas WHERE is_default = 1", -1, &statement,
                           NULL) == SQLITE_OK)
        found = sqlite3_step(statement) == SQLITE_ROW;
    sqlite3_finalize(statement);
    return found;
}

/* Runs @sql with text parameters and reports NOT_FOUND when no row changed. */
static gboolean change_rows(Store *store, const char *sql, const char *first, const char *second,
                            const char *what, GError **error)
{
    g_autoptr(sqlite3_stmt) statement = records_prepare(store->db, sql, error);
    if (statement == NULL)
        return FALSE;
    sqlite3_bind_text(statement, 1, first, -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(statement) > 1)
        sqlite3_bind_text(statement, 2, second, -1, SQLITE_STATIC);
    if (sqlite3_step(statement) != SQLITE_DONE)
        return records_fail(store->db, what, error);
    if (sqlite3_changes(store->db) == 0) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_NOT_FOUND,
                    "Nothing with id \"%.64s\" was found. List the personas to see the ids.",
                    first);
        return FALSE;
    }
    return TRUE;
}

static gboolean set_default_locked(Store *store, const char *id, GError **error)
{
    g_autoptr(sqlite3_stmt) clear = records_prepare(
        store->db, "UPDATE personas SET is_default = 0 WHERE is_default = 1 AND id != ?1", error);
    if (clear == NULL)
        return FALSE;
    sqlite3_bind_text(clear, 1, id, -1, SQLITE_STATIC);
    if (sqlite3_step(clear) != SQLITE_DONE)
        return records_fail(store->db, "change the default persona", error);
    return change_rows(store, "UPDATE personas SET is_default = 1 WHERE id = ?1", id, NULL,
                       "change the default persona", error);
}

/* A card saved back from a masked listing has an id but no number: it keeps
 * the stored one. */
static void keep_card_numbers(cJSON *persona, const cJSON *stored)
{
    const cJSON *stored_cards = cJSON_GetObjectItemCaseSensitive(stored, "cards");
    cJSON *found = cJSON_GetObjectItemCaseSensitive(persona, "cards");
    cJSON *cards = cJSON_IsArray(found) ? found : NULL;
    cJSON *card;
    cJSON_ArrayForEach(card, cards)
    {
        cJSON_DeleteItemFromObjectCaseSensitive(card, "number_masked");
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(card, "id");
        const cJSON *number = cJSON_GetObjectItemCaseSensitive(card, "number");
        if (!cJSON_IsString(id) || (number != NULL && !cJSON_IsNull(number)))
            continue;
        const cJSON *old;
        cJSON_ArrayForEach(old, stored_cards)
        {
            const cJSON *old_id = cJSON_GetObjectItemCaseSensitive(old, "id");
            const cJSON *old_number = cJSON_GetObjectItemCaseSensitive(old, "number");
            if (cJSON_IsString(old_id) && strcmp(old_id->valuestring, id->valuestring) == 0 &&
                cJSON_IsString(old_number)) {
                cJSON_DeleteItemFromObjectCaseSensitive(card, "number");
                cJSON_AddStringToObject(card, "number", old_number->valuestring);
            }
        }
    }
}

static const char *name_full(const cJSON *persona)
{
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(persona, "name");
    const cJSON *full =
        cJSON_IsObject(name) ? cJSON_GetObjectItemCaseSensitive(name, "full") : NULL;
    return cJSON_IsString(full) && full->valuestring[0] != '\0' ? full->valuestring : NULL;
}

static void drop_name_full(cJSON *persona)
{
    cJSON *name = cJSON_GetObjectItemCaseSensitive(persona, "name");
    if (cJSON_IsObject(name))
        cJSON_DeleteItemFromObjectCaseSensitive(name, "full");
}

/* Before validation: a full name unchanged from a stored derived one is
 * dropped, so that validation derives it again from the (maybe edited)
 * parts. An empty one is dropped too. */
static void forget_derived_full_name(cJSON *persona, const cJSON *stored, gboolean stored_custom)
{
    const char *full = name_full(persona);
    const char *stored_full = stored != NULL ? name_full(stored) : NULL;
    if (full == NULL || (stored_full != NULL && !stored_custom && strcmp(full, stored_full) == 0))
        drop_name_full(persona);
}

/* After validation: TRUE when "name.full" is the user's own, i.e. differs
 * from the one derived from the parts. */
static gboolean full_name_is_custom(const cJSON *persona)
{
    const char *full = name_full(persona);
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(persona, "name");
    if (full == NULL || !cJSON_IsObject(name))
        return FALSE;
    g_autofree char *derived = validate_derive_full_name(name);
    return strcmp(full, derived) != 0;
}

static char *put_persona_locked(Store *store, cJSON *persona, GPtrArray *warnings, GError **error)
{
    if (!records_check_shape(persona, error))
        return NULL;
    const cJSON *given_id = cJSON_GetObjectItemCaseSensitive(persona, "id");
    g_autofree char *id = NULL;
    g_autoptr(cJSON) stored = NULL;
    gboolean stored_custom = FALSE;
    if (cJSON_IsString(given_id)) {
        id = g_strdup(given_id->valuestring);
        stored = records_read_persona(store->db, store->vault, id, TRUE, &stored_custom, error);
        if (stored == NULL)
            return NULL;
        keep_card_numbers(persona, stored);
    } else {
        if (records_count_personas(store->db) >= STORE_MAX_PERSONAS) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                        "The store holds at most %d personas; remove one first.",
                        STORE_MAX_PERSONAS);
            return NULL;
        }
        id = records_new_id();
    }
    forget_derived_full_name(persona, stored, stored_custom);
    g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func(g_free);
    if (!validate_persona(persona, found, error) || !records_check_shape(persona, error))
        return NULL;
    if (!records_write_persona(store->db, store->vault, persona, id, stored == NULL,
                               full_name_is_custom(persona), error))
        return NULL;
    const cJSON *wanted = cJSON_GetObjectItemCaseSensitive(persona, "is_default");
    gboolean make_default = cJSON_IsTrue(wanted) || !has_default(store);
    if (make_default && !set_default_locked(store, id, error))
        return NULL;
    gboolean stored_default =
        stored != NULL && cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(stored, "is_default"));
    cJSON_DeleteItemFromObjectCaseSensitive(persona, "is_default");
    cJSON_AddBoolToObject(persona, "is_default", make_default || stored_default);
    if (warnings != NULL) {
        for (guint i = 0; i < found->len; i++)
            g_ptr_array_add(warnings, g_strdup(g_ptr_array_index(found, i)));
    }
    return g_steal_pointer(&id);
}

char *store_put_persona(Store *store, cJSON *persona, GPtrArray *warnings, GError **error)
{
    g_return_val_if_fail(store != NULL && persona != NULL, NULL);
    if (!write_begin(store, error))
        return NULL;
    return finish_write(store, put_persona_locked(store, persona, warnings, error), error);
}

cJSON *store_get_persona(Store *store, const char *id, gboolean reveal, GError **error)
{
    g_return_val_if_fail(store != NULL && id != NULL, NULL);
    if (!read_begin(store, error))
        return NULL;
    cJSON *persona = records_read_persona(store->db, store->vault, id, reveal, NULL, error);
    read_end(store);
    return persona;
}

cJSON *store_list_personas(Store *store, GError **error)
{
    g_return_val_if_fail(store != NULL, NULL);
    if (!read_begin(store, error))
        return NULL;
    g_autoptr(cJSON) list = cJSON_CreateArray();
    g_autoptr(GPtrArray) ids = records_persona_ids(store->db, error);
    for (guint i = 0; ids != NULL && i < ids->len; i++) {
        cJSON *persona = records_read_persona(store->db, store->vault, g_ptr_array_index(ids, i),
                                              FALSE, NULL, error);
        if (persona == NULL) {
            g_clear_pointer(&ids, g_ptr_array_unref);
            break;
        }
        cJSON_AddItemToArray(list, persona);
    }
    read_end(store);
    return ids != NULL ? g_steal_pointer(&list) : NULL;
}

gboolean store_delete_persona(Store *store, const char *id, GError **error)
{
    g_return_val_if_fail(store != NULL && id != NULL, FALSE);
    if (!write_begin(store, error))
        return FALSE;
    if (!change_rows(store, "DELETE FROM personas WHERE id = ?1", id, NULL, "remove a persona",
                     error)) {
        write_rollback(store);
        return FALSE;
    }
    if (!has_default(store) && !exec(store,
                                     "UPDATE personas SET is_default = 1 WHERE id = "
                                     "(SELECT id FROM personas ORDER BY position, id LIMIT 1)",
                                     "choose a new default persona", error)) {
        write_rollback(store);
        return FALSE;
    }
    return write_commit(store, error);
}

gboolean store_set_default_persona(Store *store, const char *id, GError **error)
{
    g_return_val_if_fail(store != NULL && id != NULL, FALSE);
    if (!write_begin(store, error))
        return FALSE;
    if (!set_default_locked(store, id, error)) {
        write_rollback(store);
        return FALSE;
    }
    return write_commit(store, error);
}

/* ---- items ---- */

static const char *const item_kind_names[] = {
    [STORE_ITEM_EMAIL] = "email",
    [STORE_ITEM_PHONE] = "phone",
    [STORE_ITEM_ADDRESS] = "address",
    [STORE_ITEM_CARD] = "card",
};

gboolean store_item_kind_from_name(const char *name, StoreItemKind *kind)
{
    g_return_val_if_fail(name != NULL && kind != NULL, FALSE);
    for (gsize i = 0; i < G_N_ELEMENTS(item_kind_names); i++) {
        if (strcmp(name, item_kind_names[i]) == 0) {
            *kind = (StoreItemKind)i;
            return TRUE;
        }
    }
    return FALSE;
}

const char *store_item_kind_name(StoreItemKind kind)
{
    g_return_val_if_fail((gsize)kind < G_N_ELEMENTS(item_kind_names), NULL);
    return item_kind_names[kind];
}

const char *store_item_kind_array(StoreItemKind kind)
{
    g_return_val_if_fail((gsize)kind < G_N_ELEMENTS(item_kind_names), NULL);
    return records_array_name(kind);
}

/* The index of the item with @id in @array, or -1. */
static int find_item(const cJSON *array, const char *id)
{
    int index = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, array)
    {
        const cJSON *item_id = cJSON_GetObjectItemCaseSensitive(item, "id");
        if (cJSON_IsString(item_id) && strcmp(item_id->valuestring, id) == 0)
            return index;
        index++;
    }
    return -1;
}

static char *put_item_locked(Store *store, StoreItemKind kind, const char *persona_id, cJSON *item,
                             GPtrArray *warnings, GError **error)
{
    g_autoptr(cJSON) persona =
        records_read_persona(store->db, store->vault, persona_id, TRUE, NULL, error);
    if (persona == NULL)
        return NULL;
    cJSON *array = cJSON_GetObjectItemCaseSensitive(persona, records_array_name(kind));
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "id");
    int index;
    if (id != NULL && !cJSON_IsNull(id)) {
        index = cJSON_IsString(id) ? find_item(array, id->valuestring) : -1;
        if (index < 0) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_NOT_FOUND,
                        "The persona has no %s with that id. Leave \"id\" out to add one.",
                        store_item_kind_name(kind));
            return NULL;
        }
        cJSON_ReplaceItemInArray(array, index, cJSON_Duplicate(item, TRUE));
    } else {
        index = cJSON_GetArraySize(array);
        cJSON_AddItemToArray(array, cJSON_Duplicate(item, TRUE));
    }
    g_autofree char *saved = put_persona_locked(store, persona, warnings, error);
    if (saved == NULL)
        return NULL;
    /* Hand the normalised item, with its id, back to the caller. */
    const cJSON *result = cJSON_GetArrayItem(array, index);
    while (item->child != NULL)
        cJSON_Delete(cJSON_DetachItemViaPointer(item, item->child));
    const cJSON *field;
    cJSON_ArrayForEach(field, result)
        cJSON_AddItemToObject(item, field->string, cJSON_Duplicate(field, TRUE));
    const cJSON *item_id = cJSON_GetObjectItemCaseSensitive(item, "id");
    return g_strdup(cJSON_GetStringValue(item_id));
}

char *store_put_item(Store *store, StoreItemKind kind, const char *persona_id, cJSON *item,
                     GPtrArray *warnings, GError **error)
{
    g_return_val_if_fail(store != NULL && persona_id != NULL && item != NULL, NULL);
    g_return_val_if_fail((gsize)kind < G_N_ELEMENTS(item_kind_names), NULL);
    if (!cJSON_IsObject(item)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE, "A %s must be an object.",
                    store_item_kind_name(kind));
        return NULL;
    }
    if (!write_begin(store, error))
        return NULL;
    return finish_write(store, put_item_locked(store, kind, persona_id, item, warnings, error),
                        error);
}

gboolean store_delete_item(Store *store, StoreItemKind kind, const char *persona_id,
                           const char *item_id, GError **error)
{
    g_return_val_if_fail(store != NULL && item_id != NULL, FALSE);
    g_return_val_if_fail((gsize)kind < G_N_ELEMENTS(item_kind_names), FALSE);
    g_autofree char *sql =
        g_strdup_printf("DELETE FROM %s WHERE id = ?1 AND (?2 IS NULL OR persona_id = ?2)",
                        records_array_name(kind));
    if (!write_begin(store, error))
        return FALSE;
    if (!change_rows(store, sql, item_id, persona_id, "remove an item", error)) {
        write_rollback(store);
        return FALSE;
    }
    return write_commit(store, error);
}

cJSON *store_list_cards(Store *store, GError **error)
{
    g_autoptr(cJSON) personas = store_list_personas(store, error);
    if (personas == NULL)
        return NULL;
    cJSON *cards = cJSON_CreateArray();
    const cJSON *persona;
    cJSON_ArrayForEach(persona, personas)
    {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(persona, "id");
        const cJSON *card;
        cJSON_ArrayForEach(card, cJSON_GetObjectItemCaseSensitive(persona, "cards"))
        {
            cJSON *copy = cJSON_Duplicate(card, TRUE);
            cJSON_AddStringToObject(copy, "persona", id->valuestring);
            cJSON_AddItemToArray(cards, copy);
        }
    }
    return cards;
}

gboolean store_find_card(Store *store, const char *number, char **persona_id, char **card_id,
                         GError **error)
{
    g_return_val_if_fail(store != NULL && number != NULL, FALSE);
    g_return_val_if_fail(persona_id != NULL && card_id != NULL, FALSE);
    guint8 hash[VAULT_HASH_BYTES];
    vault_index_hash(store->vault, "card-number", number, strlen(number), hash);
    if (!read_begin(store, error))
        return FALSE;
    g_autoptr(sqlite3_stmt) statement = records_prepare(
        store->db, "SELECT persona_id, id FROM cards WHERE number_index = ?1 LIMIT 1", error);
    gboolean found = FALSE;
    if (statement != NULL) {
        sqlite3_bind_blob(statement, 1, hash, sizeof hash, SQLITE_STATIC);
        int rc = sqlite3_step(statement);
        if (rc == SQLITE_ROW) {
            *persona_id = g_strdup((const char *)sqlite3_column_text(statement, 0));
            *card_id = g_strdup((const char *)sqlite3_column_text(statement, 1));
            found = TRUE;
        } else if (rc == SQLITE_DONE) {
            g_set_error_literal(error, KEYFILL_ERROR, KEYFILL_ERROR_NOT_FOUND,
                                "No stored card has that number.");
        } else {
            records_fail(store->db, "look up a card", error);
        }
    }
    read_end(store);
    return found;
}

/* ---- rekey ---- */

gboolean store_rekey(Store *store, GError **error)
{
    g_return_val_if_fail(store != NULL && store->depth == 0, FALSE);
    if (!write_begin(store, error))
        return FALSE;
    g_autoptr(Vault) fresh = storekey_rekey(store->db, store->vault, error);
    if (fresh == NULL) {
        write_rollback(store);
        return FALSE;
    }
    if (!write_commit(store, error)) {
        storekey_discard_pending(fresh);
        return FALSE;
    }
    vault_free(store->vault);
    store->vault = g_steal_pointer(&fresh);
    storekey_promote(store->vault);
    return TRUE;
}
