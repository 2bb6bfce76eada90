/*
 * test-importer.c — import fixtures (tests/data/import/) as data rows, plus
 * the sealed export round trip and the CSV reader's limits.
 *
 * A row names a fixture, its --from format, and either the error expected
 * (wire name and the start of the message, which names the line or item at
 * fault) or checks on the imported personas: "PATH=VALUE", "-PATH" (absent),
 * "~TEXT" (a warning contains it), "#N" (N personas). "never" lists texts
 * that must appear nowhere in the result (security codes, passwords).
 */
#include "csv.h"
#include "errors.h"
#include "exportfile.h"
#include "importer.h"
#include "jsonfield.h"
#include "json-path.h"

#include <string.h>

typedef struct {
    const char *file;
    const char *format;
    const char *error_code; /* NULL: the import succeeds */
    const char *message_start;
    const char *checks[16];
    const char *never[4];
} ImportCase;

static const ImportCase import_cases[] = {
    {"firefox.json",
     "firefox",
     NULL,
     NULL,
     {"#2", "[0].label=Ada King Lovelace", "[0].name.full=Ada King Lovelace",
      "[0].organization=Analytical Engines Ltd", "[0].addresses[0].lines[0]=12 Example Street",
      "[0].addresses[0].lines[1]=Flat 2", "[0].addresses[0].postal_code=SW1A 1AA",
      "[0].phones[0].number=+447700900123", "[0].emails[0].address=ada@example.org", "-[0].cards",
      "[1].phones[0].number=+14085550100", "[1].cards[0].number=5555555555554444",
      "[1].cards[0].network=mastercard", "[1].cards[0].exp_year=2031",
      "~creditCards[1]: skipped: Firefox keeps this card number encrypted"},
     {"MEIEEPg", "c0ffee"}},
    {"firefox-bad-json.json", "firefox", "import_malformed", "line 6:", {NULL}, {NULL}},
    {"firefox-bad-card.json",
     "firefox",
     "invalid_card_number",
     "creditCards[1]: cards[0].number:",
     {NULL},
     {NULL}},
    {"bitwarden.json",
     "bitwarden",
     NULL,
     NULL,
     {"#1", "[0].label=Home", "[0].name.full=Dr. Ada Lovelace", "[0].name.prefix=Dr.",
      "[0].phones[0].number=+447700900123", "[0].addresses[0].lines[1]=Flat 2",
      "[0].addresses[0].postal_code=SW1A 1AA", "[0].cards[0].nickname=Everyday",
      "[0].cards[0].holder=Dr. Ada Lovelace", "[0].cards[0].exp_month=3",
      "[0].cards[0].network=visa", "-[0].cards[0].code", "~items[1]: ssn not imported",
      "~skipped 2 Bitwarden items"},
     {"737", "hunter2", "AB123456C", "milk"}},
    {"bitwarden-bad-card.json",
     "bitwarden",
     "invalid_card_number",
     "items[2]: cards[0].number:",
     {NULL},
     {NULL}},
    {"bitwarden-encrypted.json",
     "bitwarden",
     "import_unsupported",
     "This Bitwarden export is "
     "encrypted",
     {NULL},
     {NULL}},
    {"people.csv",
     "csv",
     NULL,
     NULL,
     {"#2", "[0].label=Home", "[0].is_default=true", "[0].name.full=Dr. Ada Lovelace",
      "[0].addresses[0].lines[1]=Flat 2, Block B", "[0].addresses[0].postal_code=SW1A 1AA",
      "[0].addresses[1].postal_code=75008", "[0].emails[1].address=ada@work.example",
      "[0].phones[0].number=+447700900123", "[0].cards[0].nickname=The \"everyday\" card",
      "[0].cards[0].exp_month=12", "[1].label=Work", "[1].is_default=false",
      "[1].cards[0].exp_year=2031", "~column \"card_cvc\" ignored"},
     {"737"}},
    {"csv-bad-postal.csv",
     "csv",
     "invalid_postal_code",
     "line 4: addresses[0].postal_code:",
     {NULL},
     {NULL}},
    {"csv-bad-quote.csv",
     "csv",
     "import_malformed",
     "line 3: a quoted field is never closed",
     {NULL},
     {NULL}},
    {"csv-wrong-count.csv",
     "csv",
     "import_malformed",
     "line 3: the row has 4 fields",
     {NULL},
     {NULL}},
    {"csv-no-header.csv", "csv", "import_malformed", "line 1: unknown column", {NULL}, {NULL}},
    {"csv-unknown-column.csv",
     "csv",
     "import_malformed",
     "line 1: unknown column \"surname\"",
     {NULL},
     {NULL}},
    {"csv-conflict.csv",
     "csv",
     "import_malformed",
     "line 3: the persona's \"given\" differs",
     {NULL},
     {NULL}},
    {"keyfill-plain.json",
     "keyfill",
     NULL,
     NULL,
     {"#1", "[0].label=Home", "[0].is_default=true", "-[0].id", "-[0].emails[0].id",
      "-[0].cards[0].id", "[0].cards[0].number=4242424242424242",
      "[0].name.full=Dr. Ada King Lovelace", "[0].birthday=1815-12-10"},
     {"0123456789abcdef"}},
    {"keyfill-version-2.json",
     "keyfill",
     "import_unsupported",
     "The export has version 2",
     {NULL},
     {NULL}},
    {"keyfill-bad-persona.json",
     "keyfill",
     "invalid_email",
     "personas[1]: emails[0].address:",
     {NULL},
     {NULL}},
};

static char *fixture_path(const char *name)
{
    const char *root = g_getenv("KEYFILL_SOURCE_ROOT");
    return g_build_filename(root != NULL ? root : ".", "tests", "data", "import", name, NULL);
}

static void run_import_case(gconstpointer data)
{
    const ImportCase *c = data;
    g_autofree char *path = fixture_path(c->file);
    g_autofree char *text = NULL;
    gsize length = 0;
    g_assert_true(g_file_get_contents(path, &text, &length, NULL));
    ImporterFormat format;
    g_assert_true(importer_format_from_name(c->format, &format));
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GError) error = NULL;
    g_autoptr(cJSON) personas = importer_parse(format, text, length, NULL, warnings, &error);
    if (c->error_code != NULL) {
        g_assert_null(personas);
        g_assert_nonnull(error);
        g_assert_cmpstr(keyfill_error_wire_name(error->code), ==, c->error_code);
        if (!g_str_has_prefix(error->message, c->message_start))
            g_error("%s: message \"%s\" does not start with \"%s\"", c->file, error->message,
                    c->message_start);
        return;
    }
    if (personas == NULL)
        g_error("%s: %s", c->file, error->message);
    g_autofree char *printed = json_path_text(personas);
    for (int i = 0; c->checks[i] != NULL; i++) {
        const char *check = c->checks[i];
        if (check[0] == '#') {
            g_assert_cmpint(cJSON_GetArraySize(personas), ==,
                            (int)g_ascii_strtoll(check + 1, NULL, 10));
        } else if (check[0] == '-') {
            g_assert_null(json_path_resolve(personas, check + 1));
        } else if (check[0] == '~') {
            gboolean found = FALSE;
            for (guint w = 0; w < warnings->len; w++)
                found = found || strstr(g_ptr_array_index(warnings, w), check + 1) != NULL;
            if (!found)
                g_error("%s: no warning contains \"%s\"", c->file, check + 1);
        } else {
            const char *equals = strchr(check, '=');
            g_autofree char *where = g_strndup(check, (gsize)(equals - check));
            g_autofree char *actual = json_path_text(json_path_resolve(personas, where));
            if (g_strcmp0(actual, equals + 1) != 0)
                g_error("%s: %s is \"%s\", expected \"%s\"", c->file, where, actual, equals + 1);
        }
    }
    for (int i = 0; c->never[i] != NULL; i++) {
        g_assert_null(strstr(printed, c->never[i]));
        for (guint w = 0; w < warnings->len; w++)
            g_assert_null(strstr(g_ptr_array_index(warnings, w), c->never[i]));
    }
}

#define PASSPHRASE "correct horse battery staple"

static cJSON *load_plain_personas(void)
{
    g_autofree char *path = fixture_path("keyfill-plain.json");
    g_autofree char *text = NULL;
    gsize length;
    g_assert_true(g_file_get_contents(path, &text, &length, NULL));
    cJSON *personas = importer_parse(IMPORTER_KEYFILL, text, length, NULL, NULL, NULL);
    g_assert_nonnull(personas);
    return personas;
}

static void test_sealed_round_trip(void)
{
    g_autoptr(cJSON) personas = load_plain_personas();
    gsize length = 0;
    g_autoptr(GError) error = NULL;
    g_autofree char *sealed = exportfile_write(personas, PASSPHRASE, &length, &error);
    g_assert_no_error(error);
    g_assert_true(exportfile_is_sealed(sealed, length));
    /* Nothing personal is readable in the sealed file. */
    g_assert_null(strstr(sealed, "Lovelace"));
    g_assert_null(strstr(sealed, "4242"));
    g_assert_null(strstr(sealed, "SW1A"));

    g_autoptr(cJSON) back =
        importer_parse(IMPORTER_KEYFILL, sealed, length, PASSPHRASE, NULL, &error);
    g_assert_no_error(error);
    g_assert_true(cJSON_Compare(personas, back, TRUE));

    /* The wrong passphrase, no passphrase, and a changed byte all fail. */
    g_autoptr(cJSON) wrong =
        importer_parse(IMPORTER_KEYFILL, sealed, length, "not the passphrase", NULL, &error);
    g_assert_null(wrong);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_PASSPHRASE);
    g_clear_error(&error);
    g_assert_null(exportfile_read(sealed, length, NULL, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_PASSPHRASE_REQUIRED);
    g_clear_error(&error);

    g_autoptr(cJSON) envelope = cJSON_Parse(sealed);
    cJSON *ciphertext = cJSON_GetObjectItemCaseSensitive(envelope, "ciphertext");
    char *b64 = ciphertext->valuestring;
    b64[10] = b64[10] == 'A' ? 'B' : 'A';
    g_autofree char *tampered = cJSON_PrintUnformatted(envelope);
    g_assert_null(exportfile_read(tampered, strlen(tampered), PASSPHRASE, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_PASSPHRASE);
    g_clear_error(&error);

    /* A file cannot demand more work than the SENSITIVE limits. */
    g_autoptr(cJSON) greedy = cJSON_Parse(sealed);
    cJSON_ReplaceItemInObjectCaseSensitive(greedy, "memlimit", cJSON_CreateNumber(1e12));
    g_autofree char *greedy_text = cJSON_PrintUnformatted(greedy);
    g_assert_null(exportfile_read(greedy_text, strlen(greedy_text), PASSPHRASE, &error));
    g_assert_nonnull(error);
}

static void test_plain_export(void)
{
    g_autoptr(cJSON) personas = load_plain_personas();
    gsize length = 0;
    g_autoptr(GError) error = NULL;
    g_autofree char *plain = exportfile_write(personas, NULL, &length, &error);
    g_assert_no_error(error);
    g_assert_false(exportfile_is_sealed(plain, length));
    g_autoptr(cJSON) document = cJSON_Parse(plain);
    g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(document, "format")), ==,
                    "keyfill-export");
    g_assert_cmpint(cJSON_GetObjectItem(document, "version")->valueint, ==, 1);

    g_assert_null(exportfile_write(personas, "short", &length, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_PASSPHRASE_TOO_SHORT);
}

/* A CSV record of @n_fields fields, each @field_length bytes of 'x'. */
static char *csv_record(int n_fields, gsize field_length)
{
    g_autoptr(GString) text = g_string_new(NULL);
    for (int i = 0; i < n_fields; i++) {
        if (i > 0)
            g_string_append_c(text, ',');
        for (gsize j = 0; j < field_length; j++)
            g_string_append_c(text, 'x');
    }
    g_string_append(text, "\r\n");
    return g_string_free(g_steal_pointer(&text), FALSE);
}

static gboolean read_one(const char *text, GError **error)
{
    g_autoptr(CsvReader) reader = csv_reader_new(text, strlen(text));
    g_auto(GStrv) fields = NULL;
    int line;
    return csv_reader_next(reader, &fields, &line, error);
}

static void test_csv_limits(void)
{
    g_autofree char *at_fields = csv_record(CSV_FIELDS_MAX, 1);
    g_autofree char *past_fields = csv_record(CSV_FIELDS_MAX + 1, 1);
    g_autofree char *at_length = csv_record(1, CSV_FIELD_MAX);
    g_autofree char *past_length = csv_record(1, CSV_FIELD_MAX + 1);
    g_autoptr(GError) error = NULL;
    g_assert_true(read_one(at_fields, &error));
    g_assert_true(read_one(at_length, &error));
    g_assert_false(read_one(past_fields, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_MALFORMED);
    g_clear_error(&error);
    g_assert_false(read_one(past_length, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_MALFORMED);
}

static void test_csv_quoting(void)
{
    const char *text = "\xef\xbb\xbf"
                       "a,\"b,\"\"c\"\"\nd\",\r\n\"\"\n";
    g_autoptr(CsvReader) reader = csv_reader_new(text, strlen(text));
    g_auto(GStrv) first = NULL, second = NULL, third = NULL;
    int line;
    g_assert_true(csv_reader_next(reader, &first, &line, NULL));
    g_assert_cmpint(line, ==, 1);
    g_assert_cmpuint(g_strv_length(first), ==, 3);
    g_assert_cmpstr(first[0], ==, "a");
    g_assert_cmpstr(first[1], ==, "b,\"c\"\nd");
    g_assert_cmpstr(first[2], ==, "");
    g_assert_true(csv_reader_next(reader, &second, &line, NULL));
    g_assert_cmpint(line, ==, 3);
    g_assert_cmpstr(second[0], ==, "");
    g_assert_false(csv_reader_next(reader, &third, &line, NULL));
}

static void test_file_limit(void)
{
    gsize length = IMPORTER_FILE_MAX + 1;
    g_autofree char *big = g_malloc(length);
    memset(big, ' ', length);
    g_autoptr(GError) error = NULL;
    g_assert_null(importer_parse(IMPORTER_CSV, big, length, NULL, NULL, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(import_cases); i++) {
        g_autofree char *name = g_strdup_printf("/importer/%s", import_cases[i].file);
        g_test_add_data_func(name, &import_cases[i], run_import_case);
    }
    g_test_add_func("/importer/sealed-round-trip", test_sealed_round_trip);
    g_test_add_func("/importer/plain-export", test_plain_export);
    g_test_add_func("/importer/csv-limits", test_csv_limits);
    g_test_add_func("/importer/csv-quoting", test_csv_quoting);
    g_test_add_func("/importer/file-limit", test_file_limit);
    return g_test_run();
}
