/*
 * test-jsonarena.c — cJSON's memory while a request is handled: values from
 * before a request are freed by free(), values of a request die with it and
 * are poisoned under AddressSanitizer and zeroed, chunks are reused, blocks larger than
 * a chunk work, and requests up to the 1 MiB limit give the same replies
 * inside the arena as cJSON does with malloc().
 */
#include "descriptor.h"
#include "framing.h"
#include "jsonarena.h"
#include "jsonfield.h"
#include "protocol.h"
#include "commands/commands.h"

#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif
#ifdef TEST_ASAN
#include <sanitizer/asan_interface.h>
#endif

#define BIG_BLOCK_BYTES ((gsize)6 * 1024 * 1024) /* more than a chunk */

/* Runs first, before any request installed the arena's hooks: a tree made
 * with cJSON's default malloc() is freed inside a request, and one made
 * inside is freed at the end without cJSON_Delete(); LeakSanitizer checks
 * that nothing leaked, AddressSanitizer that free() got only its own. */
static void test_values_from_outside(void)
{
    cJSON *before = cJSON_Parse("{\"a\":[1,2,3],\"b\":\"text\"}");
    g_assert_nonnull(before);
    jsonarena_begin();
    cJSON_Delete(before);
    cJSON *inside = cJSON_Parse("{\"c\":\"made in the request\"}");
    g_assert_nonnull(inside);
    jsonarena_end();

    /* After the request, cJSON uses malloc() again. */
    cJSON *after = cJSON_CreateString("after");
    char *printed = cJSON_PrintUnformatted(after);
    g_assert_cmpstr(printed, ==, "\"after\"");
    cJSON_free(printed);
    cJSON_Delete(after);
}

/* The reply printed inside a request and copied before its end survives it. */
static void test_reply_copied_before_end(void)
{
    jsonarena_begin();
    cJSON *reply = cJSON_CreateObject();
    cJSON_AddNumberToObject(reply, "id", 7);
    cJSON_AddStringToObject(reply, "text", "é and ✓");
    char *printed = cJSON_PrintUnformatted(reply);
    g_autofree char *copy = g_strdup(printed);
    cJSON_free(printed);
    jsonarena_end();
    g_assert_cmpstr(copy, ==, "{\"id\":7,\"text\":\"é and ✓\"}");
}

/* What a request wrote is zeroed when it ends: the next request's blocks,
 * carved from the same kept chunk, read as zeros, not as the last reply's
 * values. */
static void test_wiped_at_end(void)
{
    static const char value[] = "4242424242424242";
    jsonarena_begin();
    char *written = cJSON_malloc(sizeof value);
    memcpy(written, value, sizeof value);
    jsonarena_end();

    jsonarena_begin();
    char *next = cJSON_malloc(sizeof value);
    g_assert_true(next == written); /* the same bytes, carved again */
    for (gsize i = 0; i < sizeof value; i++)
        g_assert_cmpint(next[i], ==, 0);
    jsonarena_end();
}

/* Every block of an ended request, and every block freed during one, is
 * poisoned: a use would be reported like a use after free. */
static void test_poisoned(void)
{
#ifdef TEST_ASAN
    jsonarena_begin();
    cJSON *freed = cJSON_CreateString("freed during the request");
    const char *freed_text = freed->valuestring;
    cJSON_Delete(freed);
    g_assert_true(__asan_address_is_poisoned(freed_text));
    cJSON *kept = cJSON_CreateString("kept until the end");
    g_assert_false(__asan_address_is_poisoned(kept->valuestring));
    const char *kept_text = kept->valuestring;
    jsonarena_end();
    g_assert_true(__asan_address_is_poisoned(kept_text));
    g_assert_true(__asan_address_is_poisoned(kept));
#else
    g_test_skip("poisoning is only there under AddressSanitizer");
#endif
}

/* Freeing a request's value after the request ended is a bug: it asserts. */
static void test_value_outliving_request(void)
{
    if (g_test_subprocess()) {
        jsonarena_begin();
        char *printed = cJSON_PrintUnformatted(cJSON_CreateTrue());
        jsonarena_end();
        cJSON_free(printed);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
}

/* A block larger than a chunk gets one of its own, which goes back to the
 * system at the end (the kept chunks do not grow). */
static void test_block_larger_than_chunk(void)
{
    jsonarena_begin();
    jsonarena_end();
    gsize reserved = jsonarena_reserved_bytes();

    g_autofree char *text = g_malloc(BIG_BLOCK_BYTES + 1);
    memset(text, 'k', BIG_BLOCK_BYTES);
    text[BIG_BLOCK_BYTES] = '\0';
    jsonarena_begin();
    cJSON *string = cJSON_CreateString(text);
    g_assert_nonnull(string);
    g_assert_cmpuint(strlen(string->valuestring), ==, BIG_BLOCK_BYTES);
    g_assert_true(memcmp(string->valuestring, text, BIG_BLOCK_BYTES) == 0);
    cJSON *small = cJSON_CreateString("after the big one");
    g_assert_cmpstr(small->valuestring, ==, "after the big one");
    jsonarena_end();
    g_assert_cmpuint(jsonarena_reserved_bytes(), ==, reserved);
}

/* A classify request of at most @n fields and @max_bytes, with a
 * 250-option select as every 30th field. */
static GString *classify_request(int n, gsize max_bytes)
{
    g_autoptr(GString) options = g_string_new("[");
    for (int o = 0; o < 250; o++)
        g_string_append_printf(options, "%s{\"value\":\"C%d\",\"text\":\"Country %d\"}",
                               o > 0 ? "," : "", o, o);
    g_string_append_c(options, ']');
    GString *request = g_string_new("{\"id\":1,\"type\":\"classify\",\"fields\":[");
    g_autoptr(GString) field = g_string_new(NULL);
    for (int i = 0; i < n; i++) {
        if (i % 30 == 29)
            g_string_printf(field,
                            "{\"index\":%d,\"form\":%d,\"tag\":\"select\",\"type\":"
                            "\"select-one\",\"name\":\"country_%d\",\"labels\":{\"for\":"
                            "\"Country\"},\"visible\":true,\"options\":%s}",
                            i, i / 30, i, options->str);
        else
            g_string_printf(field,
                            "{\"index\":%d,\"form\":%d,\"tag\":\"input\",\"type\":\"text\","
                            "\"name\":\"%s_%d\",\"labels\":{\"for\":\"%s\"},\"visible\":true}",
                            i, i / 30, i % 3 == 0 ? "email" : "given-name", i,
                            i % 3 == 0 ? "E-mail address" : "First name");
        if (request->len + 1 + field->len + 2 > max_bytes)
            break;
        if (i > 0)
            g_string_append_c(request, ',');
        g_string_append_len(request, field->str, (gssize)field->len);
    }
    g_string_append(request, "]}");
    return request;
}

/* The reply to @request from protocol_handle(), inside the arena. */
static char *handle(const GString *request)
{
    static char *no_ids[] = {NULL};
    KeyfillConfig config = {.path = "/nonexistent/config.ini",
                            .allowed_extensions = no_ids,
                            .max_message_bytes = FRAMING_DEFAULT_MAX_INCOMING};
    Caller caller = {.browser = CALLER_BROWSER_CHROMIUM,
                     .extension_id = "iceljohmipnjghdnlgkldoicbgkapcab"};
    HostContext context = {.config = &config, .caller = &caller};
    size_t length = 0;
    char *reply = protocol_handle(&context, request->str, request->len, &length);
    g_assert_cmpuint(length, ==, strlen(reply));
    return reply;
}

/* Requests up to the 1 MiB limit: the reply is what the same command gives
 * with cJSON on malloc(), and a second request of the same size reuses the
 * chunks of the first. */
static void test_requests_up_to_limit(void)
{
    int sizes[] = {30, 300, DESCRIPTOR_MAX_FIELDS};
    for (gsize s = 0; s < G_N_ELEMENTS(sizes); s++) {
        g_autoptr(GString) request = classify_request(sizes[s], FRAMING_DEFAULT_MAX_INCOMING);
        g_assert_cmpuint(request->len, <=, FRAMING_DEFAULT_MAX_INCOMING);
        g_autofree char *first = handle(request);
        gsize reserved = jsonarena_reserved_bytes();
        g_autofree char *second = handle(request);
        g_assert_cmpstr(first, ==, second);
        g_assert_cmpuint(jsonarena_reserved_bytes(), ==, reserved);

        /* The same command outside any request: cJSON on malloc(). */
        g_autoptr(cJSON) parsed = cJSON_Parse(request->str);
        g_autoptr(GError) error = NULL;
        g_autoptr(cJSON) result = command_classify(NULL, parsed, &error);
        g_assert_no_error(error);
        g_autoptr(cJSON) reply = cJSON_CreateObject();
        cJSON_AddNumberToObject(reply, "id", 1);
        cJSON_AddTrueToObject(reply, "ok");
        cJSON_AddItemToObject(reply, "result", g_steal_pointer(&result));
        char *printed = cJSON_PrintUnformatted(reply);
        g_assert_cmpstr(first, ==, printed);
        cJSON_free(printed);
        if (sizes[s] == DESCRIPTOR_MAX_FIELDS) /* as close to the limit as fields go */
            g_assert_cmpuint(request->len, >, FRAMING_DEFAULT_MAX_INCOMING - 12000);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/jsonarena/values-from-outside", test_values_from_outside);
    g_test_add_func("/jsonarena/reply-copied-before-end", test_reply_copied_before_end);
    g_test_add_func("/jsonarena/wiped-at-end", test_wiped_at_end);
    g_test_add_func("/jsonarena/poisoned", test_poisoned);
    g_test_add_func("/jsonarena/value-outliving-request", test_value_outliving_request);
    g_test_add_func("/jsonarena/block-larger-than-chunk", test_block_larger_than_chunk);
    g_test_add_func("/jsonarena/requests-up-to-limit", test_requests_up_to_limit);
    return g_test_run();
}
