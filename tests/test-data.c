/*
 * test-data.c — the personal-data protocol commands (host/commands/data.c)
 * through the real keyfill-host binary, against a real store and keyring:
 * each command's result shape, masking unless an explicit reveal, errors that
 * keep the host serving, hello's store probe creating nothing, and the store
 * closed (its key forgotten) when the host is idle.
 */
#include "host-process.h"
#include "keyring-session.h"

#include <string.h>

typedef struct {
    char *dir;
    char *db;
    char *db_env;
    HostProcess *host;
} Fixture;

static void fixture_set_up(Fixture *f, gconstpointer data)
{
    f->dir = keyring_session_scratch();
    f->db = g_build_filename(f->dir, "keyfill.db", NULL);
    f->db_env = g_strconcat("KEYFILL_DB=", f->db, NULL);
    const char *env[] = {f->db_env, NULL};
    f->host = host_process_start_chromium(env);
}

static void fixture_tear_down(Fixture *f, gconstpointer data)
{
    g_assert_cmpint(host_process_finish(f->host, 10000, NULL), ==, 0);
    host_process_free(f->host);
    g_free(f->db_env);
    g_free(f->db);
    g_free(f->dir);
}

/* Sends @request and returns the raw reply text (to grep) and its result. */
static cJSON *call(Fixture *f, const char *request, char **text)
{
    host_process_send(f->host, request);
    g_autofree char *body = host_process_receive(f->host);
    g_assert_nonnull(body);
    cJSON *reply = cJSON_Parse(body);
    g_assert_nonnull(reply);
    if (text != NULL)
        *text = g_steal_pointer(&body);
    return reply;
}

static const cJSON *ok_result(const cJSON *reply)
{
    if (!cJSON_IsTrue(cJSON_GetObjectItem(reply, "ok"))) {
        g_autofree char *printed = cJSON_PrintUnformatted(reply);
        g_error("expected ok: %s", printed);
    }
    return cJSON_GetObjectItem(reply, "result");
}

static void assert_error(const cJSON *reply, const char *code)
{
    g_assert_true(cJSON_IsFalse(cJSON_GetObjectItem(reply, "ok")));
    const cJSON *error = cJSON_GetObjectItem(reply, "error");
    g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(error, "code")), ==, code);
}

static const char *string_at(const cJSON *object, const char *key)
{
    return cJSON_GetStringValue(cJSON_GetObjectItem(object, key));
}

#define ADA_PUT                                                                                    \
    "{\"id\":1,\"type\":\"persona.put\",\"persona\":{\"label\":\"Home\","                          \
    "\"name\":{\"given\":\"Ada\",\"family\":\"Lovelace\"},"                                        \
    "\"emails\":[{\"label\":\"personal\",\"address\":\"ada@example.org\"}],"                       \
    "\"cards\":[{\"holder\":\"Ada Lovelace\",\"number\":\"4242 4242 4242 4242\","                  \
    "\"exp_month\":12,\"exp_year\":2030}]}}"

static void test_hello_probe_creates_nothing(Fixture *f, gconstpointer data)
{
    g_autoptr(cJSON) reply = call(f, "{\"id\":1,\"type\":\"hello\"}", NULL);
    const cJSON *store = cJSON_GetObjectItem(ok_result(reply), "store");
    g_assert_cmpstr(string_at(store, "path"), ==, f->db);
    g_assert_cmpstr(string_at(store, "keyring"), ==, "unlocked");
    g_assert_cmpint(cJSON_GetObjectItem(store, "personas")->valueint, ==, 0);
    g_assert_false(g_file_test(f->db, G_FILE_TEST_EXISTS));

    g_autoptr(cJSON) put = call(f, ADA_PUT, NULL);
    ok_result(put);
    g_autoptr(cJSON) again = call(f, "{\"id\":2,\"type\":\"hello\"}", NULL);
    store = cJSON_GetObjectItem(ok_result(again), "store");
    g_assert_cmpint(cJSON_GetObjectItem(store, "personas")->valueint, ==, 1);
}

static void test_persona_commands(Fixture *f, gconstpointer data)
{
    g_autofree char *text = NULL;
    g_autoptr(cJSON) put = call(f, ADA_PUT, &text);
    const cJSON *result = ok_result(put);
    g_assert_null(strstr(text, "4242424242424242"));
    const char *id = string_at(result, "id");
    g_assert_nonnull(id);
    const cJSON *persona = cJSON_GetObjectItem(result, "persona");
    g_assert_cmpstr(string_at(persona, "id"), ==, id);
    const cJSON *card = cJSON_GetArrayItem(cJSON_GetObjectItem(persona, "cards"), 0);
    g_assert_cmpstr(string_at(card, "number_masked"), ==, "•••• 4242");
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(result, "warnings")), ==, 0);

    g_autofree char *list_text = NULL;
    g_autoptr(cJSON) list = call(f, "{\"id\":2,\"type\":\"persona.list\"}", &list_text);
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(ok_result(list), "personas")), ==, 1);
    g_assert_null(strstr(list_text, "4242424242424242"));

    g_autofree char *get =
        g_strdup_printf("{\"id\":3,\"type\":\"persona.get\",\"persona\":\"%s\"}", id);
    g_autofree char *get_text = NULL;
    g_autoptr(cJSON) masked = call(f, get, &get_text);
    ok_result(masked);
    g_assert_null(strstr(get_text, "4242424242424242"));

    g_autofree char *reveal = g_strdup_printf(
        "{\"id\":4,\"type\":\"persona.get\",\"persona\":\"%s\",\"reveal\":true}", id);
    g_autoptr(cJSON) revealed = call(f, reveal, NULL);
    persona = cJSON_GetObjectItem(ok_result(revealed), "persona");
    card = cJSON_GetArrayItem(cJSON_GetObjectItem(persona, "cards"), 0);
    g_assert_cmpstr(string_at(card, "number"), ==, "4242424242424242");

    g_autofree char *set_default =
        g_strdup_printf("{\"id\":5,\"type\":\"persona.set_default\",\"persona\":\"%s\"}", id);
    g_autoptr(cJSON) made = call(f, set_default, NULL);
    g_assert_cmpstr(string_at(ok_result(made), "default"), ==, id);

    g_autofree char *remove =
        g_strdup_printf("{\"id\":6,\"type\":\"persona.delete\",\"persona\":\"%s\"}", id);
    g_autoptr(cJSON) deleted = call(f, remove, NULL);
    g_assert_cmpstr(string_at(ok_result(deleted), "deleted"), ==, id);
    g_autoptr(cJSON) gone = call(f, remove, NULL);
    assert_error(gone, "not_found");
}

static void test_item_commands(Fixture *f, gconstpointer data)
{
    g_autoptr(cJSON) put = call(f, ADA_PUT, NULL);
    const char *id = string_at(ok_result(put), "id");

    g_autofree char *phone = g_strdup_printf(
        "{\"id\":2,\"type\":\"phone.put\",\"persona\":\"%s\",\"item\":{\"label\":\"work\","
        "\"country\":\"US\",\"number\":\"(202) 555-0143\"}}",
        id);
    g_autoptr(cJSON) added = call(f, phone, NULL);
    const cJSON *result = ok_result(added);
    const char *phone_id = string_at(result, "id");
    g_assert_cmpstr(string_at(cJSON_GetObjectItem(result, "item"), "number"), ==, "+12025550143");

    /* A rejected item names its place in the persona: the second phone. */
    g_autofree char *bad_phone = g_strdup_printf(
        "{\"id\":2,\"type\":\"phone.put\",\"persona\":\"%s\",\"item\":{\"label\":\"home\","
        "\"country\":\"US\",\"number\":\"555\"}}",
        id);
    g_autoptr(cJSON) refused_phone = call(f, bad_phone, NULL);
    assert_error(refused_phone, "invalid_phone");
    const cJSON *phone_error = cJSON_GetObjectItem(refused_phone, "error");
    g_assert_cmpstr(string_at(phone_error, "field"), ==, "phones[1].number");

    g_autofree char *card = g_strdup_printf(
        "{\"id\":3,\"type\":\"card.put\",\"persona\":\"%s\",\"item\":{\"holder\":\"A L\","
        "\"number\":\"5555555555554444\",\"exp_month\":1,\"exp_year\":2031}}",
        id);
    g_autofree char *card_text = NULL;
    g_autoptr(cJSON) card_reply = call(f, card, &card_text);
    const cJSON *card_item = cJSON_GetObjectItem(ok_result(card_reply), "item");
    g_assert_cmpstr(string_at(card_item, "number_masked"), ==, "•••• 4444");
    g_assert_cmpstr(string_at(card_item, "network"), ==, "mastercard");
    g_assert_null(strstr(card_text, "5555555555554444"));

    g_autofree char *cvc =
        g_strdup_printf("{\"id\":4,\"type\":\"card.put\",\"persona\":\"%s\",\"item\":{"
                        "\"number\":\"5555555555554444\",\"cvc\":\"123\"}}",
                        id);
    g_autoptr(cJSON) refused = call(f, cvc, NULL);
    assert_error(refused, "invalid_persona");

    g_autofree char *remove = g_strdup_printf(
        "{\"id\":5,\"type\":\"phone.delete\",\"persona\":\"%s\",\"item_id\":\"%s\"}", id, phone_id);
    g_autoptr(cJSON) deleted = call(f, remove, NULL);
    g_assert_cmpstr(string_at(ok_result(deleted), "deleted"), ==, phone_id);
    g_autoptr(cJSON) again = call(f, remove, NULL);
    assert_error(again, "not_found");
}

typedef struct {
    const char *request;
    const char *code;
    const char *field; /* the error's "field" (a rejected persona value), or NULL for none */
} BadRequest;

static const BadRequest bad_requests[] = {
    {"{\"id\":1,\"type\":\"persona.get\"}", "missing_field", NULL},
    {"{\"id\":1,\"type\":\"persona.get\",\"persona\":7}", "wrong_type", NULL},
    {"{\"id\":1,\"type\":\"persona.get\",\"persona\":\"0000000000000000\"}", "not_found", NULL},
    {"{\"id\":1,\"type\":\"persona.get\",\"persona\":\"0000000000000000\",\"reveal\":\"yes\"}",
     "wrong_type", NULL},
    {"{\"id\":1,\"type\":\"persona.put\",\"persona\":[]}", "wrong_type", NULL},
    {"{\"id\":1,\"type\":\"persona.put\",\"persona\":{\"label\":\"H\",\"cards\":"
     "[{\"number\":\"4242424242424241\"}]}}",
     "invalid_card_number", "cards[0].number"},
    {"{\"id\":1,\"type\":\"persona.put\",\"persona\":{\"label\":\"H\",\"phones\":"
     "[{\"number\":\"+447700900123\"},{\"number\":\"12\"}]}}",
     "invalid_phone", "phones[1].number"},
    {"{\"id\":1,\"type\":\"persona.put\",\"persona\":{\"label\":\"H\",\"addresses\":"
     "[{\"city\":\"London\",\"country\":\"UK\"}]}}",
     "invalid_country", "addresses[0].country"},
    {"{\"id\":1,\"type\":\"persona.put\",\"persona\":{\"name\":{\"given\":\"A\"}}}",
     "invalid_persona", "label"},
    {"{\"id\":1,\"type\":\"phone.put\",\"persona\":\"0000000000000000\",\"item\":"
     "{\"number\":\"+447700900123\"}}",
     "not_found", NULL},
    {"{\"id\":1,\"type\":\"email.put\",\"persona\":\"0000000000000000\"}", "missing_field", NULL},
    {"{\"id\":1,\"type\":\"address.delete\"}", "missing_field", NULL},
    {"{\"id\":1,\"type\":\"card.delete\",\"item_id\":\"0000000000000000\"}", "not_found", NULL},
};

static void test_bad_requests_keep_serving(Fixture *f, gconstpointer data)
{
    for (gsize i = 0; i < G_N_ELEMENTS(bad_requests); i++) {
        g_test_message("request: %s", bad_requests[i].request);
        g_autoptr(cJSON) reply = call(f, bad_requests[i].request, NULL);
        assert_error(reply, bad_requests[i].code);
        const cJSON *field = cJSON_GetObjectItem(cJSON_GetObjectItem(reply, "error"), "field");
        g_assert_cmpstr(cJSON_GetStringValue(field), ==, bad_requests[i].field);
    }
    g_autoptr(cJSON) list = call(f, "{\"id\":2,\"type\":\"persona.list\"}", NULL);
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(ok_result(list), "personas")), ==, 0);
}

static void test_no_keyring(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *db = g_build_filename(dir, "keyfill.db", NULL);
    g_autofree char *db_env = g_strconcat("KEYFILL_DB=", db, NULL);
    g_autofree char *bus_env =
        g_strconcat("DBUS_SESSION_BUS_ADDRESS=unix:path=", dir, "/no-bus", NULL);
    const char *env[] = {db_env, bus_env, NULL};
    g_autoptr(HostProcess) host = host_process_start_chromium(env);
    for (int round = 0; round < 2; round++) { /* it keeps serving, and keeps refusing */
        g_autoptr(cJSON) reply = host_process_call(host, "{\"id\":1,\"type\":\"persona.list\"}");
        assert_error(reply, "keyring_unavailable");
    }
    g_autoptr(cJSON) hello = host_process_call(host, "{\"id\":2,\"type\":\"hello\"}");
    const cJSON *store = cJSON_GetObjectItem(ok_result(hello), "store");
    g_assert_cmpstr(string_at(store, "keyring"), ==, "unavailable");
    g_assert_cmpint(host_process_finish(host, 10000, NULL), ==, 0);
}

/* Whether process @pid has @path open (its /proc/PID/fd links). */
static gboolean has_open(GPid pid, const char *path)
{
    g_autofree char *fds = g_strdup_printf("/proc/%d/fd", (int)pid);
    g_autoptr(GDir) dir = g_dir_open(fds, 0, NULL);
    g_assert_nonnull(dir);
    for (const char *name; (name = g_dir_read_name(dir)) != NULL;) {
        g_autofree char *link = g_build_filename(fds, name, NULL);
        g_autofree char *target = g_file_read_link(link, NULL);
        if (target != NULL && g_str_equal(target, path))
            return TRUE;
    }
    return FALSE;
}

/* A host the browser keeps running between fills closes the store, and with
 * it forgets the key, after key-idle-seconds without a request; the next
 * request opens it again from the keyring, with nothing lost. */
static void test_key_forgotten_when_idle(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *db = g_build_filename(dir, "keyfill.db", NULL);
    g_autofree char *config = g_build_filename(dir, "config.ini", NULL);
    g_assert_true(g_file_set_contents(config, "[host]\nkey-idle-seconds=2\n", -1, NULL));
    g_autofree char *db_env = g_strconcat("KEYFILL_DB=", db, NULL);
    g_autofree char *config_env = g_strconcat("KEYFILL_CONFIG=", config, NULL);
    const char *env[] = {db_env, config_env, NULL};
    g_autoptr(HostProcess) host = host_process_start_chromium(env);
    GPid pid = host_process_pid(host);

    g_autoptr(cJSON) put = host_process_call(host, ADA_PUT);
    ok_result(put);
    g_assert_true(has_open(pid, db));
    /* Requests closer together than the idle time keep it open (a wide
     * margin: a loaded machine may stall the test for a while). */
    for (int i = 0; i < 3; i++) {
        g_usleep(200 * 1000);
        g_autoptr(cJSON) list = host_process_call(host, "{\"id\":2,\"type\":\"persona.list\"}");
        ok_result(list);
        g_assert_true(has_open(pid, db));
    }
    gint64 deadline = g_get_monotonic_time() + 15 * G_USEC_PER_SEC;
    while (has_open(pid, db) && g_get_monotonic_time() < deadline)
        g_usleep(100 * 1000);
    g_assert_false(has_open(pid, db));

    g_autoptr(cJSON) list = host_process_call(host, "{\"id\":3,\"type\":\"persona.list\"}");
    const cJSON *personas = cJSON_GetObjectItem(ok_result(list), "personas");
    g_assert_cmpint(cJSON_GetArraySize(personas), ==, 1);
    g_assert_true(has_open(pid, db));
    g_assert_cmpint(host_process_finish(host, 10000, NULL), ==, 0);
}

#define ADD(path, func) g_test_add(path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int main(int argc, char **argv)
{
    keyring_session_ensure(argc, argv, NULL, 0);
    g_test_init(&argc, &argv, NULL);
    ADD("/data/hello-probe-creates-nothing", test_hello_probe_creates_nothing);
    ADD("/data/persona-commands", test_persona_commands);
    ADD("/data/item-commands", test_item_commands);
    ADD("/data/bad-requests-keep-serving", test_bad_requests_keep_serving);
    g_test_add_func("/data/no-keyring", test_no_keyring);
    g_test_add_func("/data/key-forgotten-when-idle", test_key_forgotten_when_idle);
    return g_test_run();
}
