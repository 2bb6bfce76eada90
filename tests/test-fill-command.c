/*
 * test-fill-command.c — fill.plan and fill.report through the real
 * keyfill-host, with a real store in a scratch folder and the real keyring
 * of the test session (run inside tests/with-keyring).
 */
#include "host-process.h"

#include "descriptor.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
    char *folder;
    char *db_env;
    HostProcess *host;
    char *persona_id;
} Fixture;

static const char persona_json[] =
    "{\"label\": \"Home\", \"is_default\": true,"
    " \"name\": {\"prefix\": \"Dr.\", \"given\": \"Ada\", \"additional\": \"King\","
    "          \"family\": \"Lovelace\"},"
    " \"birthday\": \"1815-12-10\","
    " \"emails\": [{\"label\": \"personal\", \"address\": \"ada@example.org\"}],"
    " \"phones\": [{\"label\": \"mobile\", \"country\": \"GB\", \"number\": \"+447700900123\"}],"
    " \"addresses\": [{\"label\": \"shipping\", \"lines\": [\"12 Example Street\", \"Flat 2\"],"
    "                 \"city\": \"London\", \"region\": \"\", \"postal_code\": \"SW1A 1AA\","
    "                 \"country\": \"GB\"}],"
    " \"cards\": [{\"nickname\": \"Everyday\", \"holder\": \"Ada Lovelace\","
    "             \"number\": \"4242424242424242\", \"exp_month\": 12, \"exp_year\": 2030}]}";

/* A checkout: name, email, tel, street, postcode, country select, card
 * number, expiry, security code. */
static const char fields_json[] =
    "\"fields\": ["
    " {\"index\": 0, \"tag\": \"input\", \"type\": \"text\", \"label\": \"Full name\"},"
    " {\"index\": 1, \"tag\": \"input\", \"type\": \"email\"},"
    " {\"index\": 2, \"tag\": \"input\", \"type\": \"tel\", \"maxlength\": 11},"
    " {\"index\": 3, \"tag\": \"input\", \"type\": \"text\"},"
    " {\"index\": 4, \"tag\": \"input\", \"type\": \"text\"},"
    " {\"index\": 5, \"tag\": \"select\", \"type\": \"select-one\","
    "  \"options\": [{\"value\": \"\", \"text\": \"Country\"}, {\"value\": \"FR\", \"text\": "
    "\"France\"},"
    "               {\"value\": \"GB\", \"text\": \"United Kingdom\"}]},"
    " {\"index\": 6, \"tag\": \"input\", \"type\": \"text\", \"maxlength\": 19},"
    " {\"index\": 7, \"tag\": \"input\", \"type\": \"text\"},"
    " {\"index\": 8, \"tag\": \"input\", \"type\": \"text\"}],"
    "\"classified\": ["
    " {\"index\": 0, \"type\": \"name\", \"section\": \"\"},"
    " {\"index\": 1, \"type\": \"email\", \"section\": \"\"},"
    " {\"index\": 2, \"type\": \"tel\", \"section\": \"\"},"
    " {\"index\": 3, \"type\": \"street-address\", \"section\": \"shipping\"},"
    " {\"index\": 4, \"type\": \"postal-code\", \"section\": \"shipping\"},"
    " {\"index\": 5, \"type\": \"country\", \"section\": \"shipping\"},"
    " {\"index\": 6, \"type\": \"cc-number\", \"section\": \"card\"},"
    " {\"index\": 7, \"type\": \"cc-exp\", \"section\": \"card\"},"
    " {\"index\": 8, \"type\": \"cc-csc\", \"section\": \"card\"}]";

static void setup(Fixture *fixture, gconstpointer data)
{
    (void)data;
    g_autoptr(GError) error = NULL;
    fixture->folder = g_dir_make_tmp("keyfill-fill-XXXXXX", &error);
    g_assert_no_error(error);
    g_autofree char *db = g_build_filename(fixture->folder, "keyfill.db", NULL);
    fixture->db_env = g_strdup_printf("KEYFILL_DB=%s", db);
    const char *env[] = {fixture->db_env, NULL};
    fixture->host = host_process_start_chromium(env);
    g_autofree char *put =
        g_strdup_printf("{\"id\": 1, \"type\": \"persona.put\", \"persona\": %s}", persona_json);
    g_autoptr(cJSON) reply = host_process_call(fixture->host, put);
    host_process_result(reply);
    fixture->persona_id = g_strdup(
        cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(reply, "result"), "id")));
    g_assert_nonnull(fixture->persona_id);
}

static void teardown(Fixture *fixture, gconstpointer data)
{
    (void)data;
    g_assert_cmpint(host_process_finish(fixture->host, 5000, NULL), ==, 0);
    host_process_free(fixture->host);
    g_autofree char *db = g_build_filename(fixture->folder, "keyfill.db", NULL);
    const char *suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (gsize i = 0; i < G_N_ELEMENTS(suffixes); i++) {
        g_autofree char *path = g_strconcat(db, suffixes[i], NULL);
        g_remove(path);
    }
    g_rmdir(fixture->folder);
    g_free(fixture->folder);
    g_free(fixture->db_env);
    g_free(fixture->persona_id);
}

static cJSON *plan(Fixture *fixture, const char *origin, const char *extra)
{
    g_autofree char *request =
        g_strdup_printf("{\"id\": 2, \"type\": \"fill.plan\", \"origin\": \"%s\", %s%s}", origin,
                        fields_json, extra);
    return host_process_call(fixture->host, request);
}

static const char *value_at(const cJSON *reply, const char *index)
{
    const cJSON *fill = cJSON_GetObjectItem(cJSON_GetObjectItem(reply, "result"), "fill");
    return cJSON_GetStringValue(cJSON_GetObjectItem(fill, index));
}

static const char *reason_at(const cJSON *reply, int index)
{
    const cJSON *skipped;
    cJSON_ArrayForEach(skipped,
                       cJSON_GetObjectItem(cJSON_GetObjectItem(reply, "result"), "skipped"))
    {
        if (cJSON_GetObjectItem(skipped, "index")->valueint == index)
            return cJSON_GetStringValue(cJSON_GetObjectItem(skipped, "reason"));
    }
    return NULL;
}

static void test_preview(Fixture *fixture, gconstpointer data)
{
    (void)data;
    g_autoptr(cJSON) reply = plan(fixture, "https://shop.example", ", \"preview\": true");
    host_process_result(reply);
    g_assert_cmpstr(
        value_at(reply, "0"), ==,
        "D\u2022. A\u2022\u2022 K\u2022\u2022\u2022 L\u2022\u2022\u2022\u2022\u2022\u2022\u2022");
    g_assert_cmpstr(value_at(reply, "1"), ==, "a\u2022\u2022\u2022@example.org");
    g_assert_cmpstr(value_at(reply, "5"), ==, "\u2022\u2022");
    g_assert_cmpstr(value_at(reply, "6"), ==, "\u2022\u2022\u2022\u2022 4242");
    g_assert_cmpstr(reason_at(reply, 8), ==, "never_stored");
    const cJSON *result = cJSON_GetObjectItem(reply, "result");
    g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(result, "preview")));
    g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(result, "persona")), ==,
                    fixture->persona_id);
    g_autofree char *printed = cJSON_PrintUnformatted(reply);
    static const char *const secrets[] = {"Lovelace", "ada@",      "07700900123",  "Example Street",
                                          "SW1A",     "4242 4242", "424242424242", "12/30"};
    for (gsize i = 0; i < G_N_ELEMENTS(secrets); i++)
        g_assert_null(strstr(printed, secrets[i]));
    g_assert_cmpstr(
        cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(result, "formats"), "6")), ==,
        "grouped");
}

static void test_insecure_origin(Fixture *fixture, gconstpointer data)
{
    (void)data;
    g_autoptr(cJSON) reply = plan(fixture, "http://shop.example", ", \"preview\": true");
    host_process_result(reply);
    g_assert_cmpstr(reason_at(reply, 6), ==, "insecure_origin");
    g_assert_cmpstr(reason_at(reply, 7), ==, "insecure_origin");
    g_assert_nonnull(value_at(reply, "1"));
}

/* Values only through consent: a first plan for values is a question
 * (tests/test-release.c walks the whole flow). */
static void test_values_need_consent(Fixture *fixture, gconstpointer data)
{
    (void)data;
    g_autoptr(cJSON) reply = plan(fixture, "https://shop.example", "");
    const cJSON *result = host_process_result(reply);
    g_assert_true(cJSON_IsObject(cJSON_GetObjectItem(result, "consent")));
    g_assert_null(cJSON_GetObjectItem(result, "fill"));
    g_autoptr(cJSON) explicit_false = plan(fixture, "https://shop.example", ", \"preview\": false");
    g_assert_true(
        cJSON_IsObject(cJSON_GetObjectItem(host_process_result(explicit_false), "consent")));
    g_autofree char *printed = cJSON_PrintUnformatted(reply);
    g_assert_null(strstr(printed, "Lovelace"));
}

static void test_bad_requests_keep_serving(Fixture *fixture, gconstpointer data)
{
    (void)data;
    static const char *const bad[][2] = {
        {"{\"type\": \"fill.plan\", \"origin\": \"https://a.example\", \"preview\": true}",
         "missing_field"},
        {"{\"type\": \"fill.plan\", \"fields\": [], \"preview\": true}", "missing_field"},
        {"{\"type\": \"fill.plan\", \"origin\": \"https://a.example\", \"fields\": [],"
         " \"classified\": [{\"index\": 3, \"type\": \"email\"}], \"preview\": true}",
         "invalid_argument"},
        {"{\"type\": \"fill.plan\", \"origin\": \"file:///etc/passwd\", \"fields\": [],"
         " \"classified\": [], \"preview\": true}",
         "bad_origin"},
        {"{\"type\": \"fill.plan\", \"origin\": \"https://a.example/path\", \"fields\": [],"
         " \"classified\": [], \"preview\": true}",
         "bad_origin"},
        {"{\"type\": \"fill.report\", \"origin\": \"https://a.example?x=1\", \"reports\": []}",
         "bad_origin"},
        {"{\"type\": \"fill.plan\", \"origin\": \"https://a.example\", \"fields\": {},"
         " \"classified\": [], \"preview\": true}",
         "wrong_type"},
        {"{\"type\": \"fill.plan\", \"origin\": \"https://a.example\", \"fields\": [],"
         " \"classified\": [], \"preview\": true, \"card\": \"nope\"}",
         "invalid_argument"},
        {"{\"type\": \"fill.plan\", \"origin\": \"https://a.example\", \"fields\": [],"
         " \"classified\": [], \"preview\": true, \"persona\": \"nope\"}",
         "not_found"},
        {"{\"type\": \"fill.report\", \"origin\": \"https://a.example\","
         " \"reports\": [{\"type\": \"cc-number\", \"format_used\": \"4242424242424242\","
         " \"read_back_matches\": true}]}",
         "invalid_argument"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(cJSON) reply = host_process_call(fixture->host, bad[i][0]);
        host_process_assert_error(reply, bad[i][1]);
    }
    g_autoptr(cJSON) reply = plan(fixture, "https://shop.example", ", \"preview\": true");
    host_process_result(reply);
}

static void test_field_limit(Fixture *fixture, gconstpointer data)
{
    (void)data;
    GString *request = g_string_new("{\"type\": \"fill.plan\", \"origin\": \"https://a.example\","
                                    " \"preview\": true, \"classified\": [], \"fields\": [");
    for (int i = 0; i <= DESCRIPTOR_MAX_FIELDS; i++)
        g_string_append_printf(request, "%s{\"index\": %d}", i > 0 ? "," : "", i);
    g_string_append(request, "]}");
    g_autoptr(cJSON) reply = host_process_call(fixture->host, request->str);
    g_string_free(request, TRUE);
    host_process_assert_error(reply, "limit_exceeded");
}

#define CLASSIFY_ITSELF_FIELDS                                                                     \
    "[{\"index\": 4, \"tag\": \"input\", \"type\": \"email\", \"autocomplete\": \"email\"},"       \
    " {\"index\": 5, \"tag\": \"input\", \"type\": \"text\", \"label\": \"Postcode\","             \
    "  \"autocomplete\": \"shipping postal-code\"},"                                               \
    " {\"index\": 6, \"tag\": \"input\", \"type\": \"text\", \"label\": \"Coupon code\"}]"

/* Without "classified" the host classifies the descriptors itself. */
static void test_classifies_itself(Fixture *fixture, gconstpointer data)
{
    (void)data;
    g_autoptr(cJSON) reply = host_process_call(
        fixture->host,
        "{\"type\": \"fill.plan\", \"origin\": \"https://shop.example\", \"preview\": true,"
        " \"fields\": " CLASSIFY_ITSELF_FIELDS "}");
    host_process_result(reply);
    g_assert_cmpstr(value_at(reply, "4"), ==, "a\u2022\u2022\u2022@example.org");
    g_assert_cmpstr(value_at(reply, "5"), ==, "S\u2022\u2022\u2022 1\u2022\u2022");
    g_assert_cmpstr(reason_at(reply, 6), ==, "no_type");
    /* ... and returns that classification (a classify reply's, without
     * evidence), for the answer to resend. */
    g_autoptr(cJSON) classify = host_process_call(
        fixture->host, "{\"type\": \"classify\", \"fields\": " CLASSIFY_ITSELF_FIELDS "}");
    const cJSON *expected = cJSON_GetObjectItem(cJSON_GetObjectItem(classify, "result"), "fields");
    const cJSON *classified =
        cJSON_GetObjectItem(cJSON_GetObjectItem(reply, "result"), "classified");
    g_assert_cmpint(cJSON_GetArraySize(classified), ==, 3);
    g_assert_cmpint(cJSON_GetArraySize(expected), ==, 3);
    for (int i = 0; i < 3; i++) {
        const cJSON *item = cJSON_GetArrayItem(classified, i);
        const cJSON *want = cJSON_GetArrayItem(expected, i);
        g_assert_null(cJSON_GetObjectItem(item, "evidence"));
        for (const char *const *key = (const char *const[]){"index", "type", "section", NULL};
             *key != NULL; key++)
            g_assert_true(cJSON_Compare(cJSON_GetObjectItem(item, *key),
                                        cJSON_GetObjectItem(want, *key), TRUE));
    }
    g_assert_cmpstr(
        cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(classified, 1), "type")), ==,
        "postal-code");
}

/* A plan of classified fields does not echo the classification back. */
static void test_classified_not_echoed(Fixture *fixture, gconstpointer data)
{
    (void)data;
    g_autoptr(cJSON) reply = host_process_call(
        fixture->host,
        "{\"type\": \"fill.plan\", \"origin\": \"https://shop.example\", \"preview\": true,"
        " \"fields\": [{\"index\": 4, \"tag\": \"input\", \"type\": \"email\"}],"
        " \"classified\": [{\"index\": 4, \"type\": \"email\", \"section\": \"\"}]}");
    host_process_result(reply);
    g_assert_cmpstr(value_at(reply, "4"), ==, "a\u2022\u2022\u2022@example.org");
    g_assert_null(cJSON_GetObjectItem(cJSON_GetObjectItem(reply, "result"), "classified"));
}

/* The page rewrote the expiry into MM / YYYY: the next plan uses that. */
static void test_format_memory(Fixture *fixture, gconstpointer data)
{
    (void)data;
    g_autoptr(cJSON) report = host_process_call(
        fixture->host,
        "{\"type\": \"fill.report\", \"origin\": \"https://shop.example\", \"reports\": ["
        " {\"index\": 7, \"type\": \"cc-exp\", \"format_used\": \"MM/YY\","
        "  \"read_back_matches\": false, \"rewritten_to_format\": \"99 / 9999\"},"
        " {\"index\": 2, \"type\": \"tel\", \"format_used\": \"national\","
        "  \"read_back_matches\": true}]}");
    host_process_result(report);
    g_assert_cmpint(
        cJSON_GetObjectItem(cJSON_GetObjectItem(report, "result"), "recorded")->valueint, ==, 2);
    g_autoptr(cJSON) reply = plan(fixture, "https://shop.example", ", \"preview\": true");
    host_process_result(reply);
    const cJSON *formats = cJSON_GetObjectItem(cJSON_GetObjectItem(reply, "result"), "formats");
    g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(formats, "7")), ==, "MM / YYYY");
    g_assert_cmpstr(value_at(reply, "7"), ==, "\u2022\u2022 / \u2022\u2022\u2022\u2022");
    /* Another site is not affected. */
    g_autoptr(cJSON) other = plan(fixture, "https://other.example", ", \"preview\": true");
    const cJSON *other_formats =
        cJSON_GetObjectItem(cJSON_GetObjectItem(other, "result"), "formats");
    g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(other_formats, "7")), ==, "MM/YY");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
#define ADD(path, func) g_test_add(path, Fixture, NULL, setup, func, teardown)
    ADD("/fill-command/preview", test_preview);
    ADD("/fill-command/insecure-origin", test_insecure_origin);
    ADD("/fill-command/values-need-consent", test_values_need_consent);
    ADD("/fill-command/bad-requests-keep-serving", test_bad_requests_keep_serving);
    ADD("/fill-command/field-limit", test_field_limit);
    ADD("/fill-command/classifies-itself", test_classifies_itself);
    ADD("/fill-command/classified-not-echoed", test_classified_not_echoed);
    ADD("/fill-command/format-memory", test_format_memory);
    return g_test_run();
}
