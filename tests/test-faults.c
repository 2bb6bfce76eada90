/*
 * test-faults.c — the store under faults: kill -9 in the middle of writes,
 * many host processes at once, a full disk and a read-only store.
 *
 * Every case works on a store of its own in a scratch folder (the real
 * keyring of the tests/with-keyring session holds its key), drives the real
 * `keyfill` and `keyfill-host` binaries, and then reopens the store in this
 * process to check what survived: PRAGMA integrity_check is "ok", the audit
 * chain verifies, and every change is there completely or not at all. The number of rounds is
 * $KEYFILL_FAULT_ROUNDS (default 12); each case prints its figures with
 * "faults:" for docs/RELIABILITY.md.
 */
#include "host-process.h"
#include "scratch-dir.h"
#include "privileges.h"
#include "audit.h"
#include "store.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
    char *scratch;
    char *db;     /* the store under test */
    char *db_env; /* "KEYFILL_DB=<db>" */
} Fixture;

static void fixture_setup(Fixture *f, gconstpointer data)
{
    f->scratch = g_dir_make_tmp("keyfill-faults-XXXXXX", NULL);
    g_assert_nonnull(f->scratch);
    f->db = g_build_filename(f->scratch, "keyfill.db", NULL);
    f->db_env = g_strconcat("KEYFILL_DB=", f->db, NULL);
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    scratch_dir_remove(f->scratch);
    g_free(f->scratch);
    g_free(f->db);
    g_free(f->db_env);
}

static int fault_rounds(void)
{
    const char *env = g_getenv("KEYFILL_FAULT_ROUNDS");
    gint64 rounds = env != NULL ? g_ascii_strtoll(env, NULL, 10) : 0;
    return rounds > 0 ? (int)rounds : 12;
}

/* Opens the store at @db as a new process would, checks that PRAGMA
 * integrity_check answers "ok" and that the audit chain verifies, and
 * returns how many personas it holds (and, when @audit_entries is not NULL,
 * how many audit entries). The open itself must succeed: a fault never
 * leaves a store unopenable. */
static gint64 check_store_audit(const char *db, gint64 *audit_entries)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(Store) store = store_open(db, &error);
    g_assert_no_error(error);
    g_assert_nonnull(store);
    g_autoptr(cJSON) personas = store_list_personas(store, &error);
    g_assert_no_error(error);
    sqlite3_stmt *check = NULL;
    g_assert_cmpint(sqlite3_prepare_v2(store_db(store), "PRAGMA integrity_check", -1, &check, NULL),
                    ==, SQLITE_OK);
    g_assert_cmpint(sqlite3_step(check), ==, SQLITE_ROW);
    g_assert_cmpstr((const char *)sqlite3_column_text(check, 0), ==, "ok");
    sqlite3_finalize(check);
    AuditVerifyReport report;
    g_assert_true(audit_verify(store, &report, &error));
    g_assert_no_error(error);
    if (!report.intact)
        g_error("the audit chain breaks at entry %" G_GINT64_FORMAT ": %s", report.bad_seq,
                report.problem);
    if (audit_entries != NULL)
        *audit_entries = report.entries;
    return cJSON_GetArraySize(personas);
}

static gint64 check_store(const char *db)
{
    return check_store_audit(db, NULL);
}

/* A persona put request with a few items, labelled @label. */
static char *persona_put_request(gint64 id, const char *label)
{
    return g_strdup_printf(
        "{\"id\":%" G_GINT64_FORMAT ",\"type\":\"persona.put\",\"persona\":{\"label\":\"%s\","
        "\"name\":{\"given\":\"Ada\",\"family\":\"Lovelace\"},"
        "\"emails\":[{\"label\":\"personal\",\"address\":\"ada@example.org\"}],"
        "\"phones\":[{\"label\":\"mobile\",\"country\":\"GB\",\"number\":\"07700 900123\"}],"
        "\"addresses\":[{\"label\":\"shipping\",\"lines\":[\"12 Example Street\"],"
        "\"city\":\"London\",\"postal_code\":\"SW1A 1AA\",\"country\":\"GB\"}]}}",
        id, label);
}

static HostProcess *start_host(Fixture *f, GSpawnChildSetupFunc setup, gpointer data)
{
    const char *env[] = {f->db_env, NULL};
    const char *args[] = {HOST_PROCESS_CHROMIUM_CALLER, NULL};
    return host_process_start_full(args, env, setup, data);
}

/* Puts @count personas into the store through one host. */
static void seed_store(Fixture *f, int count)
{
    g_autoptr(HostProcess) host = start_host(f, NULL, NULL);
    for (int i = 0; i < count; i++) {
        g_autofree char *label = g_strdup_printf("Seed %d", i);
        g_autofree char *request = persona_put_request(i, label);
        g_autoptr(cJSON) reply = host_process_call(host, request);
        g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(reply, "ok")));
    }
    g_assert_cmpint(host_process_finish(host, 10000, NULL), ==, 0);
}

/* ---- kill -9 during an import ---- */

/* A CSV file of @count personas in Keyfill's columns (docs/import-formats.md). */
static char *write_import_file(Fixture *f, int count)
{
    g_autoptr(GString) csv = g_string_new(
        "persona,given,family,email_label,email,phone_label,phone,address_label,line1,city,"
        "postal_code,country\n");
    for (int i = 0; i < count; i++)
        g_string_append_printf(csv,
                               "Imported %d,Ada,Lovelace,personal,ada%d@example.org,mobile,"
                               "07700 900%03d,shipping,%d Example Street,London,SW1A 1AA,GB\n",
                               i, i, i % 1000, i + 1);
    char *path = g_build_filename(f->scratch, "import.csv", NULL);
    g_assert_true(g_file_set_contents(path, csv->str, (gssize)csv->len, NULL));
    return path;
}

/* Starts `keyfill --db @db import --from csv @file`. */
static GPid start_import(const char *db, const char *file)
{
    const char *cli = g_getenv("KEYFILL_CLI");
    g_assert_nonnull(cli);
    const char *argv[] = {cli, "--db", db, "import", "--from", "csv", file, NULL};
    GPid pid;
    g_autoptr(GError) error = NULL;
    g_assert_true(g_spawn_async(NULL, (char **)argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                    G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
    g_assert_no_error(error);
    return pid;
}

/* Copies the store @from (its database and, when there is one, its WAL) to
 * @to. The copy has the same store id, so the same keyring item opens it. */
static void copy_store(const char *from, const char *to)
{
    const char *suffixes[] = {"", "-wal"};
    for (gsize i = 0; i < G_N_ELEMENTS(suffixes); i++) {
        g_autofree char *source = g_strconcat(from, suffixes[i], NULL);
        g_autofree char *target = g_strconcat(to, suffixes[i], NULL);
        g_autofree char *contents = NULL;
        gsize length = 0;
        if (i > 0 && !g_file_test(source, G_FILE_TEST_EXISTS))
            continue;
        g_assert_true(g_file_get_contents(source, &contents, &length, NULL));
        g_assert_true(g_file_set_contents(target, contents, (gssize)length, NULL));
    }
}

/* The import is killed at points spread over its whole run (measured first),
 * each time on a fresh copy of a store holding three personas: afterwards
 * the store opens, passes integrity_check, and holds either none or all of
 * the imported personas. */
static void test_kill_during_import(Fixture *f, gconstpointer data)
{
    const int imported = 150;
    const int seeded = 3;
    seed_store(f, seeded);
    g_autofree char *file = write_import_file(f, imported);

    /* How long an import takes here. */
    g_autofree char *timing_db = g_build_filename(f->scratch, "timing.db", NULL);
    copy_store(f->db, timing_db);
    gint64 start = g_get_monotonic_time();
    GPid timing = start_import(timing_db, file);
    int status;
    g_assert_cmpint(waitpid(timing, &status, 0), ==, timing);
    gint64 duration = g_get_monotonic_time() - start;
    g_assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    g_assert_cmpint(check_store(timing_db), ==, seeded + imported);

    int rounds = fault_rounds();
    int killed = 0, finished = 0, none = 0, all = 0;
    for (int round = 0; round < rounds; round++) {
        g_autofree char *db = g_strdup_printf("%s/round-%d.db", f->scratch, round);
        copy_store(f->db, db);
        GPid pid = start_import(db, file);
        /* Spread the kills from the start to a little past the end. */
        g_usleep((gulong)(duration * 1.1 * round / rounds));
        if (waitpid(pid, &status, WNOHANG) == pid) {
            finished++;
        } else {
            kill(pid, SIGKILL);
            g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
            killed++;
        }
        g_spawn_close_pid(pid);
        gint64 personas = check_store(db);
        if (personas == seeded)
            none++;
        else if (personas == seeded + imported)
            all++;
        else
            g_error("round %d: %" G_GINT64_FORMAT " personas: a half-applied import", round,
                    personas);
    }
    g_test_message("faults: import of %d personas (%.0f ms) killed %d times, finished %d times; "
                   "afterwards none imported %d, all imported %d, half-applied 0, "
                   "integrity failures 0",
                   imported, duration / 1000.0, killed, finished, none, all);
    g_assert_cmpint(killed, >, 0);
}

/* ---- many hosts at once ---- */

/* @hosts host processes each put @per_host personas, all pipelined at once,
 * on one store (fresh, or seeded first): every put is acknowledged, none
 * meets a busy database, and the store then holds them all. */
static void run_concurrent(Fixture *f, int hosts, int per_host, gboolean fresh)
{
    int seeded = fresh ? 0 : 1;
    if (!fresh)
        seed_store(f, seeded);
    g_autoptr(GPtrArray) processes = g_ptr_array_new_with_free_func((GDestroyNotify)host_process_free);
    for (int h = 0; h < hosts; h++)
        g_ptr_array_add(processes, start_host(f, NULL, NULL));
    for (int h = 0; h < hosts; h++) {
        for (int i = 0; i < per_host; i++) {
            g_autofree char *label = g_strdup_printf("Host %d persona %d", h, i);
            g_autofree char *request = persona_put_request(h * 1000 + i, label);
            host_process_send(processes->pdata[h], request);
        }
    }
    int acknowledged = 0;
    for (int h = 0; h < hosts; h++) {
        for (int i = 0; i < per_host; i++) {
            g_autofree char *text = host_process_receive(processes->pdata[h]);
            g_assert_nonnull(text);
            g_autoptr(cJSON) reply = cJSON_Parse(text);
            if (!cJSON_IsTrue(cJSON_GetObjectItem(reply, "ok")))
                g_error("host %d, request %d: %s", h, i, text);
            acknowledged++;
        }
    }
    for (int h = 0; h < hosts; h++)
        g_assert_cmpint(host_process_finish(processes->pdata[h], 10000, NULL), ==, 0);
    gint64 personas = check_store(f->db);
    g_assert_cmpint(personas, ==, seeded + hosts * per_host);
    g_test_message("faults: %d hosts on one %s store, %d writes each: %d acknowledged, "
                   "%" G_GINT64_FORMAT " stored, 0 lost, 0 busy",
                   hosts, fresh ? "new" : "existing", per_host, acknowledged, personas - seeded);
}

static void test_two_hosts(Fixture *f, gconstpointer data)
{
    run_concurrent(f, 2, 20, FALSE);
}

static void test_eight_hosts(Fixture *f, gconstpointer data)
{
    run_concurrent(f, 8, 20, FALSE);
}

/* Eight hosts opening a store that does not exist yet: one creates the
 * store and its key, the others wait and use them. */
static void test_eight_hosts_new_store(Fixture *f, gconstpointer data)
{
    run_concurrent(f, 8, 5, TRUE);
}

/* ---- audit appends under kill -9 and concurrency ---- */

/* A consent.card request: one consent change and its audit entry, written in
 * one transaction. */
static char *card_setting_request(gint64 id, int host, gboolean ask)
{
    return g_strdup_printf("{\"id\":%" G_GINT64_FORMAT ",\"type\":\"consent.card\","
                           "\"card_id\":\"c%04d\",\"ask_each_time\":%s}",
                           id, host, ask ? "true" : "false");
}

/* Counts the replies a killed host managed to write: every one must be a
 * success. */
static int count_acknowledged(HostProcess *host)
{
    int acknowledged = 0;
    char *text;
    while ((text = host_process_receive(host)) != NULL) {
        g_autoptr(cJSON) reply = cJSON_Parse(text);
        if (!cJSON_IsTrue(cJSON_GetObjectItem(reply, "ok")))
            g_error("a consent change failed: %s", text);
        g_free(text);
        acknowledged++;
    }
    return acknowledged;
}

/* A host making consent changes is killed at points spread over its work:
 * afterwards the chain verifies, and the log holds every acknowledged
 * change (and at most the one being acknowledged when the kill came). */
static void test_kill_during_audit_appends(Fixture *f, gconstpointer data)
{
    const int writes = 120;
    seed_store(f, 1);
    gint64 entries = 0;
    check_store_audit(f->db, &entries);

    /* How long the writes take here. */
    gint64 start = g_get_monotonic_time();
    {
        g_autoptr(HostProcess) host = start_host(f, NULL, NULL);
        for (int i = 0; i < writes; i++) {
            g_autofree char *request = card_setting_request(i, 0, i % 2 == 0);
            host_process_send(host, request);
        }
        g_assert_cmpint(host_process_finish(host, 60000, NULL), ==, 0);
        g_assert_cmpint(count_acknowledged(host), ==, writes);
    }
    gint64 duration = g_get_monotonic_time() - start;
    gint64 after = 0;
    check_store_audit(f->db, &after);
    g_assert_cmpint(after - entries, ==, writes);
    entries = after;

    int rounds = fault_rounds();
    int total_acknowledged = 0, unacknowledged_kept = 0;
    for (int round = 0; round < rounds; round++) {
        g_autoptr(HostProcess) host = start_host(f, NULL, NULL);
        for (int i = 0; i < writes; i++) {
            g_autofree char *request = card_setting_request(i, round + 1, i % 2 == 0);
            host_process_send(host, request);
        }
        g_usleep((gulong)(duration * 0.9 * (round + 1) / rounds));
        kill(host_process_pid(host), SIGKILL);
        host_process_finish(host, 10000, NULL);
        int acknowledged = count_acknowledged(host);
        check_store_audit(f->db, &after);
        gint64 written = after - entries;
        if (written != acknowledged && written != acknowledged + 1)
            g_error("round %d: %d changes acknowledged, %" G_GINT64_FORMAT
                    " audit entries written",
                    round, acknowledged, written);
        total_acknowledged += acknowledged;
        unacknowledged_kept += (int)(written - acknowledged);
        entries = after;
    }
    g_test_message("faults: a host writing %d consent changes (%.0f ms) killed %d times; "
                   "%d acknowledged changes all in the audit log (0 lost), %d committed "
                   "just before a kill, chain intact every time",
                   writes, duration / 1000.0, rounds, total_acknowledged, unacknowledged_kept);
}

/* @hosts hosts each make @per_host consent changes at once: all are
 * acknowledged, and the audit log gains exactly one entry for each. */
static void run_concurrent_audit(Fixture *f, int hosts, int per_host)
{
    seed_store(f, 1);
    gint64 before = 0;
    check_store_audit(f->db, &before);
    g_autoptr(GPtrArray) processes = g_ptr_array_new_with_free_func((GDestroyNotify)host_process_free);
    for (int h = 0; h < hosts; h++)
        g_ptr_array_add(processes, start_host(f, NULL, NULL));
    for (int i = 0; i < per_host; i++) {
        for (int h = 0; h < hosts; h++) {
            g_autofree char *request = card_setting_request(i, h, i % 2 == 0);
            host_process_send(processes->pdata[h], request);
        }
    }
    int acknowledged = 0;
    for (int h = 0; h < hosts; h++) {
        g_assert_cmpint(host_process_finish(processes->pdata[h], 60000, NULL), ==, 0);
        acknowledged += count_acknowledged(processes->pdata[h]);
    }
    g_assert_cmpint(acknowledged, ==, hosts * per_host);
    gint64 after = 0;
    check_store_audit(f->db, &after);
    g_assert_cmpint(after - before, ==, hosts * per_host);
    g_test_message("faults: %d hosts making %d consent changes each at once: %d acknowledged, "
                   "%" G_GINT64_FORMAT " audit entries added, 0 lost, chain intact",
                   hosts, per_host, acknowledged, after - before);
}

static void test_two_hosts_audit(Fixture *f, gconstpointer data)
{
    run_concurrent_audit(f, 2, 50);
}

static void test_eight_hosts_audit(Fixture *f, gconstpointer data)
{
    run_concurrent_audit(f, 8, 25);
}

/* ---- kill -9 during consent answers ---- */

/* A checkout form on the https site given by a %s: contact fields and a
 * shipping address, as fill.plan and consent.answer send them (descriptors
 * and their classification). Four groups to ask: name, email, phone and
 * shipping_address. */
#define ANSWER_FORM                                                                                \
    "\"origin\":\"%s\",\"fields\":[{\"index\":0,\"type\":\"text\"},"                               \
    "{\"index\":1,\"type\":\"text\"},{\"index\":2,\"type\":\"email\"},"                            \
    "{\"index\":3,\"type\":\"tel\"},{\"index\":4,\"type\":\"text\"},"                              \
    "{\"index\":5,\"type\":\"text\"}],\"classified\":["                                            \
    "{\"index\":0,\"type\":\"given-name\",\"section\":\"contact\"},"                               \
    "{\"index\":1,\"type\":\"family-name\",\"section\":\"contact\"},"                              \
    "{\"index\":2,\"type\":\"email\",\"section\":\"contact\"},"                                    \
    "{\"index\":3,\"type\":\"tel\",\"section\":\"contact\"},"                                      \
    "{\"index\":4,\"type\":\"street-address\",\"section\":\"shipping\"},"                          \
    "{\"index\":5,\"type\":\"postal-code\",\"section\":\"shipping\"}]"
#define ANSWER_FIELDS 6
#define ANSWER_QUESTIONS 8 /* answered by one host in one round */

/* The site of question @question of round @round: each its own, so that
 * each answer stores a decision of its own. */
static char *answer_site(int round, int question)
{
    return g_strdup_printf("https://r%d-q%d.example", round, question);
}

/* fill.plan for values on @site: with no stored decision it stores a
 * question and returns its request id (g_free). */
static char *ask_question(HostProcess *host, gint64 id, const char *site)
{
    g_autoptr(cJSON) reply = host_process_callf(
        host, "{\"id\":%" G_GINT64_FORMAT ",\"type\":\"fill.plan\"," ANSWER_FORM "}", id, site);
    const cJSON *consent = cJSON_GetObjectItem(host_process_result(reply), "consent");
    const char *request_id = cJSON_GetStringValue(cJSON_GetObjectItem(consent, "request_id"));
    g_assert_nonnull(request_id);
    return g_strdup(request_id);
}

/* consent.answer from @site with the fill inputs resent, allowing the name
 * always (a stored decision) and the other groups once: the question used
 * up, the decision, two consent_grant entries and the release entry. */
static char *answer_request(gint64 id, const char *request_id, const char *site)
{
    return g_strdup_printf(
        "{\"id\":%" G_GINT64_FORMAT ",\"type\":\"consent.answer\",\"request_id\":\"%s\","
        "\"choices\":[{\"group\":\"name\",\"decision\":\"always_allow\"},"
        "{\"group\":\"email\",\"decision\":\"allow_once\"},"
        "{\"group\":\"phone\",\"decision\":\"allow_once\"},"
        "{\"group\":\"shipping_address\",\"decision\":\"allow_once\"}]," ANSWER_FORM "}",
        id, request_id, site);
}

/* What the store @db holds of consent answers: questions answered, stored
 * decisions, and "consent_grant" and "release" audit entries. Opens it as a
 * new process would, after check_store_audit() vouched for it. */
typedef struct {
    gint64 answered;
    gint64 decisions;
    gint64 grants;
    gint64 releases;
} AnswerCounts;

static gint64 count_rows(Store *store, const char *sql)
{
    sqlite3_stmt *statement = NULL;
    g_assert_cmpint(sqlite3_prepare_v2(store_db(store), sql, -1, &statement, NULL), ==, SQLITE_OK);
    g_assert_cmpint(sqlite3_step(statement), ==, SQLITE_ROW);
    gint64 count = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    return count;
}

static AnswerCounts count_answers(const char *db)
{
    check_store_audit(db, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(Store) store = store_open(db, &error);
    g_assert_no_error(error);
    return (AnswerCounts){
        count_rows(store, "SELECT count(*) FROM consent_requests WHERE answered IS NOT NULL"),
        count_rows(store, "SELECT count(*) FROM consents"),
        count_rows(store, "SELECT count(*) FROM audit_log WHERE kind = 'consent_grant'"),
        count_rows(store, "SELECT count(*) FROM audit_log WHERE kind = 'release'"),
    };
}

/* Replies of a killed host: every one a success that released all values
 * of the form. Returns how many came. */
static int count_released(HostProcess *host)
{
    int released = 0;
    char *text;
    while ((text = host_process_receive(host)) != NULL) {
        g_autoptr(cJSON) reply = cJSON_Parse(text);
        const cJSON *fill = cJSON_GetObjectItem(cJSON_GetObjectItem(reply, "result"), "fill");
        if (cJSON_GetArraySize(fill) != ANSWER_FIELDS)
            g_error("an answer did not release the form: %s", text);
        g_free(text);
        released++;
    }
    return released;
}

/* Checks that the answers between @before and @after are whole: each
 * question used up has its stored decision, its two consent_grant entries
 * and its release entry. Returns the number of questions used up. */
static gint64 assert_whole_answers(const AnswerCounts *before, const AnswerCounts *after, int round)
{
    gint64 answered = after->answered - before->answered;
    gint64 decisions = after->decisions - before->decisions;
    gint64 grants = after->grants - before->grants;
    gint64 releases = after->releases - before->releases;
    if (decisions != answered || grants != 2 * answered || releases != answered)
        g_error("round %d: %" G_GINT64_FORMAT " questions used up, %" G_GINT64_FORMAT
                " decisions stored, %" G_GINT64_FORMAT " consent_grant and %" G_GINT64_FORMAT
                " release entries: a half-applied answer",
                round, answered, decisions, grants, releases);
    return answered;
}

/* Asks ANSWER_QUESTIONS questions of round @round, each on its own site,
 * through @host (request ids from *@request); fills @ids and @sites. */
static void ask_round(HostProcess *host, int round, gint64 *request, char **ids, char **sites)
{
    for (int q = 0; q < ANSWER_QUESTIONS; q++) {
        sites[q] = answer_site(round, q);
        ids[q] = ask_question(host, (*request)++, sites[q]);
    }
}

/* Sends the answers to @ids, pipelined. */
static void send_answers(HostProcess *host, gint64 *request, char **ids, char **sites)
{
    for (int q = 0; q < ANSWER_QUESTIONS; q++) {
        g_autofree char *text = answer_request((*request)++, ids[q], sites[q]);
        host_process_send(host, text);
    }
}

static void free_round(char **ids, char **sites)
{
    for (int q = 0; q < ANSWER_QUESTIONS; q++) {
        g_clear_pointer(&ids[q], g_free);
        g_clear_pointer(&sites[q], g_free);
    }
}

/* A host answering ANSWER_QUESTIONS consent questions (pipelined; each
 * answer is the question used up, a stored decision, two consent_grant
 * entries and the release entry) is killed at points spread over its work.
 * Afterwards the store passes integrity_check and the chain verifies; every
 * question is either wholly answered or not at all; every answer whose
 * values reached the caller is in the log; and replaying every question in
 * a new host answers each at most once in total. */
static void test_kill_during_consent_answers(Fixture *f, gconstpointer data)
{
    seed_store(f, 1);
    char *ids[ANSWER_QUESTIONS] = {NULL};
    char *sites[ANSWER_QUESTIONS] = {NULL};
    gint64 request = 0;

    /* How long the answers take here. */
    AnswerCounts before = count_answers(f->db);
    gint64 duration;
    {
        g_autoptr(HostProcess) host = start_host(f, NULL, NULL);
        ask_round(host, 0, &request, ids, sites);
        gint64 start = g_get_monotonic_time();
        send_answers(host, &request, ids, sites);
        g_assert_cmpint(host_process_finish(host, 60000, NULL), ==, 0);
        duration = g_get_monotonic_time() - start;
        g_assert_cmpint(count_released(host), ==, ANSWER_QUESTIONS);
        free_round(ids, sites);
    }
    AnswerCounts after = count_answers(f->db);
    g_assert_cmpint(assert_whole_answers(&before, &after, 0), ==, ANSWER_QUESTIONS);
    before = after;

    int rounds = fault_rounds();
    int total_released = 0, committed_unacknowledged = 0, replay_refused = 0, replay_answered = 0;
    for (int round = 1; round <= rounds; round++) {
        {
            g_autoptr(HostProcess) host = start_host(f, NULL, NULL);
            ask_round(host, round, &request, ids, sites);
            send_answers(host, &request, ids, sites);
            g_usleep((gulong)(duration * 1.1 * round / rounds));
            kill(host_process_pid(host), SIGKILL);
            host_process_finish(host, 10000, NULL);
            int released = count_released(host);
            after = count_answers(f->db);
            gint64 answered = assert_whole_answers(&before, &after, round);
            if (answered != released && answered != released + 1)
                g_error("round %d: %d answers released values, %" G_GINT64_FORMAT
                        " questions used up",
                        round, released, answered);
            total_released += released;
            committed_unacknowledged += (int)(answered - released);
        }

        /* Replay every question of the round in a new host: the answered
         * ones are refused, the others answered now, then all refused. */
        g_autoptr(HostProcess) replay = start_host(f, NULL, NULL);
        for (int pass = 0; pass < 2; pass++) {
            for (int q = 0; q < ANSWER_QUESTIONS; q++) {
                g_autofree char *text = answer_request(request++, ids[q], sites[q]);
                g_autoptr(cJSON) reply = host_process_call(replay, text);
                if (cJSON_IsTrue(cJSON_GetObjectItem(reply, "ok"))) {
                    g_assert_cmpint(pass, ==, 0);
                    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(
                                        cJSON_GetObjectItem(reply, "result"), "fill")),
                                    ==, ANSWER_FIELDS);
                    replay_answered++;
                    continue;
                }
                host_process_assert_error(reply, "consent_request_used");
                replay_refused += pass == 0;
            }
        }
        g_assert_cmpint(host_process_finish(replay, 10000, NULL), ==, 0);
        free_round(ids, sites);
        after = count_answers(f->db);
        g_assert_cmpint(assert_whole_answers(&before, &after, round), ==, ANSWER_QUESTIONS);
        before = after;
    }
    g_test_message("faults: a host answering %d consent questions (%.0f ms) killed %d times; "
                   "%d answers released values, all audited (0 lost), %d committed just before "
                   "a kill; replayed afterwards: %d refused as used, %d answered then, "
                   "0 answered twice, half-applied 0, chain intact every time",
                   ANSWER_QUESTIONS, duration / 1000.0, rounds, total_released,
                   committed_unacknowledged, replay_refused, replay_answered);
}

/* ---- full disk, read-only store ---- */

/* Size of the store's files: the database and its WAL. */
static goffset store_bytes(const char *db)
{
    goffset total = 0;
    const char *suffixes[] = {"", "-wal", "-shm"};
    for (gsize i = 0; i < G_N_ELEMENTS(suffixes); i++) {
        g_autofree char *path = g_strconcat(db, suffixes[i], NULL);
        GStatBuf info;
        if (g_stat(path, &info) == 0)
            total = MAX(total, (goffset)info.st_size);
    }
    return total;
}

/* Child setup: no file may grow past the size in @data, and going past it
 * fails the write (EFBIG) instead of killing the process. */
static void limit_file_size(gpointer data)
{
    rlim_t limit = (rlim_t)GPOINTER_TO_SIZE(data);
    struct rlimit fsize = {limit, limit};
    signal(SIGXFSZ, SIG_IGN);
    if (setrlimit(RLIMIT_FSIZE, &fsize) != 0)
        _exit(99);
}

/* Asserts @reply is an error a user can act on; returns "code: message"
 * (g_free) for the figures. */
static char *assert_clear_error(const cJSON *reply)
{
    g_assert_true(cJSON_IsFalse(cJSON_GetObjectItem(reply, "ok")));
    const cJSON *error = cJSON_GetObjectItem(reply, "error");
    const char *code = cJSON_GetStringValue(cJSON_GetObjectItem(error, "code"));
    const char *message = cJSON_GetStringValue(cJSON_GetObjectItem(error, "message"));
    g_assert_nonnull(code);
    g_assert_cmpstr(code, !=, "internal");
    g_assert_nonnull(message);
    g_assert_cmpuint(strlen(message), >, 20);
    return g_strdup_printf("%s: %s", code, message);
}

/* The disk fills while the host writes: each write either succeeds or gets a
 * clear error, the host keeps serving, and afterwards every acknowledged
 * persona is there and the store is intact. */
static void test_disk_full(Fixture *f, gconstpointer data)
{
    const int seeded = 2;
    seed_store(f, seeded);
    goffset room = store_bytes(f->db) + 48 * 1024;
    g_autoptr(HostProcess) host = start_host(f, limit_file_size, GSIZE_TO_POINTER((gsize)room));
    int acknowledged = 0, refused = 0;
    g_autofree char *outcome = NULL;
    for (int i = 0; i < 150 && refused < 3; i++) {
        g_autofree char *label = g_strdup_printf("Full disk %d", i);
        g_autofree char *request = persona_put_request(i, label);
        g_autoptr(cJSON) reply = host_process_call(host, request);
        if (cJSON_IsTrue(cJSON_GetObjectItem(reply, "ok"))) {
            acknowledged++;
            continue;
        }
        g_free(outcome);
        outcome = assert_clear_error(reply);
        refused++;
        /* Still serving. */
        g_autoptr(cJSON) hello = host_process_call(host, "{\"id\":0,\"type\":\"hello\"}");
        g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(hello, "ok")));
    }
    g_assert_cmpint(refused, >, 0);
    g_assert_cmpint(host_process_finish(host, 10000, NULL), ==, 0);

    g_assert_cmpint(check_store(f->db), ==, seeded + acknowledged);
    g_test_message("faults: disk full after %d writes: %d refused (%s), 0 lost", acknowledged,
                   refused, outcome);
}

/* The store's folder and files lose write permission (and the host its
 * capabilities, so that root meets them too): reads work or fail clearly,
 * writes fail clearly, and nothing is lost. */
static void test_read_only_store(Fixture *f, gconstpointer data)
{
    const int seeded = 2;
    seed_store(f, seeded);
    const char *suffixes[] = {"", "-wal", "-shm"};
    for (gsize i = 0; i < G_N_ELEMENTS(suffixes); i++) {
        g_autofree char *path = g_strconcat(f->db, suffixes[i], NULL);
        g_chmod(path, 0400);
    }
    g_assert_cmpint(g_chmod(f->scratch, 0500), ==, 0);

    g_autoptr(HostProcess) host = start_host(f, privileges_drop_all, NULL);
    g_autoptr(cJSON) list = host_process_call(host, "{\"id\":1,\"type\":\"persona.list\"}");
    g_autofree char *list_outcome = NULL;
    if (cJSON_IsTrue(cJSON_GetObjectItem(list, "ok")))
        g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(
                            cJSON_GetObjectItem(list, "result"), "personas")),
                        ==, seeded);
    else
        list_outcome = assert_clear_error(list);
    g_autofree char *request = persona_put_request(2, "Read-only");
    g_autoptr(cJSON) put = host_process_call(host, request);
    g_autofree char *put_outcome = assert_clear_error(put);
    g_autoptr(cJSON) hello = host_process_call(host, "{\"id\":3,\"type\":\"hello\"}");
    g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(hello, "ok")));
    g_assert_cmpint(host_process_finish(host, 10000, NULL), ==, 0);

    g_assert_cmpint(g_chmod(f->scratch, 0700), ==, 0);
    for (gsize i = 0; i < G_N_ELEMENTS(suffixes); i++) {
        g_autofree char *path = g_strconcat(f->db, suffixes[i], NULL);
        g_chmod(path, 0600);
    }
    g_assert_cmpint(check_store(f->db), ==, seeded);
    g_test_message("faults: read-only store: list %s, put refused (%s), 0 lost",
                   list_outcome != NULL ? list_outcome : "answered", put_outcome);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
    ADD("/faults/kill-during-import", test_kill_during_import);
    ADD("/faults/two-hosts", test_two_hosts);
    ADD("/faults/eight-hosts", test_eight_hosts);
    ADD("/faults/eight-hosts-new-store", test_eight_hosts_new_store);
    ADD("/faults/kill-during-audit-appends", test_kill_during_audit_appends);
    ADD("/faults/kill-during-consent-answers", test_kill_during_consent_answers);
    ADD("/faults/two-hosts-audit", test_two_hosts_audit);
    ADD("/faults/eight-hosts-audit", test_eight_hosts_audit);
    ADD("/faults/disk-full", test_disk_full);
    ADD("/faults/read-only-store", test_read_only_store);
#undef ADD
    return g_test_run();
}
