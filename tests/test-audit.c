/*
 * test-audit.c — the audit log through its C API on a real store (real
 * keyring inside tests/with-keyring): appending, what may be recorded, the
 * MAC chain against edits, deletions and reordering made behind the host's
 * back, the SQL triggers, retention with its anchor, key rotation, and
 * keyset paging under the byte budget.
 */
#include "store-fixture.h"
#include "audit.h"
#include "auditquery.h"
#include "errors.h"
#include "store.h"

#include <string.h>

typedef StoreFixture Fixture;

static gint64 append_release(Store *store, const char *site, GError **error)
{
    const char *frames[] = {site, "https://pay.example", NULL};
    const char *groups[] = {"name", "email", NULL};
    const char *fields[] = {"given-name", "family-name", "email", NULL};
    AuditRecord record = {
        .kind = AUDIT_KIND_RELEASE,
        .site = site,
        .frames = frames,
        .persona_id = "0123456789abcdef",
        .groups = groups,
        .fields = fields,
    };
    return audit_append(store, &record, error);
}

/* Appends @count releases in one transaction (as an import would). */
static void append_many(Store *store, int count)
{
    g_autoptr(GError) begin_error = NULL;
    g_assert_true(store_transaction_begin(store, &begin_error));
    for (int i = 0; i < count; i++) {
        g_autoptr(GError) error = NULL;
        const char *site = i % 2 == 0 ? "https://shop.example" : "https://other.example";
        g_assert_cmpint(append_release(store, site, &error), >, 0);
        g_assert_no_error(error);
    }
    g_assert_true(store_transaction_commit(store, &begin_error));
}

static AuditVerifyReport verify(Store *store)
{
    g_autoptr(GError) error = NULL;
    AuditVerifyReport report;
    g_assert_true(audit_verify(store, &report, &error));
    g_assert_no_error(error);
    return report;
}

/* Runs @sql on the database through a second connection, as someone with
 * file access would. */
static void tamper(const Fixture *fixture, const char *sql)
{
    sqlite3 *db = NULL;
    g_assert_cmpint(sqlite3_open(fixture->path, &db), ==, SQLITE_OK);
    char *message = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &message);
    if (rc != SQLITE_OK)
        g_error("tamper SQL failed: %s", message);
    sqlite3_close(db);
}

static void test_append_and_verify(Fixture *fixture, gconstpointer data)
{
    g_assert_cmpint(verify(fixture->store).entries, ==, 0);
    g_assert_true(verify(fixture->store).intact);
    append_many(fixture->store, 5);
    AuditVerifyReport report = verify(fixture->store);
    g_assert_true(report.intact);
    g_assert_cmpint(report.entries, ==, 5);
    g_assert_cmpint(report.first_seq, ==, 1);
    g_assert_cmpint(report.last_seq, ==, 5);

    g_autoptr(GError) error = NULL;
    AuditQuery query = {.limit = 1};
    g_autoptr(cJSON) page = auditquery_list(fixture->store, &query, &error);
    g_assert_no_error(error);
    const cJSON *entry = cJSON_GetArrayItem(cJSON_GetObjectItem(page, "entries"), 0);
    g_assert_cmpint(cJSON_GetObjectItem(entry, "seq")->valueint, ==, 5);
    g_assert_cmpstr(cJSON_GetObjectItem(entry, "kind")->valuestring, ==, "release");
    g_assert_cmpstr(cJSON_GetObjectItem(entry, "site")->valuestring, ==, "https://shop.example");
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(entry, "fields")), ==, 3);
    g_assert_true(g_str_has_suffix(cJSON_GetObjectItem(entry, "time")->valuestring, "Z"));
}

/* What an entry may hold: tokens and canonical origins, never free text. */
static const struct {
    const char *site;
    const char *persona;
    const char *note;
    int code;
} field_rows[] = {
    {"https://shop.example", "abc", "user", 0},
    {"https://Shop.example", "abc", NULL, KEYFILL_ERROR_BAD_AUDIT_FIELD}, /* not canonical */
    {"https://shop.example/cart", "abc", NULL, KEYFILL_ERROR_BAD_AUDIT_FIELD},
    {"https://shop.example", "ada@example.org", NULL, KEYFILL_ERROR_BAD_AUDIT_FIELD},
    {"https://shop.example", "Ada Lovelace", NULL, KEYFILL_ERROR_BAD_AUDIT_FIELD},
    {"https://shop.example", "abc", "12 Example Street", KEYFILL_ERROR_BAD_AUDIT_FIELD},
    {"https://shop.example", "abc", "-cmd", KEYFILL_ERROR_BAD_AUDIT_FIELD}, /* CSV formula */
    {"https://shop.example", "abc", "=1+1", KEYFILL_ERROR_BAD_AUDIT_FIELD},
    {"https://shop.example", "abc",
     "a1234567890123456789012345678901234567890123456789012345678901234",
     KEYFILL_ERROR_BAD_AUDIT_FIELD}, /* 65 bytes */
};

static void test_only_tokens_recorded(Fixture *fixture, gconstpointer data)
{
    for (gsize i = 0; i < G_N_ELEMENTS(field_rows); i++) {
        g_autoptr(GError) error = NULL;
        AuditRecord record = {.kind = AUDIT_KIND_DENIAL,
                              .site = field_rows[i].site,
                              .persona_id = field_rows[i].persona,
                              .note = field_rows[i].note};
        gint64 seq = audit_append(fixture->store, &record, &error);
        if (field_rows[i].code == 0) {
            g_assert_no_error(error);
            g_assert_cmpint(seq, >, 0);
        } else {
            g_assert_error(error, KEYFILL_ERROR, field_rows[i].code);
            g_assert_cmpint(seq, ==, 0);
        }
    }
    g_assert_cmpint(verify(fixture->store).entries, ==, 1);
}

static void test_triggers_forbid_changes(Fixture *fixture, gconstpointer data)
{
    append_many(fixture->store, 3);
    sqlite3 *db = store_db(fixture->store);
    g_assert_cmpint(
        sqlite3_exec(db, "UPDATE audit_log SET kind = 'denial' WHERE seq = 2", NULL, NULL, NULL) &
            0xff,
        ==, SQLITE_CONSTRAINT);
    g_assert_cmpint(sqlite3_exec(db, "DELETE FROM audit_log WHERE seq = 2", NULL, NULL, NULL) &
                        0xff,
                    ==, SQLITE_CONSTRAINT);
    g_assert_true(verify(fixture->store).intact);
}

/* Tampering behind the host's back (triggers dropped first), and the entry
 * verify must name. */
static const struct {
    const char *name;
    const char *sql;
    gint64 bad_seq;
    const char *problem;
} tamper_rows[] = {
    {"edit body", "UPDATE audit_log SET body = replace(body, 'email', 'phone') WHERE seq = 4", 4,
     "changed"},
    {"edit site", "UPDATE audit_log SET site = 'https://evil.example' WHERE seq = 3", 3, "changed"},
    {"edit kind", "UPDATE audit_log SET kind = 'denial' WHERE seq = 6", 6, "changed"},
    {"edit time", "UPDATE audit_log SET at = at - 1000 WHERE seq = 2", 2, "changed"},
    {"delete middle", "DELETE FROM audit_log WHERE seq = 5", 5, "missing"},
    {"delete first", "DELETE FROM audit_log WHERE seq = 1", 1, "missing"},
    {"delete newest", "DELETE FROM audit_log WHERE seq >= 7", 7, "truncated"},
    {"delete newest and head",
     "DELETE FROM audit_log WHERE seq = 8; DELETE FROM audit_marks WHERE name = 'head'", 8,
     "head_changed"},
    {"delete everything", "DELETE FROM audit_log", 1, "truncated"},
    {"swap two rows",
     "UPDATE audit_log SET seq = -1 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4;"
     "UPDATE audit_log SET seq = 4 WHERE seq = -1",
     3, "changed"},
    {"copy a MAC",
     "UPDATE audit_log SET mac = (SELECT mac FROM audit_log WHERE seq = 1) WHERE seq = 2", 2,
     "changed"},
    {"forge the head", "UPDATE audit_marks SET seq = 9 WHERE name = 'head'", 9, "head_changed"},
    {"remove the key", "DELETE FROM audit_key", 1, "key_missing"},
};

static void test_tamper_detected(Fixture *fixture, gconstpointer data)
{
    gsize row = GPOINTER_TO_SIZE(data);
    append_many(fixture->store, 8);
    g_assert_true(verify(fixture->store).intact);
    g_autofree char *sql = g_strconcat("DROP TRIGGER audit_log_no_update;"
                                       "DROP TRIGGER audit_log_no_delete;"
                                       "DROP TRIGGER audit_marks_forward;",
                                       tamper_rows[row].sql, NULL);
    tamper(fixture, sql);
    AuditVerifyReport report = verify(fixture->store);
    g_assert_false(report.intact);
    g_assert_cmpint(report.bad_seq, ==, tamper_rows[row].bad_seq);
    g_assert_cmpstr(report.problem, ==, tamper_rows[row].problem);
}

static void test_retention_anchor(Fixture *fixture, gconstpointer data)
{
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(audit_retention(fixture->store, &error), ==, AUDIT_RETENTION_DEFAULT);
    append_many(fixture->store, 10);

    /* A year and a day from now, all ten are past the retention. */
    gint64 later = audit_now_ms() + (gint64)366 * 86400 * 1000;
    g_assert_cmpint(audit_purge(fixture->store, later, &error), ==, 10);
    g_assert_no_error(error);
    AuditVerifyReport report = verify(fixture->store);
    g_assert_true(report.intact);
    g_assert_cmpint(report.entries, ==, 1); /* the purge entry itself */
    g_assert_cmpint(report.first_seq, ==, 11);

    append_many(fixture->store, 2);
    g_assert_true(verify(fixture->store).intact);
    g_assert_cmpint(audit_purge(fixture->store, audit_now_ms(), &error), ==, 0);

    /* Deleting entries at the anchor is still caught. */
    tamper(fixture, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 11");
    report = verify(fixture->store);
    g_assert_false(report.intact);
    g_assert_cmpint(report.bad_seq, ==, 11);
}

static void test_retention_setting(Fixture *fixture, gconstpointer data)
{
    g_autoptr(GError) error = NULL;
    g_assert_false(audit_set_retention(fixture->store, AUDIT_RETENTION_MAX + 1, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT);
    g_clear_error(&error);
    g_assert_true(audit_set_retention(fixture->store, 0, &error));
    g_assert_cmpint(audit_retention(fixture->store, &error), ==, 0);
    append_many(fixture->store, 3);
    gint64 much_later = audit_now_ms() + (gint64)10000 * 86400 * 1000;
    g_assert_cmpint(audit_purge(fixture->store, much_later, &error), ==, 0); /* for ever */
    g_assert_true(audit_set_retention(fixture->store, 30, &error));
    g_assert_cmpint(audit_retention(fixture->store, &error), ==, 30);
    g_assert_no_error(error);
}

static void test_key_rotation_keeps_chain(Fixture *fixture, gconstpointer data)
{
    append_many(fixture->store, 4);
    g_autoptr(GError) error = NULL;
    g_assert_true(store_rekey(fixture->store, &error));
    g_assert_no_error(error);
    AuditRecord rotation = {.kind = AUDIT_KIND_KEY_ROTATION, .note = "rekey"};
    g_assert_cmpint(audit_append(fixture->store, &rotation, &error), ==, 5);
    AuditVerifyReport report = verify(fixture->store);
    g_assert_true(report.intact);
    g_assert_cmpint(report.entries, ==, 5);
}

/* Walks every page and checks each entry comes exactly once, newest first. */
static void test_paging(Fixture *fixture, gconstpointer data)
{
    append_many(fixture->store, 1203);
    AuditQuery query = {.limit = AUDIT_PAGE_MAX};
    gint64 expected = 1203;
    int pages = 0;
    for (;;) {
        g_autoptr(GError) error = NULL;
        g_autoptr(cJSON) page = auditquery_list(fixture->store, &query, &error);
        g_assert_no_error(error);
        pages++;
        const cJSON *entry;
        cJSON_ArrayForEach(entry, cJSON_GetObjectItem(page, "entries"))
        {
            g_assert_cmpint(cJSON_GetObjectItem(entry, "seq")->valueint, ==, expected);
            expected--;
        }
        const cJSON *next = cJSON_GetObjectItem(page, "next_cursor");
        if (cJSON_IsNull(next))
            break;
        g_assert_true(auditquery_cursor_parse(next->valuestring, &query.cursor, &error));
    }
    g_assert_cmpint(expected, ==, 0);
    g_assert_cmpint(pages, ==, 3);

    /* Filters: one site is every other entry; oldest first walks forward. */
    g_autoptr(GError) error = NULL;
    AuditQuery site_query = {.site = "https://other.example", .limit = 3, .oldest_first = TRUE};
    g_autoptr(cJSON) page = auditquery_list(fixture->store, &site_query, &error);
    const cJSON *entries = cJSON_GetObjectItem(page, "entries");
    g_assert_cmpint(cJSON_GetArraySize(entries), ==, 3);
    g_assert_cmpint(cJSON_GetObjectItem(cJSON_GetArrayItem(entries, 0), "seq")->valueint, ==, 2);
    g_assert_cmpint(cJSON_GetObjectItem(cJSON_GetArrayItem(entries, 2), "seq")->valueint, ==, 6);
    g_assert_cmpstr(cJSON_GetObjectItem(page, "next_cursor")->valuestring, ==, "6");

    AuditQuery kind_query = {.has_kind = TRUE, .kind = AUDIT_KIND_DENIAL};
    g_autoptr(cJSON) none = auditquery_list(fixture->store, &kind_query, &error);
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(none, "entries")), ==, 0);

    AuditQuery future = {.since_ms = audit_now_ms() + 60000};
    g_autoptr(cJSON) empty = auditquery_list(fixture->store, &future, &error);
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(empty, "entries")), ==, 0);
    AuditQuery past = {.until_ms = audit_now_ms() + 60000, .limit = 1};
    g_autoptr(cJSON) newest = auditquery_list(fixture->store, &past, &error);
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(newest, "entries")), ==, 1);
    g_assert_no_error(error);

    AuditQuery too_big = {.limit = AUDIT_PAGE_MAX + 1};
    g_assert_null(auditquery_list(fixture->store, &too_big, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT);
}

/* Entries as large as allowed: a page stops at the byte budget. */
static void test_page_byte_budget(Fixture *fixture, gconstpointer data)
{
    g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func(g_free);
    for (int i = 0; i < AUDIT_LIST_MAX; i++)
        g_ptr_array_add(frames, g_strdup_printf("https://frame-%02d-%s.example", i,
                                                "abcdefghijklmnopqrstuvwxyzabcdefghijklmnop"));
    g_ptr_array_add(frames, NULL);
    AuditRecord record = {.kind = AUDIT_KIND_RELEASE,
                          .site = "https://shop.example",
                          .frames = (const char *const *)frames->pdata};
    for (int i = 0; i < 300; i++) {
        g_autoptr(GError) error = NULL;
        g_assert_cmpint(audit_append(fixture->store, &record, &error), >, 0);
    }
    g_autoptr(GError) error = NULL;
    AuditQuery query = {.limit = AUDIT_PAGE_MAX};
    g_autoptr(cJSON) page = auditquery_list(fixture->store, &query, &error);
    g_assert_no_error(error);
    char *printed = cJSON_PrintUnformatted(page);
    gsize size = strlen(printed);
    cJSON_free(printed);
    int count = cJSON_GetArraySize(cJSON_GetObjectItem(page, "entries"));
    g_test_message("page of %d entries, %zu bytes", count, size);
    g_assert_cmpint(count, <, 300);
    g_assert_cmpuint(size, <=, AUDIT_PAGE_BYTES + 100);
    g_assert_true(cJSON_IsString(cJSON_GetObjectItem(page, "next_cursor")));

    /* One more frame than allowed is refused. */
    g_ptr_array_remove_index(frames, frames->len - 1);
    g_ptr_array_add(frames, g_strdup("https://one-too-many.example"));
    g_ptr_array_add(frames, NULL);
    record.frames = (const char *const *)frames->pdata;
    g_assert_cmpint(audit_append(fixture->store, &record, &error), ==, 0);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED);
}

static const struct {
    const char *text;
    gint64 ms; /* -1: refused */
} time_rows[] = {
    {"2026-11-22", G_GINT64_CONSTANT(1795305600000)},
    {"2026-11-22T09:30:00Z", G_GINT64_CONSTANT(1795339800000)},
    {"2026-11-22T10:30:00+01:00", G_GINT64_CONSTANT(1795339800000)},
    {"2026-11-22T09:30:00.250Z", G_GINT64_CONSTANT(1795339800250)},
    {"22/11/2026", -1},
    {"yesterday", -1},
    {"", -1},
};

static void test_time_parse(void)
{
    for (gsize i = 0; i < G_N_ELEMENTS(time_rows); i++) {
        g_autoptr(GError) error = NULL;
        gint64 ms = 0;
        gboolean ok = auditquery_time_parse(time_rows[i].text, &ms, &error);
        g_assert_cmpint(ok, ==, time_rows[i].ms >= 0);
        if (ok)
            g_assert_cmpint(ms, ==, time_rows[i].ms);
        else
            g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT);
    }
    g_autoptr(GError) error = NULL;
    gint64 cursor = 0;
    g_assert_false(auditquery_cursor_parse("12abc", &cursor, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_BAD_CURSOR);
    g_clear_error(&error);
    g_assert_false(auditquery_cursor_parse("0", &cursor, &error));
    g_clear_error(&error);
    g_assert_true(auditquery_cursor_parse("42", &cursor, &error));
    g_assert_cmpint(cursor, ==, 42);
}

static void test_csv(void)
{
    g_autoptr(cJSON) entry =
        cJSON_Parse("{\"seq\":7,\"time\":\"2026-11-22T09:30:00.000Z\",\"kind\":\"release\","
                    "\"site\":\"https://shop.example\",\"frames\":[\"https://shop.example\","
                    "\"https://pay.example\"],\"persona\":\"p1\",\"groups\":[\"name\",\"card:c1\"],"
                    "\"fields\":[\"given-name\",\"cc-number\"],\"note\":\"a,b\"}");
    g_autoptr(GString) csv = g_string_new(NULL);
    auditquery_csv_header(csv);
    auditquery_csv_row(entry, csv);
    g_assert_cmpstr(csv->str, ==,
                    "seq,time,kind,site,frames,persona,groups,fields,decision,note,count\r\n"
                    "7,2026-11-22T09:30:00.000Z,release,https://shop.example,"
                    "https://shop.example https://pay.example,p1,name card:c1,"
                    "given-name cc-number,,\"a,b\",\r\n");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
#define ADD(path, func)                                                                            \
    g_test_add(path, Fixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)
    ADD("/audit/append-verify", test_append_and_verify);
    ADD("/audit/only-tokens", test_only_tokens_recorded);
    ADD("/audit/triggers", test_triggers_forbid_changes);
    ADD("/audit/retention-anchor", test_retention_anchor);
    ADD("/audit/retention-setting", test_retention_setting);
    ADD("/audit/key-rotation", test_key_rotation_keeps_chain);
    ADD("/audit/paging", test_paging);
    ADD("/audit/page-byte-budget", test_page_byte_budget);
    for (gsize i = 0; i < G_N_ELEMENTS(tamper_rows); i++) {
        g_autofree char *path = g_strdup_printf("/audit/tamper/%s", tamper_rows[i].name);
        g_strdelimit(path + strlen("/audit/tamper/"), " ", '-');
        g_test_add(path, Fixture, GSIZE_TO_POINTER(i), store_fixture_set_up, test_tamper_detected,
                   store_fixture_tear_down);
    }
    g_test_add_func("/audit/time-parse", test_time_parse);
    g_test_add_func("/audit/csv", test_csv);
    return g_test_run();
}
