/*
 * sqlitelib.c — SQLite, loaded the first time a store is opened.
 *
 * Most messages a browser sends (classify) never open the store, and the
 * host starts anew for each one-off message; linking libsqlite3 would map
 * and relocate it in every process (about 1.3 M instructions and 250 KiB of
 * resident pages). This file defines the SQLite functions Keyfill calls,
 * with the prototypes of <sqlite3.h>, as forwarders to the real library
 * (SQLITELIB_SONAME, checked by meson), which the first call dlopen()s. The
 * callers (store.c, sql.c, audit.c, ...) are ordinary SQLite code and do not
 * know. It owns the loading only: no SQL, no data. A new SQLite function in
 * Keyfill's code needs a row in `functions` and a forwarder here (the link
 * fails until it has one, since libsqlite3 is not linked).
 *
 * DESIGN: sqlite3_open_v2() is the only way to a connection, so every other
 * forwarder runs after a successful load and may assume the table is
 * filled. The only calls that may come without a connection are the error
 * paths of a failed open — sqlite3_errstr() and sqlite3_close_v2(NULL) —
 * and they work without the library: an open that cannot load SQLite fails
 * with SQLITE_CANTOPEN and errstr() says why.
 */
#include "buildconfig.h"
#include "dynlib.h"

#include <sqlite3.h>

typedef struct {
    __typeof__(sqlite3_open_v2) *open_v2;
    __typeof__(sqlite3_close_v2) *close_v2;
    __typeof__(sqlite3_errmsg) *errmsg;
    __typeof__(sqlite3_errstr) *errstr;
    __typeof__(sqlite3_extended_result_codes) *extended_result_codes;
    __typeof__(sqlite3_busy_timeout) *busy_timeout;
    __typeof__(sqlite3_exec) *exec;
    __typeof__(sqlite3_free) *free;
    __typeof__(sqlite3_changes) *changes;
    __typeof__(sqlite3_get_autocommit) *get_autocommit;
    __typeof__(sqlite3_table_column_metadata) *table_column_metadata;
    __typeof__(sqlite3_prepare_v2) *prepare_v2;
    __typeof__(sqlite3_step) *step;
    __typeof__(sqlite3_reset) *reset;
    __typeof__(sqlite3_finalize) *finalize;
    __typeof__(sqlite3_bind_parameter_count) *bind_parameter_count;
    __typeof__(sqlite3_bind_blob) *bind_blob;
    __typeof__(sqlite3_bind_blob64) *bind_blob64;
    __typeof__(sqlite3_bind_int) *bind_int;
    __typeof__(sqlite3_bind_int64) *bind_int64;
    __typeof__(sqlite3_bind_null) *bind_null;
    __typeof__(sqlite3_bind_text) *bind_text;
    __typeof__(sqlite3_column_type) *column_type;
    __typeof__(sqlite3_column_blob) *column_blob;
    __typeof__(sqlite3_column_bytes) *column_bytes;
    __typeof__(sqlite3_column_int) *column_int;
    __typeof__(sqlite3_column_int64) *column_int64;
    __typeof__(sqlite3_column_text) *column_text;
} SqliteLib;

typedef struct {
    SqliteLib lib;
    char *failure; /* why the library could not be loaded, or NULL */
} Loaded;

static const DynlibFunction functions[] = {
    {"sqlite3_open_v2", G_STRUCT_OFFSET(SqliteLib, open_v2)},
    {"sqlite3_close_v2", G_STRUCT_OFFSET(SqliteLib, close_v2)},
    {"sqlite3_errmsg", G_STRUCT_OFFSET(SqliteLib, errmsg)},
    {"sqlite3_errstr", G_STRUCT_OFFSET(SqliteLib, errstr)},
    {"sqlite3_extended_result_codes", G_STRUCT_OFFSET(SqliteLib, extended_result_codes)},
    {"sqlite3_busy_timeout", G_STRUCT_OFFSET(SqliteLib, busy_timeout)},
    {"sqlite3_exec", G_STRUCT_OFFSET(SqliteLib, exec)},
    {"sqlite3_free", G_STRUCT_OFFSET(SqliteLib, free)},
    {"sqlite3_changes", G_STRUCT_OFFSET(SqliteLib, changes)},
    {"sqlite3_get_autocommit", G_STRUCT_OFFSET(SqliteLib, get_autocommit)},
    {"sqlite3_table_column_metadata", G_STRUCT_OFFSET(SqliteLib, table_column_metadata)},
    {"sqlite3_prepare_v2", G_STRUCT_OFFSET(SqliteLib, prepare_v2)},
    {"sqlite3_step", G_STRUCT_OFFSET(SqliteLib, step)},
    {"sqlite3_reset", G_STRUCT_OFFSET(SqliteLib, reset)},
    {"sqlite3_finalize", G_STRUCT_OFFSET(SqliteLib, finalize)},
    {"sqlite3_bind_parameter_count", G_STRUCT_OFFSET(SqliteLib, bind_parameter_count)},
    {"sqlite3_bind_blob", G_STRUCT_OFFSET(SqliteLib, bind_blob)},
    {"sqlite3_bind_blob64", G_STRUCT_OFFSET(SqliteLib, bind_blob64)},
    {"sqlite3_bind_int", G_STRUCT_OFFSET(SqliteLib, bind_int)},
    {"sqlite3_bind_int64", G_STRUCT_OFFSET(SqliteLib, bind_int64)},
    {"sqlite3_bind_null", G_STRUCT_OFFSET(SqliteLib, bind_null)},
    {"sqlite3_bind_text", G_STRUCT_OFFSET(SqliteLib, bind_text)},
    {"sqlite3_column_type", G_STRUCT_OFFSET(SqliteLib, column_type)},
    {"sqlite3_column_blob", G_STRUCT_OFFSET(SqliteLib, column_blob)},
    {"sqlite3_column_bytes", G_STRUCT_OFFSET(SqliteLib, column_bytes)},
    {"sqlite3_column_int", G_STRUCT_OFFSET(SqliteLib, column_int)},
    {"sqlite3_column_int64", G_STRUCT_OFFSET(SqliteLib, column_int64)},
    {"sqlite3_column_text", G_STRUCT_OFFSET(SqliteLib, column_text)},
};
G_STATIC_ASSERT(G_N_ELEMENTS(functions) * sizeof(void (*)(void)) == sizeof(SqliteLib));

static gpointer load(gpointer data)
{
    Loaded *loaded = g_new0(Loaded, 1);
    g_autofree char *failure =
        dynlib_load(SQLITELIB_SONAME, functions, G_N_ELEMENTS(functions), &loaded->lib);
    if (failure != NULL)
        loaded->failure = g_strdup_printf("%s could not be loaded (%s); install the "
                                          "libsqlite3-0 package (or your system's SQLite, at "
                                          "least version 3.35)",
                                          SQLITELIB_SONAME, failure);
    return loaded;
}

static const Loaded *loaded(void)
{
    static GOnce once = G_ONCE_INIT;
    return g_once(&once, load, NULL);
}

/* The table, for calls that come with a connection or statement: one exists,
 * so sqlite3_open_v2() loaded the library. */
static const SqliteLib *lib(void)
{
    const Loaded *state = loaded();
    g_assert(state->failure == NULL);
    return &state->lib;
}

int sqlite3_open_v2(const char *filename, sqlite3 **db, int flags, const char *vfs)
{
    const Loaded *state = loaded();
    if (state->failure != NULL) {
        *db = NULL;
        return SQLITE_CANTOPEN;
    }
    return state->lib.open_v2(filename, db, flags, vfs);
}

int sqlite3_close_v2(sqlite3 *db)
{
    return db == NULL ? SQLITE_OK : lib()->close_v2(db);
}

const char *sqlite3_errstr(int code)
{
    const Loaded *state = loaded();
    return state->failure != NULL ? state->failure : state->lib.errstr(code);
}

const char *sqlite3_errmsg(sqlite3 *db)
{
    return lib()->errmsg(db);
}

int sqlite3_extended_result_codes(sqlite3 *db, int onoff)
{
    return lib()->extended_result_codes(db, onoff);
}

int sqlite3_busy_timeout(sqlite3 *db, int ms)
{
    return lib()->busy_timeout(db, ms);
}

int sqlite3_exec(sqlite3 *db, const char *sql, int (*callback)(void *, int, char **, char **),
                 void *argument, char **errmsg)
{
    return lib()->exec(db, sql, callback, argument, errmsg);
}

void sqlite3_free(void *memory)
{
    /* Only SQLite's own allocations are freed here; NULL needs no library. */
    if (memory != NULL)
        lib()->free(memory);
}

int sqlite3_changes(sqlite3 *db)
{
    return lib()->changes(db);
}

int sqlite3_get_autocommit(sqlite3 *db)
{
    return lib()->get_autocommit(db);
}

int sqlite3_table_column_metadata(sqlite3 *db, const char *db_name, const char *table,
                                  const char *column, char const **data_type,
                                  char const **collation, int *not_null, int *primary_key,
                                  int *autoincrement)
{
    return lib()->table_column_metadata(db, db_name, table, column, data_type, collation, not_null,
                                        primary_key, autoincrement);
}

int sqlite3_prepare_v2(sqlite3 *db, const char *sql, int length, sqlite3_stmt **statement,
                       const char **tail)
{
    return lib()->prepare_v2(db, sql, length, statement, tail);
}

int sqlite3_step(sqlite3_stmt *statement)
{
    return lib()->step(statement);
}

int sqlite3_reset(sqlite3_stmt *statement)
{
    return lib()->reset(statement);
}

int sqlite3_finalize(sqlite3_stmt *statement)
{
    /* finalize(NULL) is a no-op in SQLite, and may come without a connection. */
    return statement == NULL ? SQLITE_OK : lib()->finalize(statement);
}

int sqlite3_bind_parameter_count(sqlite3_stmt *statement)
{
    return lib()->bind_parameter_count(statement);
}

int sqlite3_bind_blob(sqlite3_stmt *statement, int index, const void *value, int length,
                      void (*destructor)(void *))
{
    return lib()->bind_blob(statement, index, value, length, destructor);
}

int sqlite3_bind_blob64(sqlite3_stmt *statement, int index, const void *value,
                        sqlite3_uint64 length, void (*destructor)(void *))
{
    return lib()->bind_blob64(statement, index, value, length, destructor);
}

int sqlite3_bind_int(sqlite3_stmt *statement, int index, int value)
{
    return lib()->bind_int(statement, index, value);
}

int sqlite3_bind_int64(sqlite3_stmt *statement, int index, sqlite3_int64 value)
{
    return lib()->bind_int64(statement, index, value);
}

int sqlite3_bind_null(sqlite3_stmt *statement, int index)
{
    return lib()->bind_null(statement, index);
}

int sqlite3_bind_text(sqlite3_stmt *statement, int index, const char *value, int length,
                      void (*destructor)(void *))
{
    return lib()->bind_text(statement, index, value, length, destructor);
}

int sqlite3_column_type(sqlite3_stmt *statement, int column)
{
    return lib()->column_type(statement, column);
}

const void *sqlite3_column_blob(sqlite3_stmt *statement, int column)
{
    return lib()->column_blob(statement, column);
}

int sqlite3_column_bytes(sqlite3_stmt *statement, int column)
{
    return lib()->column_bytes(statement, column);
}

int sqlite3_column_int(sqlite3_stmt *statement, int column)
{
    return lib()->column_int(statement, column);
}

sqlite3_int64 sqlite3_column_int64(sqlite3_stmt *statement, int column)
{
    return lib()->column_int64(statement, column);
}

const unsigned char *sqlite3_column_text(sqlite3_stmt *statement, int column)
{
    return lib()->column_text(statement, column);
}
