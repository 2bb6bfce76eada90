/*
 * bench-host.c — the real keyfill-host through pipes, against a floor.
 *
 *   bench-host [--short] [--check] [--sanitized] HOST FLOOR SOURCE_ROOT
 *
 * Run it inside tests/with-keyring (tests/bench/run does): the host opens a
 * real store in a scratch folder ($KEYFILL_DB) whose key lives in the
 * session's gnome-keyring. A persona is put first through the host itself,
 * then the site's consent: every group a plan asks about is answered
 * "always" and the card stops asking each time (give_consent()), so each
 * measured `fill.plan` releases values (and writes its audit entry) as for
 * a user who said "always" before.
 *
 * Measures, as a browser would see them (spawn, write a frame, read the
 * reply frame): cold start to the first `hello`, `classify` and `fill.plan`
 * reply; warm `classify` and `fill.plan` round trips for forms of 10, 30,
 * 100 and 1,000 fields; the peak RSS of each host (VmHWM). Every
 * figure is also measured for FLOOR (floor-host.c, frames only, same
 * messages, interleaved in the same run) and reported as a ratio to it,
 * because the machine is shared and absolute times drift. Prints one
 * Markdown table for docs/PERFORMANCE.md with each budget and pass/miss.
 *
 * Exit status: 1 when a host crashes, exits non-zero or answers an error.
 * With --check (the short CI run) also 1 on a gross regression (GROSS_*);
 * budgets themselves are judged in the report, not here. --sanitized keeps
 * only the timing checks that compare the host with itself, since
 * AddressSanitizer slows everything.
 *
 * Forms: tests/bench/data/checkout-10.json (a real 10-control checkout from
 * the dev corpus), tests/data/classify-bench-form.json (the first 30
 * controls of a real checkout, shared with classify-bench), and synthetic
 * forms of 30, 100 and 1,000 fields made by repeating that checkout (one
 * form element per 30 controls, the last of them a 250-option country
 * select), so that every size has the same mix of controls.
 */
#include "jsonfield.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define CHROMIUM_CALLER "chrome-extension://iceljohmipnjghdnlgkldoicbgkapcab/"
#define ORIGIN "https://shop.example"
#define BENCH_MAX_REPLY ((uint32_t)1000000) /* the browsers' limit toward an extension */
#define BLOCK 30                            /* synthetic forms: controls per form element */
#define SELECT_EVERY BLOCK                  /* ... the last of them a long select */

/* CI (--check) fails only far past the budgets: it catches rot, not drift. */
#define GROSS_COLD_RATIO 10.0      /* cold classify vs floor (budget 1.5) */
#define GROSS_WARM_RATIO 40.0      /* warm classify, 30 fields vs floor (budget 6) */
#define GROSS_PER_FIELD_GROWTH 4.0 /* µs/field at 1,000 vs 30 fields (budget 1.5) */

typedef struct {
    int cold_runs;
    int warm_runs;
    int warm_runs_large; /* for the 1,000-field forms */
} Plan;

static const Plan full_plan = {101, 201, 51};
static const Plan short_plan = {9, 21, 5};

typedef struct {
    pid_t pid;
    int to_child;
    int from_child;
} Child;

static gboolean failed;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static Child child_spawn(const char *path)
{
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0)
        g_error("pipe: %s", g_strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    char *argv[] = {(char *)path, (char *)CHROMIUM_CALLER, NULL};
    pid_t pid;
    int status = posix_spawn(&pid, path, &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (status != 0)
        g_error("cannot start %s: %s", path, g_strerror(status));
    close(in[0]);
    close(out[1]);
    return (Child){pid, in[1], out[0]};
}

static void write_all(int fd, const void *bytes, size_t length)
{
    const char *at = bytes;
    while (length > 0) {
        ssize_t put = write(fd, at, length);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            g_error("write to host: %s", g_strerror(errno));
        at += put;
        length -= (size_t)put;
    }
}

static gboolean read_all(int fd, void *bytes, size_t length)
{
    char *at = bytes;
    while (length > 0) {
        ssize_t got = read(fd, at, length);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return FALSE;
        at += got;
        length -= (size_t)got;
    }
    return TRUE;
}

static void send_frame(const Child *child, const GString *message)
{
    uint32_t length = (uint32_t)message->len;
    write_all(child->to_child, &length, sizeof length);
    write_all(child->to_child, message->str, message->len);
}

/* Reads one reply into @reply; FALSE (and failed set) on end of stream or an
 * error reply from keyfill-host. */
static gboolean receive_frame(const Child *child, GString *reply, gboolean expect_ok,
                              const char *what)
{
    uint32_t length;
    if (!read_all(child->from_child, &length, sizeof length) || length > BENCH_MAX_REPLY) {
        g_printerr("bench-host: %s: the host closed its output or sent a bad frame\n", what);
        failed = TRUE;
        return FALSE;
    }
    g_string_set_size(reply, length);
    if (!read_all(child->from_child, reply->str, length)) {
        g_printerr("bench-host: %s: truncated reply\n", what);
        failed = TRUE;
        return FALSE;
    }
    if (expect_ok && strstr(reply->str, "\"ok\":true") == NULL) {
        g_printerr("bench-host: %s: error reply: %.300s\n", what, reply->str);
        failed = TRUE;
        return FALSE;
    }
    return TRUE;
}

/* Peak RSS of the live child in KiB (VmHWM of /proc/PID/status). wait4's
 * ru_maxrss would not do: posix_spawn's child shares this process's memory
 * until exec, and the kernel counts that in the child's peak. */
static long child_peak_rss(const Child *child)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/status", (int)child->pid);
    g_autofree char *status = NULL;
    if (!g_file_get_contents(path, &status, NULL, NULL))
        return 0;
    const char *line = strstr(status, "VmHWM:");
    return line != NULL ? strtol(line + strlen("VmHWM:"), NULL, 10) : 0;
}

/* Reads the child's peak RSS, closes its input and waits for it; returns
 * the peak RSS in KiB. */
static long child_finish(Child *child, const char *what)
{
    long peak = child_peak_rss(child);
    close(child->to_child);
    int status = 0;
    while (waitpid(child->pid, &status, 0) < 0) {
        if (errno != EINTR)
            g_error("waitpid: %s", g_strerror(errno));
    }
    close(child->from_child);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        g_printerr("bench-host: %s: the host ended with status %d\n", what, status);
        failed = TRUE;
    }
    return peak;
}

/* ---- messages -------------------------------------------------------- */

static cJSON *read_json(const char *path)
{
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    if (!g_file_get_contents(path, &text, NULL, &error))
        g_error("%s", error->message);
    cJSON *json = cJSON_Parse(text);
    if (!cJSON_IsArray(json))
        g_error("%s: not a JSON array", path);
    return json;
}

/* @n controls: the 30-control checkout repeated, one form element per BLOCK,
 * a long country select as every SELECT_EVERY-th control. */
static cJSON *synthetic_form(const cJSON *checkout, const cJSON *countries, int n)
{
    cJSON *fields = cJSON_CreateArray();
    int template_size = cJSON_GetArraySize(checkout);
    for (int i = 0; i < n; i++) {
        cJSON *field;
        if (i % SELECT_EVERY == SELECT_EVERY - 1) {
            field = cJSON_CreateObject();
            cJSON_AddStringToObject(field, "tag", "select");
            cJSON_AddStringToObject(field, "type", "select-one");
            g_autofree char *name = g_strdup_printf("country_%d", i);
            cJSON_AddStringToObject(field, "name", name);
            cJSON *labels = cJSON_AddObjectToObject(field, "labels");
            cJSON_AddStringToObject(labels, "for", "Country");
            cJSON_AddBoolToObject(field, "visible", TRUE);
            cJSON_AddItemToObject(field, "options", cJSON_Duplicate(countries, TRUE));
        } else {
            field = cJSON_Duplicate(cJSON_GetArrayItem(checkout, i % template_size), TRUE);
            cJSON_DeleteItemFromObject(field, "index");
            cJSON_DeleteItemFromObject(field, "form");
        }
        cJSON_AddNumberToObject(field, "index", i);
        cJSON_AddNumberToObject(field, "form", i / BLOCK);
        cJSON_AddItemToArray(fields, field);
    }
    return fields;
}

static GString *request(const char *type, const cJSON *fields)
{
    g_autoptr(cJSON) message = cJSON_CreateObject();
    cJSON_AddNumberToObject(message, "id", 1);
    cJSON_AddStringToObject(message, "type", type);
    if (strcmp(type, "fill.plan") == 0) {
        /* A plan for values: give_consent() said "always" for the site
         * beforehand, so the host releases values (one audit entry each)
         * without a question. */
        cJSON_AddStringToObject(message, "origin", ORIGIN);
    }
    if (fields != NULL)
        cJSON_AddItemReferenceToObject(message, "fields", (cJSON *)fields);
    char *printed = cJSON_PrintUnformatted(message);
    GString *text = g_string_new(printed);
    cJSON_free(printed);
    return text;
}

static const char persona_put[] =
    "{\"id\":1,\"type\":\"persona.put\",\"persona\":{\"label\":\"Home\",\"is_default\":true,"
    "\"name\":{\"given\":\"Ada\",\"additional\":\"King\",\"family\":\"Lovelace\"},"
    "\"birthday\":\"1815-12-10\","
    "\"emails\":[{\"label\":\"personal\",\"address\":\"ada@example.org\"}],"
    "\"phones\":[{\"label\":\"mobile\",\"country\":\"US\",\"number\":\"+12025550143\"}],"
    "\"addresses\":[{\"label\":\"shipping\",\"lines\":[\"1600 Pennsylvania Avenue NW\"],"
    "\"city\":\"Washington\",\"region\":\"DC\",\"postal_code\":\"20500\",\"country\":\"US\"},"
    "{\"label\":\"billing\",\"lines\":[\"350 Fifth Avenue\",\"Floor 3\"],\"city\":\"New York\","
    "\"region\":\"NY\",\"postal_code\":\"10118\",\"country\":\"US\"}],"
    "\"cards\":[{\"holder\":\"Ada Lovelace\",\"number\":\"4242424242424242\","
    "\"exp_month\":12,\"exp_year\":2030}]}}";

static void string_free(gpointer text)
{
    g_string_free(text, TRUE);
}

/* Sends @message to the running @child; returns its reply's "result", or
 * NULL (and failed set) on an error reply or a broken stream. */
static cJSON *exchange(const Child *child, const char *message, const char *what)
{
    g_autoptr(GString) text = g_string_new(message);
    g_autoptr(GString) reply = g_string_new(NULL);
    send_frame(child, text);
    if (!receive_frame(child, reply, TRUE, what))
        return NULL;
    g_autoptr(cJSON) json = cJSON_ParseWithLength(reply->str, reply->len);
    cJSON *result = cJSON_DetachItemFromObject(json, "result");
    if (!cJSON_IsObject(result)) {
        g_printerr("bench-host: %s: no result object in the reply\n", what);
        failed = TRUE;
        cJSON_Delete(result);
        return NULL;
    }
    return result;
}

/* What a user who chose "always" on this site did before the benchmark:
 * every group a plan of each form asks about is answered `always_allow`
 * through consent.answer, and the card stops asking each time
 * (consent.card), so that the plans measured afterwards release values
 * without a question. Checks that each form's plan then releases. */
static void give_consent(const char *host, GString *const *plans, gsize n_plans)
{
    Child child = child_spawn(host);
    for (gsize f = 0; f < n_plans && !failed; f++) {
        for (int attempt = 0;; attempt++) {
            g_autoptr(cJSON) plan = exchange(&child, plans[f]->str, "consent: fill.plan");
            if (plan == NULL)
                break;
            const cJSON *question = cJSON_GetObjectItem(plan, "consent");
            if (question == NULL) {
                if (cJSON_GetArraySize(cJSON_GetObjectItem(plan, "fill")) == 0) {
                    g_printerr("bench-host: a plan with consent released no value\n");
                    failed = TRUE;
                }
                break;
            }
            if (attempt > 0) {
                g_printerr("bench-host: fill.plan still asks after \"always\" was answered\n");
                failed = TRUE;
                break;
            }
            g_autoptr(cJSON) answer = cJSON_CreateObject();
            cJSON_AddNumberToObject(answer, "id", 1);
            cJSON_AddStringToObject(answer, "type", "consent.answer");
            cJSON_AddItemToObject(answer, "request_id",
                                  cJSON_Duplicate(cJSON_GetObjectItem(question, "request_id"), 1));
            cJSON_AddStringToObject(answer, "origin", ORIGIN);
            cJSON *choices = cJSON_AddArrayToObject(answer, "choices");
            const cJSON *group;
            cJSON_ArrayForEach(group, cJSON_GetObjectItem(question, "groups"))
            {
                const char *name = cJSON_GetStringValue(cJSON_GetObjectItem(group, "group"));
                if (name == NULL)
                    continue;
                cJSON *choice = cJSON_CreateObject();
                cJSON_AddStringToObject(choice, "group", name);
                cJSON_AddStringToObject(choice, "decision", "always_allow");
                cJSON_AddItemToArray(choices, choice);
                if (g_str_has_prefix(name, "card:")) {
                    g_autoptr(cJSON) card = cJSON_CreateObject();
                    cJSON_AddNumberToObject(card, "id", 1);
                    cJSON_AddStringToObject(card, "type", "consent.card");
                    cJSON_AddStringToObject(card, "card_id", name + strlen("card:"));
                    cJSON_AddFalseToObject(card, "ask_each_time");
                    char *text = cJSON_PrintUnformatted(card);
                    cJSON_Delete(exchange(&child, text, "consent.card")); /* failed says */
                    cJSON_free(text);
                }
            }
            char *text = cJSON_PrintUnformatted(answer);
            g_autoptr(cJSON) answered = exchange(&child, text, "consent.answer");
            cJSON_free(text);
            if (answered == NULL)
                break;
        }
    }
    child_finish(&child, "consent");
}

/* ---- statistics ------------------------------------------------------- */

typedef struct {
    double median;
    double p99;
} Stats;

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static Stats stats_of(GArray *samples)
{
    g_array_sort(samples, compare_doubles);
    guint n = samples->len;
    g_assert(n > 0);
    guint rank = (guint)((99 * n + 99) / 100); /* nearest rank, 1-based */
    return (Stats){g_array_index(samples, double, n / 2),
                   g_array_index(samples, double, MIN(rank, n) - 1)};
}

/* ---- measurements ----------------------------------------------------- */

typedef struct {
    const char *host;
    const char *floor;
    long host_rss_max; /* KiB over the host runs of the current cold figure */
    long floor_rss_max;
} Bench;

/* Spawn → reply of @message, for the host and the floor alternately. */
static void measure_cold(Bench *bench, const GString *message, int runs, Stats *host, Stats *floor,
                         const char *what)
{
    g_autoptr(GArray) host_ms = g_array_new(FALSE, FALSE, sizeof(double));
    g_autoptr(GArray) floor_ms = g_array_new(FALSE, FALSE, sizeof(double));
    g_autoptr(GString) reply = g_string_new(NULL);
    bench->host_rss_max = bench->floor_rss_max = 0;
    for (int r = 0; r < runs && !failed; r++) {
        for (int which = 0; which < 2; which++) {
            const char *path = which == 0 ? bench->host : bench->floor;
            double start = now_ms();
            Child child = child_spawn(path);
            send_frame(&child, message);
            gboolean ok = receive_frame(&child, reply, which == 0, what);
            double elapsed = now_ms() - start;
            long rss = child_finish(&child, what);
            if (!ok)
                return;
            if (which == 0) {
                g_array_append_val(host_ms, elapsed);
                bench->host_rss_max = MAX(bench->host_rss_max, rss);
            } else {
                g_array_append_val(floor_ms, elapsed);
                bench->floor_rss_max = MAX(bench->floor_rss_max, rss);
            }
        }
    }
    *host = stats_of(host_ms);
    *floor = stats_of(floor_ms);
}

/* Round trips of @message to running host and floor processes, after a
 * few warm-up rounds, alternating. */
static void measure_warm(Child *host_child, Child *floor_child, const GString *message, int runs,
                         Stats *host, Stats *floor, const char *what)
{
    g_autoptr(GArray) host_ms = g_array_new(FALSE, FALSE, sizeof(double));
    g_autoptr(GArray) floor_ms = g_array_new(FALSE, FALSE, sizeof(double));
    g_autoptr(GString) reply = g_string_new(NULL);
    for (int r = -3; r < runs && !failed; r++) {
        for (int which = 0; which < 2; which++) {
            Child *child = which == 0 ? host_child : floor_child;
            double start = now_ms();
            send_frame(child, message);
            if (!receive_frame(child, reply, which == 0, what))
                return;
            double elapsed = now_ms() - start;
            if (r >= 0)
                g_array_append_val(which == 0 ? host_ms : floor_ms, elapsed);
        }
    }
    *host = stats_of(host_ms);
    *floor = stats_of(floor_ms);
}

/* ---- report ----------------------------------------------------------- */

static void row(const char *figure, Stats host, Stats floor, const char *unit, double budget,
                const char *budget_text)
{
    double ratio = host.median / floor.median;
    const char *verdict = budget <= 0 ? "—" : ratio <= budget ? "pass" : "**miss**";
    printf("| %s | %.3f %s | %.3f %s | %.3f %s | %.2f× | %s | %s |\n", figure, host.median, unit,
           host.p99, unit, floor.median, unit, ratio, budget_text, verdict);
}

static void print_header(void)
{
    printf("| figure | median | p99 | floor median | ratio to floor | budget | |\n");
    printf("|---|---:|---:|---:|---:|---|---|\n");
}

typedef struct {
    const char *name;
    cJSON *fields;
    int n;
    gboolean large;
} Form;

int main(int argc, char **argv)
{
    gboolean is_short = FALSE, check = FALSE, sanitized = FALSE;
    GOptionEntry entries[] = {
        {"short", 0, 0, G_OPTION_ARG_NONE, &is_short, "few runs (CI)", NULL},
        {"check", 0, 0, G_OPTION_ARG_NONE, &check, "fail on gross regressions", NULL},
        {"sanitized", 0, 0, G_OPTION_ARG_NONE, &sanitized, "the host has sanitizers", NULL},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) options = g_option_context_new("HOST FLOOR SOURCE_ROOT");
    g_option_context_add_main_entries(options, entries, NULL);
    g_autoptr(GError) error = NULL;
    if (!g_option_context_parse(options, &argc, &argv, &error) || argc != 4) {
        g_printerr("usage: bench-host [--short] [--check] [--sanitized] HOST FLOOR SOURCE_ROOT\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    const Plan *plan = is_short ? &short_plan : &full_plan;
    Bench bench = {argv[1], argv[2], 0, 0};
    const char *root = argv[3];

    g_autofree char *scratch = g_dir_make_tmp("keyfill-bench-XXXXXX", &error);
    g_assert_no_error(error);
    g_autofree char *db = g_build_filename(scratch, "keyfill.db", NULL);
    g_setenv("KEYFILL_DB", db, TRUE);

    /* The store and its key, made by the host itself. */
    {
        Child child = child_spawn(bench.host);
        g_autoptr(GString) put = g_string_new(persona_put);
        g_autoptr(GString) reply = g_string_new(NULL);
        send_frame(&child, put);
        receive_frame(&child, reply, TRUE, "persona.put");
        child_finish(&child, "persona.put");
        if (failed)
            return 1;
    }

    g_autofree char *path10 = g_build_filename(root, "tests/bench/data/checkout-10.json", NULL);
    g_autofree char *path30 = g_build_filename(root, "tests/data/classify-bench-form.json", NULL);
    g_autofree char *path_countries =
        g_build_filename(root, "tests/data/options/countries-iso-en.json", NULL);
    g_autoptr(cJSON) checkout = read_json(path30);
    g_autoptr(cJSON) countries = read_json(path_countries);
    Form forms[] = {
        {"checkout, 10 fields (real)", read_json(path10), 10, FALSE},
        {"checkout, 30 fields (real)", cJSON_Duplicate(checkout, TRUE), 30, FALSE},
        {"synthetic, 30 fields", synthetic_form(checkout, countries, 30), 30, FALSE},
        {"synthetic, 100 fields", synthetic_form(checkout, countries, 100), 100, FALSE},
        {"synthetic, 1,000 fields", synthetic_form(checkout, countries, 1000), 1000, TRUE},
    };

    printf("bench-host: %s run, %d cold runs, %d warm round trips (%d for 1,000 fields)\n\n",
           is_short ? "short" : "full", plan->cold_runs, plan->warm_runs, plan->warm_runs_large);
    print_header();

    g_autoptr(GString) hello = request("hello", NULL);
    g_autoptr(GString) classify30 = request("classify", forms[1].fields);
    g_autoptr(GString) plan30 = request("fill.plan", forms[1].fields);
    g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func(string_free);
    for (gsize f = 0; f < G_N_ELEMENTS(forms); f++)
        g_ptr_array_add(plans, request("fill.plan", forms[f].fields));
    give_consent(bench.host, (GString *const *)plans->pdata, plans->len);
    if (failed)
        return 1;
    Stats cold_hello, cold_hello_floor, cold_classify, cold_classify_floor, cold_plan,
        cold_plan_floor;
    long rss_hello, rss_classify, rss_plan, rss_floor;
    measure_cold(&bench, hello, plan->cold_runs, &cold_hello, &cold_hello_floor, "cold hello");
    if (failed)
        return 1;
    rss_hello = bench.host_rss_max;
    rss_floor = bench.floor_rss_max;
    row("cold start → `hello` reply", cold_hello, cold_hello_floor, "ms", 0, "—");
    fflush(stdout);
    measure_cold(&bench, classify30, plan->cold_runs, &cold_classify, &cold_classify_floor,
                 "cold classify");
    if (failed)
        return 1;
    rss_classify = bench.host_rss_max;
    rss_floor = MAX(rss_floor, bench.floor_rss_max);
    row("cold start → first `classify` reply (30 fields)", cold_classify, cold_classify_floor, "ms",
        1.5, "≤ 1.5×");
    fflush(stdout);
    measure_cold(&bench, plan30, plan->cold_runs, &cold_plan, &cold_plan_floor, "cold fill.plan");
    if (failed)
        return 1;
    rss_plan = bench.host_rss_max;
    rss_floor = MAX(rss_floor, bench.floor_rss_max);
    row("cold start → first `fill.plan` reply with values (30 fields, store + keyring, consent "
        "given before)",
        cold_plan,
        cold_plan_floor, "ms", 3.0, "≤ 3×");
    fflush(stdout);

    /* Warm: one host and one floor for every form and command. */
    Child host_child = child_spawn(bench.host);
    Child floor_child = child_spawn(bench.floor);
    double per_field_classify[G_N_ELEMENTS(forms)] = {0};
    double per_field_plan[G_N_ELEMENTS(forms)] = {0};
    Stats warm_classify30 = {0}, warm_classify30_floor = {0};
    const char *commands[] = {"classify", "fill.plan"};
    for (gsize c = 0; c < G_N_ELEMENTS(commands) && !failed; c++) {
        for (gsize f = 0; f < G_N_ELEMENTS(forms) && !failed; f++) {
            g_autoptr(GString) message = request(commands[c], forms[f].fields);
            Stats host = {0}, floor = {0};
            int runs = forms[f].large ? plan->warm_runs_large : plan->warm_runs;
            g_autofree char *what = g_strdup_printf("warm %s, %s", commands[c], forms[f].name);
            measure_warm(&host_child, &floor_child, message, runs, &host, &floor, what);
            if (failed)
                break;
            gboolean budgeted = c == 0 && f == 1;
            g_autofree char *figure = g_strdup_printf("warm `%s`, %s, %zu KB", commands[c],
                                                      forms[f].name, message->len / 1000);
            row(figure, host, floor, "ms", budgeted ? 6.0 : 0, budgeted ? "≤ 6×" : "—");
            fflush(stdout);
            (c == 0 ? per_field_classify : per_field_plan)[f] = host.median * 1e3 / forms[f].n;
            if (budgeted) {
                warm_classify30 = host;
                warm_classify30_floor = floor;
            }
        }
    }
    long warm_rss = child_finish(&host_child, "warm host");
    long floor_warm_rss = child_finish(&floor_child, "warm floor");
    if (failed)
        return 1;

    printf("\nCost per field (warm median / fields), synthetic forms; budget: flat from 30 to "
           "1,000 fields (≤ 1.5× the 30-field cost):\n\n");
    printf("| command | 30 fields | 100 fields | 1,000 fields | 1,000 vs 30 | |\n");
    printf("|---|---:|---:|---:|---:|---|\n");
    double growth[2];
    for (int c = 0; c < 2; c++) {
        const double *per = c == 0 ? per_field_classify : per_field_plan;
        growth[c] = per[4] / per[2];
        printf("| `%s` | %.1f µs | %.1f µs | %.1f µs | %.2f× | %s |\n", commands[c], per[2], per[3],
               per[4], growth[c], growth[c] <= 1.5 ? "pass" : "**miss**");
    }

    printf("\nPeak RSS (VmHWM, the most of any run); budget ≤ 4 MiB:\n\n");
    printf("| process | peak RSS | floor | ratio | |\n|---|---:|---:|---:|---|\n");
    const struct {
        const char *what;
        long kib;
    } cold_rss[] = {
        {"cold host, `hello`", rss_hello},
        {"cold host, `classify` of 30 fields", rss_classify},
        {"cold host, `fill.plan` with values (store, keyring, audit)", rss_plan},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cold_rss); i++) {
        printf("| %s | %.2f MiB | %.2f MiB | %.1f× | %s |\n", cold_rss[i].what,
               cold_rss[i].kib / 1024.0, rss_floor / 1024.0,
               (double)cold_rss[i].kib / (double)rss_floor,
               cold_rss[i].kib <= 4096 ? "pass" : "**miss**");
    }
    printf("| warm host after every form up to 1,000 fields | %.2f MiB | %.2f MiB | %.1f× | %s |\n",
           warm_rss / 1024.0, floor_warm_rss / 1024.0, (double)warm_rss / (double)floor_warm_rss,
           warm_rss <= 4096 ? "pass" : "**miss**");

    /* Scratch store: a file and its WAL. */
    g_autoptr(GDir) dir = g_dir_open(scratch, 0, NULL);
    for (const char *name; dir != NULL && (name = g_dir_read_name(dir)) != NULL;) {
        g_autofree char *file = g_build_filename(scratch, name, NULL);
        g_unlink(file);
    }
    g_rmdir(scratch);
    for (gsize f = 0; f < G_N_ELEMENTS(forms); f++)
        cJSON_Delete(forms[f].fields);

    if (check) {
        double cold_ratio = cold_classify.median / cold_classify_floor.median;
        double warm_ratio = warm_classify30.median / warm_classify30_floor.median;
        gboolean gross = growth[0] > GROSS_PER_FIELD_GROWTH || growth[1] > GROSS_PER_FIELD_GROWTH;
        if (!sanitized)
            gross = gross || cold_ratio > GROSS_COLD_RATIO || warm_ratio > GROSS_WARM_RATIO;
        if (gross) {
            g_printerr("bench-host: gross regression (cold %.1f×, warm %.1f×, per-field growth "
                       "%.1f× / %.1f×)\n",
                       cold_ratio, warm_ratio, growth[0], growth[1]);
            return 1;
        }
    }
    return 0;
}
