/*
 * test-host.c — the real keyfill-host binary over pipes: serving, errors that
 * keep it serving, framing errors that end it cleanly, and the caller check
 * for both browsers' argv shapes.
 */
#include "host-process.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>

static void assert_ok(const cJSON *reply)
{
    g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(reply, "ok")));
}

static void assert_error_code(const cJSON *reply, const char *code)
{
    g_assert_true(cJSON_IsFalse(cJSON_GetObjectItem(reply, "ok")));
    const cJSON *error = cJSON_GetObjectItem(reply, "error");
    g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(error, "code")), ==, code);
}

static void test_hello_then_eof(void)
{
    g_autoptr(HostProcess) host = host_process_start_chromium(NULL);
    g_autoptr(cJSON) reply = host_process_call(host, "{\"id\":\"a\",\"type\":\"hello\"}");
    assert_ok(reply);
    const cJSON *result = cJSON_GetObjectItem(reply, "result");
    g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(result, "host")), ==,
                    "keyfill-host");
    /* Firefox kills a host that lingers: EOF must end it at once, status 0. */
    gint64 start = g_get_monotonic_time();
    g_assert_cmpint(host_process_finish(host, 5000, NULL), ==, 0);
    g_test_message("exit after EOF took %" G_GINT64_FORMAT " µs", g_get_monotonic_time() - start);
}

static void test_keeps_serving_after_bad_requests(void)
{
    g_autoptr(HostProcess) host = host_process_start_chromium(NULL);
    const char *bad[] = {"{oops", "[]", "{\"id\":2}", "{\"id\":3,\"type\":7}",
                         "{\"id\":4,\"type\":\"nope\"}"};
    const char *codes[] = {"bad_json", "not_an_object", "missing_field", "wrong_type",
                           "unknown_command"};
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(cJSON) reply = host_process_call(host, bad[i]);
        assert_error_code(reply, codes[i]);
    }
    /* A zero-length frame is a bad request, not a broken stream. */
    uint32_t zero = 0;
    host_process_write_raw(host, &zero, sizeof zero);
    g_autofree char *empty_reply = host_process_receive(host);
    g_assert_nonnull(strstr(empty_reply, "empty_message"));

    g_autoptr(cJSON) hello = host_process_call(host, "{\"id\":5,\"type\":\"hello\"}");
    assert_ok(hello);
    g_assert_cmpint(host_process_finish(host, 5000, NULL), ==, 0);
}

/* A message that needs no value never loads the keyring or the store: the
 * host maps libsecret (with GIO, GObject, libgcrypt...) and SQLite only
 * when a command first needs them (host/secretlib.c, host/sqlitelib.c), so
 * a one-off classify costs a browser a small process. */
static void test_classify_loads_no_store(void)
{
    g_autoptr(HostProcess) host = host_process_start_chromium(NULL);
    g_autoptr(cJSON) reply = host_process_call(
        host, "{\"id\":1,\"type\":\"classify\",\"fields\":[{\"index\":0,\"tag\":\"input\","
              "\"type\":\"email\",\"name\":\"email\",\"label\":\"E-mail\"}]}");
    assert_ok(reply);
    g_autofree char *path = g_strdup_printf("/proc/%d/maps", (int)host_process_pid(host));
    g_autofree char *maps = NULL;
    g_assert_true(g_file_get_contents(path, &maps, NULL, NULL));
    g_assert_null(strstr(maps, "libsecret-1.so"));
    g_assert_null(strstr(maps, "libgio-2.0.so"));
    g_assert_null(strstr(maps, "libsqlite3.so"));
    g_assert_nonnull(strstr(maps, "libglib-2.0.so")); /* the check reads the right maps */
    g_assert_cmpint(host_process_finish(host, 5000, NULL), ==, 0);
}

/* A framing error: exactly one error reply, then a clean exit with status 1. */
static void check_framing_error(const void *bytes, gsize length, const char *code)
{
    g_autoptr(HostProcess) host = host_process_start_chromium(NULL);
    host_process_send(host, "{\"id\":1,\"type\":\"hello\"}");
    host_process_write_raw(host, bytes, length);
    g_autofree char *first = host_process_receive(host);
    g_assert_nonnull(strstr(first, "\"ok\":true"));
    /* Closing stdin makes the truncated cases visible to the host. */
    int status = host_process_finish(host, 5000, NULL);
    g_autofree char *error_reply = host_process_receive(host);
    g_assert_nonnull(error_reply);
    g_autoptr(cJSON) reply = cJSON_Parse(error_reply);
    assert_error_code(reply, code);
    g_assert_null(host_process_receive(host));
    g_assert_cmpint(status, ==, 1);
}

static void test_truncated_header(void)
{
    uint32_t prefix = 20;
    check_framing_error(&prefix, 2, "truncated_header");
}

static void test_truncated_message(void)
{
    uint32_t prefix = 20;
    char frame[4 + 5];
    memcpy(frame, &prefix, 4);
    memcpy(frame + 4, "{\"id\"", 5);
    check_framing_error(frame, sizeof frame, "truncated_message");
}

static void test_length_over_limit(void)
{
    uint32_t prefix = 1024 * 1024 + 1;
    check_framing_error(&prefix, sizeof prefix, "too_large");
}

static void test_length_all_ones(void)
{
    uint32_t prefix = 0xFFFFFFFFu;
    check_framing_error(&prefix, sizeof prefix, "too_large");
}

/* A message exactly at the limit is read and answered. */
static void test_length_at_limit(void)
{
    const gsize limit = 1024 * 1024;
    g_autoptr(GString) body = g_string_new("{\"id\":1,\"type\":\"hello\",\"pad\":\"");
    while (body->len < limit - 2)
        g_string_append_c(body, 'x');
    g_string_append(body, "\"}");
    g_assert_cmpuint(body->len, ==, limit);
    g_autoptr(HostProcess) host = host_process_start_chromium(NULL);
    g_autoptr(cJSON) reply = host_process_call(host, body->str);
    assert_ok(reply);
    g_assert_cmpint(host_process_finish(host, 5000, NULL), ==, 0);
}

/* A refused caller gets caller_refused for every request and one stderr line. */
static void check_refused(const char *const *args)
{
    g_autoptr(HostProcess) host = host_process_start(args, NULL);
    for (int i = 0; i < 2; i++) {
        g_autoptr(cJSON) reply = host_process_call(host, "{\"id\":1,\"type\":\"hello\"}");
        assert_error_code(reply, "caller_refused");
    }
    g_autofree char *stderr_text = NULL;
    g_assert_cmpint(host_process_finish(host, 5000, &stderr_text), ==, 0);
    g_assert_nonnull(strstr(stderr_text, "refused caller"));
}

static void check_allowed(const char *const *args, const char *const *env)
{
    g_autoptr(HostProcess) host = host_process_start(args, env);
    g_autoptr(cJSON) reply = host_process_call(host, "{\"id\":1,\"type\":\"hello\"}");
    assert_ok(reply);
    g_assert_cmpint(host_process_finish(host, 5000, NULL), ==, 0);
}

static void test_caller_chromium(void)
{
    const char *ours[] = {"chrome-extension://iceljohmipnjghdnlgkldoicbgkapcab/", NULL};
    check_allowed(ours, NULL);
    const char *other[] = {"chrome-extension://abcdefghijklmnopabcdefghijklmnop/", NULL};
    check_refused(other);
    const char *with_path[] = {"chrome-extension://iceljohmipnjghdnlgkldoicbgkapcab/x", NULL};
    check_refused(with_path);
}

static void test_caller_firefox(void)
{
    const char *ours[] = {"/home/u/.mozilla/native-messaging-hosts/org.keyfill.host.json",
                          "keyfill@keyfill.org", NULL};
    check_allowed(ours, NULL);
    const char *other[] = {"/home/u/.mozilla/native-messaging-hosts/org.keyfill.host.json",
                           "evil@example.org", NULL};
    check_refused(other);
}

static void test_caller_missing(void)
{
    check_refused(NULL);
    const char *web_page[] = {"https://shop.example/", NULL};
    check_refused(web_page);
}

/* An id the user listed in the config is served. */
static void test_caller_from_config(void)
{
    g_autofree char *dir = g_dir_make_tmp("keyfill-config-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "config.ini", NULL);
    g_assert_true(g_file_set_contents(
        path, "[host]\nallowed-extensions=abcdefghijklmnopabcdefghijklmnop;dev@example.org\n",
        -1, NULL));
    g_autofree char *env_var = g_strconcat("KEYFILL_CONFIG=", path, NULL);
    const char *env[] = {env_var, NULL};

    const char *chromium[] = {"chrome-extension://abcdefghijklmnopabcdefghijklmnop/", NULL};
    check_allowed(chromium, env);
    const char *firefox[] = {"/x/org.keyfill.host.json", "dev@example.org", NULL};
    check_allowed(firefox, env);
    g_unlink(path);
    g_rmdir(dir);
}

/* max-message-bytes in the config lowers the limit. */
static void test_configured_limit(void)
{
    g_autofree char *dir = g_dir_make_tmp("keyfill-config-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "config.ini", NULL);
    g_assert_true(g_file_set_contents(path, "[host]\nmax-message-bytes=2048\n", -1, NULL));
    g_autofree char *env_var = g_strconcat("KEYFILL_CONFIG=", path, NULL);
    const char *env[] = {env_var, NULL};
    g_autoptr(HostProcess) host = host_process_start(
        (const char *const[]){HOST_PROCESS_CHROMIUM_CALLER, NULL}, env);
    uint32_t prefix = 2049;
    host_process_write_raw(host, &prefix, sizeof prefix);
    g_autofree char *reply = host_process_receive(host);
    g_assert_nonnull(strstr(reply, "too_large"));
    g_assert_cmpint(host_process_finish(host, 5000, NULL), ==, 1);
    g_unlink(path);
    g_rmdir(dir);
}

/* The host refuses the config in @contents loudly, never ignoring it. */
static void check_broken_config(const char *contents)
{
    g_autofree char *dir = g_dir_make_tmp("keyfill-config-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "config.ini", NULL);
    g_assert_true(g_file_set_contents(path, contents, -1, NULL));
    g_autofree char *env_var = g_strconcat("KEYFILL_CONFIG=", path, NULL);
    const char *env[] = {env_var, NULL};
    g_autoptr(HostProcess) host = host_process_start(
        (const char *const[]){HOST_PROCESS_CHROMIUM_CALLER, NULL}, env);
    g_autoptr(cJSON) reply = host_process_call(host, "{\"id\":1,\"type\":\"hello\"}");
    assert_error_code(reply, "bad_config");
    g_assert_cmpint(host_process_finish(host, 5000, NULL), ==, 0);
    g_unlink(path);
    g_rmdir(dir);
}

/* A broken config is refused loudly, never ignored: a file that is not a
 * key file, and settings out of their range. */
static void test_broken_config(void)
{
    const char *broken[] = {"this is not a key file\n", "[host]\nkey-idle-seconds=-1\n",
                            "[host]\nkey-idle-seconds=86401\n", "[host]\nkey-idle-seconds=soon\n",
                            "[host]\nmax-message-bytes=12\n"};
    for (gsize i = 0; i < G_N_ELEMENTS(broken); i++)
        check_broken_config(broken[i]);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/host/hello-then-eof", test_hello_then_eof);
    g_test_add_func("/host/keeps-serving", test_keeps_serving_after_bad_requests);
    g_test_add_func("/host/classify-loads-no-store", test_classify_loads_no_store);
    g_test_add_func("/host/framing/truncated-header", test_truncated_header);
    g_test_add_func("/host/framing/truncated-message", test_truncated_message);
    g_test_add_func("/host/framing/over-limit", test_length_over_limit);
    g_test_add_func("/host/framing/length-0xffffffff", test_length_all_ones);
    g_test_add_func("/host/framing/at-limit", test_length_at_limit);
    g_test_add_func("/host/caller/chromium", test_caller_chromium);
    g_test_add_func("/host/caller/firefox", test_caller_firefox);
    g_test_add_func("/host/caller/missing", test_caller_missing);
    g_test_add_func("/host/caller/from-config", test_caller_from_config);
    g_test_add_func("/host/config/limit", test_configured_limit);
    g_test_add_func("/host/config/broken", test_broken_config);
    return g_test_run();
}
