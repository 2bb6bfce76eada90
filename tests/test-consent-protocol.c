/*
 * test-consent-protocol.c — consent and audit through the real binaries:
 * keyfill-host over pipes (consent.answer, consent.list, consent.revoke,
 * audit.list, audit.export, audit.verify) and the keyfill tool (consent
 * list/revoke, audit list/export/verify), on a real store in a scratch
 * folder with the real keyring of tests/with-keyring.
 *
 * Questions are put the way fill.plan puts them — consent_check() and
 * consent_request_save() on the same store, here from the test process —
 * so every answer crosses a process boundary, as when the browser starts a
 * new host for each message. Tampering uses the sqlite3 command-line tool.
 */
#include "audit-trail.h"
#include "store-fixture.h"
#include "host-process.h"

#include "consentrequest.h"
#include "store.h"

#include <string.h>

#define SITE "https://shop.example"
#define PERSONA "0123456789abcdef"

typedef StoreFixture Fixture;

/* "KEYFILL_DB=<path>": the child processes use the fixture's store. */
static char *env_db(const Fixture *fixture)
{
    return g_strconcat("KEYFILL_DB=", fixture->path, NULL);
}

static HostProcess *start_host(Fixture *fixture)
{
    g_autofree char *db = env_db(fixture);
    const char *env[] = {db, NULL};
    return host_process_start_chromium(env);
}

/* One request to a fresh host process; returns the parsed reply. */
static cJSON *call(Fixture *fixture, const char *format, ...) G_GNUC_PRINTF(2, 3);
static cJSON *call(Fixture *fixture, const char *format, ...)
{
    g_autoptr(HostProcess) host = start_host(fixture);
    va_list args;
    va_start(args, format);
    cJSON *reply = host_process_callv(host, format, args);
    va_end(args);
    g_assert_cmpint(host_process_finish(host, 5000, NULL), ==, 0);
    return reply;
}

/* What fill.plan does for a site without permission: check, then ask. */
static char *ask(Fixture *fixture, const char *group, gint ttl)
{
    g_autoptr(GError) error = NULL;
    const char *groups[] = {group, NULL};
    g_autoptr(ConsentCheck) check = consent_check(fixture->store, SITE, PERSONA, groups, &error);
    g_assert_no_error(error);
    g_assert_true(consent_check_needs_request(check));
    g_autoptr(ConsentRequest) request = consent_request_new(SITE, PERSONA, &error);
    g_assert_true(consent_request_add_frame(request, SITE, &error));
    g_assert_true(consent_request_add_field(request, group, 2, &error));
    g_assert_true(consent_request_add_field(request, group, 5, &error));
    g_assert_true(consent_request_save(fixture->store, request, ttl, &error));
    g_assert_no_error(error);
    return g_strdup(request->id);
}

static ConsentVerdict verdict(Fixture *fixture, const char *group)
{
    g_autoptr(GError) error = NULL;
    const char *groups[] = {group, NULL};
    g_autoptr(ConsentCheck) check = consent_check(fixture->store, SITE, PERSONA, groups, &error);
    g_assert_no_error(error);
    return consent_check_verdict(check, group);
}

static cJSON *answer(Fixture *fixture, const char *id, const char *origin, const char *group,
                     const char *decision)
{
    return call(fixture,
                "{\"id\":1,\"type\":\"consent.answer\",\"request_id\":\"%s\",\"origin\":\"%s\","
                "\"choices\":[{\"group\":\"%s\",\"decision\":\"%s\"}]}",
                id, origin, group, decision);
}

/* The audit kinds/decisions newest first, as listed by the host. */
static char *audit_kinds(Fixture *fixture)
{
    g_autoptr(cJSON) reply = call(fixture, "{\"id\":1,\"type\":\"audit.list\",\"limit\":500}");
    return audit_trail(cJSON_GetObjectItem(host_process_result(reply), "entries"));
}

static void test_flow(Fixture *fixture, gconstpointer data)
{
    /* ask → allow once → ask again next time */
    g_autofree char *once = ask(fixture, "name", 0);
    g_autoptr(cJSON) allowed =
        answer(fixture, once, "https://Shop.example:443", "name", "allow_once");
    const cJSON *result = host_process_result(allowed);
    g_assert_cmpstr(cJSON_GetObjectItem(result, "site")->valuestring, ==, SITE);
    const cJSON *granted = cJSON_GetArrayItem(cJSON_GetObjectItem(result, "allowed"), 0);
    g_assert_cmpstr(cJSON_GetObjectItem(granted, "group")->valuestring, ==, "name");
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(granted, "fields")), ==, 2);
    g_assert_cmpint(verdict(fixture, "name"), ==, CONSENT_VERDICT_ASK);

    /* the same id again, and another site's answer */
    g_autoptr(cJSON) replay = answer(fixture, once, SITE, "name", "allow_once");
    host_process_assert_error(replay, "consent_request_used");
    g_autofree char *always = ask(fixture, "email", 0);
    g_autoptr(cJSON) elsewhere =
        answer(fixture, always, "https://evil.example", "email", "always_allow");
    host_process_assert_error(elsewhere, "consent_request_wrong_site");

    /* always → no ask */
    g_autoptr(cJSON) stored = answer(fixture, always, SITE, "email", "always_allow");
    host_process_result(stored);
    g_assert_cmpint(verdict(fixture, "email"), ==, CONSENT_VERDICT_ALLOWED);

    /* deny → asks again; always deny → stops asking */
    g_autofree char *deny = ask(fixture, "phone", 0);
    g_autoptr(cJSON) denied = answer(fixture, deny, SITE, "phone", "deny");
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(host_process_result(denied), "allowed")),
                    ==, 0);
    g_assert_cmpint(verdict(fixture, "phone"), ==, CONSENT_VERDICT_ASK);
    g_autofree char *never = ask(fixture, "phone", 0);
    g_autoptr(cJSON) never_reply = answer(fixture, never, SITE, "phone", "always_deny");
    host_process_result(never_reply);
    g_assert_cmpint(verdict(fixture, "phone"), ==, CONSENT_VERDICT_DENIED);

    /* revoke → asks again */
    g_autoptr(cJSON) list =
        call(fixture, "{\"id\":1,\"type\":\"consent.list\",\"site\":\"%s\"}", SITE);
    const cJSON *consents = cJSON_GetObjectItem(host_process_result(list), "consents");
    g_assert_cmpint(cJSON_GetArraySize(consents), ==, 2);
    const cJSON *email = cJSON_GetArrayItem(consents, 0);
    g_assert_cmpstr(cJSON_GetObjectItem(email, "group")->valuestring, ==, "email");
    g_autoptr(cJSON) revoked =
        call(fixture, "{\"id\":1,\"type\":\"consent.revoke\",\"consent_id\":%d}",
             cJSON_GetObjectItem(email, "id")->valueint);
    g_assert_cmpint(cJSON_GetObjectItem(host_process_result(revoked), "revoked")->valueint, ==, 1);
    g_assert_cmpint(verdict(fixture, "email"), ==, CONSENT_VERDICT_ASK);
    g_autoptr(cJSON) revoke_site =
        call(fixture, "{\"id\":1,\"type\":\"consent.revoke\",\"site\":\"%s\",\"all\":true}", SITE);
    g_assert_cmpint(cJSON_GetObjectItem(host_process_result(revoke_site), "revoked")->valueint, ==,
                    1);
    g_assert_cmpint(verdict(fixture, "phone"), ==, CONSENT_VERDICT_ASK);
    g_autoptr(cJSON) nothing_left =
        call(fixture, "{\"id\":1,\"type\":\"consent.revoke\",\"site\":\"%s\",\"all\":true}", SITE);
    host_process_assert_error(nothing_left, "consent_not_found");

    /* a stored consent that expires, and a question answered too late */
    g_autofree char *brief = ask(fixture, "birthday", 0);
    g_autoptr(cJSON) brief_reply = call(
        fixture,
        "{\"id\":1,\"type\":\"consent.answer\",\"request_id\":\"%s\",\"origin\":\"%s\","
        "\"choices\":[{\"group\":\"birthday\",\"decision\":\"always_allow\"}],\"expires_in\":1}",
        brief, SITE);
    host_process_result(brief_reply);
    g_assert_cmpint(verdict(fixture, "birthday"), ==, CONSENT_VERDICT_ALLOWED);
    g_autofree char *late = ask(fixture, "name", 1);
    g_usleep(1100 * 1000);
    g_assert_cmpint(verdict(fixture, "birthday"), ==, CONSENT_VERDICT_ASK);
    g_autoptr(cJSON) too_late = answer(fixture, late, SITE, "name", "allow_once");
    host_process_assert_error(too_late, "consent_request_expired");

    /* every step, newest first */
    g_autofree char *kinds = audit_kinds(fixture);
    g_assert_cmpstr(kinds, ==,
                    "consent_expire/always_allow consent_grant/always_allow "
                    "consent_revoke/always_deny consent_revoke/always_allow "
                    "denial/always_deny denial/always_deny denial/deny "
                    "consent_grant/always_allow consent_grant/allow_once");
    g_autoptr(cJSON) verified = call(fixture, "{\"id\":1,\"type\":\"audit.verify\"}");
    g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(host_process_result(verified), "intact")));
    g_assert_cmpint(cJSON_GetObjectItem(host_process_result(verified), "entries")->valueint, ==, 9);

    /* filters and export */
    g_autoptr(cJSON) grants =
        call(fixture, "{\"id\":1,\"type\":\"audit.list\",\"kind\":\"consent_grant\",\"limit\":1}");
    const cJSON *page = host_process_result(grants);
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(page, "entries")), ==, 1);
    g_autoptr(cJSON) second = call(
        fixture, "{\"id\":1,\"type\":\"audit.list\",\"kind\":\"consent_grant\",\"cursor\":\"%s\"}",
        cJSON_GetObjectItem(page, "next_cursor")->valuestring);
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(host_process_result(second), "entries")),
                    ==, 2);
    g_autoptr(cJSON) csv = call(fixture, "{\"id\":1,\"type\":\"audit.export\",\"format\":\"csv\","
                                         "\"site\":\"https://shop.example\"}");
    const char *text = cJSON_GetObjectItem(host_process_result(csv), "csv")->valuestring;
    g_assert_true(g_str_has_prefix(text, "seq,time,kind,site,"));
    g_assert_nonnull(strstr(text, ",consent_grant,https://shop.example,https://shop.example,"));
    g_autoptr(cJSON) retention = call(fixture, "{\"id\":1,\"type\":\"audit.retention\"}");
    g_assert_cmpint(cJSON_GetObjectItem(host_process_result(retention), "days")->valueint, ==, 365);
    g_autoptr(cJSON) shorter = call(fixture, "{\"id\":1,\"type\":\"audit.retention\",\"days\":30}");
    g_assert_cmpint(cJSON_GetObjectItem(host_process_result(shorter), "days")->valueint, ==, 30);
    g_autoptr(cJSON) json = call(fixture, "{\"id\":1,\"type\":\"audit.export\",\"format\":\"json\","
                                          "\"limit\":2,\"since\":\"2000-01-01\"}");
    const cJSON *oldest =
        cJSON_GetArrayItem(cJSON_GetObjectItem(host_process_result(json), "entries"), 0);
    g_assert_cmpint(cJSON_GetObjectItem(oldest, "seq")->valueint, ==, 1);
}

/* Bad input gets a clear error and the host keeps serving. */
static const struct {
    const char *request;
    const char *code;
} bad_rows[] = {
    {"{\"type\":\"consent.answer\",\"origin\":\"https://a.example\",\"choices\":[]}",
     "missing_field"},
    {"{\"type\":\"consent.answer\",\"request_id\":\"x\",\"origin\":\"https://a.example/path\","
     "\"choices\":[]}",
     "bad_origin"},
    {"{\"type\":\"consent.answer\",\"request_id\":\"x\",\"origin\":\"https://a.example\","
     "\"choices\":[{\"group\":\"ssn\",\"decision\":\"deny\"}]}",
     "bad_consent_group"},
    {"{\"type\":\"consent.answer\",\"request_id\":\"x\",\"origin\":\"https://a.example\","
     "\"choices\":[{\"group\":\"name\",\"decision\":\"sure\"}]}",
     "bad_consent_decision"},
    {"{\"type\":\"consent.answer\",\"request_id\":\"x\",\"origin\":\"https://a.example\","
     "\"choices\":[7]}",
     "wrong_type"},
    {"{\"type\":\"consent.answer\",\"request_id\":\"x\",\"origin\":\"https://a.example\","
     "\"choices\":[]}",
     "consent_request_unknown"},
    {"{\"type\":\"consent.revoke\"}", "invalid_argument"},
    {"{\"type\":\"consent.revoke\",\"site\":\"https://a.example\"}", "invalid_argument"},
    {"{\"type\":\"consent.list\",\"cursor\":\"abc\"}", "bad_cursor"},
    {"{\"type\":\"audit.list\",\"limit\":501}", "invalid_argument"},
    {"{\"type\":\"audit.list\",\"cursor\":\"-1\"}", "bad_cursor"},
    {"{\"type\":\"audit.list\",\"kind\":\"everything\"}", "invalid_argument"},
    {"{\"type\":\"audit.list\",\"since\":\"last week\"}", "invalid_argument"},
    {"{\"type\":\"audit.list\",\"site\":\"javascript:alert(1)\"}", "bad_origin"},
    {"{\"type\":\"audit.export\",\"format\":\"xml\"}", "invalid_argument"},
    {"{\"type\":\"audit.retention\",\"days\":36501}", "invalid_argument"},
    {"{\"type\":\"consent.card\",\"card_id\":\"c 1\",\"ask_each_time\":false}", "invalid_argument"},
};

static void test_bad_requests(Fixture *fixture, gconstpointer data)
{
    g_autoptr(HostProcess) host = start_host(fixture);
    for (gsize i = 0; i < G_N_ELEMENTS(bad_rows); i++) {
        g_test_message("%s", bad_rows[i].request);
        g_autoptr(cJSON) reply = host_process_call(host, bad_rows[i].request);
        host_process_assert_error(reply, bad_rows[i].code);
    }
    g_autoptr(cJSON) still = host_process_call(host, "{\"id\":1,\"type\":\"audit.verify\"}");
    host_process_result(still);
    g_assert_cmpint(host_process_finish(host, 5000, NULL), ==, 0);
}

/* Runs a program with KEYFILL_DB set; returns its exit status. */
static int run(Fixture *fixture, const char *const *argv, char **out, char **err)
{
    g_auto(GStrv) envp = g_environ_setenv(g_get_environ(), "KEYFILL_DB", fixture->path, TRUE);
    g_autoptr(GError) error = NULL;
    g_autofree char *ignored_out = NULL, *ignored_err = NULL;
    int status = 0;
    /* Output is always captured: stdout belongs to the TAP stream. */
    g_assert_true(g_spawn_sync(NULL, (char **)argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               out != NULL ? out : &ignored_out, err != NULL ? err : &ignored_err,
                               &status, &error));
    g_assert_no_error(error);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int keyfill(Fixture *fixture, const char *a, const char *b, const char *c, const char *d,
                   char **out, char **err)
{
    const char *argv[] = {g_getenv("KEYFILL_CLI"), a, b, c, d, NULL};
    return run(fixture, argv, out, err);
}

static void sqlite3_tool(Fixture *fixture, const char *sql, gboolean expect_success)
{
    const char *argv[] = {"sqlite3", fixture->path, sql, NULL};
    int status = run(fixture, argv, NULL, NULL);
    if (expect_success)
        g_assert_cmpint(status, ==, 0);
    else
        g_assert_cmpint(status, !=, 0);
}

/* A history: ten decisions through one host process. */
static void make_history(Fixture *fixture)
{
    const char *groups[] = {"name", "email", "phone", "shipping_address", "billing_address"};
    g_autoptr(HostProcess) host = start_host(fixture);
    for (gsize i = 0; i < 10; i++) {
        g_autofree char *id = ask(fixture, groups[i % 5], 0);
        g_autofree char *request = g_strdup_printf(
            "{\"id\":1,\"type\":\"consent.answer\",\"request_id\":\"%s\",\"origin\":\"%s\","
            "\"choices\":[{\"group\":\"%s\",\"decision\":\"allow_once\"}]}",
            id, SITE, groups[i % 5]);
        g_autoptr(cJSON) reply = host_process_call(host, request);
        host_process_result(reply);
    }
    g_assert_cmpint(host_process_finish(host, 5000, NULL), ==, 0);
}

static const struct {
    const char *name;
    const char *sql;
    const char *names; /* what keyfill audit verify must say */
} cli_tamper_rows[] = {
    {"edit", "UPDATE audit_log SET site = 'https://evil.example' WHERE seq = 4", "#4 "},
    {"delete", "DELETE FROM audit_log WHERE seq = 6", "#6 "},
    {"reorder",
     "UPDATE audit_log SET seq = 100 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3;"
     "UPDATE audit_log SET seq = 3 WHERE seq = 100",
     "#2 "},
    {"truncate", "DELETE FROM audit_log WHERE seq > 8", "#9 "},
};

static void test_cli_tamper(Fixture *fixture, gconstpointer data)
{
    gsize row = GPOINTER_TO_SIZE(data);
    make_history(fixture);
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint(keyfill(fixture, "audit", "verify", NULL, NULL, &out, &err), ==, 0);
    g_assert_nonnull(strstr(out, "intact: 10 entries"));

    /* The triggers refuse the change as long as they are there... */
    sqlite3_tool(fixture, cli_tamper_rows[row].sql, FALSE);
    g_autofree char *still_out = NULL;
    g_assert_cmpint(keyfill(fixture, "audit", "verify", NULL, NULL, &still_out, NULL), ==, 0);

    /* ...and someone who drops them is caught by the chain. */
    g_autofree char *sql = g_strconcat("DROP TRIGGER audit_log_no_update;"
                                       "DROP TRIGGER audit_log_no_delete;",
                                       cli_tamper_rows[row].sql, NULL);
    sqlite3_tool(fixture, sql, TRUE);
    g_autofree char *bad_out = NULL, *bad_err = NULL;
    g_assert_cmpint(keyfill(fixture, "audit", "verify", NULL, NULL, &bad_out, &bad_err), ==, 3);
    g_test_message("%s", bad_err);
    g_assert_nonnull(strstr(bad_err, cli_tamper_rows[row].names));
    g_autoptr(cJSON) reply = call(fixture, "{\"id\":1,\"type\":\"audit.verify\"}");
    g_assert_true(cJSON_IsFalse(cJSON_GetObjectItem(host_process_result(reply), "intact")));
}

static void test_cli(Fixture *fixture, gconstpointer data)
{
    make_history(fixture);
    g_autofree char *id = ask(fixture, "birthday", 0);
    g_autoptr(cJSON) reply = answer(fixture, id, SITE, "birthday", "always_allow");
    host_process_result(reply);

    g_autofree char *list = NULL;
    g_assert_cmpint(keyfill(fixture, "audit", "list", "--kind", "consent_grant", &list, NULL), ==,
                    0);
    g_assert_nonnull(strstr(list, "#11 "));
    g_assert_nonnull(strstr(list, "groups=birthday"));
    g_autofree char *json = NULL;
    g_assert_cmpint(keyfill(fixture, "audit", "list", "--json", "--site=" SITE, &json, NULL), ==,
                    0);
    g_autoptr(cJSON) entries = cJSON_Parse(json);
    g_assert_cmpint(cJSON_GetArraySize(entries), ==, 11);

    g_autofree char *file = g_build_filename(fixture->dir, "audit.csv", NULL);
    g_autofree char *out_option = g_strconcat("--out=", file, NULL);
    g_assert_cmpint(keyfill(fixture, "audit", "export", "--format=csv", out_option, NULL, NULL), ==,
                    0);
    g_autofree char *csv = NULL;
    g_assert_true(g_file_get_contents(file, &csv, NULL, NULL));
    g_auto(GStrv) lines = g_strsplit(csv, "\r\n", -1);
    g_assert_cmpint(g_strv_length(lines), ==, 13); /* header, 11 rows, "" */

    g_autofree char *consents = NULL;
    g_assert_cmpint(keyfill(fixture, "consent", "list", NULL, NULL, &consents, NULL), ==, 0);
    g_assert_nonnull(strstr(consents, "birthday"));
    g_autofree char *revoked = NULL;
    g_assert_cmpint(keyfill(fixture, "consent", "revoke", "--site=" SITE, "--all", &revoked, NULL),
                    ==, 0);
    g_assert_cmpint(verdict(fixture, "birthday"), ==, CONSENT_VERDICT_ASK);
    g_assert_cmpint(keyfill(fixture, "consent", "revoke", NULL, NULL, NULL, NULL), ==, 2);
    g_assert_cmpint(keyfill(fixture, "audit", "list", "--kind=nope", NULL, NULL, NULL), ==, 2);
    g_autofree char *verified = NULL;
    g_assert_cmpint(keyfill(fixture, "audit", "verify", NULL, NULL, &verified, NULL), ==, 0);
    g_assert_nonnull(strstr(verified, "intact: 12 entries"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
#define ADD(path, func, data)                                                                      \
    g_test_add(path, Fixture, data, store_fixture_set_up, func, store_fixture_tear_down)
    ADD("/consent-protocol/flow", test_flow, NULL);
    ADD("/consent-protocol/bad-requests", test_bad_requests, NULL);
    ADD("/consent-protocol/cli", test_cli, NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(cli_tamper_rows); i++) {
        g_autofree char *path =
            g_strdup_printf("/consent-protocol/tamper/%s", cli_tamper_rows[i].name);
        ADD(path, test_cli_tamper, GSIZE_TO_POINTER(i));
    }
    return g_test_run();
}
