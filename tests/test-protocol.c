/*
 * test-protocol.c — the envelope: every malformed request gets the right
 * error reply with the request's id, and good requests reach their handler.
 */
#include "errors.h"
#include "framing.h"
#include "protocol.h"

#include <string.h>

typedef struct {
    KeyfillConfig config;
    Caller caller;
    HostContext context;
} Fixture;

static void fixture_setup(Fixture *f, gconstpointer data)
{
    static char *no_ids[] = {NULL};
    f->config = (KeyfillConfig){.path = "/nonexistent/config.ini",
                                .allowed_extensions = no_ids,
                                .max_message_bytes = FRAMING_DEFAULT_MAX_INCOMING};
    f->caller = (Caller){.browser = CALLER_BROWSER_CHROMIUM,
                         .extension_id = "iceljohmipnjghdnlgkldoicbgkapcab"};
    f->context = (HostContext){.config = &f->config, .caller = &f->caller};
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
}

/* Sends @length bytes of @request and returns the parsed reply. */
static cJSON *exchange_bytes(Fixture *f, const char *request, size_t length)
{
    size_t reply_length = 0;
    g_autofree char *reply = protocol_handle(&f->context, request, length, &reply_length);
    g_assert_nonnull(reply);
    g_assert_cmpuint(reply_length, ==, strlen(reply));
    g_assert_cmpuint(reply_length, <=, FRAMING_MAX_OUTGOING);
    cJSON *parsed = cJSON_Parse(reply);
    g_assert_nonnull(parsed);
    return parsed;
}

static cJSON *exchange(Fixture *f, const char *request)
{
    return exchange_bytes(f, request, strlen(request));
}

static void assert_error(const cJSON *reply, const char *code)
{
    g_assert_true(cJSON_IsFalse(cJSON_GetObjectItem(reply, "ok")));
    const cJSON *error = cJSON_GetObjectItem(reply, "error");
    g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(error, "code")), ==, code);
    const char *message = cJSON_GetStringValue(cJSON_GetObjectItem(error, "message"));
    g_assert_nonnull(message);
    g_assert_cmpuint(strlen(message), >, 10);
}

static void test_hello(Fixture *f, gconstpointer data)
{
    g_autoptr(cJSON) reply = exchange(f, "{\"id\": 7, \"type\": \"hello\"}");
    g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(reply, "ok")));
    g_assert_cmpint(cJSON_GetObjectItem(reply, "id")->valueint, ==, 7);
    const cJSON *result = cJSON_GetObjectItem(reply, "result");
    g_assert_cmpint(cJSON_GetObjectItem(result, "protocol")->valueint, ==, PROTOCOL_VERSION);
    g_assert_nonnull(cJSON_GetStringValue(cJSON_GetObjectItem(result, "version")));
    const cJSON *commands = cJSON_GetObjectItem(result, "commands");
    g_assert_true(cJSON_IsArray(commands));
    gboolean has_hello = FALSE;
    const cJSON *name;
    cJSON_ArrayForEach(name, commands)
    {
        if (g_strcmp0(cJSON_GetStringValue(name), "hello") == 0)
            has_hello = TRUE;
    }
    g_assert_true(has_hello);
}

/* The id comes back exactly as sent, whatever JSON it is. */
static void test_id_echo(Fixture *f, gconstpointer data)
{
    const char *ids[] = {"\"abc\"", "42", "-1.5", "null", "[1,{\"a\":2}]", "{\"n\":\"x\"}", "true"};
    for (gsize i = 0; i < G_N_ELEMENTS(ids); i++) {
        g_autofree char *request = g_strdup_printf("{\"id\":%s,\"type\":\"hello\"}", ids[i]);
        g_autoptr(cJSON) reply = exchange(f, request);
        g_autoptr(cJSON) expected = cJSON_Parse(ids[i]);
        g_assert_true(cJSON_Compare(cJSON_GetObjectItem(reply, "id"), expected, TRUE));
    }
    /* No id at all: the reply carries null. */
    g_autoptr(cJSON) reply = exchange(f, "{\"type\":\"hello\"}");
    g_assert_true(cJSON_IsNull(cJSON_GetObjectItem(reply, "id")));
}

typedef struct {
    const char *request;
    const char *code;
    gboolean id_known; /* the reply must carry id 1 */
} ErrorCase;

static const ErrorCase error_cases[] = {
    {"{bad json", "bad_json", FALSE},
    {"{\"id\":1,\"type\":\"hello\"} trailing", "bad_json", FALSE},
    {"{\"id\":1,\"type\":\"hello\"}{}", "bad_json", FALSE},
    {"[1,2,3]", "not_an_object", FALSE},
    {"\"hello\"", "not_an_object", FALSE},
    {"42", "not_an_object", FALSE},
    {"null", "not_an_object", FALSE},
    {"{\"id\":1}", "missing_field", TRUE},
    {"{\"id\":1,\"type\":null}", "wrong_type", TRUE},
    {"{\"id\":1,\"type\":5}", "wrong_type", TRUE},
    {"{\"id\":1,\"type\":[\"hello\"]}", "wrong_type", TRUE},
    {"{\"id\":1,\"type\":\"no.such.command\"}", "unknown_command", TRUE},
    {"{\"id\":1,\"type\":\"HELLO\"}", "unknown_command", TRUE},
    {"{\"id\":1,\"type\":\"\"}", "unknown_command", TRUE},
};

static void test_errors(Fixture *f, gconstpointer data)
{
    for (gsize i = 0; i < G_N_ELEMENTS(error_cases); i++) {
        g_test_message("case: %s", error_cases[i].request);
        g_autoptr(cJSON) reply = exchange(f, error_cases[i].request);
        assert_error(reply, error_cases[i].code);
        const cJSON *id = cJSON_GetObjectItem(reply, "id");
        if (error_cases[i].id_known)
            g_assert_cmpint(id->valueint, ==, 1);
        else
            g_assert_true(cJSON_IsNull(id));
    }
}

static void test_empty_and_binary(Fixture *f, gconstpointer data)
{
    g_autoptr(cJSON) empty = exchange_bytes(f, "", 0);
    assert_error(empty, "empty_message");

    const char not_utf8[] = "{\"id\":1,\"type\":\"\xff\xfe\"}";
    g_autoptr(cJSON) binary = exchange_bytes(f, not_utf8, sizeof not_utf8 - 1);
    assert_error(binary, "bad_utf8");

    const char with_nul[] = "{\"id\":1,\0\"type\":\"hello\"}";
    g_autoptr(cJSON) nul = exchange_bytes(f, with_nul, sizeof with_nul - 1);
    assert_error(nul, "bad_utf8");
}

/* The UTF-8 gate says what GLib's check says, whatever the bytes around a
 * character and its place in an eight-byte word. */
static void test_utf8_gate(Fixture *f, gconstpointer data)
{
    static const struct {
        const char *bytes;
        size_t length;
    } cases[] = {
#define CASE(literal) {literal, sizeof literal - 1}
        CASE("\xc3\xa9"),                   /* é */
        CASE("\xe2\x9c\x93"),               /* ✓ */
        CASE("\xf0\x9f\x98\x80"),           /* 😀 */
        CASE("\xc3\xa9\xe2\x9c\x93\xf0\x9f\x98\x80\xc3\xa9\xc3\xa9"), /* a long run */
        CASE("\xc3" "a"),                    /* cut by ASCII */
        CASE("\xe2\x9c"),                    /* cut by the end of the string */
        CASE("\xc0\xaf"),                    /* overlong '/' */
        CASE("\xed\xa0\x80"),                /* a surrogate */
        CASE("\xf4\x90\x80\x80"),            /* past U+10FFFF */
        CASE("\x80"),                        /* a lone continuation byte */
        CASE("\xff"),
        CASE("a\0b"),                        /* a NUL byte */
        CASE("\xc3\xa9\0"),                  /* a NUL after a character */
        CASE("\x7f"),                        /* DEL is ASCII */
#undef CASE
    };
    for (gsize c = 0; c < G_N_ELEMENTS(cases); c++) {
        for (gsize pad = 0; pad < 17; pad++) {
            g_autoptr(GString) request = g_string_new("{\"id\":1,\"type\":\"x\",\"pad\":\"");
            for (gsize i = 0; i < pad; i++)
                g_string_append_c(request, 'p');
            g_string_append_len(request, cases[c].bytes, (gssize)cases[c].length);
            g_string_append(request, "\",\"tail\":\"0123456789abcdef\"}");
            gboolean valid = g_utf8_validate_len(request->str, request->len, NULL);
            g_autoptr(cJSON) reply = exchange_bytes(f, request->str, request->len);
            /* valid UTF-8 reaches dispatch (or fails as JSON: a control byte) */
            const cJSON *error = cJSON_GetObjectItem(reply, "error");
            const char *code = cJSON_GetStringValue(cJSON_GetObjectItem(error, "code"));
            if (valid)
                g_assert_cmpstr(code, !=, "bad_utf8");
            else
                g_assert_cmpstr(code, ==, "bad_utf8");
        }
    }
}

static void test_deep_nesting(Fixture *f, gconstpointer data)
{
    const int depth = 10000;
    g_autoptr(GString) request = g_string_new("{\"id\":1,\"type\":\"hello\",\"x\":");
    for (int i = 0; i < depth; i++)
        g_string_append_c(request, '[');
    for (int i = 0; i < depth; i++)
        g_string_append_c(request, ']');
    g_string_append_c(request, '}');
    g_autoptr(cJSON) reply = exchange(f, request->str);
    assert_error(reply, "bad_json");
}

/* An escaped NUL would cut a string short inside cJSON: refused outright. */
static void test_escaped_nul(Fixture *f, gconstpointer data)
{
    g_autoptr(cJSON) reply = exchange(f, "{\"id\":1,\"type\":\"hello\\u0000x\"}");
    assert_error(reply, "nul_in_string");
    /* An escaped backslash followed by "u0000" is ordinary text. */
    g_autoptr(cJSON) text = exchange(f, "{\"id\":1,\"type\":\"hello\",\"x\":\"\\\\u0000\"}");
    g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(text, "ok")));
}

static void count_name(int code, const char *wire_name, void *user_data)
{
    GHashTable *seen = user_data;
    g_assert_false(g_hash_table_contains(seen, wire_name));
    g_assert_true(g_regex_match_simple("^[a-z][a-z0-9_]*$", wire_name, 0, 0));
    g_hash_table_add(seen, (gpointer)wire_name);
}

static void test_wire_names_unique(Fixture *f, gconstpointer data)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    keyfill_error_foreach(count_name, seen);
    g_assert_cmpuint(g_hash_table_size(seen), >=, 16);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
    ADD("/protocol/hello", test_hello);
    ADD("/protocol/id-echo", test_id_echo);
    ADD("/protocol/errors", test_errors);
    ADD("/protocol/empty-and-binary", test_empty_and_binary);
    ADD("/protocol/utf8-gate", test_utf8_gate);
    ADD("/protocol/deep-nesting", test_deep_nesting);
    ADD("/protocol/escaped-nul", test_escaped_nul);
    ADD("/protocol/wire-names-unique", test_wire_names_unique);
#undef ADD
    return g_test_run();
}
