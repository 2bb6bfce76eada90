/*
 * test-storekey.c — which key opens a store, and rekey: a round trip, a
 * crash after the commit (finished by the next open), a crash before it
 * (the stale pending key removed), and another process's rekey noticed.
 * Real gnome-keyring in the throwaway session.
 */
#include "errors.h"
#include "jsonfield.h"
#include "keyring-session.h"
#include "store-fixture.h"
#include "vault.h"

#include <sqlite3.h>

#define ADD STORE_FIXTURE_ADD

static GBytes *column_bytes(Store *store, const char *sql)
{
    sqlite3_stmt *statement = NULL;
    g_assert_cmpint(sqlite3_prepare_v2(store_db(store), sql, -1, &statement, NULL), ==, SQLITE_OK);
    g_assert_cmpint(sqlite3_step(statement), ==, SQLITE_ROW);
    GBytes *bytes =
        g_bytes_new(sqlite3_column_blob(statement, 0), (gsize)sqlite3_column_bytes(statement, 0));
    sqlite3_finalize(statement);
    return bytes;
}

static void assert_key_item(const char *store_id, VaultSlot slot, const Vault *expected)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(Vault) loaded = vault_load(store_id, slot, &error);
    if (expected == NULL) {
        g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_KEY_MISSING);
        return;
    }
    g_assert_no_error(error);
    guint8 check[VAULT_HASH_BYTES];
    vault_key_check(expected, check);
    g_assert_true(vault_key_check_matches(loaded, check, sizeof check));
}

static void test_rekey(StoreFixture *f, gconstpointer data)
{
    g_autofree char *id = store_fixture_put_sample(f->store);
    g_autoptr(GError) error = NULL;
    g_autoptr(cJSON) before = store_get_persona(f->store, id, TRUE, &error);
    g_autofree char *before_text = cJSON_PrintUnformatted(before);
    g_autofree char *store_id = g_strdup(vault_store_id(store_vault(f->store)));
    g_autoptr(Vault) old = vault_load(store_id, VAULT_SLOT_CURRENT, &error);
    g_assert_no_error(error);
    g_autoptr(GBytes) old_cipher = column_bytes(f->store, "SELECT number FROM cards");

    g_assert_true(store_rekey(f->store, &error));
    g_assert_no_error(error);

    g_autoptr(GBytes) new_cipher = column_bytes(f->store, "SELECT number FROM cards");
    g_assert_false(g_bytes_equal(old_cipher, new_cipher));
    g_autoptr(Vault) fresh = vault_load(store_id, VAULT_SLOT_CURRENT, &error);
    g_assert_no_error(error);
    guint8 old_check[VAULT_HASH_BYTES];
    vault_key_check(old, old_check);
    g_assert_false(vault_key_check_matches(fresh, old_check, sizeof old_check));
    assert_key_item(store_id, VAULT_SLOT_PENDING, NULL);

    for (int round = 0; round < 2; round++) { /* the same store, then reopened */
        g_autoptr(cJSON) after = store_get_persona(f->store, id, TRUE, &error);
        g_assert_no_error(error);
        g_autofree char *after_text = cJSON_PrintUnformatted(after);
        g_assert_cmpstr(after_text, ==, before_text);
        g_autofree char *persona_id = NULL;
        g_autofree char *card_id = NULL;
        g_assert_true(store_find_card(f->store, "4242424242424242", &persona_id, &card_id, &error));
        store_fixture_reopen(f);
    }
}

static void test_rekey_interrupted_after_commit(StoreFixture *f, gconstpointer data)
{
    g_autofree char *id = store_fixture_put_sample(f->store);
    g_autofree char *store_id = g_strdup(vault_store_id(store_vault(f->store)));
    g_autoptr(GError) error = NULL;
    g_autoptr(Vault) old = vault_load(store_id, VAULT_SLOT_CURRENT, &error);
    g_assert_true(store_rekey(f->store, &error));
    g_autoptr(Vault) fresh = vault_load(store_id, VAULT_SLOT_CURRENT, &error);
    g_assert_no_error(error);
    g_clear_pointer(&f->store, store_free);

    /* The keyring as a crash between commit and promotion leaves it. */
    g_assert_true(vault_save(fresh, VAULT_SLOT_PENDING, &error));
    g_assert_true(vault_save(old, VAULT_SLOT_CURRENT, &error));
    g_assert_no_error(error);
    g_autoptr(StoreProbe) probe = store_probe(f->path);
    g_assert_cmpint(probe->keyring, ==, STORE_KEYRING_UNLOCKED);

    store_fixture_reopen(f);
    assert_key_item(store_id, VAULT_SLOT_CURRENT, fresh);
    assert_key_item(store_id, VAULT_SLOT_PENDING, NULL);
    g_autoptr(cJSON) persona = store_get_persona(f->store, id, TRUE, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(store_fixture_at(persona, "cards[0].number"), ==, "4242424242424242");
}

static void test_rekey_interrupted_before_commit(StoreFixture *f, gconstpointer data)
{
    g_autofree char *id = store_fixture_put_sample(f->store);
    g_autofree char *store_id = g_strdup(vault_store_id(store_vault(f->store)));
    g_autoptr(GError) error = NULL;
    g_autoptr(Vault) current = vault_load(store_id, VAULT_SLOT_CURRENT, &error);
    g_clear_pointer(&f->store, store_free);

    /* A pending key saved, then the re-encryption never committed. */
    g_autoptr(Vault) abandoned = vault_generate(store_id);
    g_assert_true(vault_save(abandoned, VAULT_SLOT_PENDING, &error));
    store_fixture_reopen(f);
    assert_key_item(store_id, VAULT_SLOT_CURRENT, current);
    assert_key_item(store_id, VAULT_SLOT_PENDING, NULL);
    g_autoptr(cJSON) persona = store_get_persona(f->store, id, TRUE, &error);
    g_assert_no_error(error);
}

static void test_rekey_seen_by_other_process(StoreFixture *f, gconstpointer data)
{
    g_free(store_fixture_put_sample(f->store));
    g_autoptr(GError) error = NULL;
    g_autoptr(Store) other = store_open(f->path, &error);
    g_assert_no_error(error);
    g_assert_true(store_rekey(other, &error));

    /* The first handle's key is dead: it must refuse rather than seal with it. */
    g_autoptr(cJSON) work = cJSON_Parse("{\"label\": \"Work\"}");
    g_assert_null(store_put_persona(f->store, work, NULL, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_KEY);
    g_clear_error(&error);
    store_fixture_reopen(f);
    g_free(store_put_persona(f->store, work, NULL, &error));
    g_assert_no_error(error);
    g_assert_cmpint(store_fixture_count(other), ==, 2);
}

int main(int argc, char **argv)
{
    keyring_session_ensure(argc, argv, NULL, 0);
    g_test_init(&argc, &argv, NULL);
    ADD("/storekey/rekey/round-trip", test_rekey);
    ADD("/storekey/rekey/interrupted-after-commit", test_rekey_interrupted_after_commit);
    ADD("/storekey/rekey/interrupted-before-commit", test_rekey_interrupted_before_commit);
    ADD("/storekey/rekey/seen-by-other-process", test_rekey_seen_by_other_process);
    return g_test_run();
}
