/*
 * sql.c — statement helpers shared by the consent and audit modules.
 */
#include "sql.h"

#include "errors.h"

gboolean sql_finish(Store *store, gboolean ok, GError **error)
{
    if (!ok) {
        store_transaction_rollback(store);
        return FALSE;
    }
    return store_transaction_commit(store, error);
}

gboolean sql_read_begin(sqlite3 *db, gboolean *began, GError **error)
{
    *began = FALSE;
    if (!sqlite3_get_autocommit(db))
        return TRUE; /* inside the caller's transaction already */
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return records_fail(db, "read the store", error);
    *began = TRUE;
    return TRUE;
}

void sql_read_end(sqlite3 *db, gboolean began)
{
    if (began)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean sql_step_done(sqlite3 *db, sqlite3_stmt *statement, GError **error)
{
    if (sqlite3_step(statement) != SQLITE_DONE)
        return records_fail(db, "save a change", error);
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
