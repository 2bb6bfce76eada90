/*
 * test-schema.c — migrations: a database at version 0 reaches the latest
 * version with every sealed column present and then serves as a store; a
 * store of the previous version keeps everything; a database from a newer
 * Keyfill is refused and left unchanged.
 */
#include "audit.h"
#include "consentrequest.h"
#include "errors.h"
#include "keyring-session.h"
#include "release.h"
#include "schema.h"
#include "store-fixture.h"

#include <sqlite3.h>

#define OLD_SITE "https://shop.example"

static int user_version(sqlite3 *db)
{
    sqlite3_stmt *statement = NULL;
    g_assert_cmpint(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &statement, NULL), ==,
                    SQLITE_OK);
    g_assert_cmpint(sqlite3_step(statement), ==, SQLITE_ROW);
    int version = sqlite3_column_int(statement, 0);
    sqlite3_finalize(statement);
    return version;
}

static void test_migrate_from_zero(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *path = g_build_filename(dir, "old.db", NULL);
    sqlite3 *db = NULL;
    g_assert_cmpint(sqlite3_open(path, &db), ==, SQLITE_OK);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_true(schema_migrate_to(db, 0, &error));
    g_assert_cmpint(user_version(db), ==, 0);
    g_assert_true(schema_migrate(db, &error));
    g_assert_no_error(error);
    g_assert_cmpint(user_version(db), ==, schema_latest_version());
    g_assert_cmpint(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
    gsize count;
    const SchemaSealedColumn *columns = schema_sealed_columns(&count);
    for (gsize i = 0; i < count; i++) { /* every sealed column exists */
        g_assert_cmpint(sqlite3_table_column_metadata(db, NULL, columns[i].table, columns[i].column,
                                                      NULL, NULL, NULL, NULL, NULL),
                        ==, SQLITE_OK);
    }
    sqlite3_close(db);

    g_autoptr(Store) store = store_open(path, &error);
    g_assert_no_error(error);
    g_free(store_fixture_put_sample(store));
}

static void test_migrate_too_new(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *path = g_build_filename(dir, "new.db", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(Store) store = store_open(path, &error);
    g_clear_pointer(&store, store_free);
    sqlite3 *db = NULL;
    g_assert_cmpint(sqlite3_open(path, &db), ==, SQLITE_OK);
    g_autofree char *sql = g_strdup_printf("PRAGMA user_version = %d", schema_latest_version() + 1);
    g_assert_cmpint(sqlite3_exec(db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close(db);

    store = store_open(path, &error);
    g_assert_null(store);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_STORE_TOO_NEW);
    g_assert_cmpint(sqlite3_open(path, &db), ==, SQLITE_OK);
    g_assert_cmpint(user_version(db), ==, schema_latest_version() + 1);
    sqlite3_close(db);
}

/* Every table's columns (name, type, not null, default, key), one line
 * each, for comparing two schemas. */
static char *columns_of(sqlite3 *db)
{
    sqlite3_stmt *statement = NULL;
    g_assert_cmpint(
        sqlite3_prepare_v2(db,
                           "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk "
                           "FROM sqlite_master m, pragma_table_info(m.name) p "
                           "WHERE m.type = 'table' ORDER BY m.name, p.cid",
                           -1, &statement, NULL),
        ==, SQLITE_OK);
    GString *text = g_string_new(NULL);
    while (sqlite3_step(statement) == SQLITE_ROW) {
        for (int column = 0; column < 6; column++)
            g_string_append_printf(text, "%s%s", column > 0 ? " " : "",
                                   (const char *)sqlite3_column_text(statement, column));
        g_string_append_c(text, '\n');
    }
    sqlite3_finalize(statement);
    return g_string_free(text, FALSE);
}

static gint64 audit_entries(Store *store)
{
    AuditVerifyReport report;
    g_autoptr(GError) error = NULL;
    g_assert_true(audit_verify(store, &report, &error));
    g_assert_no_error(error);
    g_assert_true(report.intact);
    return report.entries;
}

static char *persona_text(Store *store, const char *id)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(cJSON) persona = store_get_persona(store, id, TRUE, &error);
    g_assert_no_error(error);
    return cJSON_PrintUnformatted(persona);
}

/* consent.answer for question @id with the fill inputs of a one-field form
 * (a given name), allowing the name once. */
static cJSON *answer_with_fill(Store *store, const char *id, GError **error)
{
    g_autoptr(cJSON) inputs = cJSON_Parse(
        "{\"fields\": [{\"index\": 0, \"type\": \"text\"}],"
        " \"classified\": [{\"index\": 0, \"type\": \"given-name\", \"section\": \"\"}]}");
    g_autoptr(ReleaseRequest) request = release_request_parse(inputs, OLD_SITE, error);
    g_assert_nonnull(request);
    ConsentChoice choice = {"name", CONSENT_ALLOW_ONCE};
    return release_answer(store, request, id, &choice, 1, 0, error);
}

/* A store written by schema 3, the version before the questions kept what
 * they showed — a persona, a site's default persona, a stored decision,
 * their audit entries and a question still open — opens under schema 4 with
 * nothing lost. The store is made by this build and then given schema 3's
 * exact shape back (the columns step 4 adds dropped, checked against a
 * database migrated to 3 only). The open question can still be answered,
 * but releases nothing: it never recorded what it showed. */
static void test_migrate_from_three(StoreFixture *f, gconstpointer data)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *persona = store_fixture_put_sample(f->store);
    g_assert_true(consent_set_site_persona(f->store, OLD_SITE, persona, &error));
    g_autoptr(ConsentRequest) decided = consent_request_new(OLD_SITE, persona, &error);
    g_assert_true(consent_request_add_field(decided, "email", 1, &error));
    g_assert_true(consent_request_save(f->store, decided, 0, &error));
    ConsentChoice always = {"email", CONSENT_ALWAYS_ALLOW};
    g_autoptr(ConsentAnswer) answered =
        consent_answer(f->store, decided->id, OLD_SITE, &always, 1, 0, &error);
    g_assert_no_error(error);
    g_autoptr(ConsentRequest) open = consent_request_new(OLD_SITE, persona, &error);
    g_assert_true(consent_request_add_field(open, "name", 0, &error));
    g_assert_true(consent_request_save(f->store, open, 0, &error));
    g_autofree char *before = persona_text(f->store, persona);
    gint64 entries = audit_entries(f->store);
    g_clear_pointer(&f->store, store_free);

    /* Schema 3's shape, as a database migrated to 3 only has it. */
    g_autofree char *reference_path = g_build_filename(f->dir, "three.db", NULL);
    sqlite3 *reference = NULL;
    g_assert_cmpint(sqlite3_open(reference_path, &reference), ==, SQLITE_OK);
    g_assert_cmpint(sqlite3_exec(reference, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_true(schema_migrate_to(reference, 3, &error));
    g_assert_cmpint(sqlite3_exec(reference, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
    g_autofree char *three = columns_of(reference);
    sqlite3_close(reference);
    sqlite3 *db = NULL;
    g_assert_cmpint(sqlite3_open(f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint(sqlite3_exec(db,
                                 "ALTER TABLE consent_requests DROP COLUMN shown;"
                                 "ALTER TABLE consent_requests DROP COLUMN share_address;"
                                 "ALTER TABLE consent_requests DROP COLUMN card_id;"
                                 "ALTER TABLE consent_requests DROP COLUMN bill_to_id;"
                                 "ALTER TABLE consent_requests DROP COLUMN ship_to_id;"
                                 "PRAGMA user_version = 3;",
                                 NULL, NULL, NULL),
                    ==, SQLITE_OK);
    g_autofree char *downgraded = columns_of(db);
    g_assert_cmpstr(downgraded, ==, three);
    sqlite3_close(db);

    f->store = store_open(f->path, &error);
    g_assert_no_error(error);
    g_assert_cmpint(user_version(store_db(f->store)), ==, schema_latest_version());
    g_autofree char *after = persona_text(f->store, persona);
    g_assert_cmpstr(after, ==, before);
    g_autofree char *site_persona = consent_site_persona(f->store, OLD_SITE, &error);
    g_assert_cmpstr(site_persona, ==, persona);
    g_autoptr(cJSON) consents = consent_list(f->store, OLD_SITE, 0, 10, &error);
    g_autoptr(cJSON) stored =
        cJSON_Duplicate(cJSON_GetArrayItem(cJSON_GetObjectItem(consents, "consents"), 0), TRUE);
    g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(stored, "decision")), ==,
                    "always_allow");
    g_assert_cmpint(audit_entries(f->store), ==, entries);

    g_autoptr(cJSON) fill = answer_with_fill(f->store, open->id, &error);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_CONSENT_ANSWER_STALE);
    g_assert_null(fill);
    g_clear_error(&error);
    g_assert_cmpint(audit_entries(f->store), ==, entries);
    ConsentChoice once = {"name", CONSENT_ALLOW_ONCE};
    g_autoptr(ConsentAnswer) late =
        consent_answer(f->store, open->id, OLD_SITE, &once, 1, 0, &error);
    g_assert_no_error(error);
    g_assert_cmpint(audit_entries(f->store), ==, entries + 1);
}

int main(int argc, char **argv)
{
    keyring_session_ensure(argc, argv, NULL, 0);
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/schema/migrate/from-zero", test_migrate_from_zero);
    g_test_add_func("/schema/migrate/too-new", test_migrate_too_new);
    STORE_FIXTURE_ADD("/schema/migrate/from-three", test_migrate_from_three);
    return g_test_run();
}
