/*
 * test-abuse.c — hostile input against the real keyfill-host binary.
 *
 * Every case talks to a freshly spawned host over pipes, as a browser would,
 * and then checks three things: the documented error came back, the host
 * still answers hello (or, after a framing error, exited with status 1 after
 * one error reply), and nothing on its stderr comes from a sanitizer. The
 * framing limits themselves (truncated header and body, length 0, at, just
 * over and far over the limit) are in test-host.c; this file covers what a
 * hostile or broken caller can put inside frames, and every command listed
 * by hello with every field of the wrong type.
 */
#include "host-process.h"
#include "scratch-dir.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>

/* The largest request body the host accepts by default (1 MiB). */
#define DEFAULT_LIMIT ((gsize)1024 * 1024)

typedef struct {
    char *scratch; /* a private HOME and XDG directories for the host */
    char **env;
    HostProcess *host;
    gint64 next_id;
} Fixture;

static void fixture_setup(Fixture *f, gconstpointer data)
{
    f->scratch = g_dir_make_tmp("keyfill-abuse-XXXXXX", NULL);
    g_assert_nonnull(f->scratch);
    const char *dirs[][2] = {{"XDG_DATA_HOME", "data"},
                             {"XDG_CONFIG_HOME", "config"},
                             {"XDG_STATE_HOME", "state"},
                             {"XDG_CACHE_HOME", "cache"}};
    g_autoptr(GStrvBuilder) env = g_strv_builder_new();
    for (gsize i = 0; i < G_N_ELEMENTS(dirs); i++) {
        g_autofree char *path = g_build_filename(f->scratch, dirs[i][1], NULL);
        g_assert_cmpint(g_mkdir_with_parents(path, 0700), ==, 0);
        g_autofree char *variable = g_strconcat(dirs[i][0], "=", path, NULL);
        g_strv_builder_add(env, variable);
    }
    f->env = g_strv_builder_end(env);
    f->host = host_process_start_chromium((const char *const *)f->env);
    f->next_id = 1;
}

/* Ends the host as the browser would (EOF) and checks that it exited with
 * @status and that no sanitizer spoke on its stderr. */
static void finish_host(Fixture *f, int status)
{
    g_autofree char *stderr_text = NULL;
    int got = host_process_finish(f->host, 10000, &stderr_text);
    if (stderr_text != NULL && stderr_text[0] != '\0')
        g_test_message("host stderr: %.2000s", stderr_text);
    g_assert_null(strstr(stderr_text, "Sanitizer"));
    g_assert_null(strstr(stderr_text, "runtime error"));
    g_assert_null(strstr(stderr_text, "CRITICAL"));
    g_assert_null(strstr(stderr_text, "-WARNING **")); /* e.g. a GError set twice */
    g_assert_cmpint(got, ==, status);
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    g_clear_pointer(&f->host, host_process_free);
    g_strfreev(f->env);
    scratch_dir_remove(f->scratch);
    g_free(f->scratch);
}

static const char *error_code(const cJSON *reply)
{
    const cJSON *error = cJSON_GetObjectItem(reply, "error");
    return cJSON_GetStringValue(cJSON_GetObjectItem(error, "code"));
}

/* Checks that @reply is an error with @code and a readable message. */
static void assert_error(const cJSON *reply, const char *code)
{
    g_assert_true(cJSON_IsFalse(cJSON_GetObjectItem(reply, "ok")));
    g_assert_cmpstr(error_code(reply), ==, code);
    const char *message =
        cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(reply, "error"), "message"));
    g_assert_nonnull(message);
    g_assert_cmpuint(strlen(message), >, 10);
}

/* Sends @length raw bytes as one frame and returns the parsed reply. */
static cJSON *call_bytes(Fixture *f, const void *body, gsize length)
{
    uint32_t prefix = (uint32_t)length;
    host_process_write_raw(f->host, &prefix, sizeof prefix);
    host_process_write_raw(f->host, body, length);
    g_autofree char *reply = host_process_receive(f->host);
    g_assert_nonnull(reply);
    g_assert_true(g_utf8_validate(reply, -1, NULL));
    cJSON *parsed = cJSON_Parse(reply);
    g_assert_nonnull(parsed);
    return parsed;
}

/* The host still serves: hello answers with a fresh id. */
static void assert_still_serving(Fixture *f)
{
    gint64 id = f->next_id++;
    g_autofree char *request = g_strdup_printf("{\"id\":%" G_GINT64_FORMAT ",\"type\":\"hello\"}", id);
    g_autoptr(cJSON) reply = host_process_call(f->host, request);
    g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(reply, "ok")));
    g_assert_cmpint((gint64)cJSON_GetNumberValue(cJSON_GetObjectItem(reply, "id")), ==, id);
}

/* One row: a request body and the error it must get (NULL: must succeed). */
typedef struct {
    const char *name;
    const char *body; /* used when build is NULL */
    gsize length;     /* of body; 0 means strlen */
    GString *(*build)(void);
    const char *code;
} AbuseCase;

/* {"id":1,"type":"hello","x":<open><open>...<close><close>} */
static GString *nested(const char *open, const char *close, int depth)
{
    GString *body = g_string_new("{\"id\":1,\"type\":\"hello\",\"x\":");
    for (int i = 0; i < depth; i++)
        g_string_append(body, open);
    g_string_append(body, "0");
    for (int i = 0; i < depth; i++)
        g_string_append(body, close);
    g_string_append_c(body, '}');
    return body;
}

/* cJSON's limit is 1,000 levels, the request object being the first. */
static GString *arrays_at_limit(void) { return nested("[", "]", 999); }
static GString *arrays_past_limit(void) { return nested("[", "]", 1000); }
static GString *arrays_10000(void) { return nested("[", "]", 10000); }
static GString *objects_10000(void) { return nested("{\"a\":", "}", 10000); }
static GString *mixed_10000(void) { return nested("[{\"a\":", "}]", 5000); }

static GString *id_10000_deep(void)
{
    GString *body = g_string_new("{\"id\":");
    for (int i = 0; i < 10000; i++)
        g_string_append_c(body, '[');
    for (int i = 0; i < 10000; i++)
        g_string_append_c(body, ']');
    g_string_append(body, ",\"type\":\"hello\"}");
    return body;
}

/* 100,000 distinct fields in the request object (about 900 KB). */
static GString *fields_100000(void)
{
    GString *body = g_string_new("{\"id\":1,\"type\":\"hello\"");
    for (int i = 0; i < 100000; i++)
        g_string_append_printf(body, ",\"%x\":0", i);
    g_string_append_c(body, '}');
    g_assert_cmpuint(body->len, <=, DEFAULT_LIMIT);
    return body;
}

/* One field holding an array of 100,000 items. */
static GString *array_100000(void)
{
    GString *body = g_string_new("{\"id\":1,\"type\":\"hello\",\"x\":[0");
    for (int i = 1; i < 100000; i++)
        g_string_append(body, ",0");
    g_string_append(body, "]}");
    return body;
}

/* A request of exactly 1 MiB whose field "x" is one string filling it with
 * @unit repeated (each unit is one character, ASCII or not). */
static GString *string_filling_limit(const char *unit, const char *type)
{
    GString *body = g_string_new(NULL);
    g_string_printf(body, "{\"id\":1,\"type\":\"%s\",\"x\":\"", type);
    gsize unit_length = strlen(unit);
    while (body->len + unit_length + 2 <= DEFAULT_LIMIT)
        g_string_append(body, unit);
    while (body->len + 2 < DEFAULT_LIMIT)
        g_string_append_c(body, ' ');
    g_string_append(body, "\"}");
    g_assert_cmpuint(body->len, ==, DEFAULT_LIMIT);
    return body;
}

static GString *string_1mb_ascii(void) { return string_filling_limit("a", "hello"); }
static GString *string_1mb_multibyte(void) { return string_filling_limit("\xe2\x82\xac", "hello"); }
static GString *string_1mb_escapes(void) { return string_filling_limit("\\u00e9", "hello"); }

/* The command name itself 1 MB long, in three-byte characters: the error
 * message quotes a prefix of it, which must stay UTF-8. */
static GString *type_1mb(void)
{
    GString *body = g_string_new("{\"id\":1,\"type\":\"");
    while (body->len + 3 + 2 <= DEFAULT_LIMIT)
        g_string_append(body, "\xe2\x82\xac");
    g_string_append(body, "\"}");
    return body;
}

/* An id of almost 1 MB: every reply repeats the id, so it is refused. */
static GString *id_1mb(void)
{
    GString *body = g_string_new("{\"type\":\"hello\",\"id\":\"");
    while (body->len + 2 < DEFAULT_LIMIT)
        g_string_append_c(body, 'i');
    g_string_append(body, "\"}");
    return body;
}

/* An id of exactly 1,024 bytes of JSON is echoed; 1,025 is refused. */
static GString *id_of_json_length(gsize length)
{
    GString *id = g_string_new("\"");
    while (id->len < length - 1)
        g_string_append_c(id, 'i');
    g_string_append_c(id, '"');
    GString *body = g_string_new(NULL);
    g_string_printf(body, "{\"id\":%s,\"type\":\"hello\"}", id->str);
    g_string_free(id, TRUE);
    return body;
}
static GString *id_at_limit(void) { return id_of_json_length(1024); }
static GString *id_past_limit(void) { return id_of_json_length(1025); }

#define RAW(text) text, sizeof text - 1

static const AbuseCase abuse_cases[] = {
    /* not UTF-8 */
    {"lone continuation byte", RAW("{\"id\":1,\"type\":\"hello\",\"x\":\"\x80\"}"), NULL, "bad_utf8"},
    {"overlong NUL", RAW("{\"id\":1,\"type\":\"hello\",\"x\":\"\xc0\x80\"}"), NULL, "bad_utf8"},
    {"overlong slash", RAW("{\"id\":1,\"type\":\"hello\",\"x\":\"\xe0\x80\xaf\"}"), NULL, "bad_utf8"},
    {"UTF-16 surrogate", RAW("{\"id\":1,\"type\":\"hello\",\"x\":\"\xed\xa0\x80\"}"), NULL, "bad_utf8"},
    {"past U+10FFFF", RAW("{\"id\":1,\"type\":\"hello\",\"x\":\"\xf4\x90\x80\x80\"}"), NULL, "bad_utf8"},
    {"byte 0xFF", RAW("\xff{\"id\":1,\"type\":\"hello\"}"), NULL, "bad_utf8"},
    {"cut multi-byte at end", RAW("{\"id\":1,\"type\":\"hello\"}\xe2\x82"), NULL, "bad_utf8"},
    {"Latin-1 text", RAW("{\"id\":1,\"type\":\"hello\",\"x\":\"caf\xe9\"}"), NULL, "bad_utf8"},
    /* NUL bytes, raw and escaped */
    {"raw NUL in a string", RAW("{\"id\":1,\"type\":\"hel\0lo\"}"), NULL, "bad_utf8"},
    {"raw NUL after the object", RAW("{\"id\":1,\"type\":\"hello\"}\0"), NULL, "bad_utf8"},
    {"escaped NUL in type", RAW("{\"id\":1,\"type\":\"hello\\u0000\"}"), NULL, "nul_in_string"},
    {"escaped NUL in a value", RAW("{\"id\":1,\"type\":\"hello\",\"x\":\"a\\u0000b\"}"), NULL,
     "nul_in_string"},
    {"escaped NUL in a key", RAW("{\"id\":1,\"type\":\"hello\",\"a\\u0000b\":1}"), NULL,
     "nul_in_string"},
    {"escaped NUL in the id", RAW("{\"id\":\"\\u0000\",\"type\":\"hello\"}"), NULL,
     "nul_in_string"},
    {"escaped NUL in a nested array", RAW("{\"id\":1,\"type\":\"hello\",\"x\":[[\"\\u0000\"]]}"),
     NULL, "nul_in_string"},
    /* invalid JSON */
    {"half an object", RAW("{\"id\":1,\"type\":"), NULL, "bad_json"},
    {"single quotes", RAW("{'id':1,'type':'hello'}"), NULL, "bad_json"},
    {"trailing comma", RAW("{\"id\":1,\"type\":\"hello\",}"), NULL, "bad_json"},
    {"two objects", RAW("{\"id\":1,\"type\":\"hello\"}{\"id\":2,\"type\":\"hello\"}"), NULL,
     "bad_json"},
    {"comment", RAW("{\"id\":1,/*x*/\"type\":\"hello\"}"), NULL, "bad_json"},
    {"unquoted key", RAW("{id:1,\"type\":\"hello\"}"), NULL, "bad_json"},
    {"lone high surrogate escape", RAW("{\"id\":1,\"type\":\"hello\",\"x\":\"\\ud800\"}"), NULL,
     "bad_json"},
    {"lone low surrogate escape", RAW("{\"id\":1,\"type\":\"hello\",\"x\":\"\\udc00\"}"), NULL,
     "bad_json"},
    {"bad escape", RAW("{\"id\":1,\"type\":\"hello\",\"x\":\"\\q\"}"), NULL, "bad_json"},
    {"raw control character", RAW("{\"id\":1,\"type\":\"hello\",\"x\":\"\x01\"}"), NULL, NULL},
    {"white space only", RAW("   \n"), NULL, "bad_json"},
    {"NaN", RAW("{\"id\":NaN,\"type\":\"hello\"}"), NULL, "bad_json"},
    /* nesting */
    {"arrays 1,000 levels deep with the request", NULL, 0, arrays_at_limit, NULL},
    {"arrays 1,001 levels deep", NULL, 0, arrays_past_limit, "bad_json"},
    {"arrays 10,000 deep", NULL, 0, arrays_10000, "bad_json"},
    {"objects 10,000 deep", NULL, 0, objects_10000, "bad_json"},
    {"arrays and objects 10,000 deep", NULL, 0, mixed_10000, "bad_json"},
    {"id 10,000 deep", NULL, 0, id_10000_deep, "bad_json"},
    /* counts and sizes */
    {"100,000 fields", NULL, 0, fields_100000, NULL},
    {"an array of 100,000 items", NULL, 0, array_100000, NULL},
    {"1 MiB request of one ASCII string", NULL, 0, string_1mb_ascii, NULL},
    {"1 MiB request of one multi-byte string", NULL, 0, string_1mb_multibyte, NULL},
    {"1 MiB request of \\u escapes", NULL, 0, string_1mb_escapes, NULL},
    {"1 MB command name", NULL, 0, type_1mb, "unknown_command"},
    {"1 MB id", NULL, 0, id_1mb, "limit_exceeded"},
    {"id of 1,024 bytes", NULL, 0, id_at_limit, NULL},
    {"id of 1,025 bytes", NULL, 0, id_past_limit, "limit_exceeded"},
    /* not a request */
    {"array", RAW("[{\"id\":1,\"type\":\"hello\"}]"), NULL, "not_an_object"},
    {"string", RAW("\"hello\""), NULL, "not_an_object"},
    {"number", RAW("1e999"), NULL, "not_an_object"},
    {"type missing", RAW("{\"id\":1,\"Type\":\"hello\"}"), NULL, "missing_field"},
    {"type an object", RAW("{\"id\":1,\"type\":{\"name\":\"hello\"}}"), NULL, "wrong_type"},
    {"type true", RAW("{\"id\":1,\"type\":true}"), NULL, "wrong_type"},
};

/* Each row on one host; after each, the host must still answer hello. */
static void test_cases(Fixture *f, gconstpointer data)
{
    for (gsize i = 0; i < G_N_ELEMENTS(abuse_cases); i++) {
        const AbuseCase *row = &abuse_cases[i];
        g_autoptr(GString) built = row->build != NULL ? row->build() : NULL;
        const char *body = built != NULL ? built->str : row->body;
        gsize length = built != NULL ? built->len : row->length;
        g_test_message("case: %s (%zu bytes)", row->name, length);
        g_autoptr(cJSON) reply = call_bytes(f, body, length);
        if (row->code != NULL)
            assert_error(reply, row->code);
        else
            g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(reply, "ok")));
        assert_still_serving(f);
    }
    finish_host(f, 0);
}

/* Command names that are not commands, including ones a JavaScript or
 * C-string mistake would produce. */
static const char *const unknown_commands[] = {
    "", " ", "hello ", " hello", "Hello", "HELLO", "hello\\n", "hello\\t", "hel\\u006co",
    "__proto__", "constructor", "toString", "hasOwnProperty", "../hello", "hello/..",
    "%s%s%s%n", "\\u00e9", "\\ud83d\\ude00", "null", "undefined", "0",
};

static void test_unknown_commands(Fixture *f, gconstpointer data)
{
    for (gsize i = 0; i < G_N_ELEMENTS(unknown_commands); i++) {
        g_autofree char *request =
            g_strdup_printf("{\"id\":%zu,\"type\":\"%s\"}", i, unknown_commands[i]);
        g_autoptr(cJSON) reply = host_process_call(f->host, request);
        /* "hel\u006co" is "hello" once decoded: a JSON escape is not a trick. */
        if (strcmp(unknown_commands[i], "hel\\u006co") == 0) {
            g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(reply, "ok")));
            continue;
        }
        assert_error(reply, "unknown_command");
        g_assert_cmpint(cJSON_GetObjectItem(reply, "id")->valueint, ==, (int)i);
    }
    assert_still_serving(f);
    finish_host(f, 0);
}

/* Many requests in one write, good and bad mixed, with a zero-length frame:
 * one reply each, in order, each with its own id. */
static void test_pipelining(Fixture *f, gconstpointer data)
{
    const int count = 500;
    g_autoptr(GByteArray) stream = g_byte_array_new();
    for (int i = 0; i < count; i++) {
        g_autofree char *body = NULL;
        switch (i % 4) {
        case 0: body = g_strdup_printf("{\"id\":%d,\"type\":\"hello\"}", i); break;
        case 1: body = g_strdup_printf("{\"id\":%d,\"type\":\"nope\"}", i); break;
        case 2: body = g_strdup_printf("{\"id\":%d}", i); break;
        default: body = g_strdup(""); break;
        }
        uint32_t length = (uint32_t)strlen(body);
        g_byte_array_append(stream, (const guint8 *)&length, sizeof length);
        g_byte_array_append(stream, (const guint8 *)body, length);
    }
    /* The whole batch is far below a pipe's buffer, so one write cannot
     * block on the host's unread replies. */
    g_assert_cmpuint(stream->len, <, 32 * 1024);
    host_process_write_raw(f->host, stream->data, stream->len);
    for (int i = 0; i < count; i++) {
        g_autofree char *text = host_process_receive(f->host);
        g_assert_nonnull(text);
        g_autoptr(cJSON) reply = cJSON_Parse(text);
        g_assert_nonnull(reply);
        const cJSON *id = cJSON_GetObjectItem(reply, "id");
        switch (i % 4) {
        case 0:
            g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(reply, "ok")));
            g_assert_cmpint(id->valueint, ==, i);
            break;
        case 1:
            assert_error(reply, "unknown_command");
            g_assert_cmpint(id->valueint, ==, i);
            break;
        case 2:
            assert_error(reply, "missing_field");
            g_assert_cmpint(id->valueint, ==, i);
            break;
        default:
            assert_error(reply, "empty_message");
            g_assert_true(cJSON_IsNull(id));
            break;
        }
    }
    assert_still_serving(f);
    finish_host(f, 0);
}

/* A frame dribbled one byte per write (the host sees short reads inside the
 * length and the body) is read like any other. */
static void test_one_byte_writes(Fixture *f, gconstpointer data)
{
    const char body[] = "{\"id\":\"slow\",\"type\":\"hello\"}";
    uint32_t length = sizeof body - 1;
    guint8 frame[4 + sizeof body - 1];
    memcpy(frame, &length, 4);
    memcpy(frame + 4, body, length);
    for (gsize i = 0; i < sizeof frame; i++) {
        host_process_write_raw(f->host, frame + i, 1);
        g_usleep(200);
    }
    g_autofree char *text = host_process_receive(f->host);
    g_assert_nonnull(strstr(text, "\"slow\""));
    assert_still_serving(f);
    finish_host(f, 0);
}

/* A framing error after good requests: one error reply, then exit 1. */
static void test_framing_error_after_pipelined_requests(Fixture *f, gconstpointer data)
{
    g_autoptr(GByteArray) stream = g_byte_array_new();
    const char *hello = "{\"id\":1,\"type\":\"hello\"}";
    uint32_t length = (uint32_t)strlen(hello);
    for (int i = 0; i < 3; i++) {
        g_byte_array_append(stream, (const guint8 *)&length, sizeof length);
        g_byte_array_append(stream, (const guint8 *)hello, length);
    }
    uint32_t huge = 0xFFFFFFFFu;
    g_byte_array_append(stream, (const guint8 *)&huge, sizeof huge);
    g_byte_array_append(stream, (const guint8 *)"garbage after", 13);
    host_process_write_raw(f->host, stream->data, stream->len);
    for (int i = 0; i < 3; i++) {
        g_autofree char *text = host_process_receive(f->host);
        g_assert_nonnull(strstr(text, "\"ok\":true"));
    }
    g_autofree char *error_text = host_process_receive(f->host);
    g_autoptr(cJSON) reply = cJSON_Parse(error_text);
    assert_error(reply, "too_large");
    g_assert_null(host_process_receive(f->host));
    finish_host(f, 1);
}

/* ---- every command, every field, every wrong type ---- */

/* Longest example request in docs/protocol.md, in lines. */
#define EXAMPLE_MAX_LINES 30

/* The example requests of docs/protocol.md, by command: a line starting
 * with "→ " and the lines after it until the text parses as JSON (an
 * example may wrap). The first example of a command is kept. */
static GHashTable *documented_examples(void)
{
    const char *root = g_getenv("KEYFILL_SOURCE_ROOT");
    g_assert_nonnull(root);
    g_autofree char *path = g_build_filename(root, "docs", "protocol.md", NULL);
    g_autofree char *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    GHashTable *examples =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)cJSON_Delete);
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (char **line = lines; *line != NULL; line++) {
        if (!g_str_has_prefix(*line, "→ "))
            continue;
        g_autoptr(GString) json = g_string_new(*line + strlen("→ "));
        cJSON *request = cJSON_Parse(json->str);
        for (int more = 1; request == NULL && more < EXAMPLE_MAX_LINES && line[more] != NULL &&
                           !g_str_has_prefix(line[more], "←") &&
                           !g_str_has_prefix(line[more], "```");
             more++) {
            g_string_append(json, line[more]);
            request = cJSON_Parse(json->str);
        }
        const char *type = cJSON_GetStringValue(cJSON_GetObjectItem(request, "type"));
        if (type == NULL || g_hash_table_contains(examples, type)) {
            cJSON_Delete(request);
            continue;
        }
        g_hash_table_insert(examples, g_strdup(type), request);
    }
    return examples;
}

/* A request for a command without an example of its own: every top-level
 * field that any example uses, with its value there (the first seen). */
static cJSON *generic_request(GHashTable *examples, const char *command)
{
    cJSON *request = cJSON_CreateObject();
    cJSON_AddNumberToObject(request, "id", 0);
    cJSON_AddStringToObject(request, "type", command);
    GHashTableIter iter;
    gpointer value;
    g_hash_table_iter_init(&iter, examples);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        const cJSON *field;
        cJSON_ArrayForEach(field, (const cJSON *)value)
        {
            if (strcmp(field->string, "id") != 0 && strcmp(field->string, "type") != 0 &&
                cJSON_GetObjectItemCaseSensitive(request, field->string) == NULL)
                cJSON_AddItemToObject(request, field->string, cJSON_Duplicate(field, TRUE));
        }
    }
    return request;
}

static cJSON *hello_commands(Fixture *f)
{
    g_autoptr(cJSON) hello = host_process_call(f->host, "{\"id\":0,\"type\":\"hello\"}");
    const cJSON *commands = cJSON_GetObjectItem(cJSON_GetObjectItem(hello, "result"), "commands");
    g_assert_true(cJSON_IsArray(commands));
    g_assert_cmpint(cJSON_GetArraySize(commands), >, 0);
    return cJSON_Duplicate(commands, TRUE);
}

/* The values each field is replaced with: every JSON type, and for each
 * type a couple of shapes a careless caller sends. */
static const char *const wrong_values[] = {
    "null", "0", "-1", "1.5", "1e300", "\"\"", "\"x\"", "[]", "[1]", "[null]", "{}",
    "{\"a\":1}", "true", "false",
};

/* TRUE when @a and @b have the same JSON type (numbers are one type). */
static gboolean same_type(const cJSON *a, const cJSON *b)
{
    return (a->type & 0xFF) == (b->type & 0xFF) ||
           (cJSON_IsBool(a) && cJSON_IsBool(b));
}

/* Sends @request with a fresh id and checks the reply: the same id, and
 * never "internal". With @must_fail (a value of another JSON type than the
 * documented one) it must be refused as wrong_type, invalid_argument or
 * limit_exceeded. */
static void check_mutation(Fixture *f, cJSON *request, const char *what, gboolean must_fail)
{
    gint64 id = f->next_id++;
    cJSON_DeleteItemFromObjectCaseSensitive(request, "id");
    cJSON_AddNumberToObject(request, "id", (double)id);
    g_autofree char *text = cJSON_PrintUnformatted(request);
    g_autoptr(cJSON) reply = host_process_call(f->host, text);
    g_assert_cmpint((gint64)cJSON_GetNumberValue(cJSON_GetObjectItem(reply, "id")), ==, id);
    const char *code = error_code(reply);
    if (code != NULL && strcmp(code, "internal") == 0)
        g_error("%s: internal error for %s", what, text);
    if (must_fail && cJSON_IsTrue(cJSON_GetObjectItem(reply, "ok")))
        g_error("%s: accepted %s", what, text);
    if (must_fail && g_strcmp0(code, "wrong_type") != 0 &&
        g_strcmp0(code, "invalid_argument") != 0 && g_strcmp0(code, "limit_exceeded") != 0)
        g_error("%s: \"%s\" instead of wrong_type for %.300s", what, code, text);
}

/* Sends @base with each of its fields (and one unknown field) replaced by
 * each wrong value, and removed. With @typed, a value of another JSON type
 * than in @base must be refused. Returns the number of requests sent. */
static int mutate_fields(Fixture *f, const char *command, const cJSON *base, gboolean typed)
{
    g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func(g_free);
    const cJSON *field;
    cJSON_ArrayForEach(field, base)
    {
        if (strcmp(field->string, "id") != 0 && strcmp(field->string, "type") != 0)
            g_ptr_array_add(fields, g_strdup(field->string));
    }
    g_ptr_array_add(fields, g_strdup("unexpected_field"));

    int sent = 0;
    for (guint i = 0; i < fields->len; i++) {
        const char *key = fields->pdata[i];
        const cJSON *documented = cJSON_GetObjectItem(base, key);
        g_autofree char *what = g_strdup_printf("%s.%s", command, key);
        for (gsize v = 0; v < G_N_ELEMENTS(wrong_values); v++) {
            g_autoptr(cJSON) request = cJSON_Duplicate(base, TRUE);
            cJSON *value = cJSON_Parse(wrong_values[v]);
            gboolean must_fail = typed && documented != NULL && !cJSON_IsNull(value) &&
                                 !same_type(documented, value);
            if (documented != NULL)
                cJSON_ReplaceItemInObject(request, key, value);
            else
                cJSON_AddItemToObject(request, key, value);
            check_mutation(f, request, what, must_fail);
            sent++;
        }
        if (documented != NULL) {
            g_autoptr(cJSON) request = cJSON_Duplicate(base, TRUE);
            cJSON_DeleteItemFromObject(request, key);
            check_mutation(f, request, what, FALSE);
            sent++;
        }
    }
    /* Every pair of fields wrong at once: a handler must stop at the first
     * error (finish_host() then finds no GLib warning about a GError set
     * twice, which one wrong field alone never shows). */
    static const char *const pair_values[] = {"0", "{}"};
    for (guint i = 0; i < fields->len; i++) {
        for (guint j = i + 1; j < fields->len; j++) {
            g_autofree char *what = g_strdup_printf("%s.%s+%s", command,
                                                    (char *)fields->pdata[i],
                                                    (char *)fields->pdata[j]);
            for (gsize v = 0; v < G_N_ELEMENTS(pair_values); v++) {
                g_autoptr(cJSON) request = cJSON_Duplicate(base, TRUE);
                const char *keys[] = {fields->pdata[i], fields->pdata[j]};
                for (gsize k = 0; k < G_N_ELEMENTS(keys); k++) {
                    cJSON *value = cJSON_Parse(pair_values[v]);
                    if (cJSON_GetObjectItem(request, keys[k]) != NULL)
                        cJSON_ReplaceItemInObject(request, keys[k], value);
                    else
                        cJSON_AddItemToObject(request, keys[k], value);
                }
                check_mutation(f, request, what, FALSE);
                sent++;
            }
        }
    }
    return sent;
}

/* Every command hello lists, every field of its example in docs/protocol.md
 * (or, for a command documented without an example of its own, every field
 * any example uses), with every JSON type. */
static void test_every_field_wrong_type(Fixture *f, gconstpointer data)
{
    g_autoptr(GHashTable) examples = documented_examples();
    g_autoptr(cJSON) commands = hello_commands(f);
    int sent = 0;
    g_autoptr(GString) without_example = g_string_new(NULL);
    const cJSON *name;
    cJSON_ArrayForEach(name, commands)
    {
        const cJSON *example = g_hash_table_lookup(examples, name->valuestring);
        if (example != NULL) {
            sent += mutate_fields(f, name->valuestring, example, TRUE);
        } else {
            g_autoptr(cJSON) generic = generic_request(examples, name->valuestring);
            sent += mutate_fields(f, name->valuestring, generic, FALSE);
            g_string_append_printf(without_example, " %s", name->valuestring);
        }
        assert_still_serving(f);
    }
    if (without_example->len > 0)
        g_test_message("commands without an example request in docs/protocol.md:%s",
                       without_example->str);
    g_test_message("%d mutated requests answered", sent);
    g_assert_cmpint(sent, >, 0);
    finish_host(f, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
    ADD("/abuse/cases", test_cases);
    ADD("/abuse/unknown-commands", test_unknown_commands);
    ADD("/abuse/pipelining", test_pipelining);
    ADD("/abuse/one-byte-writes", test_one_byte_writes);
    ADD("/abuse/framing-error-after-pipelined-requests",
        test_framing_error_after_pipelined_requests);
    ADD("/abuse/every-field-wrong-type", test_every_field_wrong_type);
#undef ADD
    return g_test_run();
}
