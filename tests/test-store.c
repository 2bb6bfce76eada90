/*
 * test-store.c — the store over a real database and a real keyring (the
 * throwaway session of tests/with-keyring): personas and items in the
 * canonical JSON, masking, defaults, transactions, limits, tampering and
 * moved ciphertexts, two writers at once, and a grep of the database, WAL
 * and SHM files for every value written (none may be found). Rekey is in
 * test-storekey.c, migrations in test-schema.c.
 */
#include "errors.h"
#include "jsonfield.h"
#include "keyring-session.h"
#include "schema.h"
#include "store-fixture.h"
#include "vault.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#define WRITER_PERSONAS 25

/* ---- paths and opening ---- */

static void test_default_path(void)
{
    const char *saved = g_getenv("KEYFILL_DB");
    g_autofree char *kept = g_strdup(saved);
    g_unsetenv("KEYFILL_DB");
    g_autofree char *xdg = store_default_path();
    g_autofree char *expected =
        g_build_filename(g_get_user_data_dir(), "keyfill", "keyfill.db", NULL);
    g_assert_cmpstr(xdg, ==, expected);
    g_setenv("KEYFILL_DB", "/somewhere/else.db", TRUE);
    g_autofree char *env = store_default_path();
    g_assert_cmpstr(env, ==, "/somewhere/else.db");
    if (kept != NULL)
        g_setenv("KEYFILL_DB", kept, TRUE);
    else
        g_unsetenv("KEYFILL_DB");
}

static void test_open_creates(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *path = g_build_filename(dir, "deep", "er", "keyfill.db", NULL);

    g_autoptr(StoreProbe) probe = store_probe(path);
    g_assert_false(probe->exists);
    g_assert_cmpint(probe->personas, ==, 0);
    g_assert_cmpint(probe->keyring, ==, STORE_KEYRING_UNLOCKED);
    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS)); /* probing creates nothing */

    g_autoptr(GError) error = NULL;
    g_autoptr(Store) store = store_open(path, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(store_path(store), ==, path);
    GStatBuf st;
    g_assert_cmpint(g_stat(path, &st), ==, 0);
    g_assert_cmpint(st.st_mode & 0777, ==, 0600);
    g_autofree char *folder = g_path_get_dirname(path);
    g_assert_cmpint(g_stat(folder, &st), ==, 0);
    g_assert_cmpint(st.st_mode & 0777, ==, 0700);

    sqlite3_stmt *statement = NULL;
    g_assert_cmpint(
        sqlite3_prepare_v2(store_db(store), "PRAGMA user_version", -1, &statement, NULL), ==,
        SQLITE_OK);
    g_assert_cmpint(sqlite3_step(statement), ==, SQLITE_ROW);
    g_assert_cmpint(sqlite3_column_int(statement, 0), ==, schema_latest_version());
    sqlite3_finalize(statement);
    g_autofree char *id = store_fixture_put_sample(store);
    g_clear_pointer(&store, store_free);

    g_autoptr(StoreProbe) after = store_probe(path);
    g_assert_true(after->exists);
    g_assert_cmpint(after->personas, ==, 1);
    g_assert_cmpint(after->keyring, ==, STORE_KEYRING_UNLOCKED);
    store = store_open(path, &error);
    g_assert_no_error(error);
    g_assert_cmpint(store_fixture_count(store), ==, 1);
}

/* ---- personas ---- */

static void test_round_trip(StoreFixture *f, gconstpointer data)
{
    g_autofree char *id = store_fixture_put_sample(f->store);
    g_autoptr(GError) error = NULL;
    g_autoptr(cJSON) revealed = store_get_persona(f->store, id, TRUE, &error);
    g_assert_no_error(error);
    static const char *const expected[][2] = {
        {"label", "Home"},
        {"name.full", "Dr. Ada King Lovelace"},
        {"name.given", "Ada"},
        {"organization", "Analytical Engines Ltd"},
        {"birthday", "1815-12-10"},
        {"emails[0].address", "ada@example.org"},
        {"phones[0].number", "+447700900123"},
        {"addresses[0].lines[1]", "Flat 2"},
        {"addresses[0].postal_code", "SW1A 1AA"},
        {"addresses[0].country", "GB"},
        {"addresses[0].region", ""},
        {"cards[0].number", "4242424242424242"},
        {"cards[0].network", "visa"},
        {"cards[0].holder", "Ada Lovelace"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(expected); i++)
        g_assert_cmpstr(store_fixture_at(revealed, expected[i][0]), ==, expected[i][1]);
    g_assert_cmpstr(store_fixture_at(revealed, "id"), ==, id);
    g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(revealed, "is_default")));
    const cJSON *card = cJSON_GetArrayItem(cJSON_GetObjectItem(revealed, "cards"), 0);
    g_assert_cmpint(cJSON_GetObjectItem(card, "exp_month")->valueint, ==, 12);
    g_assert_cmpint(cJSON_GetObjectItem(card, "exp_year")->valueint, ==, 2030);
    g_assert_nonnull(store_fixture_at(card, "id"));

    g_autoptr(cJSON) masked = store_get_persona(f->store, id, FALSE, &error);
    g_assert_no_error(error);
    g_assert_null(store_fixture_at(masked, "cards[0].number"));
    g_assert_cmpstr(store_fixture_at(masked, "cards[0].number_masked"), ==, "•••• 4242");
    g_autoptr(cJSON) list = store_list_personas(f->store, &error);
    g_assert_no_error(error);
    g_autofree char *printed = cJSON_PrintUnformatted(list);
    g_assert_null(strstr(printed, "4242424242424242"));
    g_autoptr(cJSON) cards = store_list_cards(f->store, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(store_fixture_at(cards, "[0].persona"), ==, id);
    g_assert_cmpstr(store_fixture_at(cards, "[0].number_masked"), ==, "•••• 4242");
}

static void test_full_name(StoreFixture *f, gconstpointer data)
{
    g_autofree char *id = store_fixture_put_sample(f->store);
    g_autoptr(GError) error = NULL;
    g_autoptr(cJSON) persona = store_get_persona(f->store, id, TRUE, &error);
    cJSON *name = cJSON_GetObjectItem(persona, "name");

    /* Editing a part of a fetched persona re-derives the full name. */
    cJSON_ReplaceItemInObject(name, "given", cJSON_CreateString("Augusta"));
    g_autofree char *saved = store_put_persona(f->store, persona, NULL, &error);
    g_assert_no_error(error);
    g_autoptr(cJSON) derived = store_get_persona(f->store, id, TRUE, &error);
    g_assert_cmpstr(store_fixture_at(derived, "name.full"), ==, "Dr. Augusta King Lovelace");

    /* A full name of the user's own is kept, also across later edits. */
    name = cJSON_GetObjectItem(derived, "name");
    cJSON_ReplaceItemInObject(name, "full", cJSON_CreateString("Countess of Lovelace"));
    g_free(store_put_persona(f->store, derived, NULL, &error));
    g_assert_no_error(error);
    g_autoptr(cJSON) custom = store_get_persona(f->store, id, TRUE, &error);
    name = cJSON_GetObjectItem(custom, "name");
    cJSON_ReplaceItemInObject(name, "given", cJSON_CreateString("Ada"));
    g_free(store_put_persona(f->store, custom, NULL, &error));
    g_assert_no_error(error);
    g_autoptr(cJSON) kept = store_get_persona(f->store, id, TRUE, &error);
    g_assert_cmpstr(store_fixture_at(kept, "name.full"), ==, "Countess of Lovelace");
    g_assert_cmpstr(store_fixture_at(kept, "name.given"), ==, "Ada");
}

static void test_masked_card_saved_back(StoreFixture *f, gconstpointer data)
{
    g_autofree char *id = store_fixture_put_sample(f->store);
    g_autoptr(GError) error = NULL;
    g_autoptr(cJSON) masked = store_get_persona(f->store, id, FALSE, &error);
    cJSON *card = cJSON_GetArrayItem(cJSON_GetObjectItem(masked, "cards"), 0);
    cJSON_ReplaceItemInObject(card, "nickname", cJSON_CreateString("Travel"));
    g_free(store_put_persona(f->store, masked, NULL, &error));
    g_assert_no_error(error);
    g_autoptr(cJSON) revealed = store_get_persona(f->store, id, TRUE, &error);
    g_assert_cmpstr(store_fixture_at(revealed, "cards[0].number"), ==, "4242424242424242");
    g_assert_cmpstr(store_fixture_at(revealed, "cards[0].nickname"), ==, "Travel");
}

typedef struct {
    const char *why;
    const char *patch; /* JSON object merged over the sample persona */
    int code;
} RejectCase;

static const RejectCase reject_cases[] = {
    {"unknown persona id", "{\"id\": \"0000000000000000\"}", KEYFILL_ERROR_NOT_FOUND},
    {"unknown item id", "{\"emails\": [{\"id\": \"0000000000000000\", \"address\": \"a@b.org\"}]}",
     KEYFILL_ERROR_NOT_FOUND},
    {"bad card number", "{\"cards\": [{\"number\": \"4242424242424241\"}]}",
     KEYFILL_ERROR_INVALID_CARD_NUMBER},
    {"security code", "{\"cards\": [{\"number\": \"4242424242424242\", \"cvc\": \"123\"}]}",
     KEYFILL_ERROR_INVALID_PERSONA},
    {"label not a string", "{\"label\": 5}", KEYFILL_ERROR_WRONG_TYPE},
    {"label too long", "{\"label\": \"@513\"}", KEYFILL_ERROR_LIMIT_EXCEEDED},
    {"seven address lines",
     "{\"addresses\": [{\"lines\": [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\"]}]}",
     KEYFILL_ERROR_LIMIT_EXCEEDED},
    {"month not a number",
     "{\"cards\": [{\"number\": \"4242424242424242\", \"exp_month\": \"x\"}]}",
     KEYFILL_ERROR_WRONG_TYPE},
    {"huge year", "{\"cards\": [{\"number\": \"4242424242424242\", \"exp_year\": 1e300}]}",
     KEYFILL_ERROR_WRONG_TYPE},
    {"name not an object", "{\"name\": \"Ada\"}", KEYFILL_ERROR_WRONG_TYPE},
    {"emails not an array", "{\"emails\": {}}", KEYFILL_ERROR_WRONG_TYPE},
    {"21 emails", "{\"emails\": \"@21\"}", KEYFILL_ERROR_LIMIT_EXCEEDED},
};

/* Expands the "@N" shorthands: a label of N bytes, or N email items. */
static void expand(cJSON *persona)
{
    cJSON *label = cJSON_GetObjectItem(persona, "label");
    if (cJSON_IsString(label) && label->valuestring[0] == '@') {
        gsize n = (gsize)g_ascii_strtoull(label->valuestring + 1, NULL, 10);
        g_autofree char *text = g_strnfill(n, 'x');
        cJSON_ReplaceItemInObject(persona, "label", cJSON_CreateString(text));
    }
    cJSON *emails = cJSON_GetObjectItem(persona, "emails");
    if (cJSON_IsString(emails)) {
        int n = (int)g_ascii_strtoll(emails->valuestring + 1, NULL, 10);
        cJSON *array = cJSON_CreateArray();
        for (int i = 0; i < n; i++) {
            cJSON *email = cJSON_CreateObject();
            g_autofree char *address = g_strdup_printf("a%d@example.org", i);
            cJSON_AddStringToObject(email, "address", address);
            cJSON_AddItemToArray(array, email);
        }
        cJSON_ReplaceItemInObject(persona, "emails", array);
    }
}

static void test_rejections(StoreFixture *f, gconstpointer data)
{
    g_autofree char *id = store_fixture_put_sample(f->store);
    g_autoptr(GError) error = NULL;
    g_autoptr(cJSON) before = store_get_persona(f->store, id, TRUE, &error);
    g_autofree char *before_text = cJSON_PrintUnformatted(before);
    for (gsize i = 0; i < G_N_ELEMENTS(reject_cases); i++) {
        const RejectCase *c = &reject_cases[i];
        g_test_message("reject case: %s", c->why);
        g_autoptr(cJSON) persona = keyring_session_sample_persona();
        g_autoptr(cJSON) patch = cJSON_Parse(c->patch);
        g_assert_nonnull(patch);
        for (cJSON *field = patch->child; field != NULL; field = field->next) {
            cJSON_DeleteItemFromObject(persona, field->string);
            cJSON_AddItemToObject(persona, field->string, cJSON_Duplicate(field, TRUE));
        }
        expand(persona);
        g_autofree char *saved = store_put_persona(f->store, persona, NULL, &error);
        g_assert_null(saved);
        g_assert_error(error, KEYFILL_ERROR, c->code);
        g_clear_error(&error);
    }
    /* Nothing was written by any of them. */
    g_assert_cmpint(store_fixture_count(f->store), ==, 1);
    g_autoptr(cJSON) after = store_get_persona(f->store, id, TRUE, &error);
    g_autofree char *after_text = cJSON_PrintUnformatted(after);
    g_assert_cmpstr(after_text, ==, before_text);
}

static void test_items(StoreFixture *f, gconstpointer data)
{
    g_autofree char *id = store_fixture_put_sample(f->store);
    g_autoptr(GError) error = NULL;

    g_autoptr(cJSON) phone = cJSON_Parse("{\"label\": \"work\", \"country\": \"US\", "
                                         "\"number\": \"(202) 555-0143\"}");
    g_autofree char *phone_id = store_put_item(f->store, STORE_ITEM_PHONE, id, phone, NULL, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(store_fixture_at(phone, "id"), ==, phone_id);
    g_assert_cmpstr(store_fixture_at(phone, "number"), ==, "+12025550143");

    cJSON_ReplaceItemInObject(phone, "label", cJSON_CreateString("office"));
    g_autofree char *same = store_put_item(f->store, STORE_ITEM_PHONE, id, phone, NULL, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(same, ==, phone_id);
    g_autoptr(cJSON) persona = store_get_persona(f->store, id, FALSE, &error);
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(persona, "phones")), ==, 2);
    g_assert_cmpstr(store_fixture_at(persona, "phones[1].label"), ==, "office");

    /* A card edited without its number keeps the stored one. */
    g_autoptr(cJSON) card =
        cJSON_Duplicate(cJSON_GetArrayItem(cJSON_GetObjectItem(persona, "cards"), 0), TRUE);
    cJSON_DeleteItemFromObject(card, "number_masked");
    cJSON_ReplaceItemInObject(card, "exp_year", cJSON_CreateNumber(2031));
    g_autofree char *card_id = store_put_item(f->store, STORE_ITEM_CARD, id, card, NULL, &error);
    g_assert_no_error(error);
    g_autoptr(cJSON) revealed = store_get_persona(f->store, id, TRUE, &error);
    g_assert_cmpstr(store_fixture_at(revealed, "cards[0].number"), ==, "4242424242424242");
    g_assert_cmpint(cJSON_GetObjectItem(
                        cJSON_GetArrayItem(cJSON_GetObjectItem(revealed, "cards"), 0), "exp_year")
                        ->valueint,
                    ==, 2031);

    /* A new card needs its number. */
    g_autoptr(cJSON) empty_card = cJSON_Parse("{\"holder\": \"A\"}");
    g_autofree char *none = store_put_item(f->store, STORE_ITEM_CARD, id, empty_card, NULL, &error);
    g_assert_null(none);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_PERSONA);
    g_clear_error(&error);

    g_assert_false(
        store_delete_item(f->store, STORE_ITEM_PHONE, "0000000000000000", phone_id, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_NOT_FOUND);
    g_clear_error(&error);
    g_assert_true(store_delete_item(f->store, STORE_ITEM_PHONE, id, phone_id, &error));
    g_assert_false(store_delete_item(f->store, STORE_ITEM_PHONE, NULL, phone_id, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_NOT_FOUND);
    g_clear_error(&error);
    g_assert_true(store_delete_item(f->store, STORE_ITEM_CARD, NULL, card_id, &error));
    g_autoptr(cJSON) left = store_get_persona(f->store, id, TRUE, &error);
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(left, "phones")), ==, 1);
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(left, "cards")), ==, 0);

    g_autoptr(cJSON) orphan = cJSON_Parse("{\"address\": \"x@example.org\"}");
    g_autofree char *nowhere =
        store_put_item(f->store, STORE_ITEM_EMAIL, "0000000000000000", orphan, NULL, &error);
    g_assert_null(nowhere);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_NOT_FOUND);
}

static void test_defaults(StoreFixture *f, gconstpointer data)
{
    g_autofree char *first = store_fixture_put_sample(f->store);
    g_autoptr(cJSON) work = cJSON_Parse("{\"label\": \"Work\"}");
    g_autoptr(GError) error = NULL;
    g_autofree char *second = store_put_persona(f->store, work, NULL, &error);
    g_assert_no_error(error);
    g_assert_false(cJSON_IsTrue(cJSON_GetObjectItem(work, "is_default")));

    g_assert_true(store_set_default_persona(f->store, second, &error));
    g_autoptr(cJSON) a = store_get_persona(f->store, first, FALSE, &error);
    g_autoptr(cJSON) b = store_get_persona(f->store, second, FALSE, &error);
    g_assert_false(cJSON_IsTrue(cJSON_GetObjectItem(a, "is_default")));
    g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(b, "is_default")));

    g_assert_true(store_delete_persona(f->store, second, &error));
    g_autoptr(cJSON) again = store_get_persona(f->store, first, FALSE, &error);
    g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(again, "is_default")));

    g_assert_false(store_set_default_persona(f->store, second, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_NOT_FOUND);
    g_clear_error(&error);
    g_assert_false(store_delete_persona(f->store, second, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_NOT_FOUND);
}

static void test_transactions(StoreFixture *f, gconstpointer data)
{
    g_autoptr(GError) error = NULL;
    g_assert_true(store_transaction_begin(f->store, &error));
    g_free(store_fixture_put_sample(f->store));
    g_free(store_fixture_put_sample(f->store));
    store_transaction_rollback(f->store);
    g_assert_cmpint(store_fixture_count(f->store), ==, 0);

    g_assert_true(store_transaction_begin(f->store, &error));
    g_free(store_fixture_put_sample(f->store));
    g_autoptr(cJSON) bad = cJSON_Parse("{\"label\": 1}");
    g_assert_null(store_put_persona(f->store, bad, NULL, &error));
    g_clear_error(&error);
    g_assert_true(store_transaction_commit(f->store, &error));
    g_assert_no_error(error);
    g_assert_cmpint(store_fixture_count(f->store), ==, 1);

    /* The persona limit, in one transaction so it stays quick. */
    g_assert_true(store_transaction_begin(f->store, &error));
    for (int i = 1; i < STORE_MAX_PERSONAS; i++) {
        g_autoptr(cJSON) small = cJSON_Parse("{\"label\": \"P\"}");
        g_free(store_put_persona(f->store, small, NULL, &error));
        g_assert_no_error(error);
    }
    g_autoptr(cJSON) one_more = cJSON_Parse("{\"label\": \"P\"}");
    g_assert_null(store_put_persona(f->store, one_more, NULL, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED);
    store_transaction_rollback(f->store);
    g_assert_cmpint(store_fixture_count(f->store), ==, 1);
}

static void test_find_card(StoreFixture *f, gconstpointer data)
{
    g_autofree char *id = store_fixture_put_sample(f->store);
    g_autoptr(GError) error = NULL;
    g_autofree char *persona_id = NULL;
    g_autofree char *card_id = NULL;
    g_assert_true(store_find_card(f->store, "4242424242424242", &persona_id, &card_id, &error));
    g_assert_cmpstr(persona_id, ==, id);
    g_assert_nonnull(card_id);
    char *untouched = NULL;
    g_assert_false(store_find_card(f->store, "5555555555554444", &untouched, &untouched, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_NOT_FOUND);
    g_assert_null(untouched);
}

/* ---- no plaintext on disk ---- */

static const char *const needles[] = {
    "Lovelace",   "Analytical", "1815-12-10",     "ada@example.org", "+447700900123",
    "7700900123", "SW1A 1AA",   "Example Street", "London",          "4242424242424242",
    "Everyday",   "shipping",   "personal",       "Augusta",
};

/* Finds nothing personal in @path; @control, when not NULL, is plain text the
 * file must hold (proof that the search reads the file as stored). */
static void assert_no_needles(const char *path, gboolean must_exist, const char *control)
{
    g_autofree char *bytes = NULL;
    gsize length = 0;
    if (!g_file_get_contents(path, &bytes, &length, NULL)) {
        g_assert_false(must_exist);
        return;
    }
    g_test_message("%s: %" G_GSIZE_FORMAT " bytes", path, length);
    if (must_exist)
        g_assert_cmpuint(length, >, 0);
    if (control != NULL)
        g_assert_nonnull(memmem(bytes, length, control, strlen(control)));
    for (gsize i = 0; i < G_N_ELEMENTS(needles); i++) {
        if (memmem(bytes, length, needles[i], strlen(needles[i])) != NULL)
            g_error("\"%s\" found in plaintext in %s", needles[i], path);
    }
}

static void test_no_plaintext_on_disk(StoreFixture *f, gconstpointer data)
{
    g_autofree char *id = store_fixture_put_sample(f->store);
    g_autoptr(GError) error = NULL;
    g_autoptr(cJSON) persona = store_get_persona(f->store, id, TRUE, &error);
    cJSON_ReplaceItemInObject(cJSON_GetObjectItem(persona, "name"), "given",
                              cJSON_CreateString("Augusta"));
    g_free(store_put_persona(f->store, persona, NULL, &error));
    g_assert_no_error(error);
    g_free(store_fixture_put_sample(f->store));

    /* While the store is open the newest pages are in the WAL. */
    g_autofree char *wal = g_strconcat(f->path, "-wal", NULL);
    g_autofree char *shm = g_strconcat(f->path, "-shm", NULL);
    assert_no_needles(f->path, TRUE, "SQLite format 3");
    assert_no_needles(wal, TRUE, "CREATE TABLE personas");
    assert_no_needles(shm, TRUE, NULL);

    /* And after deleting, checkpointing and closing. */
    g_assert_true(store_delete_persona(f->store, id, &error));
    g_clear_pointer(&f->store, store_free);
    assert_no_needles(f->path, TRUE, "CREATE TABLE personas");
    assert_no_needles(wal, FALSE, NULL);
    store_fixture_reopen(f);
    g_assert_cmpint(store_fixture_count(f->store), ==, 1);
}

/* ---- tampering ---- */

typedef struct {
    const char *why;
    const char *sql;            /* run on the database between two opens, or NULL */
    const char *table, *column; /* else: flip one byte of the first row's value */
    int offset;                 /* byte to flip; negative counts from the end */
} TamperCase;

static const TamperCase tamper_cases[] = {
    {"a flipped version byte", NULL, "emails", "address", 0},
    {"a flipped nonce byte", NULL, "personas", "label", 5},
    {"a flipped ciphertext byte", NULL, "personas", "name_family", 30},
    {"a flipped tag byte", NULL, "cards", "number", -1},
    {"another row's value",
     "UPDATE personas SET label = (SELECT label FROM personas p WHERE p.id != personas.id) "
     "WHERE position = 1",
     NULL, NULL, 0},
    {"another column's value", "UPDATE personas SET name_family = name_given", NULL, NULL, 0},
    {"a card number moved to the holder", "UPDATE cards SET holder = number", NULL, NULL, 0},
    {"a truncated value", "UPDATE phones SET number = substr(number, 1, 40)", NULL, NULL, 0},
};

static void flip_byte(sqlite3 *db, const TamperCase *c)
{
    g_autofree char *select = g_strdup_printf("SELECT id, %s FROM %s WHERE %s IS NOT NULL LIMIT 1",
                                              c->column, c->table, c->column);
    g_autofree char *update =
        g_strdup_printf("UPDATE %s SET %s = ?1 WHERE id = ?2", c->table, c->column);
    sqlite3_stmt *reader = NULL;
    sqlite3_stmt *writer = NULL;
    g_assert_cmpint(sqlite3_prepare_v2(db, select, -1, &reader, NULL), ==, SQLITE_OK);
    g_assert_cmpint(sqlite3_prepare_v2(db, update, -1, &writer, NULL), ==, SQLITE_OK);
    g_assert_cmpint(sqlite3_step(reader), ==, SQLITE_ROW);
    int length = sqlite3_column_bytes(reader, 1);
    g_autofree guint8 *value = g_memdup2(sqlite3_column_blob(reader, 1), (gsize)length);
    value[c->offset >= 0 ? c->offset : length + c->offset] ^= 0x40;
    sqlite3_bind_blob(writer, 1, value, length, SQLITE_STATIC);
    sqlite3_bind_text(writer, 2, (const char *)sqlite3_column_text(reader, 0), -1,
                      SQLITE_TRANSIENT);
    g_assert_cmpint(sqlite3_step(writer), ==, SQLITE_DONE);
    sqlite3_finalize(reader);
    sqlite3_finalize(writer);
}

static void test_tampering(StoreFixture *f, gconstpointer data)
{
    g_free(store_fixture_put_sample(f->store));
    g_autoptr(cJSON) work = cJSON_Parse("{\"label\": \"Work\"}");
    g_autoptr(GError) error = NULL;
    g_free(store_put_persona(f->store, work, NULL, &error));
    g_clear_pointer(&f->store, store_free);
    g_autofree char *bytes = NULL;
    gsize length = 0;
    g_assert_true(g_file_get_contents(f->path, &bytes, &length, NULL));

    for (gsize i = 0; i < G_N_ELEMENTS(tamper_cases); i++) {
        g_test_message("tamper case: %s", tamper_cases[i].why);
        g_assert_true(g_file_set_contents(f->path, bytes, (gssize)length, NULL));
        sqlite3 *db = NULL;
        g_assert_cmpint(sqlite3_open(f->path, &db), ==, SQLITE_OK);
        if (tamper_cases[i].sql != NULL)
            g_assert_cmpint(sqlite3_exec(db, tamper_cases[i].sql, NULL, NULL, NULL), ==, SQLITE_OK);
        else
            flip_byte(db, &tamper_cases[i]);
        g_assert_cmpint(sqlite3_changes(db), >, 0);
        sqlite3_close(db);

        store_fixture_reopen(f);
        g_autoptr(cJSON) list = store_list_personas(f->store, &error);
        g_assert_null(list);
        g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_TAMPERED);
        g_assert_null(strstr(error->message, "Lovelace"));
        g_assert_null(strstr(error->message, "4242"));
        g_clear_error(&error);
        g_clear_pointer(&f->store, store_free);
    }
    g_assert_true(g_file_set_contents(f->path, bytes, (gssize)length, NULL));
    store_fixture_reopen(f);
    g_assert_cmpint(store_fixture_count(f->store), ==, 2);
}

/* ---- two writers ---- */

static int helper_writer(const char *path)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(Store) store = store_open(path, &error);
    for (int i = 0; store != NULL && i < WRITER_PERSONAS; i++) {
        g_autoptr(cJSON) persona = keyring_session_sample_persona();
        g_autofree char *id = store_put_persona(store, persona, NULL, &error);
        if (id == NULL || !store_set_default_persona(store, id, &error))
            break;
    }
    if (error != NULL) {
        g_print("writer failed: %s: %s\n", keyfill_error_wire_name(error->code), error->message);
        return 1;
    }
    return 0;
}

static void test_two_writers(StoreFixture *f, gconstpointer data)
{
    g_free(store_fixture_put_sample(f->store));
    GPid a = keyring_session_spawn_helper("writer", f->path);
    GPid b = keyring_session_spawn_helper("writer", f->path);
    g_assert_cmpint(keyring_session_wait(a), ==, 0);
    g_assert_cmpint(keyring_session_wait(b), ==, 0);
    g_assert_cmpint(store_fixture_count(f->store), ==, 1 + 2 * WRITER_PERSONAS);
    g_autoptr(GError) error = NULL;
    g_autoptr(cJSON) list = store_list_personas(f->store, &error);
    int defaults = 0;
    const cJSON *persona;
    cJSON_ArrayForEach(persona, list) defaults +=
        cJSON_IsTrue(cJSON_GetObjectItem(persona, "is_default"));
    g_assert_cmpint(defaults, ==, 1);
}

#define ADD STORE_FIXTURE_ADD

int main(int argc, char **argv)
{
    static const KeyringSessionHelperEntry helpers[] = {
        {"writer", helper_writer},
    };
    keyring_session_ensure(argc, argv, helpers, G_N_ELEMENTS(helpers));
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/store/default-path", test_default_path);
    g_test_add_func("/store/open-creates", test_open_creates);
    ADD("/store/persona/round-trip", test_round_trip);
    ADD("/store/persona/full-name", test_full_name);
    ADD("/store/persona/masked-card-saved-back", test_masked_card_saved_back);
    ADD("/store/persona/rejections", test_rejections);
    ADD("/store/items", test_items);
    ADD("/store/defaults", test_defaults);
    ADD("/store/transactions", test_transactions);
    ADD("/store/find-card", test_find_card);
    ADD("/store/no-plaintext-on-disk", test_no_plaintext_on_disk);
    ADD("/store/tampering", test_tampering);
    ADD("/store/two-writers", test_two_writers);
    return g_test_run();
}
