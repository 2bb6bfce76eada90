/*
 * sql.c — statement helpers shared by the consent and audit modules.
 */
#include "sql.h"

#include "errors.h"

gboolean sql_fail(sqlite3 *db, GError **error)
{
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_STORE_FAILED,
                "The store could not be read or written (%s). Check that the disk is not full "
                "and that no other program holds the store locked, then try again.",
                sqlite3_errmsg(db));
    return FALSE;
}

gboolean sql_finish(Store *store, gboolean ok, GError **error)
{
    if (!ok) {
        store_transaction_rollback(store);
        return FALSE;
    }
    return store_transaction_commit(store, error);
}

sqlite3_stmt *sql_prepare(sqlite3 *db, const char *text, GError **error)
{
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(db, text, -1, &statement, NULL) != SQLITE_OK) {
        sql_fail(db, error);
        sqlite3_finalize(statement);
        return NULL;
    }
    return statement;
}

gboolean sql_step_done(sqlite3 *db, sqlite3_stmt *statement, GError **error)
{
    if (sqlite3_step(statement) != SQLITE_DONE)
        return sql_fail(db, error);
    return TRUE;
}

void sql_bind_text(sqlite3_stmt *statement, int index, const char *text)
{
    if (text == NULL)
        sqlite3_bind_null(statement, index);
    else
        sqlite3_bind_text(statement, index, text, -1, SQLITE_TRANSIENT);
}

const char *sql_column_text(sqlite3_stmt *statement, int column)
{
    return (const char *)sqlite3_column_text(statement, column);
}
