/*
 * test-format-memory.c — the site format memory on a real SQLite database
 * built by the store's own migrations (schema.c), in memory.
 */
#include "errors.h"
#include "format_memory.h"
#include "jsonfield.h"
#include "schema.h"

#include <sqlite3.h>

typedef struct {
    sqlite3 *db;
} Fixture;

static void setup(Fixture *fixture, gconstpointer data)
{
    (void)data;
    g_assert_cmpint(sqlite3_open(":memory:", &fixture->db), ==, SQLITE_OK);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(sqlite3_exec(fixture->db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_true(schema_migrate(fixture->db, &error));
    g_assert_no_error(error);
    g_assert_cmpint(sqlite3_exec(fixture->db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void teardown(Fixture *fixture, gconstpointer data)
{
    (void)data;
    sqlite3_close(fixture->db);
}

static void record(Fixture *fixture, const char *origin, const char *reports, int expected)
{
    g_autoptr(cJSON) json = cJSON_Parse(reports);
    g_assert_nonnull(json);
    g_autoptr(GError) error = NULL;
    int recorded = -1;
    g_assert_true(format_memory_record(fixture->db, origin, json, &recorded, &error));
    g_assert_no_error(error);
    g_assert_cmpint(recorded, ==, expected);
}

static void expect(Fixture *fixture, const char *origin, const char *type, const char *preferred,
                   const char *avoided)
{
    g_autoptr(GHashTable) liked = NULL;
    g_autoptr(GHashTable) banned = NULL;
    g_autoptr(GError) error = NULL;
    g_assert_true(format_memory_load(fixture->db, origin, &liked, &banned, &error));
    g_assert_cmpstr(g_hash_table_lookup(liked, type), ==, preferred);
    g_assert_cmpstr(g_hash_table_lookup(banned, type), ==, avoided);
}

static void test_accepted(Fixture *fixture, gconstpointer data)
{
    (void)data;
    record(fixture, "https://a.example",
           "[{\"index\": 3, \"type\": \"cc-exp\", \"format_used\": \"MM/YY\","
           "  \"read_back_matches\": true}]",
           1);
    /* A kept format came from that field's own hints: nothing to prefer. */
    expect(fixture, "https://a.example", "cc-exp", NULL, NULL);
    expect(fixture, "https://b.example", "cc-exp", NULL, NULL);
}

static void test_rewritten(Fixture *fixture, gconstpointer data)
{
    (void)data;
    record(fixture, "https://a.example",
           "[{\"type\": \"cc-exp\", \"format_used\": \"MM/YY\", \"read_back_matches\": false,"
           "  \"rewritten_to_format\": \"99 / 9999\"}]",
           1);
    expect(fixture, "https://a.example", "cc-exp", "99 / 9999", "MM/YY");
    expect(fixture, "https://b.example", "cc-exp", NULL, NULL); /* per site */
    /* Later the page keeps MM/YY after all: the ban is lifted. */
    record(fixture, "https://a.example",
           "[{\"type\": \"cc-exp\", \"format_used\": \"MM/YY\", \"read_back_matches\": true}]", 1);
    expect(fixture, "https://a.example", "cc-exp", "99 / 9999", NULL);
}

static void test_rejected(Fixture *fixture, gconstpointer data)
{
    (void)data;
    record(fixture, "https://a.example",
           "[{\"type\": \"tel\", \"format_used\": \"e164\", \"read_back_matches\": true}]", 1);
    record(fixture, "https://a.example",
           "[{\"type\": \"tel\", \"format_used\": \"e164\", \"read_back_matches\": false}]", 1);
    expect(fixture, "https://a.example", "tel", NULL, "e164");
}

static void test_no_shapes_for_names(Fixture *fixture, gconstpointer data)
{
    (void)data;
    /* A shape of a name would reveal its length: only the ban is kept. */
    record(fixture, "https://a.example",
           "[{\"type\": \"name\", \"format_used\": \"full\", \"read_back_matches\": false,"
           "  \"rewritten_to_format\": \"AAA AAAAAAAA\"}]",
           1);
    expect(fixture, "https://a.example", "name", NULL, "full");
}

static void test_options_ignored(Fixture *fixture, gconstpointer data)
{
    (void)data;
    record(fixture, "https://a.example",
           "[{\"type\": \"country\", \"format_used\": \"option\", \"read_back_matches\": true}]",
           0);
    expect(fixture, "https://a.example", "country", NULL, NULL);
}

/* Anything that could be a value is refused, and nothing of the call is kept. */
static void test_refuses_values(Fixture *fixture, gconstpointer data)
{
    (void)data;
    static const char *const bad[][2] = {
        {"[{\"type\": \"cc-exp\", \"format_used\": \"MM/YY\", \"read_back_matches\": true},"
         " {\"type\": \"cc-number\", \"format_used\": \"4242424242424242\","
         "  \"read_back_matches\": true}]",
         "invalid_argument"},
        {"[{\"type\": \"name\", \"format_used\": \"Ada\", \"read_back_matches\": true}]",
         "invalid_argument"},
        {"[{\"type\": \"cc-exp\", \"format_used\": \"MM/YY\", \"read_back_matches\": false,"
         "  \"rewritten_to_format\": \"12/30\"}]",
         "invalid_argument"},
        {"[{\"type\": \"cc-exp\", \"format_used\": \"MM/YY\"}]", "missing_field"},
        {"[{\"type\": 5, \"format_used\": \"MM/YY\", \"read_back_matches\": true}]", "wrong_type"},
        {"[\"MM/YY\"]", "wrong_type"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(cJSON) json = cJSON_Parse(bad[i][0]);
        g_assert_nonnull(json);
        g_autoptr(GError) error = NULL;
        int recorded = -1;
        g_assert_false(
            format_memory_record(fixture->db, "https://a.example", json, &recorded, &error));
        g_assert_nonnull(error);
        g_assert_cmpstr(keyfill_error_wire_name(error->code), ==, bad[i][1]);
        g_assert_cmpint(recorded, ==, -1);
    }
    expect(fixture, "https://a.example", "cc-exp", NULL, NULL);
}

static void test_report_limit(Fixture *fixture, gconstpointer data)
{
    (void)data;
    for (int extra = 0; extra <= 1; extra++) {
        g_autoptr(cJSON) reports = cJSON_CreateArray();
        for (int i = 0; i < FORMAT_MEMORY_MAX_REPORTS + extra; i++)
            cJSON_AddItemToArray(reports,
                                 cJSON_Parse("{\"type\": \"tel\", \"format_used\": \"nsn\","
                                             " \"read_back_matches\": true}"));
        g_autoptr(GError) error = NULL;
        int recorded = 0;
        gboolean ok =
            format_memory_record(fixture->db, "https://a.example", reports, &recorded, &error);
        g_assert_cmpint(ok, ==, extra == 0);
        if (extra)
            g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
#define ADD(path, func) g_test_add(path, Fixture, NULL, setup, func, teardown)
    ADD("/format-memory/accepted", test_accepted);
    ADD("/format-memory/rewritten", test_rewritten);
    ADD("/format-memory/rejected", test_rejected);
    ADD("/format-memory/no-shapes-for-names", test_no_shapes_for_names);
    ADD("/format-memory/options-ignored", test_options_ignored);
    ADD("/format-memory/refuses-values", test_refuses_values);
    ADD("/format-memory/report-limit", test_report_limit);
    return g_test_run();
}
