/*
 * audit.c — `keyfill audit list|export|verify|retention`: reading and
 * checking the audit log.
 *
 *   keyfill audit list [--site ORIGIN] [--since TIME] [--until TIME]
 *                      [--kind KIND] [--limit N] [--json]
 *   keyfill audit export --format json|csv --out FILE [filters as for list]
 *   keyfill audit verify
 *   keyfill audit retention [DAYS]
 *
 * Exit status: 0 on success (verify: the chain is intact), 1 when the store
 * could not be read, 2 on a usage error, 3 when verify finds the chain
 * broken (the first bad entry is named on stderr).
 */
#include "cli.h"

#include "../auditquery.h"
#include "../jsonfield.h"
#include "../origin.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define EXIT_TAMPERED 3
#define LIST_DEFAULT 50
#define LIST_MAX 100000

typedef struct {
    char *site;
    char *since;
    char *until;
    char *kind;
    char *format;
    char *out;
    gint limit;
    gboolean json;
} AuditOptions;

static void audit_options_clear(AuditOptions *options)
{
    g_free(options->site);
    g_free(options->since);
    g_free(options->until);
    g_free(options->kind);
    g_free(options->format);
    g_free(options->out);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(AuditOptions, audit_options_clear)

/* What each verify problem means, for people. */
static const struct {
    const char *problem;
    const char *meaning;
} problems[] = {
    {"changed", "was changed, replaced or moved"},
    {"missing", "is missing (deleted)"},
    {"out_of_order", "is out of order"},
    {"truncated", "and every newer entry were deleted"},
    {"head_changed", "follows an end-of-log mark that was altered"},
    {"anchor_changed", "follows a purge mark that was altered"},
    {"key_missing", "cannot be checked: the log's chain key was removed"},
};

static const char *problem_meaning(const char *problem)
{
    for (gsize i = 0; i < G_N_ELEMENTS(problems); i++) {
        if (strcmp(problems[i].problem, problem) == 0)
            return problems[i].meaning;
    }
    return "fails verification";
}

/* Fills @query from the filter options; *@site receives the canonical
 * origin. Prints the error and returns FALSE on bad input. */
static gboolean query_from_options(const AuditOptions *options, AuditQuery *query, char **site)
{
    g_autoptr(GError) error = NULL;
    if (options->site != NULL && (*site = origin_normalize(options->site, &error)) == NULL)
        goto bad;
    query->site = *site;
    if (options->kind != NULL) {
        query->has_kind = TRUE;
        if (!audit_kind_from_name(options->kind, &query->kind)) {
            g_printerr("keyfill: \"%s\" is not a kind of audit entry (release, denial, "
                       "consent_grant, consent_change, consent_revoke, consent_expire, import, "
                       "export, key_rotation, purge).\n",
                       options->kind);
            return FALSE;
        }
    }
    if ((options->since != NULL &&
         !auditquery_time_parse(options->since, &query->since_ms, &error)) ||
        (options->until != NULL &&
         !auditquery_time_parse(options->until, &query->until_ms, &error)))
        goto bad;
    return TRUE;
bad:
    cli_report(error);
    return FALSE;
}

/* Calls @func for every entry selected by @query, page after page, up to
 * @max entries. */
typedef gboolean (*EntryFunc)(const cJSON *entry, void *data);

static gboolean walk(Store *store, AuditQuery *query, gint64 max, EntryFunc func, void *data)
{
    gint64 seen = 0;
    for (;;) {
        g_autoptr(GError) error = NULL;
        query->limit = (gint)MIN(AUDIT_PAGE_MAX, max - seen);
        g_autoptr(cJSON) page = auditquery_list(store, query, &error);
        if (page == NULL) {
            cli_report(error);
            return FALSE;
        }
        const cJSON *entry;
        cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(page, "entries"))
        {
            if (!func(entry, data))
                return FALSE;
            seen++;
        }
        const cJSON *next = cJSON_GetObjectItemCaseSensitive(page, "next_cursor");
        if (!cJSON_IsString(next) || seen >= max)
            return TRUE;
        query->cursor = g_ascii_strtoll(next->valuestring, NULL, 10);
    }
}

static void append_list(GString *line, const cJSON *entry, const char *name)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(entry, name);
    if (!cJSON_IsArray(list))
        return;
    g_string_append_printf(line, " %s=", name);
    const cJSON *item;
    cJSON_ArrayForEach(item, list)
        g_string_append_printf(line, "%s%s", item != list->child ? "," : "", item->valuestring);
}

static void append_token(GString *line, const cJSON *entry, const char *name)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(entry, name);
    if (cJSON_IsString(item))
        g_string_append_printf(line, " %s=%s", name, item->valuestring);
    else if (cJSON_IsNumber(item))
        g_string_append_printf(line, " %s=%.0f", name, item->valuedouble);
}

/* One readable line: "#12  2026-11-22 09:30:00  consent_grant  site  details". */
static gboolean print_line(const cJSON *entry, void *data)
{
    const cJSON *site = cJSON_GetObjectItemCaseSensitive(entry, "site");
    char when[20]; /* "2026-11-22 09:30:00" */
    g_strlcpy(when, cJSON_GetObjectItemCaseSensitive(entry, "time")->valuestring, sizeof when);
    if (strlen(when) > 10)
        when[10] = ' ';
    g_autoptr(GString) line = g_string_new(NULL);
    g_string_append_printf(line, "#%-7.0f %s  %-15s %s",
                           cJSON_GetObjectItemCaseSensitive(entry, "seq")->valuedouble, when,
                           cJSON_GetObjectItemCaseSensitive(entry, "kind")->valuestring,
                           cJSON_IsString(site) ? site->valuestring : "-");
    append_token(line, entry, "persona");
    append_list(line, entry, "groups");
    append_list(line, entry, "fields");
    append_list(line, entry, "frames");
    append_token(line, entry, "decision");
    append_token(line, entry, "note");
    append_token(line, entry, "count");
    printf("%s\n", line->str);
    return TRUE;
}

static gboolean collect(const cJSON *entry, void *data)
{
    cJSON_AddItemToArray(data, cJSON_Duplicate(entry, TRUE));
    return TRUE;
}

static int audit_list(Store *store, const AuditOptions *options)
{
    AuditQuery query = {0};
    g_autofree char *site = NULL;
    if (!query_from_options(options, &query, &site))
        return 2;
    gint64 max = options->limit > 0 ? options->limit : LIST_DEFAULT;
    if (options->json) {
        g_autoptr(cJSON) all = cJSON_CreateArray();
        if (!walk(store, &query, max, collect, all))
            return 1;
        char *printed = cJSON_Print(all);
        printf("%s\n", printed);
        cJSON_free(printed);
        return 0;
    }
    return walk(store, &query, max, print_line, NULL) ? 0 : 1;
}

typedef struct {
    FILE *file;
    gboolean csv;
    gint64 written;
} ExportState;

static gboolean export_entry(const cJSON *entry, void *data)
{
    ExportState *state = data;
    if (state->csv) {
        g_autoptr(GString) row = g_string_new(NULL);
        auditquery_csv_row(entry, row);
        fputs(row->str, state->file);
    } else {
        char *printed = cJSON_PrintUnformatted(entry);
        fprintf(state->file, "%s  %s", state->written > 0 ? ",\n" : "", printed);
        cJSON_free(printed);
    }
    state->written++;
    return !ferror(state->file);
}

static int audit_export(Store *store, const AuditOptions *options)
{
    if (options->out == NULL || options->format == NULL ||
        (strcmp(options->format, "json") != 0 && strcmp(options->format, "csv") != 0)) {
        g_printerr("keyfill: say --format json or --format csv, and --out FILE.\n");
        return 2;
    }
    AuditQuery query = {.oldest_first = TRUE};
    g_autofree char *site = NULL;
    if (!query_from_options(options, &query, &site))
        return 2;

    /* Write beside the target and rename, so a failed export never leaves
     * half a file under the name asked for. */
    g_autofree char *partial = g_strconcat(options->out, ".partial", NULL);
    int fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    FILE *file = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (file == NULL) {
        g_printerr("keyfill: cannot write %s: %s. Choose a folder you can write to.\n", partial,
                   g_strerror(errno));
        if (fd >= 0)
            close(fd);
        return 1;
    }
    ExportState state = {file, strcmp(options->format, "csv") == 0, 0};
    if (state.csv) {
        g_autoptr(GString) header = g_string_new(NULL);
        auditquery_csv_header(header);
        fputs(header->str, file);
    } else {
        fputs("[\n", file);
    }
    gboolean ok = walk(store, &query, G_MAXINT64, export_entry, &state);
    if (!state.csv)
        fputs(state.written > 0 ? "\n]\n" : "]\n", file);
    ok = fflush(file) == 0 && !ferror(file) && ok;
    ok = fclose(file) == 0 && ok;
    if (!ok || rename(partial, options->out) != 0) {
        g_printerr("keyfill: the export to %s failed. Check the disk space and try again.\n",
                   options->out);
        unlink(partial);
        return 1;
    }
    printf("Exported %" G_GINT64_FORMAT " audit entr%s to %s.\n", state.written,
           state.written == 1 ? "y" : "ies", options->out);
    return 0;
}

static int audit_verify_command(Store *store)
{
    g_autoptr(GError) error = NULL;
    AuditVerifyReport report;
    if (!audit_verify(store, &report, &error)) {
        cli_report(error);
        return 1;
    }
    if (report.intact) {
        printf("The audit log is intact: %" G_GINT64_FORMAT " entr%s", report.entries,
               report.entries == 1 ? "y" : "ies");
        if (report.entries > 0)
            printf(" (#%" G_GINT64_FORMAT " to #%" G_GINT64_FORMAT ")", report.first_seq,
                   report.last_seq);
        printf(".\n");
        return 0;
    }
    g_printerr("keyfill: the audit log was tampered with: entry #%" G_GINT64_FORMAT
               " %s (%s). Entries before it are intact. Keep a copy of the store for "
               "investigation and restore it from a backup you trust.\n",
               report.bad_seq, problem_meaning(report.problem), report.problem);
    return EXIT_TAMPERED;
}

static int audit_retention_command(Store *store, int argc, char **argv)
{
    g_autoptr(GError) error = NULL;
    if (argc == 3) {
        char *end = NULL;
        gint64 days = g_ascii_strtoll(argv[2], &end, 10);
        if (end == argv[2] || *end != '\0' || days < 0 || days > AUDIT_RETENTION_MAX) {
            g_printerr("keyfill: the retention is a number of days from 0 (keep for ever) "
                       "to %d.\n",
                       AUDIT_RETENTION_MAX);
            return 2;
        }
        if (!audit_set_retention(store, (gint)days, &error)) {
            cli_report(error);
            return 1;
        }
    }
    gint days = audit_retention(store, &error);
    if (days < 0) {
        cli_report(error);
        return 1;
    }
    if (days == 0)
        printf("Audit entries are kept for ever.\n");
    else
        printf("Audit entries are kept for %d days.\n", days);
    return 0;
}

int cli_audit(int argc, char **argv)
{
    g_auto(AuditOptions) options = {0};
    GOptionEntry entries[] = {
        {"site", 0, 0, G_OPTION_ARG_STRING, &options.site, "only this site", "ORIGIN"},
        {"since", 0, 0, G_OPTION_ARG_STRING, &options.since, "entries at or after", "TIME"},
        {"until", 0, 0, G_OPTION_ARG_STRING, &options.until, "entries before", "TIME"},
        {"kind", 0, 0, G_OPTION_ARG_STRING, &options.kind, "only this kind", "KIND"},
        {"limit", 0, 0, G_OPTION_ARG_INT, &options.limit, "at most N entries (list)", "N"},
        {"json", 0, 0, G_OPTION_ARG_NONE, &options.json, "print JSON (list)", NULL},
        {"format", 0, 0, G_OPTION_ARG_STRING, &options.format, "json or csv (export)", "FORMAT"},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &options.out, "file to write (export)", "FILE"},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) context = g_option_context_new(
        "list|export|verify|retention — the audit log\n\n"
        "  keyfill audit list [--site ORIGIN] [--since TIME] [--until TIME] [--kind KIND] "
        "[--limit N] [--json]\n"
        "  keyfill audit export --format json|csv --out FILE [filters]\n"
        "  keyfill audit verify\n"
        "  keyfill audit retention [DAYS]\n\n"
        "TIME is a date (2026-11-22) or an ISO 8601 time (2026-11-22T09:30:00Z).");
    g_option_context_add_main_entries(context, entries, NULL);
    g_autoptr(GError) error = NULL;
    if (!g_option_context_parse(context, &argc, &argv, &error)) {
        cli_report(error);
        return 2;
    }
    const char *action = argc >= 2 ? argv[1] : "";
    gboolean known = (argc == 2 && (strcmp(action, "list") == 0 || strcmp(action, "export") == 0 ||
                                    strcmp(action, "verify") == 0)) ||
                     ((argc == 2 || argc == 3) && strcmp(action, "retention") == 0);
    if (!known || options.limit < 0 || options.limit > LIST_MAX) {
        g_printerr("keyfill: say 'keyfill audit list', 'export', 'verify' or 'retention' "
                   "(--limit from 1 to %d). Run 'keyfill audit --help' for the options.\n",
                   LIST_MAX);
        return 2;
    }

    g_autoptr(Store) store = store_open(NULL, &error);
    if (store == NULL) {
        cli_report(error);
        return 1;
    }
    if (strcmp(action, "list") == 0)
        return audit_list(store, &options);
    if (strcmp(action, "export") == 0)
        return audit_export(store, &options);
    if (strcmp(action, "verify") == 0)
        return audit_verify_command(store);
    return audit_retention_command(store, argc, argv);
}
