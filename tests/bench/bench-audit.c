/*
 * bench-audit.c — the audit log at 10^4, 10^5 and 10^6 entries: appending,
 * listing one page (newest, deep in the log by cursor, filtered by site, by
 * kind and by time) and verifying the whole chain. Not a test: it prints
 * figures for docs/PERFORMANCE.md ("Audit log").
 *
 *   tests/with-keyring build/tests/bench/bench-audit [MAX_ENTRIES]
 *
 * Each size runs on a fresh store in a scratch folder (real keyring, real
 * SQLite file with WAL and synchronous=FULL). Entries are appended through
 * audit_append() in transactions of APPEND_BATCH, as an import would.
 */
#include "audit.h"
#include "auditquery.h"
#include "store.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#define APPEND_BATCH 10000
#define SITES 50
#define DEFAULT_MAX 1000000

static double seconds_since(gint64 start)
{
    return (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
}

/* CPU seconds (user + system) used by this process so far: on a shared,
 * loaded machine the wall clock says more about the neighbours. */
static double cpu_seconds(void)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static void check(gboolean ok, GError *error)
{
    if (!ok)
        g_error("bench-audit: %s", error != NULL ? error->message : "failed");
}

/* Appends @count entries; every fifth is a consent grant, the rest releases,
 * spread over SITES sites. */
static void fill(Store *store, gint64 count)
{
    const char *fields[] = {"given-name",     "family-name", "email", "tel",
                            "street-address", "postal-code", NULL};
    const char *groups[] = {"name", "email", "phone", "shipping_address", NULL};
    for (gint64 done = 0; done < count;) {
        g_autoptr(GError) error = NULL;
        check(store_transaction_begin(store, &error), error);
        for (gint64 i = 0; i < APPEND_BATCH && done < count; i++, done++) {
            g_autofree char *site =
                g_strdup_printf("https://shop%02d.example", (int)(done % SITES));
            const char *frames[] = {site, NULL};
            AuditRecord record = {
                .kind = done % 5 == 0 ? AUDIT_KIND_CONSENT_GRANT : AUDIT_KIND_RELEASE,
                .site = site,
                .frames = frames,
                .persona_id = "0123456789abcdef",
                .groups = groups,
                .fields = done % 5 == 0 ? NULL : fields,
                .decision = done % 5 == 0 ? "always_allow" : NULL,
            };
            check(audit_append(store, &record, &error) > 0, error);
        }
        check(store_transaction_commit(store, &error), error);
    }
}

/* Times one page of @query, best of five runs (milliseconds). */
static double time_page(Store *store, const AuditQuery *query, int *entries)
{
    double best = G_MAXDOUBLE;
    for (int run = 0; run < 5; run++) {
        g_autoptr(GError) error = NULL;
        gint64 start = g_get_monotonic_time();
        g_autoptr(cJSON) page = auditquery_list(store, query, &error);
        double elapsed = seconds_since(start) * 1000;
        check(page != NULL, error);
        *entries = cJSON_GetArraySize(cJSON_GetObjectItem(page, "entries"));
        best = MIN(best, elapsed);
    }
    return best;
}

static void bench(gint64 count)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp("keyfill-bench-audit-XXXXXX", &error);
    check(dir != NULL, error);
    g_autofree char *path = g_build_filename(dir, "keyfill.db", NULL);
    Store *store = store_open(path, &error);
    check(store != NULL, error);

    gint64 start = g_get_monotonic_time();
    double cpu_start = cpu_seconds();
    fill(store, count);
    double fill_seconds = seconds_since(start);
    double fill_cpu = cpu_seconds() - cpu_start;
    printf("%8" G_GINT64_FORMAT " entries: append %.1f µs/entry wall, %.1f µs/entry CPU "
           "(%.1f s wall)\n",
           count, fill_seconds * 1e6 / (double)count, fill_cpu * 1e6 / (double)count, fill_seconds);

    int entries = 0;
    AuditQuery newest = {.limit = 100};
    printf("  list newest page (100)          %8.2f ms", time_page(store, &newest, &entries));
    printf("  [%d entries]\n", entries);
    AuditQuery deep = {.limit = 100, .cursor = count / 2};
    printf("  list page at the middle (cursor) %7.2f ms", time_page(store, &deep, &entries));
    printf("  [%d entries]\n", entries);
    AuditQuery site = {.limit = 100, .site = "https://shop07.example", .cursor = count / 2};
    printf("  list page, one site of %d        %7.2f ms", SITES, time_page(store, &site, &entries));
    printf("  [%d entries]\n", entries);
    AuditQuery kind = {.limit = 100, .has_kind = TRUE, .kind = AUDIT_KIND_CONSENT_GRANT};
    printf("  list page, one kind (1 in 5)     %7.2f ms", time_page(store, &kind, &entries));
    printf("  [%d entries]\n", entries);
    AuditQuery max_page = {.limit = AUDIT_PAGE_MAX};
    printf("  list page of %d                 %7.2f ms", AUDIT_PAGE_MAX,
           time_page(store, &max_page, &entries));
    printf("  [%d entries]\n", entries);
    AuditQuery time = {.limit = 100, .since_ms = 1, .until_ms = audit_now_ms() + 1000};
    printf("  list page, time range            %7.2f ms", time_page(store, &time, &entries));
    printf("  [%d entries]\n", entries);

    start = g_get_monotonic_time();
    cpu_start = cpu_seconds();
    AuditVerifyReport report;
    check(audit_verify(store, &report, &error), error);
    double verify_seconds = seconds_since(start);
    double verify_cpu = cpu_seconds() - cpu_start;
    if (!report.intact || report.entries != count)
        g_error("bench-audit: the chain does not verify");
    printf("  verify whole chain               %7.2f s wall, %.2f s CPU (%.2f µs/entry CPU)\n",
           verify_seconds, verify_cpu, verify_cpu * 1e6 / (double)count);

    GStatBuf file_stat;
    if (g_stat(path, &file_stat) == 0)
        printf("  database file                    %7.1f MB\n", (double)file_stat.st_size / 1e6);

    store_free(store);
    const char *suffixes[] = {"", "-wal", "-shm"};
    for (gsize i = 0; i < G_N_ELEMENTS(suffixes); i++) {
        g_autofree char *file = g_strconcat(path, suffixes[i], NULL);
        g_unlink(file);
    }
    g_rmdir(dir);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0); /* figures appear as they are measured */
    gint64 max = argc > 1 ? g_ascii_strtoll(argv[1], NULL, 10) : DEFAULT_MAX;
    if (max < 10000) {
        g_printerr("usage: bench-audit [MAX_ENTRIES >= 10000]\n");
        return 2;
    }
    for (gint64 count = 10000; count <= max; count *= 10)
        bench(count);
    return 0;
}
