/*
 * test-vault.c — the store key: sealing, tampering, identities, subkeys, the
 * real keyring (gnome-keyring in a throwaway session), and every keyring
 * state a store can meet: no Secret Service, a locked collection, the key
 * item deleted, a key that belongs to another store.
 */
#include "errors.h"
#include "jsonfield.h"
#include "keyring-session.h"
#include "store.h"
#include "vault.h"

#include <libsecret/secret.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

/* The keyring contract as a user (or secret-tool) sees it. */
static const SecretSchema store_key_schema = {
    "org.keyfill.StoreKey",
    SECRET_SCHEMA_NONE,
    {{"store-id", SECRET_SCHEMA_ATTRIBUTE_STRING},
     {"state", SECRET_SCHEMA_ATTRIBUTE_STRING},
     {NULL, 0}},
    0,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
};

static char *random_store_id(void)
{
    guint8 raw[16];
    randombytes_buf(raw, sizeof raw);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    return g_strdup(hex);
}

/* Creates a store at @path holding one persona; returns its store id. */
static char *make_store(const char *path)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(Store) store = store_open(path, &error);
    g_assert_no_error(error);
    g_autoptr(cJSON) persona = keyring_session_sample_persona();
    g_autofree char *id = store_put_persona(store, persona, NULL, &error);
    g_assert_no_error(error);
    g_assert_nonnull(id);
    return g_strdup(vault_store_id(store_vault(store)));
}

/* ---- sealing ---- */

static const gsize seal_lengths[] = {0, 1, 15, 31, 32, 33, 64, 1000, VAULT_PLAINTEXT_MAX};

static void test_seal_round_trip(void)
{
    g_autoptr(Vault) vault = vault_generate("store-a");
    for (gsize i = 0; i < G_N_ELEMENTS(seal_lengths); i++) {
        gsize length = seal_lengths[i];
        g_autofree guint8 *plain = g_malloc(length + 1);
        randombytes_buf(plain, length);
        gsize sealed_length = 0;
        g_autofree guint8 *sealed =
            vault_seal(vault, "cards", "number", "row1", plain, length, &sealed_length);
        g_assert_cmpuint(sealed[0], ==, 1);
        g_assert_cmpuint(sealed_length, ==,
                         (length / VAULT_SEAL_BLOCK + 1) * VAULT_SEAL_BLOCK + VAULT_SEAL_OVERHEAD);
        g_autoptr(GError) error = NULL;
        gsize opened_length = 0;
        g_autoptr(VaultPlain) opened = vault_open(vault, "cards", "number", "row1", sealed,
                                                  sealed_length, &opened_length, &error);
        g_assert_no_error(error);
        g_assert_cmpmem(opened, opened_length, plain, length);
        g_assert_cmpint(opened[opened_length], ==, '\0');
    }
}

/* Values opened at the same time are independent (only one can use the
 * reused page), whatever order they are freed in, and the page serves again
 * afterwards. */
static void test_open_several_at_once(void)
{
    g_autoptr(Vault) vault = vault_generate("store-a");
    static const char *const texts[] = {"Ada", "Lovelace", "4242424242424242"};
    guint8 *sealed[G_N_ELEMENTS(texts)];
    gsize sealed_length[G_N_ELEMENTS(texts)];
    VaultPlain *opened[G_N_ELEMENTS(texts)];
    for (gsize round = 0; round < 2; round++) {
        for (gsize i = 0; i < G_N_ELEMENTS(texts); i++) {
            sealed[i] =
                vault_seal(vault, "t", "c", "r", texts[i], strlen(texts[i]), &sealed_length[i]);
            gsize length = 0;
            opened[i] =
                vault_open(vault, "t", "c", "r", sealed[i], sealed_length[i], &length, NULL);
            g_assert_nonnull(opened[i]);
            g_assert_cmpstr(opened[i], ==, texts[i]);
        }
        for (gsize i = 0; i < G_N_ELEMENTS(texts); i++)
            g_assert_cmpstr(opened[i], ==, texts[i]);
        for (gsize k = 0; k < G_N_ELEMENTS(texts); k++) {
            gsize i = round == 0 ? k : G_N_ELEMENTS(texts) - 1 - k;
            vault_plain_free(opened[i]);
            g_free(sealed[i]);
        }
    }
}

static void test_seal_fresh_nonce_and_padding(void)
{
    g_autoptr(Vault) vault = vault_generate("store-a");
    gsize a_length = 0, b_length = 0, c_length = 0;
    g_autofree guint8 *a = vault_seal(vault, "t", "c", "r", "Ada", 3, &a_length);
    g_autofree guint8 *b = vault_seal(vault, "t", "c", "r", "Ada", 3, &b_length);
    g_autofree guint8 *c = vault_seal(vault, "t", "c", "r", "Augusta Ada King", 16, &c_length);
    g_assert_cmpuint(a_length, ==, b_length);
    g_assert_true(memcmp(a, b, a_length) != 0); /* a new nonce every time */
    g_assert_cmpuint(a_length, ==, c_length);   /* padding hides short lengths */
}

static void test_seal_tampering_detected(void)
{
    g_autoptr(Vault) vault = vault_generate("store-a");
    gsize sealed_length = 0;
    g_autofree guint8 *sealed =
        vault_seal(vault, "cards", "number", "row1", "4242424242424242", 16, &sealed_length);
    /* Every byte: version, nonce, ciphertext, tag. */
    for (gsize i = 0; i < sealed_length; i++) {
        g_autofree guint8 *copy = g_memdup2(sealed, sealed_length);
        copy[i] ^= 0x01;
        g_autoptr(GError) error = NULL;
        gsize length = 0;
        g_autoptr(VaultPlain) plain =
            vault_open(vault, "cards", "number", "row1", copy, sealed_length, &length, &error);
        g_assert_null(plain);
        g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_TAMPERED);
        g_assert_null(strstr(error->message, "4242"));
    }
    const gsize short_lengths[] = {0, 1, VAULT_SEAL_OVERHEAD, sealed_length - 1};
    for (gsize i = 0; i < G_N_ELEMENTS(short_lengths); i++) {
        g_autoptr(GError) error = NULL;
        gsize length = 0;
        g_autoptr(VaultPlain) plain =
            vault_open(vault, "cards", "number", "row1", sealed, short_lengths[i], &length, &error);
        g_assert_null(plain);
        g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_TAMPERED);
    }
}

typedef struct {
    const char *why;
    const char *table;
    const char *column;
    const char *row;
    gboolean other_key;
} IdentityCase;

/* The value was sealed as ("cards", "number", "row1") with the first key. */
static const IdentityCase identity_cases[] = {
    {"another row", "cards", "number", "row2", FALSE},
    {"another column", "cards", "holder", "row1", FALSE},
    {"another table", "phones", "number", "row1", FALSE},
    {"parts shifted across a boundary", "cardsn", "umber", "row1", FALSE},
    {"another key", "cards", "number", "row1", TRUE},
};

static void test_seal_identity_bound(void)
{
    g_autoptr(Vault) vault = vault_generate("store-a");
    g_autoptr(Vault) other = vault_generate("store-a");
    gsize sealed_length = 0;
    g_autofree guint8 *sealed =
        vault_seal(vault, "cards", "number", "row1", "4242424242424242", 16, &sealed_length);
    for (gsize i = 0; i < G_N_ELEMENTS(identity_cases); i++) {
        const IdentityCase *c = &identity_cases[i];
        g_test_message("identity case: %s", c->why);
        g_autoptr(GError) error = NULL;
        gsize length = 0;
        g_autoptr(VaultPlain) plain = vault_open(c->other_key ? other : vault, c->table, c->column,
                                                 c->row, sealed, sealed_length, &length, &error);
        g_assert_null(plain);
        g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_TAMPERED);
    }
}

static void test_subkeys_and_hashes(void)
{
    g_autoptr(Vault) vault = vault_generate("store-a");
    g_autoptr(Vault) other = vault_generate("store-a");
    guint8 audit[VAULT_HASH_BYTES], audit_again[VAULT_HASH_BYTES], consent[VAULT_HASH_BYTES],
        other_audit[VAULT_HASH_BYTES];
    vault_derive_subkey(vault, "audit", audit);
    vault_derive_subkey(vault, "audit", audit_again);
    vault_derive_subkey(vault, "consent", consent);
    vault_derive_subkey(other, "audit", other_audit);
    g_assert_cmpmem(audit, sizeof audit, audit_again, sizeof audit_again);
    g_assert_true(memcmp(audit, consent, sizeof audit) != 0);
    g_assert_true(memcmp(audit, other_audit, sizeof audit) != 0);

    guint8 h1[VAULT_HASH_BYTES], h2[VAULT_HASH_BYTES], h3[VAULT_HASH_BYTES], h4[VAULT_HASH_BYTES];
    vault_index_hash(vault, "card-number", "4242424242424242", 16, h1);
    vault_index_hash(vault, "card-number", "4242424242424242", 16, h2);
    vault_index_hash(vault, "email", "4242424242424242", 16, h3);
    vault_index_hash(other, "card-number", "4242424242424242", 16, h4);
    g_assert_cmpmem(h1, sizeof h1, h2, sizeof h2);
    g_assert_true(memcmp(h1, h3, sizeof h1) != 0);
    g_assert_true(memcmp(h1, h4, sizeof h1) != 0);

    guint8 check[VAULT_HASH_BYTES];
    vault_key_check(vault, check);
    g_assert_true(vault_key_check_matches(vault, check, sizeof check));
    g_assert_false(vault_key_check_matches(other, check, sizeof check));
    g_assert_false(vault_key_check_matches(vault, check, sizeof check - 1));
    g_assert_false(vault_key_check_matches(vault, NULL, 0));
}

/* ---- the real keyring ---- */

static void test_keyring_save_load_forget(void)
{
    g_assert_cmpint(vault_keyring_probe(), ==, VAULT_KEYRING_UNLOCKED);
    g_autofree char *id = random_store_id();
    g_autoptr(Vault) current = vault_generate(id);
    g_autoptr(Vault) pending = vault_generate(id);
    guint8 current_check[VAULT_HASH_BYTES], pending_check[VAULT_HASH_BYTES];
    vault_key_check(current, current_check);
    vault_key_check(pending, pending_check);
    g_autoptr(GError) error = NULL;

    g_autoptr(Vault) none = vault_load(id, VAULT_SLOT_CURRENT, &error);
    g_assert_null(none);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_KEY_MISSING);
    g_clear_error(&error);

    g_assert_true(vault_save(current, VAULT_SLOT_CURRENT, &error));
    g_assert_no_error(error);
    g_assert_true(vault_save(pending, VAULT_SLOT_PENDING, &error));
    g_assert_no_error(error);

    /* The item is where the header says: our schema, store-id and state. */
    g_autofree char *text = secret_password_lookup_sync(&store_key_schema, NULL, &error, "store-id",
                                                        id, "state", "current", NULL);
    g_assert_no_error(error);
    g_assert_nonnull(text);
    g_assert_cmpuint(strlen(text), ==, 44); /* base64 of 32 bytes */

    g_autoptr(Vault) loaded = vault_load(id, VAULT_SLOT_CURRENT, &error);
    g_assert_no_error(error);
    g_assert_true(vault_key_check_matches(loaded, current_check, sizeof current_check));
    g_autoptr(Vault) loaded_pending = vault_load(id, VAULT_SLOT_PENDING, &error);
    g_assert_no_error(error);
    g_assert_true(vault_key_check_matches(loaded_pending, pending_check, sizeof pending_check));

    /* Saving again replaces, never duplicates. */
    g_assert_true(vault_save(pending, VAULT_SLOT_CURRENT, &error));
    g_autoptr(Vault) replaced = vault_load(id, VAULT_SLOT_CURRENT, &error);
    g_assert_no_error(error);
    g_assert_true(vault_key_check_matches(replaced, pending_check, sizeof pending_check));

    g_assert_true(vault_forget(id, VAULT_SLOT_PENDING, &error));
    g_assert_true(vault_forget(id, VAULT_SLOT_CURRENT, &error));
    g_assert_true(vault_forget(id, VAULT_SLOT_CURRENT, &error)); /* missing is fine */
    g_assert_no_error(error);
    g_autoptr(Vault) gone = vault_load(id, VAULT_SLOT_PENDING, &error);
    g_assert_null(gone);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_KEY_MISSING);
}

/* ---- keyring states of a store ---- */

/* Exit codes of the helpers: 0 = every expectation held; otherwise the
 * number of the first one that failed (printed on stdout). */
static int expect(gboolean holds, int number, const char *what)
{
    if (!holds)
        g_print("expectation %d failed: %s\n", number, what);
    return holds ? 0 : number;
}

static int expect_error(const GError *error, int code, int number)
{
    if (error != NULL)
        g_print("got %s: %s\n", keyfill_error_wire_name(error->code), error->message);
    return expect(g_error_matches(error, KEYFILL_ERROR, code), number,
                  keyfill_error_wire_name(code));
}

/* Expects store_open(@path) to fail with @code. */
static int expect_open_fails(const char *path, int code, int number)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(Store) store = store_open(path, &error);
    int failed = expect(store == NULL, number, "the store must not open");
    return failed ?: expect_error(error, code, number + 1);
}

/* Runs on a bus with no Secret Service. */
static int helper_unavailable(const char *path)
{
    int failed = expect(vault_keyring_probe() == VAULT_KEYRING_UNAVAILABLE, 1, "probe");
    g_autoptr(StoreProbe) probe = store_probe(path);
    failed = failed ?: expect(probe->keyring == STORE_KEYRING_UNAVAILABLE, 2, "store probe");
    failed = failed ?: expect(!probe->exists, 3, "probe created nothing");
    return failed ?: expect_open_fails(path, KEYFILL_ERROR_KEYRING_UNAVAILABLE, 4);
}

static gboolean lock_default_collection(void)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(SecretService) service = secret_service_get_sync(SECRET_SERVICE_NONE, NULL, &error);
    g_autoptr(SecretCollection) collection =
        service != NULL ? secret_collection_for_alias_sync(service, SECRET_COLLECTION_DEFAULT,
                                                           SECRET_COLLECTION_NONE, NULL, &error)
                        : NULL;
    if (collection == NULL)
        return FALSE;
    GList *objects = g_list_append(NULL, collection);
    GList *locked = NULL;
    gint count = secret_service_lock_sync(service, objects, NULL, &locked, &error);
    g_list_free(objects);
    g_list_free_full(locked, g_object_unref);
    return count == 1 && error == NULL;
}

/* Runs in a session of its own: fills a store, locks the keyring. */
static int helper_locked(const char *path)
{
    g_autofree char *id = make_store(path);
    int failed = expect(lock_default_collection(), 1, "collection locked");
    failed = failed ?: expect(vault_keyring_probe() == VAULT_KEYRING_LOCKED, 2, "probe");
    g_autoptr(StoreProbe) probe = store_probe(path);
    failed = failed ?: expect(probe->keyring == STORE_KEYRING_LOCKED, 3, "store probe");
    failed = failed ?: expect(probe->personas == 1, 4, "probe counts personas");

    failed = failed ?: expect_open_fails(path, KEYFILL_ERROR_KEYRING_LOCKED, 5);
    /* A new store cannot get a key either, and must not prompt. */
    g_autofree char *fresh = g_strconcat(path, "-new", NULL);
    return failed ?: expect_open_fails(fresh, KEYFILL_ERROR_KEYRING_LOCKED, 7);
}

/* Replaces this session's keyring daemon by a new one unlocked with the
 * session's password, as a daemon restart or a new login does. */
static gboolean replace_daemon_unlocked(void)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(GSubprocess) daemon =
        g_subprocess_new(G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                         "gnome-keyring-daemon", "--replace", "--daemonize", "--unlock",
                         "--components=secrets", NULL);
    if (daemon == NULL ||
        !g_subprocess_communicate_utf8(daemon, KEYRING_SESSION_PASSWORD, NULL, NULL, NULL,
                                       &error) ||
        !g_subprocess_wait_check(daemon, NULL, &error)) {
        g_print("replacing the keyring daemon: %s\n", error->message);
        return FALSE;
    }
    return TRUE;
}

/* Runs in a session of its own: a process that met a locked keyring opens
 * its store once the daemon was replaced by an unlocked one, without being
 * restarted. libsecret's shared connection was bound to the old daemon: at
 * most the first request after the replacement fails (keyring_failed), and
 * it makes the next one connect afresh. */
static int helper_daemon_replaced(const char *path)
{
    g_autofree char *id = make_store(path);
    int failed = expect(lock_default_collection(), 1, "collection locked");
    failed = failed ?: expect_open_fails(path, KEYFILL_ERROR_KEYRING_LOCKED, 2);
    failed = failed ?: expect(replace_daemon_unlocked(), 4, "daemon replaced");
    if (failed)
        return failed;
    g_autoptr(GError) error = NULL;
    g_autoptr(Store) store = store_open(path, &error);
    if (store == NULL) {
        failed = expect_error(error, KEYFILL_ERROR_KEYRING_FAILED, 5);
        g_clear_error(&error);
        store = failed ? NULL : store_open(path, &error);
    }
    if (error != NULL)
        g_print("got %s: %s\n", keyfill_error_wire_name(error->code), error->message);
    return failed ?: expect(store != NULL, 6, "the store opens in the same process");
}

static void test_state_unavailable(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *path = g_build_filename(dir, "keyfill.db", NULL);
    g_assert_cmpint(keyring_session_run_helper(KEYRING_SESSION_NO_SERVICE, "unavailable", path), ==,
                    0);
}

static void test_state_locked(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *path = g_build_filename(dir, "keyfill.db", NULL);
    g_assert_cmpint(keyring_session_run_helper(KEYRING_SESSION_NEW, "locked", path), ==, 0);
}

static void test_state_daemon_replaced(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *path = g_build_filename(dir, "keyfill.db", NULL);
    g_assert_cmpint(keyring_session_run_helper(KEYRING_SESSION_NEW, "daemon-replaced", path), ==,
                    0);
}

static void test_state_key_missing(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *path = g_build_filename(dir, "keyfill.db", NULL);
    g_autofree char *id = make_store(path);

    g_autoptr(GError) error = NULL;
    g_assert_true(secret_password_clear_sync(&store_key_schema, NULL, &error, "store-id", id,
                                             "state", "current", NULL));
    g_assert_no_error(error);

    g_autoptr(StoreProbe) probe = store_probe(path);
    g_assert_cmpint(probe->keyring, ==, STORE_KEYRING_KEY_MISSING);
    g_autoptr(Store) store = store_open(path, &error);
    g_assert_null(store);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_KEY_MISSING);
    g_clear_error(&error);

    /* Never a silent new key for a store that holds data. */
    g_autoptr(Vault) vault = vault_load(id, VAULT_SLOT_CURRENT, &error);
    g_assert_null(vault);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_KEY_MISSING);
}

static void test_state_wrong_key_replaced(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *path = g_build_filename(dir, "keyfill.db", NULL);
    g_autofree char *id = make_store(path);

    g_autoptr(Vault) stranger = vault_generate(id);
    g_autoptr(GError) error = NULL;
    g_assert_true(vault_save(stranger, VAULT_SLOT_CURRENT, &error));

    g_autoptr(StoreProbe) probe = store_probe(path);
    g_assert_cmpint(probe->keyring, ==, STORE_KEYRING_WRONG_KEY);
    g_autoptr(Store) store = store_open(path, &error);
    g_assert_null(store);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_KEY);
}

static void test_state_wrong_key_swapped(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *path_a = g_build_filename(dir, "a.db", NULL);
    g_autofree char *path_b = g_build_filename(dir, "b.db", NULL);
    g_autofree char *id_a = make_store(path_a);
    g_autofree char *id_b = make_store(path_b);
    g_assert_cmpstr(id_a, !=, id_b);

    /* Store A now claims B's key. */
    sqlite3 *db = NULL;
    g_assert_cmpint(sqlite3_open(path_a, &db), ==, SQLITE_OK);
    g_autofree char *sql =
        g_strdup_printf("UPDATE meta SET value = CAST('%s' AS BLOB) WHERE key = 'store_id'", id_b);
    g_assert_cmpint(sqlite3_exec(db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close(db);

    g_autoptr(GError) error = NULL;
    g_autoptr(Store) store = store_open(path_a, &error);
    g_assert_null(store);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_KEY);
    g_assert_nonnull(strstr(error->message, "another key"));

    /* B is untouched and still opens. */
    g_clear_error(&error);
    g_autoptr(Store) b = store_open(path_b, &error);
    g_assert_no_error(error);
    g_autoptr(cJSON) list = store_list_personas(b, &error);
    g_assert_no_error(error);
    g_assert_cmpint(cJSON_GetArraySize(list), ==, 1);
}

int main(int argc, char **argv)
{
    static const KeyringSessionHelperEntry helpers[] = {
        {"unavailable", helper_unavailable},
        {"locked", helper_locked},
        {"daemon-replaced", helper_daemon_replaced},
    };
    keyring_session_ensure(argc, argv, helpers, G_N_ELEMENTS(helpers));
    g_test_init(&argc, &argv, NULL);
    g_assert_cmpint(sodium_init(), >=, 0);

    g_test_add_func("/vault/seal/round-trip", test_seal_round_trip);
    g_test_add_func("/vault/seal/open-several-at-once", test_open_several_at_once);
    g_test_add_func("/vault/seal/fresh-nonce-and-padding", test_seal_fresh_nonce_and_padding);
    g_test_add_func("/vault/seal/tampering-detected", test_seal_tampering_detected);
    g_test_add_func("/vault/seal/identity-bound", test_seal_identity_bound);
    g_test_add_func("/vault/subkeys-and-hashes", test_subkeys_and_hashes);
    g_test_add_func("/vault/keyring/save-load-forget", test_keyring_save_load_forget);
    g_test_add_func("/vault/state/unavailable", test_state_unavailable);
    g_test_add_func("/vault/state/locked", test_state_locked);
    g_test_add_func("/vault/state/daemon-replaced", test_state_daemon_replaced);
    g_test_add_func("/vault/state/key-missing", test_state_key_missing);
    g_test_add_func("/vault/state/wrong-key-replaced", test_state_wrong_key_replaced);
    g_test_add_func("/vault/state/wrong-key-swapped", test_state_wrong_key_swapped);
    return g_test_run();
}
