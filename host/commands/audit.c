/*
 * audit.c — protocol commands for the audit log: audit.list, audit.export,
 * audit.verify and audit.retention.
 *
 * Every page is bounded in entries and bytes by auditquery.c, so a reply
 * stays under the browsers' 1 MB limit whatever the log holds; a client
 * walks a long log by passing back "next_cursor".
 */
#include "commands.h"

#include "../auditquery.h"
#include "../errors.h"
#include "../origin.h"

#define CURSOR_MAX_LENGTH 32
#define TIME_MAX_LENGTH 64
#define KIND_MAX_LENGTH 32
#define FORMAT_MAX_LENGTH 8

/* Reads an optional string field into *@out (NULL when absent). */
static gboolean optional_string(const cJSON *request, const char *key, size_t max_length,
                                const char **out, GError **error)
{
    GError *local = NULL;
    *out = jsonfield_optional_string(request, key, max_length, NULL, &local);
    if (local != NULL) {
        g_propagate_error(error, local);
        return FALSE;
    }
    return TRUE;
}

/* Reads the filters and paging fields shared by audit.list and
 * audit.export into @query; *@site receives the canonical site (g_free). */
static gboolean read_query(const cJSON *request, AuditQuery *query, char **site, GError **error)
{
    const char *site_text, *kind, *since, *until, *cursor;
    if (!optional_string(request, "site", ORIGIN_MAX_LENGTH, &site_text, error) ||
        !optional_string(request, "kind", KIND_MAX_LENGTH, &kind, error) ||
        !optional_string(request, "since", TIME_MAX_LENGTH, &since, error) ||
        !optional_string(request, "until", TIME_MAX_LENGTH, &until, error) ||
        !optional_string(request, "cursor", CURSOR_MAX_LENGTH, &cursor, error))
        return FALSE;
    gint64 limit = AUDIT_PAGE_DEFAULT;
    if (!jsonfield_int(request, "limit", 1, AUDIT_PAGE_MAX, TRUE, &limit, error))
        return FALSE;
    query->limit = (gint)limit;
    if (site_text != NULL && (*site = origin_normalize(site_text, error)) == NULL)
        return FALSE;
    query->site = *site;
    if (kind != NULL) {
        query->has_kind = TRUE;
        if (!audit_kind_from_name(kind, &query->kind)) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                        "\"%.32s\" is not a kind of audit entry; see docs/protocol.md for the "
                        "kinds.",
                        kind);
            return FALSE;
        }
    }
    return (since == NULL || auditquery_time_parse(since, &query->since_ms, error)) &&
           (until == NULL || auditquery_time_parse(until, &query->until_ms, error)) &&
           (cursor == NULL || auditquery_cursor_parse(cursor, &query->cursor, error));
}

/* One page for the filters of @request, newest first or oldest first. */
static cJSON *read_page(HostContext *context, const cJSON *request, gboolean oldest_first,
                        gboolean *first_page, GError **error)
{
    AuditQuery query = {.oldest_first = oldest_first};
    g_autofree char *site = NULL;
    if (!read_query(request, &query, &site, error))
        return NULL;
    Store *store = host_context_store(context, error);
    if (store == NULL)
        return NULL;
    *first_page = query.cursor == 0;
    return auditquery_list(store, &query, error);
}

cJSON *command_audit_list(HostContext *context, const cJSON *request, GError **error)
{
    gboolean first_page;
    return read_page(context, request, FALSE, &first_page, error);
}

cJSON *command_audit_export(HostContext *context, const cJSON *request, GError **error)
{
    const char *format = jsonfield_string(request, "format", FORMAT_MAX_LENGTH, error);
    if (format == NULL)
        return NULL;
    gboolean csv = g_str_equal(format, "csv");
    if (!csv && !g_str_equal(format, "json")) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                    "The export format is \"json\" or \"csv\".");
        return NULL;
    }
    gboolean first_page = FALSE;
    g_autoptr(cJSON) page = read_page(context, request, TRUE, &first_page, error);
    if (page == NULL)
        return NULL;

    cJSON *result = cJSON_CreateObject();
    cJSON_AddStringToObject(result, "format", format);
    if (csv) {
        /* CSV of a page is never longer than its JSON, so the byte budget
         * of the page holds. */
        g_autoptr(GString) text = g_string_new(NULL);
        if (first_page)
            auditquery_csv_header(text);
        const cJSON *entry;
        cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(page, "entries"))
            auditquery_csv_row(entry, text);
        cJSON_AddStringToObject(result, "csv", text->str);
    } else {
        cJSON_AddItemToObject(result, "entries", cJSON_DetachItemFromObject(page, "entries"));
    }
    cJSON_AddItemToObject(result, "next_cursor", cJSON_DetachItemFromObject(page, "next_cursor"));
    return result;
}

cJSON *command_audit_verify(HostContext *context, const cJSON *request, GError **error)
{
    Store *store = host_context_store(context, error);
    if (store == NULL)
        return NULL;
    AuditVerifyReport report;
    if (!audit_verify(store, &report, error))
        return NULL;
    cJSON *result = cJSON_CreateObject();
    cJSON_AddBoolToObject(result, "intact", report.intact);
    cJSON_AddNumberToObject(result, "entries", (double)report.entries);
    cJSON_AddNumberToObject(result, "first_seq", (double)report.first_seq);
    cJSON_AddNumberToObject(result, "last_seq", (double)report.last_seq);
    if (!report.intact) {
        cJSON_AddNumberToObject(result, "bad_seq", (double)report.bad_seq);
        cJSON_AddStringToObject(result, "problem", report.problem);
    }
    return result;
}

cJSON *command_audit_retention(HostContext *context, const cJSON *request, GError **error)
{
    gint64 days = -1;
    if (!jsonfield_int(request, "days", 0, AUDIT_RETENTION_MAX, TRUE, &days, error))
        return NULL;
    Store *store = host_context_store(context, error);
    if (store == NULL || (days >= 0 && !audit_set_retention(store, (gint)days, error)))
        return NULL;
    gint current = audit_retention(store, error);
    if (current < 0)
        return NULL;
    cJSON *result = cJSON_CreateObject();
    cJSON_AddNumberToObject(result, "days", current);
    return result;
}
