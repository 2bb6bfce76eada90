/*
 * format_memory.c — the site_formats table.
 *
 * DESIGN: a report only moves preferences; it never carries a value. A
 * format id must be one fill planning makes (fill_format_is_known()) so that
 * a buggy caller cannot store a value as a "format"; a shape may only hold
 * 9, A and separators. Shapes
 * are kept only for tokens whose shape is a layout, not a person (expiry,
 * card number, phone, postal code, dates).
 */
#include "format_memory.h"

#include "errors.h"
#include "fill_format.h"
#include "jsonfield.h"

#include <string.h>

/* Tokens whose shape is a layout; for the others only format ids count. */
static const char *const shape_types[] = {
    "cc-exp",       "cc-exp-month", "cc-exp-year",      "cc-number",   "tel",
    "tel-national", "tel-local",    "tel-country-code", "postal-code", "bday",
    "bday-day",     "bday-month",   "bday-year",
};

static gboolean takes_shapes(const char *type)
{
    for (gsize i = 0; i < G_N_ELEMENTS(shape_types); i++) {
        if (strcmp(shape_types[i], type) == 0)
            return TRUE;
    }
    return FALSE;
}

/* Every byte of @text in @alphabet (or an ASCII letter/digit with @alnum). */
static gboolean only(const char *text, const char *alphabet, gboolean alnum)
{
    for (const char *p = text; *p != '\0'; p++) {
        if (!(alnum && g_ascii_isalnum(*p)) && strchr(alphabet, *p) == NULL)
            return FALSE;
    }
    return *text != '\0';
}

static gboolean check_report(const cJSON *report, const char **type, const char **format,
                             gboolean *matches, const char **shape, GError **error)
{
    if (!cJSON_IsObject(report)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                    "Each report must be an object {\"type\", \"format_used\", "
                    "\"read_back_matches\"}.");
        return FALSE;
    }
    *type = jsonfield_string(report, "type", 40, error);
    if (*type == NULL)
        return FALSE;
    *format = jsonfield_string(report, "format_used", FORMAT_MEMORY_MAX_FORMAT, error);
    if (*format == NULL || !jsonfield_bool(report, "read_back_matches", FALSE, matches, error))
        return FALSE;
    *shape = jsonfield_optional_string(report, "rewritten_to_format", FORMAT_MEMORY_MAX_FORMAT,
                                       NULL, error);
    if (error != NULL && *error != NULL)
        return FALSE;
    if (!only(*type, "-", TRUE) || !fill_format_is_known(*format) ||
        (*shape != NULL && !only(*shape, "9A /.-()+", FALSE))) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                    "A format report holds something other than a token, a format id (as "
                    "fill.plan returned it) or a shape made of 9, A and separators. Nothing "
                    "was recorded; update the extension.");
        return FALSE;
    }
    return TRUE;
}

static gboolean sql_failed(sqlite3 *db, const char *what, GError **error)
{
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_STORE_FAILED,
                "Keyfill could not %s the site format memory (%s). Check free disk space "
                "and retry; fills work without it.",
                what, sqlite3_errmsg(db));
    return FALSE;
}

/* Applies one report: (preferred, avoided) after it. A format the page kept
 * is not made a preference: it came from that field's own hints, and another
 * field of the site may ask for another spelling ("MM / YY" on one page,
 * "MM/YY" on the next). It only lifts an old ban on that format. */
static gboolean remember(sqlite3 *db, const char *origin, const char *type, const char *format,
                         gboolean matches, const char *shape, GError **error)
{
    const char *preferred = NULL, *avoided = NULL, *confirmed = NULL;
    if (matches)
        confirmed = format;
    else if (shape != NULL && takes_shapes(type))
        preferred = shape, avoided = format;
    else
        avoided = format;
    sqlite3_stmt *statement = NULL;
    /* A confirmed format lifts an old ban on it, and a new ban drops a
     * preference for the same format. */
    const char *sql = "INSERT INTO site_formats (origin, field_type, preferred, avoided, updated) "
                      "VALUES (?1, ?2, ?3, ?4, strftime('%s', 'now')) "
                      "ON CONFLICT (origin, field_type) DO UPDATE SET "
                      "  preferred = CASE WHEN ?3 IS NOT NULL THEN ?3 "
                      "                   WHEN preferred = ?4 THEN NULL ELSE preferred END, "
                      "  avoided = CASE WHEN ?4 IS NOT NULL THEN ?4 "
                      "                 WHEN avoided = ?5 THEN NULL ELSE avoided END, "
                      "  updated = excluded.updated";
    if (sqlite3_prepare_v2(db, sql, -1, &statement, NULL) != SQLITE_OK)
        return sql_failed(db, "update", error);
    sqlite3_bind_text(statement, 1, origin, -1, SQLITE_STATIC);
    sqlite3_bind_text(statement, 2, type, -1, SQLITE_STATIC);
    sqlite3_bind_text(statement, 3, preferred, -1, SQLITE_STATIC);
    sqlite3_bind_text(statement, 4, avoided, -1, SQLITE_STATIC);
    sqlite3_bind_text(statement, 5, confirmed, -1, SQLITE_STATIC);
    int rc = sqlite3_step(statement);
    sqlite3_finalize(statement);
    return rc == SQLITE_DONE || sql_failed(db, "update", error);
}

gboolean format_memory_record(sqlite3 *db, const char *origin, const cJSON *reports, int *recorded,
                              GError **error)
{
    g_return_val_if_fail(db != NULL && origin != NULL && recorded != NULL, FALSE);
    if (!cJSON_IsArray(reports) || cJSON_GetArraySize(reports) > FORMAT_MEMORY_MAX_REPORTS) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "\"reports\" must be an array of at most %d reports.",
                    FORMAT_MEMORY_MAX_REPORTS);
        return FALSE;
    }
    /* Check every report before writing any. */
    const cJSON *report;
    cJSON_ArrayForEach(report, reports)
    {
        const char *type, *format, *shape;
        gboolean matches;
        if (!check_report(report, &type, &format, &matches, &shape, error))
            return FALSE;
    }
    if (sqlite3_exec(db, "SAVEPOINT format_memory", NULL, NULL, NULL) != SQLITE_OK)
        return sql_failed(db, "update", error);
    int count = 0;
    cJSON_ArrayForEach(report, reports)
    {
        const char *type, *format, *shape;
        gboolean matches;
        check_report(report, &type, &format, &matches, &shape, NULL);
        if (strcmp(format, "option") == 0)
            continue; /* a select option has no spelling to prefer */
        if (!remember(db, origin, type, format, matches, shape, error)) {
            sqlite3_exec(db, "ROLLBACK TO format_memory; RELEASE format_memory", NULL, NULL, NULL);
            return FALSE;
        }
        count++;
    }
    if (sqlite3_exec(db, "RELEASE format_memory", NULL, NULL, NULL) != SQLITE_OK)
        return sql_failed(db, "update", error);
    *recorded = count;
    return TRUE;
}

gboolean format_memory_load(sqlite3 *db, const char *origin, GHashTable **preferred,
                            GHashTable **avoided, GError **error)
{
    g_return_val_if_fail(db != NULL && origin != NULL && preferred != NULL && avoided != NULL,
                         FALSE);
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT field_type, preferred, avoided FROM site_formats "
                           "WHERE origin = ?1",
                           -1, &statement, NULL) != SQLITE_OK)
        return sql_failed(db, "read", error);
    sqlite3_bind_text(statement, 1, origin, -1, SQLITE_STATIC);
    g_autoptr(GHashTable) liked = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_autoptr(GHashTable) banned = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(statement, 0);
        const char *good = (const char *)sqlite3_column_text(statement, 1);
        const char *bad = (const char *)sqlite3_column_text(statement, 2);
        if (good != NULL)
            g_hash_table_insert(liked, g_strdup(type), g_strdup(good));
        if (bad != NULL)
            g_hash_table_insert(banned, g_strdup(type), g_strdup(bad));
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE)
        return sql_failed(db, "read", error);
    *preferred = g_steal_pointer(&liked);
    *avoided = g_steal_pointer(&banned);
    return TRUE;
}
