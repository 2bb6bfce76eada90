/*
 * test-schema.c — migrations: a database at version 0 reaches the latest
 * version with every sealed column present and then serves as a store; a
 * database from a newer Keyfill is refused and left unchanged.
 */
#include "errors.h"
#include "keyring-session.h"
#include "schema.h"
#include "store-fixture.h"

#include <sqlite3.h>

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

int main(int argc, char **argv)
{
    keyring_session_ensure(argc, argv, NULL, 0);
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/schema/migrate/from-zero", test_migrate_from_zero);
    g_test_add_func("/schema/migrate/too-new", test_migrate_too_new);
    return g_test_run();
}
