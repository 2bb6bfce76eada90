/*
 * audit.c — appending to, verifying and purging the audit MAC chain.
 *
 * See audit.h for the chain design. Every write here runs in one store
 * transaction (BEGIN IMMEDIATE in store.c), so two processes appending at
 * once — the host and the keyfill tool — serialise on the database lock and
 * never fork the chain. The chain key is unsealed for each call and wiped
 * before returning; it never leaves this file.
 */
#include "audit.h"

#include "errors.h"
#include "jsonfield.h"
#include "origin.h"
#include "sql.h"

#include <sodium.h>
#include <string.h>

#define MAC_BYTES 32
#define KEY_BYTES 32
#define MS_PER_DAY ((gint64)86400 * 1000)

/* Identity of the sealed chain key (vault associated data). */
#define KEY_TABLE "audit_key"
#define KEY_COLUMN "chain_key"
#define KEY_ROW "chain"

static const char *const kind_names[AUDIT_KIND_COUNT] = {
    [AUDIT_KIND_RELEASE] = "release",
    [AUDIT_KIND_DENIAL] = "denial",
    [AUDIT_KIND_CONSENT_GRANT] = "consent_grant",
    [AUDIT_KIND_CONSENT_CHANGE] = "consent_change",
    [AUDIT_KIND_CONSENT_REVOKE] = "consent_revoke",
    [AUDIT_KIND_CONSENT_EXPIRE] = "consent_expire",
    [AUDIT_KIND_IMPORT] = "import",
    [AUDIT_KIND_EXPORT] = "export",
    [AUDIT_KIND_KEY_ROTATION] = "key_rotation",
    [AUDIT_KIND_PURGE] = "purge",
};

const char *audit_kind_name(AuditKind kind)
{
    g_return_val_if_fail(kind < AUDIT_KIND_COUNT, "release");
    return kind_names[kind];
}

gboolean audit_kind_from_name(const char *name, AuditKind *kind)
{
    g_return_val_if_fail(name != NULL && kind != NULL, FALSE);
    for (int i = 0; i < AUDIT_KIND_COUNT; i++) {
        if (strcmp(kind_names[i], name) == 0) {
            *kind = (AuditKind)i;
            return TRUE;
        }
    }
    return FALSE;
}

gint64 audit_now_ms(void)
{
    return g_get_real_time() / 1000;
}

char *audit_time_format(gint64 ms)
{
    g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc(ms / 1000);
    if (time == NULL)
        return g_strdup("");
    g_autofree char *seconds = g_date_time_format(time, "%Y-%m-%dT%H:%M:%S");
    return g_strdup_printf("%s.%03dZ", seconds, (int)(ms % 1000));
}

/* ---- the chain key ---------------------------------------------------- */

typedef struct {
    guint8 bytes[KEY_BYTES];
} ChainKey;

static void chain_key_clear(ChainKey *key)
{
    sodium_memzero(key, sizeof *key);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(ChainKey, chain_key_clear)

/* DESIGN — the opened chain key is remembered for the process. Opening a
 * sealed value costs a guarded sodium_malloc page (mmap, mprotect, mlock and
 * a TLB flush on munmap: about a millisecond on a virtual machine), which
 * would dominate every append. The cache holds the key in sodium_malloc
 * memory together with what it was opened from — the vault's key check
 * value (which names the store and its key) and the exact sealed bytes — and
 * is used only when both match, so it returns exactly what vault_open()
 * would have returned for them. */
#define SEALED_KEY_MAX 256

static struct {
    guint8 *key; /* sodium_malloc'd KEY_BYTES; NULL until the first open */
    guint8 key_check[VAULT_HASH_BYTES];
    guint8 sealed[SEALED_KEY_MAX];
    gsize sealed_length;
} key_cache;
G_LOCK_DEFINE_STATIC(key_cache);

static gboolean key_cache_lookup(const Vault *vault, const guint8 *sealed, gsize length,
                                 ChainKey *key)
{
    guint8 check[VAULT_HASH_BYTES];
    vault_key_check(vault, check);
    G_LOCK(key_cache);
    gboolean hit = key_cache.key != NULL && length == key_cache.sealed_length &&
                   sodium_memcmp(check, key_cache.key_check, sizeof check) == 0 &&
                   memcmp(sealed, key_cache.sealed, length) == 0;
    if (hit)
        memcpy(key->bytes, key_cache.key, KEY_BYTES);
    G_UNLOCK(key_cache);
    return hit;
}

static void key_cache_store(const Vault *vault, const guint8 *sealed, gsize length,
                            const ChainKey *key)
{
    if (length > SEALED_KEY_MAX)
        return;
    G_LOCK(key_cache);
    if (key_cache.key == NULL)
        key_cache.key = sodium_malloc(KEY_BYTES);
    if (key_cache.key != NULL) {
        vault_key_check(vault, key_cache.key_check);
        memcpy(key_cache.sealed, sealed, length);
        key_cache.sealed_length = length;
        memcpy(key_cache.key, key->bytes, KEY_BYTES);
    }
    G_UNLOCK(key_cache);
}

/* Loads the chain key into @key. When none is stored and @create, makes and
 * stores a new one. *@found tells whether a key was there. */
static gboolean chain_key_load(Store *store, gboolean create, ChainKey *key, gboolean *found,
                               GError **error)
{
    sqlite3 *db = store_db(store);
    g_autoptr(sqlite3_stmt) select =
        records_prepare(db, "SELECT chain_key FROM audit_key WHERE id = '" KEY_ROW "'", error);
    if (select == NULL)
        return FALSE;
    int step = sqlite3_step(select);
    if (step == SQLITE_ROW) {
        const guint8 *sealed = sqlite3_column_blob(select, 0);
        gsize sealed_length = (gsize)sqlite3_column_bytes(select, 0);
        if (key_cache_lookup(store_vault(store), sealed, sealed_length, key)) {
            *found = TRUE;
            return TRUE;
        }
        gsize length = 0;
        g_autoptr(VaultPlain) plain = vault_open(store_vault(store), KEY_TABLE, KEY_COLUMN, KEY_ROW,
                                                 sealed, sealed_length, &length, error);
        if (plain == NULL)
            return FALSE;
        if (length != KEY_BYTES) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_AUDIT_TAMPERED,
                        "The audit log's chain key has the wrong size. Run 'keyfill audit "
                        "verify' and restore the store from a backup.");
            return FALSE;
        }
        memcpy(key->bytes, plain, KEY_BYTES);
        key_cache_store(store_vault(store), sealed, sealed_length, key);
        *found = TRUE;
        return TRUE;
    }
    if (step != SQLITE_DONE)
        return records_fail(db, "keep the audit log", error);
    *found = FALSE;
    if (!create)
        return TRUE;

    randombytes_buf(key->bytes, KEY_BYTES);
    gsize sealed_length = 0;
    g_autofree guint8 *sealed = vault_seal(store_vault(store), KEY_TABLE, KEY_COLUMN, KEY_ROW,
                                           key->bytes, KEY_BYTES, &sealed_length);
    g_autoptr(sqlite3_stmt) insert = records_prepare(
        db, "INSERT INTO audit_key (id, chain_key) VALUES ('" KEY_ROW "', ?)", error);
    if (insert == NULL)
        return FALSE;
    sqlite3_bind_blob(insert, 1, sealed, (int)sealed_length, SQLITE_TRANSIENT);
    return sql_step_done(db, insert, error);
}

/* ---- MACs ------------------------------------------------------------- */

static void hash_u64(crypto_generichash_state *state, guint64 value)
{
    guint64 big = GUINT64_TO_BE(value);
    crypto_generichash_update(state, (const guint8 *)&big, sizeof big);
}

/* Length-prefixed, so that ("ab", "c") and ("a", "bc") differ; NULL differs
 * from "". */
static void hash_text(crypto_generichash_state *state, const char *text)
{
    if (text == NULL) {
        hash_u64(state, G_MAXUINT64);
        return;
    }
    gsize length = strlen(text);
    hash_u64(state, length);
    crypto_generichash_update(state, (const guint8 *)text, length);
}

static void entry_mac(const ChainKey *key, gint64 seq, const guint8 prev[MAC_BYTES], gint64 at,
                      const char *kind, const char *site, const char *body, guint8 out[MAC_BYTES])
{
    crypto_generichash_state state;
    crypto_generichash_init(&state, key->bytes, KEY_BYTES, MAC_BYTES);
    hash_text(&state, "keyfill-audit-v1");
    hash_u64(&state, (guint64)seq);
    crypto_generichash_update(&state, prev, MAC_BYTES);
    hash_u64(&state, (guint64)at);
    hash_text(&state, kind);
    hash_text(&state, site);
    hash_text(&state, body);
    crypto_generichash_final(&state, out, MAC_BYTES);
    sodium_memzero(&state, sizeof state);
}

/* ---- marks: the head and the anchor ------------------------------------ */

typedef struct {
    gboolean present;
    gboolean sealed_ok; /* its own MAC verifies */
    gint64 seq;
    gint64 at;
    guint8 mac[MAC_BYTES];
} Mark;

static void mark_seal(const ChainKey *key, const char *name, gint64 seq, gint64 at,
                      const guint8 mac[MAC_BYTES], guint8 out[MAC_BYTES])
{
    crypto_generichash_state state;
    crypto_generichash_init(&state, key->bytes, KEY_BYTES, MAC_BYTES);
    hash_text(&state, "keyfill-audit-mark-v1");
    hash_text(&state, name);
    hash_u64(&state, (guint64)seq);
    hash_u64(&state, (guint64)at);
    crypto_generichash_update(&state, mac, MAC_BYTES);
    crypto_generichash_final(&state, out, MAC_BYTES);
    sodium_memzero(&state, sizeof state);
}

static gboolean mark_read(sqlite3 *db, const ChainKey *key, const char *name, Mark *mark,
                          GError **error)
{
    memset(mark, 0, sizeof *mark);
    g_autoptr(sqlite3_stmt) select =
        records_prepare(db, "SELECT seq, at, mac, seal FROM audit_marks WHERE name = ?", error);
    if (select == NULL)
        return FALSE;
    sql_bind_text(select, 1, name);
    int step = sqlite3_step(select);
    if (step == SQLITE_DONE)
        return TRUE;
    if (step != SQLITE_ROW)
        return records_fail(db, "keep the audit log", error);
    mark->present = TRUE;
    mark->seq = sqlite3_column_int64(select, 0);
    mark->at = sqlite3_column_int64(select, 1);
    if (sqlite3_column_bytes(select, 2) != MAC_BYTES ||
        sqlite3_column_bytes(select, 3) != MAC_BYTES)
        return TRUE;
    memcpy(mark->mac, sqlite3_column_blob(select, 2), MAC_BYTES);
    guint8 expected[MAC_BYTES];
    mark_seal(key, name, mark->seq, mark->at, mark->mac, expected);
    mark->sealed_ok = sodium_memcmp(expected, sqlite3_column_blob(select, 3), MAC_BYTES) == 0;
    return TRUE;
}

static gboolean mark_write(sqlite3 *db, const ChainKey *key, const char *name, gint64 seq,
                           gint64 at, const guint8 mac[MAC_BYTES], GError **error)
{
    guint8 seal[MAC_BYTES];
    mark_seal(key, name, seq, at, mac, seal);
    g_autoptr(sqlite3_stmt) upsert =
        records_prepare(db,
                        "INSERT INTO audit_marks (name, seq, at, mac, seal) VALUES (?, ?, ?, ?, ?) "
                        "ON CONFLICT (name) DO UPDATE SET seq = excluded.seq, at = excluded.at, "
                        "mac = excluded.mac, seal = excluded.seal",
                        error);
    if (upsert == NULL)
        return FALSE;
    sql_bind_text(upsert, 1, name);
    sqlite3_bind_int64(upsert, 2, seq);
    sqlite3_bind_int64(upsert, 3, at);
    sqlite3_bind_blob(upsert, 4, mac, MAC_BYTES, SQLITE_TRANSIENT);
    sqlite3_bind_blob(upsert, 5, seal, MAC_BYTES, SQLITE_TRANSIENT);
    return sql_step_done(db, upsert, error);
}

/* ---- what an entry may hold -------------------------------------------- */

gboolean audit_token_valid(const char *text)
{
    g_return_val_if_fail(text != NULL, FALSE);
    gsize length = strlen(text);
    if (length == 0 || length > AUDIT_TOKEN_MAX || !g_ascii_isalnum(text[0]))
        return FALSE;
    for (gsize i = 1; i < length; i++) {
        if (!g_ascii_isalnum(text[i]) && strchr("_.:-", text[i]) == NULL)
            return FALSE;
    }
    return TRUE;
}

static gboolean origin_canonical(const char *text)
{
    g_autofree char *canonical = origin_normalize(text, NULL);
    return canonical != NULL && strcmp(canonical, text) == 0;
}

static gboolean bad_field(const char *field, GError **error)
{
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_BAD_AUDIT_FIELD,
                "The audit entry's \"%s\" is not a plain token or origin, so it was not "
                "recorded (the audit log never holds values). This is a bug in Keyfill: "
                "please report it.",
                field);
    return FALSE;
}

/* Adds @list (NULL-terminated) as an array under @name when non-empty. */
static gboolean add_list(cJSON *body, const char *name, const char *const *list, gboolean origins,
                         GError **error)
{
    if (list == NULL || list[0] == NULL)
        return TRUE;
    cJSON *array = cJSON_AddArrayToObject(body, name);
    for (gsize i = 0; list[i] != NULL; i++) {
        if (i >= AUDIT_LIST_MAX) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                        "An audit entry may list at most %d %s.", AUDIT_LIST_MAX, name);
            return FALSE;
        }
        if (origins ? !origin_canonical(list[i]) : !audit_token_valid(list[i]))
            return bad_field(name, error);
        cJSON_AddItemToArray(array, cJSON_CreateString(list[i]));
    }
    return TRUE;
}

static gboolean add_token(cJSON *body, const char *name, const char *token, GError **error)
{
    if (token == NULL)
        return TRUE;
    if (!audit_token_valid(token))
        return bad_field(name, error);
    cJSON_AddStringToObject(body, name, token);
    return TRUE;
}

/* The body text of @record (every part but seq, time, kind and site). */
static char *record_body(const AuditRecord *record, GError **error)
{
    if (record->site != NULL && !origin_canonical(record->site)) {
        bad_field("site", error);
        return NULL;
    }
    g_autoptr(cJSON) body = cJSON_CreateObject();
    if (!add_list(body, "frames", record->frames, TRUE, error) ||
        !add_token(body, "persona", record->persona_id, error) ||
        !add_list(body, "groups", record->groups, FALSE, error) ||
        !add_list(body, "fields", record->fields, FALSE, error) ||
        !add_token(body, "decision", record->decision, error) ||
        !add_token(body, "note", record->note, error))
        return NULL;
    if (record->count > 0)
        cJSON_AddNumberToObject(body, "count", (double)record->count);
    char *printed = cJSON_PrintUnformatted(body);
    char *copy = g_strdup(printed);
    cJSON_free(printed);
    return copy;
}

/* ---- appending --------------------------------------------------------- */

/* Appends inside an open transaction with the key loaded. */
static gint64 append_locked(Store *store, const ChainKey *key, AuditKind kind, const char *site,
                            const char *body, gint64 now, GError **error)
{
    sqlite3 *db = store_db(store);

    /* The predecessor: the head when its seal holds (so that entries deleted
     * from the end stay a visible gap), else the last row. */
    Mark head;
    if (!mark_read(db, key, "head", &head, error))
        return 0;
    gint64 prev_seq = 0, prev_at = 0;
    guint8 prev_mac[MAC_BYTES] = {0};
    g_autoptr(sqlite3_stmt) last =
        records_prepare(db, "SELECT seq, at, mac FROM audit_log ORDER BY seq DESC LIMIT 1", error);
    if (last == NULL)
        return 0;
    int step = sqlite3_step(last);
    if (step == SQLITE_ROW) {
        prev_seq = sqlite3_column_int64(last, 0);
        prev_at = sqlite3_column_int64(last, 1);
        if (sqlite3_column_bytes(last, 2) == MAC_BYTES)
            memcpy(prev_mac, sqlite3_column_blob(last, 2), MAC_BYTES);
    } else if (step != SQLITE_DONE) {
        records_fail(db, "keep the audit log", error);
        return 0;
    }
    if (head.present && head.sealed_ok && head.seq >= prev_seq) {
        prev_seq = head.seq;
        prev_at = head.at;
        memcpy(prev_mac, head.mac, MAC_BYTES);
    }

    gint64 seq = prev_seq + 1;
    gint64 at = MAX(now, prev_at);
    const char *kind_name = audit_kind_name(kind);
    guint8 mac[MAC_BYTES];
    entry_mac(key, seq, prev_mac, at, kind_name, site, body, mac);

    g_autoptr(sqlite3_stmt) insert = records_prepare(
        db, "INSERT INTO audit_log (seq, at, kind, site, body, mac) VALUES (?, ?, ?, ?, ?, ?)",
        error);
    if (insert == NULL)
        return 0;
    sqlite3_bind_int64(insert, 1, seq);
    sqlite3_bind_int64(insert, 2, at);
    sql_bind_text(insert, 3, kind_name);
    sql_bind_text(insert, 4, site);
    sql_bind_text(insert, 5, body);
    sqlite3_bind_blob(insert, 6, mac, MAC_BYTES, SQLITE_TRANSIENT);
    if (!sql_step_done(db, insert, error) || !mark_write(db, key, "head", seq, at, mac, error))
        return 0;
    return seq;
}

static gint retention_read(sqlite3 *db, GError **error)
{
    g_autoptr(sqlite3_stmt) select = records_prepare(
        db, "SELECT value FROM audit_settings WHERE name = 'retention_days'", error);
    if (select == NULL)
        return -1;
    int step = sqlite3_step(select);
    if (step == SQLITE_ROW)
        return (gint)CLAMP(sqlite3_column_int64(select, 0), 0, AUDIT_RETENTION_MAX);
    if (step != SQLITE_DONE) {
        records_fail(db, "keep the audit log", error);
        return -1;
    }
    return AUDIT_RETENTION_DEFAULT;
}

/* Purges, inside an open transaction with the key loaded, what is past the
 * retention as of @as_of; the purge entry is stamped @now. Returns the count
 * purged or -1. */
static gint64 purge_locked(Store *store, const ChainKey *key, gint64 as_of, gint64 now,
                           GError **error)
{
    sqlite3 *db = store_db(store);
    gint days = retention_read(db, error);
    if (days < 0)
        return -1;
    if (days == 0)
        return 0;
    gint64 cutoff = as_of - days * MS_PER_DAY;

    /* Entry times never go backwards, so the newest entry older than the
     * cutoff is found through the time index. */
    g_autoptr(sqlite3_stmt) select = records_prepare(
        db, "SELECT seq, at, mac FROM audit_log WHERE at < ? ORDER BY at DESC, seq DESC LIMIT 1",
        error);
    if (select == NULL)
        return -1;
    sqlite3_bind_int64(select, 1, cutoff);
    int step = sqlite3_step(select);
    if (step == SQLITE_DONE)
        return 0;
    if (step != SQLITE_ROW || sqlite3_column_bytes(select, 2) != MAC_BYTES) {
        records_fail(db, "keep the audit log", error);
        return -1;
    }
    gint64 seq = sqlite3_column_int64(select, 0);
    gint64 at = sqlite3_column_int64(select, 1);
    guint8 mac[MAC_BYTES];
    memcpy(mac, sqlite3_column_blob(select, 2), MAC_BYTES);

    /* The anchor moves first: the delete trigger allows only rows at or
     * below it. */
    if (!mark_write(db, key, "anchor", seq, at, mac, error))
        return -1;
    g_autoptr(sqlite3_stmt) delete_old =
        records_prepare(db, "DELETE FROM audit_log WHERE seq <= ?", error);
    if (delete_old == NULL)
        return -1;
    sqlite3_bind_int64(delete_old, 1, seq);
    if (!sql_step_done(db, delete_old, error))
        return -1;
    gint64 purged = sqlite3_changes(db);
    if (purged == 0)
        return 0;

    AuditRecord record = {.kind = AUDIT_KIND_PURGE, .note = "retention", .count = purged};
    g_autofree char *body = record_body(&record, error);
    if (body == NULL || append_locked(store, key, AUDIT_KIND_PURGE, NULL, body, now, error) == 0)
        return -1;
    return purged;
}

/* Runs @func with the chain key loaded (created when missing) inside one
 * transaction. */
typedef gint64 (*LockedFunc)(Store *store, const ChainKey *key, gint64 now, const void *data,
                             GError **error);

static gint64 with_chain(Store *store, LockedFunc func, const void *data, gint64 failed,
                         GError **error)
{
    if (!store_transaction_begin(store, error))
        return failed;
    g_auto(ChainKey) key = {{0}};
    gboolean found = FALSE;
    gint64 result = failed;
    if (chain_key_load(store, TRUE, &key, &found, error))
        result = func(store, &key, audit_now_ms(), data, error);
    if (result == failed) {
        store_transaction_rollback(store);
        return failed;
    }
    if (!store_transaction_commit(store, error))
        return failed;
    return result;
}

typedef struct {
    const AuditRecord *record;
    const char *body;
} AppendJob;

static gint64 append_job(Store *store, const ChainKey *key, gint64 now, const void *data,
                         GError **error)
{
    const AppendJob *job = data;
    if (purge_locked(store, key, now, now, error) < 0)
        return 0;
    return append_locked(store, key, job->record->kind, job->record->site, job->body, now, error);
}

gint64 audit_append(Store *store, const AuditRecord *record, GError **error)
{
    g_return_val_if_fail(store != NULL && record != NULL, 0);
    g_return_val_if_fail(record->kind < AUDIT_KIND_COUNT, 0);

    g_autofree char *body = record_body(record, error);
    if (body == NULL)
        return 0;
    AppendJob job = {record, body};
    return with_chain(store, append_job, &job, 0, error);
}

gboolean audit_append_groups(Store *store, AuditKind kind, const char *site,
                             const char *const *frames, const char *persona_id,
                             const char *const *groups, const char *decision, const char *note,
                             GError **error)
{
    AuditRecord record = {
        .kind = kind,
        .site = site,
        .frames = frames,
        .persona_id = persona_id,
        .groups = groups,
        .decision = decision,
        .note = note,
    };
    return audit_append(store, &record, error) > 0;
}

static gint64 purge_job(Store *store, const ChainKey *key, gint64 now, const void *data,
                        GError **error)
{
    return purge_locked(store, key, *(const gint64 *)data, now, error);
}

gint64 audit_purge(Store *store, gint64 as_of_ms, GError **error)
{
    g_return_val_if_fail(store != NULL, -1);
    return with_chain(store, purge_job, &as_of_ms, -1, error);
}

gint audit_retention(Store *store, GError **error)
{
    g_return_val_if_fail(store != NULL, -1);
    return retention_read(store_db(store), error);
}

gboolean audit_set_retention(Store *store, gint days, GError **error)
{
    g_return_val_if_fail(store != NULL, FALSE);
    if (days < 0 || days > AUDIT_RETENTION_MAX) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                    "The audit retention must be from 0 (keep for ever) to %d days.",
                    AUDIT_RETENTION_MAX);
        return FALSE;
    }
    sqlite3 *db = store_db(store);
    g_autoptr(sqlite3_stmt) upsert =
        records_prepare(db,
                        "INSERT INTO audit_settings (name, value) VALUES ('retention_days', ?) "
                        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                        error);
    if (upsert == NULL)
        return FALSE;
    sqlite3_bind_int64(upsert, 1, days);
    if (!sql_step_done(db, upsert, error))
        return FALSE;
    return audit_purge(store, audit_now_ms(), error) >= 0;
}

/* ---- verifying --------------------------------------------------------- */

static gboolean report_bad(AuditVerifyReport *report, gint64 seq, const char *problem)
{
    report->intact = FALSE;
    report->bad_seq = seq;
    report->problem = problem;
    return TRUE;
}

gboolean audit_verify(Store *store, AuditVerifyReport *report, GError **error)
{
    g_return_val_if_fail(store != NULL && report != NULL, FALSE);
    sqlite3 *db = store_db(store);

    /* A read transaction gives one consistent snapshot of rows and marks
     * without holding the write lock for the seconds a long chain takes. */
    gboolean began = FALSE;
    if (!sql_read_begin(db, &began, error))
        return FALSE;
    g_auto(ChainKey) key = {{0}};
    gboolean found = FALSE;
    AuditVerifyReport result = {.intact = TRUE, .problem = "none"};
    Mark anchor, head;
    g_autoptr(sqlite3_stmt) rows = NULL;
    if (!chain_key_load(store, FALSE, &key, &found, error) ||
        !mark_read(db, &key, "anchor", &anchor, error) ||
        !mark_read(db, &key, "head", &head, error) ||
        (rows = records_prepare(db,
                                "SELECT seq, at, kind, site, body, mac FROM audit_log "
                                "ORDER BY seq",
                                error)) == NULL) {
        sql_read_end(db, began);
        return FALSE;
    }

    gint64 expected = 1;
    guint8 prev[MAC_BYTES] = {0};
    if (anchor.present) {
        if (!anchor.sealed_ok)
            report_bad(&result, anchor.seq + 1, "anchor_changed");
        expected = anchor.seq + 1;
        memcpy(prev, anchor.mac, MAC_BYTES);
    }

    int step = SQLITE_DONE;
    while (result.intact && (step = sqlite3_step(rows)) == SQLITE_ROW) {
        gint64 seq = sqlite3_column_int64(rows, 0);
        if (result.entries == 0)
            result.first_seq = seq;
        result.entries++;
        result.last_seq = seq;
        if (!found) {
            report_bad(&result, seq, "key_missing");
            break;
        }
        if (seq != expected) {
            report_bad(&result, seq > expected ? expected : seq,
                       seq > expected ? "missing" : "out_of_order");
            break;
        }
        guint8 mac[MAC_BYTES];
        entry_mac(&key, seq, prev, sqlite3_column_int64(rows, 1), sql_column_text(rows, 2),
                  sql_column_text(rows, 3), sql_column_text(rows, 4), mac);
        if (sqlite3_column_bytes(rows, 5) != MAC_BYTES ||
            sodium_memcmp(mac, sqlite3_column_blob(rows, 5), MAC_BYTES) != 0) {
            report_bad(&result, seq, "changed");
            break;
        }
        memcpy(prev, mac, MAC_BYTES);
        expected = seq + 1;
    }
    gboolean failed = result.intact && step != SQLITE_DONE;
    if (failed)
        records_fail(db, "keep the audit log", error);
    sqlite3_reset(rows);
    sql_read_end(db, began);
    if (failed)
        return FALSE;

    /* The head closes the end: entries removed from the end show here. */
    if (result.intact && (result.entries > 0 || anchor.present || head.present)) {
        if (!head.present || !head.sealed_ok)
            report_bad(&result, expected, "head_changed");
        else if (head.seq >= expected)
            report_bad(&result, expected, "truncated");
        else if (head.seq != expected - 1 || sodium_memcmp(head.mac, prev, MAC_BYTES) != 0)
            report_bad(&result, head.seq + 1, "head_changed");
    }
    *report = result;
    return TRUE;
}
