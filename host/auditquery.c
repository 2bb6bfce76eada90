/*
 * auditquery.c — pages of the audit log by keyset, and their CSV form.
 *
 * DESIGN: a page is one range scan. Time bounds are first turned into a
 * sequence range with two index probes on (at); the cursor narrows the
 * range; the site or kind filter rides on the (site, seq) or (kind, seq)
 * index. One row more than the limit is read to know whether a next page
 * exists.
 */
#include "auditquery.h"

#include "errors.h"
#include "jsonfield.h"
#include "sql.h"

#include <string.h>

#define CURSOR_MAX_DIGITS 18

/* The entry JSON of the current row of @rows (seq, at, kind, site, body). */
static cJSON *entry_json(sqlite3_stmt *rows)
{
    cJSON *entry = cJSON_CreateObject();
    gint64 seq = sqlite3_column_int64(rows, 0);
    gint64 at = sqlite3_column_int64(rows, 1);
    cJSON_AddNumberToObject(entry, "seq", (double)seq);

    g_autofree char *time = audit_time_format(at);
    cJSON_AddStringToObject(entry, "time", time);
    cJSON_AddStringToObject(entry, "kind", sql_column_text(rows, 2));
    const char *site = sql_column_text(rows, 3);
    if (site != NULL)
        cJSON_AddStringToObject(entry, "site", site);

    const char *body_text = sql_column_text(rows, 4);
    g_autoptr(cJSON) body = body_text != NULL ? cJSON_Parse(body_text) : NULL;
    if (cJSON_IsObject(body)) {
        cJSON *item;
        while ((item = body->child) != NULL) {
            cJSON_DetachItemViaPointer(body, item);
            cJSON_AddItemToObject(entry, item->string, item);
        }
    }
    return entry;
}

/* Reads one sequence number with @sql bound to @value; *@found is FALSE when
 * no row matches. */
static gboolean probe_seq(sqlite3 *db, const char *sql, gint64 value, gint64 *seq, gboolean *found,
                          GError **error)
{
    g_autoptr(sqlite3_stmt) select = records_prepare(db, sql, error);
    if (select == NULL)
        return FALSE;
    sqlite3_bind_int64(select, 1, value);
    int step = sqlite3_step(select);
    *found = step == SQLITE_ROW;
    if (*found)
        *seq = sqlite3_column_int64(select, 0);
    else if (step != SQLITE_DONE)
        return records_fail(db, "read the audit log", error);
    return TRUE;
}

static cJSON *empty_page(void)
{
    cJSON *page = cJSON_CreateObject();
    cJSON_AddArrayToObject(page, "entries");
    cJSON_AddNullToObject(page, "next_cursor");
    return page;
}

/* auditquery_list() inside a read transaction. */
static cJSON *list_in_snapshot(sqlite3 *db, const AuditQuery *query, GError **error)
{

    gint limit = query->limit == 0 ? AUDIT_PAGE_DEFAULT : query->limit;
    if (limit < 1 || limit > AUDIT_PAGE_MAX) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                    "A page holds from 1 to %d entries; ask for fewer and follow "
                    "\"next_cursor\".",
                    AUDIT_PAGE_MAX);
        return NULL;
    }

    gint64 lo = 1, hi = G_MAXINT64;
    gboolean found = TRUE;
    if (query->since_ms > 0 &&
        (!probe_seq(db, "SELECT seq FROM audit_log WHERE at >= ? ORDER BY at, seq LIMIT 1",
                    query->since_ms, &lo, &found, error)))
        return NULL;
    if (!found)
        return empty_page();
    if (query->until_ms > 0 &&
        (!probe_seq(db, "SELECT seq FROM audit_log WHERE at < ? ORDER BY at DESC, seq DESC LIMIT 1",
                    query->until_ms, &hi, &found, error)))
        return NULL;
    if (!found)
        return empty_page();
    if (query->cursor > 0) {
        if (query->oldest_first)
            lo = MAX(lo, query->cursor + 1);
        else
            hi = MIN(hi, query->cursor - 1);
    }
    if (lo > hi)
        return empty_page();

    g_autoptr(GString) sql =
        g_string_new("SELECT seq, at, kind, site, body FROM audit_log WHERE seq BETWEEN ?1 AND ?2");
    if (query->site != NULL)
        g_string_append(sql, " AND site = ?3");
    if (query->has_kind)
        g_string_append(sql, " AND kind = ?4");
    g_string_append(sql, query->oldest_first ? " ORDER BY seq ASC" : " ORDER BY seq DESC");
    g_string_append(sql, " LIMIT ?5");

    g_autoptr(sqlite3_stmt) rows = records_prepare(db, sql->str, error);
    if (rows == NULL)
        return NULL;
    sqlite3_bind_int64(rows, 1, lo);
    sqlite3_bind_int64(rows, 2, hi);
    if (query->site != NULL)
        sql_bind_text(rows, 3, query->site);
    if (query->has_kind)
        sql_bind_text(rows, 4, audit_kind_name(query->kind));
    sqlite3_bind_int64(rows, 5, limit + 1);

    g_autoptr(cJSON) page = cJSON_CreateObject();
    cJSON *entries = cJSON_AddArrayToObject(page, "entries");
    gsize bytes = 0;
    gint count = 0;
    gint64 last_seq = 0;
    gboolean more = FALSE;
    int step;
    while ((step = sqlite3_step(rows)) == SQLITE_ROW) {
        if (count == limit) {
            more = TRUE;
            break;
        }
        g_autoptr(cJSON) entry = entry_json(rows);
        char *printed = cJSON_PrintUnformatted(entry);
        gsize size = strlen(printed) + 1; /* the comma between entries */
        cJSON_free(printed);
        if (count > 0 && bytes + size > AUDIT_PAGE_BYTES) {
            more = TRUE;
            break;
        }
        bytes += size;
        last_seq = sqlite3_column_int64(rows, 0);
        cJSON_AddItemToArray(entries, g_steal_pointer(&entry));
        count++;
    }
    if (!more && step != SQLITE_DONE) {
        records_fail(db, "read the audit log", error);
        return NULL;
    }
    if (more) {
        g_autofree char *cursor = g_strdup_printf("%" G_GINT64_FORMAT, last_seq);
        cJSON_AddStringToObject(page, "next_cursor", cursor);
    } else {
        cJSON_AddNullToObject(page, "next_cursor");
    }
    return g_steal_pointer(&page);
}

cJSON *auditquery_list(Store *store, const AuditQuery *query, GError **error)
{
    g_return_val_if_fail(store != NULL && query != NULL, NULL);
    sqlite3 *db = store_db(store);
    /* The probes and the page read one snapshot. */
    gboolean began = FALSE;
    if (!sql_read_begin(db, &began, error))
        return NULL;
    cJSON *page = list_in_snapshot(db, query, error);
    sql_read_end(db, began);
    return page;
}

gboolean auditquery_cursor_parse(const char *text, gint64 *cursor, GError **error)
{
    g_return_val_if_fail(text != NULL && cursor != NULL, FALSE);
    gsize length = strlen(text);
    gboolean digits = length > 0 && length <= CURSOR_MAX_DIGITS && text[0] != '0';
    for (gsize i = 0; digits && i < length; i++)
        digits = g_ascii_isdigit(text[i]);
    if (!digits) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_BAD_CURSOR,
                    "The cursor was not made by this host. Start again without a cursor "
                    "and pass on the \"next_cursor\" of each page.");
        return FALSE;
    }
    *cursor = g_ascii_strtoll(text, NULL, 10);
    return TRUE;
}

gboolean auditquery_time_parse(const char *text, gint64 *ms, GError **error)
{
    g_return_val_if_fail(text != NULL && ms != NULL, FALSE);
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc();
    g_autofree char *full =
        strlen(text) == 10 ? g_strconcat(text, "T00:00:00Z", NULL) : g_strdup(text);
    g_autoptr(GDateTime) time = g_date_time_new_from_iso8601(full, utc);
    if (time == NULL || g_date_time_to_unix(time) < 0) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                    "\"%.40s\" is not a time. Use a date such as 2026-11-22 or a time such as "
                    "2026-11-22T09:30:00Z.",
                    text);
        return FALSE;
    }
    *ms = g_date_time_to_unix(time) * 1000 + g_date_time_get_microsecond(time) / 1000;
    return TRUE;
}

static const char *const csv_columns[] = {"seq",      "time",    "kind",   "site",
                                          "frames",   "persona", "groups", "fields",
                                          "decision", "note",    "count"};

static void csv_field(GString *out, const char *text)
{
    if (strpbrk(text, ",\"\r\n") == NULL) {
        g_string_append(out, text);
        return;
    }
    g_string_append_c(out, '"');
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '"')
            g_string_append_c(out, '"');
        g_string_append_c(out, *p);
    }
    g_string_append_c(out, '"');
}

void auditquery_csv_header(GString *out)
{
    g_return_if_fail(out != NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(csv_columns); i++) {
        if (i > 0)
            g_string_append_c(out, ',');
        g_string_append(out, csv_columns[i]);
    }
    g_string_append(out, "\r\n");
}

void auditquery_csv_row(const cJSON *entry, GString *out)
{
    g_return_if_fail(entry != NULL && out != NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(csv_columns); i++) {
        if (i > 0)
            g_string_append_c(out, ',');
        const cJSON *item = cJSON_GetObjectItemCaseSensitive(entry, csv_columns[i]);
        if (cJSON_IsString(item)) {
            csv_field(out, item->valuestring);
        } else if (cJSON_IsNumber(item)) {
            g_string_append_printf(out, "%" G_GINT64_FORMAT, (gint64)item->valuedouble);
        } else if (cJSON_IsArray(item)) {
            g_autoptr(GString) joined = g_string_new(NULL);
            const cJSON *element;
            cJSON_ArrayForEach(element, item)
            {
                if (cJSON_IsString(element))
                    g_string_append_printf(joined, "%s%s", joined->len > 0 ? " " : "",
                                           element->valuestring);
            }
            csv_field(out, joined->str);
        }
    }
    g_string_append(out, "\r\n");
}
