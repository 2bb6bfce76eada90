/*
 * test-secrets.c — personal values never leave through error messages,
 * stderr or the command line's output.
 *
 * Each row puts a distinctive "canary" value into one field of a persona,
 * shaped so that validation refuses it, and sends it to the real host
 * (persona.put) and through the real `keyfill import`. The canary must not
 * appear in the error reply, in the host's stderr, or in anything the tool
 * prints, because those end up in browser consoles, terminals and bug
 * reports. (That the database, its WAL and its shared memory hold no
 * plaintext is tests/test-store.c /store/no-plaintext-on-disk.)
 */
#include "host-process.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
    const char *field;   /* what the row puts the canary in */
    const char *persona; /* persona JSON with the canary */
    const char *canary;  /* must never be echoed */
} CanaryRow;

static const CanaryRow canary_rows[] = {
    {"email", "{\"label\":\"Canary\",\"emails\":[{\"address\":\"canary7f3a@@example.org\"}]}",
     "canary7f3a"},
    {"phone", "{\"label\":\"Canary\",\"phones\":[{\"country\":\"GB\",\"number\":\"0770 canary7f3b\"}]}",
     "canary7f3b"},
    {"postal code",
     "{\"label\":\"Canary\",\"addresses\":[{\"lines\":[\"1 Canary Road\"],\"city\":\"London\","
     "\"postal_code\":\"CANARY7F3C\",\"country\":\"GB\"}]}",
     "CANARY7F3C"},
    {"country",
     "{\"label\":\"Canary\",\"addresses\":[{\"lines\":[\"1 Canary Road\"],\"city\":\"London\","
     "\"postal_code\":\"SW1A 1AA\",\"country\":\"canary7f3d\"}]}",
     "canary7f3d"},
    {"card number (fails Luhn)",
     "{\"label\":\"Canary\",\"cards\":[{\"holder\":\"Ada\",\"number\":\"4242424242424243\","
     "\"exp_month\":12,\"exp_year\":2030}]}",
     "424242424242"},
    {"card number (letters)",
     "{\"label\":\"Canary\",\"cards\":[{\"holder\":\"Ada\",\"number\":\"4242 canary7f3e\","
     "\"exp_month\":12,\"exp_year\":2030}]}",
     "canary7f3e"},
    {"birthday", "{\"label\":\"Canary\",\"birthday\":\"canary7f3f\"}", "canary7f3f"},
    {"expiry", "{\"label\":\"Canary\",\"cards\":[{\"holder\":\"canary7f40\",\"number\":\"4242424242424242\","
               "\"exp_month\":13,\"exp_year\":2030}]}",
     "canary7f40"},
};

static void assert_no_canary(const char *text, const char *canary, const char *where)
{
    if (text != NULL && strstr(text, canary) != NULL)
        g_error("%s repeats the value \"%s\": %s", where, canary, text);
}

static char *scratch_env(char **dir_out)
{
    char *dir = g_dir_make_tmp("keyfill-secrets-XXXXXX", NULL);
    g_assert_nonnull(dir);
    *dir_out = dir;
    return g_strconcat("KEYFILL_DB=", dir, "/keyfill.db", NULL);
}

static void remove_scratch(const char *dir)
{
    const char *names[] = {"keyfill.db", "keyfill.db-wal", "keyfill.db-shm", "import.csv", NULL};
    for (const char *const *name = names; *name != NULL; name++) {
        g_autofree char *path = g_build_filename(dir, *name, NULL);
        g_unlink(path);
    }
    g_rmdir(dir);
}

/* Every row through persona.put: refused, and neither the reply nor stderr
 * holds the value. */
static void test_host_replies_and_stderr(void)
{
    g_autofree char *dir = NULL;
    g_autofree char *db_env = scratch_env(&dir);
    const char *env[] = {db_env, NULL};
    g_autoptr(HostProcess) host = host_process_start_chromium(env);
    for (gsize i = 0; i < G_N_ELEMENTS(canary_rows); i++) {
        const CanaryRow *row = &canary_rows[i];
        g_autofree char *request = g_strdup_printf(
            "{\"id\":%zu,\"type\":\"persona.put\",\"persona\":%s}", i, row->persona);
        host_process_send(host, request);
        g_autofree char *reply = host_process_receive(host);
        g_assert_nonnull(reply);
        g_test_message("%s: %s", row->field, reply);
        g_assert_nonnull(strstr(reply, "\"ok\":false"));
        assert_no_canary(reply, row->canary, row->field);
    }
    g_autofree char *stderr_text = NULL;
    g_assert_cmpint(host_process_finish(host, 10000, &stderr_text), ==, 0);
    for (gsize i = 0; i < G_N_ELEMENTS(canary_rows); i++)
        assert_no_canary(stderr_text, canary_rows[i].canary, "the host's stderr");
    remove_scratch(dir);
}

/* CSV columns for each row's field; the rest of the line is valid. */
typedef struct {
    const char *header;
    const char *line;
    const char *canary;
} CsvCanary;

static const CsvCanary csv_rows[] = {
    {"persona,given,family,email", "Home,Ada,Lovelace,canary7f41@@example.org", "canary7f41"},
    {"persona,given,family,phone_label,phone", "Home,Ada,Lovelace,mobile,0770 canary7f42",
     "canary7f42"},
    {"persona,given,family,line1,city,postal_code,country",
     "Home,Ada,Lovelace,1 Road,London,CANARY7F43,GB", "CANARY7F43"},
    {"persona,given,family,card_holder,card_number,card_expiry",
     "Home,Ada,Lovelace,Ada Lovelace,4242424242424243,12/2030", "424242424242"},
    {"persona,given,family,card_holder,card_number,card_expiry,card_cvc",
     "Home,Ada,Lovelace,Ada Lovelace,4242424242424242,13/2030,7f44", "7f44"},
};

/* `keyfill import` of a CSV line with a bad value: refused, and nothing the
 * tool prints holds the value. */
static void test_cli_import_output(void)
{
    g_autofree char *dir = NULL;
    g_autofree char *db_env = scratch_env(&dir);
    g_autofree char *db = g_build_filename(dir, "keyfill.db", NULL);
    g_autofree char *file = g_build_filename(dir, "import.csv", NULL);
    const char *cli = g_getenv("KEYFILL_CLI");
    g_assert_nonnull(cli);
    for (gsize i = 0; i < G_N_ELEMENTS(csv_rows); i++) {
        g_autofree char *csv = g_strdup_printf("%s\n%s\n", csv_rows[i].header, csv_rows[i].line);
        g_assert_true(g_file_set_contents(file, csv, -1, NULL));
        const char *argv[] = {cli, "--db", db, "import", "--from", "csv", file, NULL};
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        int status = 0;
        g_autoptr(GError) error = NULL;
        g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                   &err, &status, &error));
        g_assert_no_error(error);
        g_test_message("%s -> %s%s", csv_rows[i].line, out, err);
        g_assert_false(g_spawn_check_wait_status(status, NULL)); /* refused */
        assert_no_canary(out, csv_rows[i].canary, "keyfill import's output");
        assert_no_canary(err, csv_rows[i].canary, "keyfill import's errors");
    }
    remove_scratch(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/secrets/host-replies-and-stderr", test_host_replies_and_stderr);
    g_test_add_func("/secrets/cli-import-output", test_cli_import_output);
    return g_test_run();
}
