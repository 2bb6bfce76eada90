/*
 * test-cli.c — the real keyfill binary ($KEYFILL_CLI) against a real store
 * in a throwaway keyring session: add a persona with an address and a card,
 * see it listed masked, export it sealed and import it into a fresh store,
 * compare, and check that no value is readable in the database files.
 */
#include "jsonfield.h"
#include "json-path.h"
#include "keyring-session.h"

#include <gio/gio.h>
#include <pty.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define PASSPHRASE "correct horse battery staple"
#define CARD_NUMBER "4242424242424242"

/* Values the sample persona holds; none may appear in a database file. */
static const char *const sample_values[] = {
    "Lovelace", CARD_NUMBER, "Example Street", "SW1A 1AA", "ada@example.org", "447700900123",
};

typedef struct {
    int status;
    char *out;
    char *err;
} CliRun;

static void cli_run_free(CliRun *run)
{
    g_free(run->out);
    g_free(run->err);
    g_free(run);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CliRun, cli_run_free)

/* Runs keyfill with @args (NULL-terminated) on the store @db, with the export
 * passphrase @passphrase (NULL: unset) and stdin from a pipe. */
static CliRun *run_with(const char *db, const char *passphrase, const char *const *args)
{
    const char *cli = g_getenv("KEYFILL_CLI");
    g_assert_nonnull(cli);
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_ptr_array_add(argv, (char *)cli);
    for (int i = 0; args[i] != NULL; i++)
        g_ptr_array_add(argv, (char *)args[i]);
    g_ptr_array_add(argv, NULL);
    g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                  G_SUBPROCESS_FLAGS_STDERR_PIPE);
    g_subprocess_launcher_setenv(launcher, "KEYFILL_DB", db, TRUE);
    if (passphrase != NULL)
        g_subprocess_launcher_setenv(launcher, "KEYFILL_EXPORT_PASSPHRASE", passphrase, TRUE);
    else
        g_subprocess_launcher_unsetenv(launcher, "KEYFILL_EXPORT_PASSPHRASE");
    g_autoptr(GError) error = NULL;
    g_autoptr(GSubprocess) child =
        g_subprocess_launcher_spawnv(launcher, (const char *const *)argv->pdata, &error);
    g_assert_no_error(error);
    CliRun *run = g_new0(CliRun, 1);
    g_assert_true(g_subprocess_communicate_utf8(child, "", NULL, &run->out, &run->err, &error));
    g_assert_no_error(error);
    run->status = g_subprocess_get_if_exited(child) ? g_subprocess_get_exit_status(child) : -1;
    if (g_test_verbose())
        g_printerr("keyfill %s -> %d\n%s%s", args[0], run->status, run->out, run->err);
    return run;
}

#define RUN(db, ...) run_with((db), NULL, (const char *const[]){__VA_ARGS__, NULL})

static void expect_ok(CliRun *run)
{
    if (run->status != 0)
        g_error("keyfill failed (%d): %s", run->status, run->err);
}

/* Adds the sample persona "Home" with an address, a phone, an e-mail and a
 * card to the store @db. */
static void add_sample(const char *db)
{
    g_autoptr(CliRun) persona = RUN(db, "persona", "add", "--label", "Home", "--given", "Ada",
                                    "--family", "Lovelace", "--default");
    expect_ok(persona);
    g_autoptr(CliRun) address =
        RUN(db, "address", "add", "--persona", "Home", "--label", "shipping", "--line",
            "12 Example Street", "--line", "Flat 2", "--city", "London", "--postal-code", "sw1a1aa",
            "--country", "gb");
    expect_ok(address);
    g_autoptr(CliRun) card =
        RUN(db, "card", "add", "--persona", "Home", "--number", "4242 4242 4242 4242", "--exp",
            "12/2030", "--holder", "Ada Lovelace", "--nickname", "Everyday");
    expect_ok(card);
    g_autoptr(CliRun) phone = RUN(db, "phone", "add", "--persona", "Home", "--number",
                                  "07700 900123", "--country", "GB", "--label", "mobile");
    expect_ok(phone);
    g_autoptr(CliRun) email =
        RUN(db, "email", "add", "--address", "ada@example.org", "--label", "personal");
    expect_ok(email);
}

static char *store_path(const char *dir, const char *name)
{
    return g_build_filename(dir, name, NULL);
}

static cJSON *parse_output(const CliRun *run)
{
    cJSON *json = cJSON_Parse(run->out);
    if (json == NULL)
        g_error("not JSON: %s", run->out);
    return json;
}

static void test_add_and_list_masked(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *db = store_path(dir, "keyfill.db");
    add_sample(db);

    g_autoptr(CliRun) list = RUN(db, "persona", "list", "--json");
    expect_ok(list);
    g_autoptr(cJSON) personas = parse_output(list);
    g_assert_cmpint(cJSON_GetArraySize(personas), ==, 1);
    g_autofree char *label = json_path_text(json_path_resolve(personas, "[0].label"));
    g_assert_cmpstr(label, ==, "Home");
    g_autofree char *postal =
        json_path_text(json_path_resolve(personas, "[0].addresses[0].postal_code"));
    g_assert_cmpstr(postal, ==, "SW1A 1AA");
    g_autofree char *phone = json_path_text(json_path_resolve(personas, "[0].phones[0].number"));
    g_assert_cmpstr(phone, ==, "+447700900123");
    g_autofree char *masked =
        json_path_text(json_path_resolve(personas, "[0].cards[0].number_masked"));
    g_assert_cmpstr(masked, ==, "•••• 4242");
    g_assert_null(strstr(list->out, CARD_NUMBER));

    g_autoptr(CliRun) cards = RUN(db, "card", "list", "--json");
    expect_ok(cards);
    g_autoptr(cJSON) card_list = parse_output(cards);
    g_assert_cmpint(cJSON_GetArraySize(card_list), ==, 1);
    g_autofree char *card_masked =
        json_path_text(json_path_resolve(card_list, "[0].number_masked"));
    g_assert_cmpstr(card_masked, ==, "•••• 4242");
    g_assert_null(json_path_resolve(card_list, "[0].number"));
    g_assert_nonnull(json_path_resolve(card_list, "[0].persona"));

    /* The --db flag names the same store as KEYFILL_DB. */
    g_autoptr(CliRun) show = RUN("/nonexistent/elsewhere.db", "--db", db, "persona", "show");
    expect_ok(show);
    g_assert_nonnull(strstr(show->out, "•••• 4242"));
    g_assert_null(strstr(show->out, CARD_NUMBER));
    g_autoptr(CliRun) reveal = RUN(db, "persona", "show", "Home", "--reveal");
    expect_ok(reveal);
    g_assert_nonnull(strstr(reveal->out, CARD_NUMBER));
}

static void test_rejects_bad_values(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *db = store_path(dir, "keyfill.db");
    add_sample(db);
    g_autoptr(CliRun) luhn =
        RUN(db, "card", "add", "--persona", "Home", "--number", "4242424242424241");
    g_assert_cmpint(luhn->status, ==, 1);
    g_assert_nonnull(strstr(luhn->err, "number"));
    g_assert_nonnull(strstr(luhn->err, "Luhn"));
    g_assert_null(strstr(luhn->err, "4242424242424241"));

    g_autoptr(CliRun) postal = RUN(db, "address", "add", "--city", "Springfield", "--postal-code",
                                   "ABCDE", "--country", "US");
    g_assert_cmpint(postal->status, ==, 1);
    g_assert_nonnull(strstr(postal->err, "postal_code"));

    /* Without a terminal, a missing card number is a usage error, not a prompt. */
    g_autoptr(CliRun) missing = RUN(db, "card", "add", "--persona", "Home");
    g_assert_cmpint(missing->status, ==, 2);
    g_assert_nonnull(strstr(missing->err, "--number"));

    g_autoptr(CliRun) cards = RUN(db, "card", "list", "--json");
    g_autoptr(cJSON) card_list = parse_output(cards);
    g_assert_cmpint(cJSON_GetArraySize(card_list), ==, 1);
}

/* The persona as --json --reveal shows it, without the store's ids. */
static cJSON *revealed_without_ids(const char *db)
{
    g_autoptr(CliRun) show = RUN(db, "persona", "show", "--json", "--reveal");
    expect_ok(show);
    cJSON *persona = parse_output(show);
    cJSON_DeleteItemFromObject(persona, "id");
    static const char *const lists[] = {"emails", "phones", "addresses", "cards"};
    for (gsize i = 0; i < G_N_ELEMENTS(lists); i++) {
        cJSON *entry;
        cJSON_ArrayForEach(entry, cJSON_GetObjectItem(persona, lists[i]))
        {
            cJSON_DeleteItemFromObject(entry, "id");
        }
    }
    return persona;
}

static gboolean file_contains(const char *path, const char *needle)
{
    g_autofree char *data = NULL;
    gsize length = 0;
    if (!g_file_get_contents(path, &data, &length, NULL))
        return FALSE;
    return memmem(data, length, needle, strlen(needle)) != NULL;
}

/* Checks every file of the store @db (database, WAL, shared memory). */
static void assert_no_values_in_store(const char *db)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    int files = 0;
    for (gsize s = 0; s < G_N_ELEMENTS(suffixes); s++) {
        g_autofree char *path = g_strconcat(db, suffixes[s], NULL);
        if (!g_file_test(path, G_FILE_TEST_EXISTS))
            continue;
        files++;
        for (gsize v = 0; v < G_N_ELEMENTS(sample_values); v++) {
            if (file_contains(path, sample_values[v]))
                g_error("%s contains a personal value in plaintext", path);
        }
    }
    g_assert_cmpint(files, >=, 1);
}

/* The audit entries of @db, newest first, as "kind:note:count" (count 0
 * when absent), separated by spaces. */
static char *audit_summary(const char *db)
{
    g_autoptr(CliRun) run = RUN(db, "audit", "list", "--json");
    g_autoptr(cJSON) entries = parse_output(run);
    GString *text = g_string_new(NULL);
    const cJSON *entry;
    cJSON_ArrayForEach(entry, entries)
    {
        const cJSON *count = cJSON_GetObjectItem(entry, "count");
        const char *note = cJSON_GetStringValue(cJSON_GetObjectItem(entry, "note"));
        g_string_append_printf(text, "%s%s:%s:%d", text->len > 0 ? " " : "",
                               cJSON_GetStringValue(cJSON_GetObjectItem(entry, "kind")),
                               note != NULL ? note : "",
                               cJSON_IsNumber(count) ? count->valueint : 0);
    }
    return g_string_free(text, FALSE);
}

static void test_export_import_round_trip(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *db = store_path(dir, "first.db");
    g_autofree char *fresh = store_path(dir, "second.db");
    g_autofree char *file = store_path(dir, "export.keyfill");
    add_sample(db);

    g_autoptr(CliRun) export_run =
        run_with(db, PASSPHRASE, (const char *const[]){"export", "--out", file, NULL});
    expect_ok(export_run);
    for (gsize v = 0; v < G_N_ELEMENTS(sample_values); v++)
        g_assert_false(file_contains(file, sample_values[v]));

    /* The wrong passphrase imports nothing. */
    g_autoptr(CliRun) wrong =
        run_with(fresh, "not the passphrase",
                 (const char *const[]){"import", "--from", "keyfill", file, NULL});
    g_assert_cmpint(wrong->status, ==, 1);
    g_assert_nonnull(strstr(wrong->err, "passphrase"));

    g_autoptr(CliRun) import_run = run_with(
        fresh, PASSPHRASE, (const char *const[]){"import", "--from", "keyfill", file, NULL});
    expect_ok(import_run);
    g_autofree char *exported = audit_summary(db);
    g_assert_cmpstr(exported, ==, "export:sealed:1");
    g_autofree char *imported = audit_summary(fresh);
    g_assert_cmpstr(imported, ==, "import:keyfill:1");
    g_autoptr(cJSON) before = revealed_without_ids(db);
    g_autoptr(cJSON) after = revealed_without_ids(fresh);
    if (!cJSON_Compare(before, after, TRUE)) {
        g_autofree char *a = json_path_text(before), *b = json_path_text(after);
        g_error("round trip differs:\n%s\n%s", a, b);
    }
    assert_no_values_in_store(db);
    assert_no_values_in_store(fresh);
}

static void test_plaintext_export(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *db = store_path(dir, "keyfill.db");
    g_autofree char *file = store_path(dir, "export.json");
    add_sample(db);
    g_autoptr(CliRun) run = RUN(db, "export", "--out", file, "--plaintext");
    expect_ok(run);
    g_assert_nonnull(strstr(run->err, "NOT encrypted"));
    g_assert_true(file_contains(file, "\"keyfill-export\""));
    g_assert_true(file_contains(file, CARD_NUMBER));
    g_autofree char *audited = audit_summary(db);
    g_assert_cmpstr(audited, ==, "export:plaintext:1");
    /* Without a passphrase and without --plaintext, nothing is written. */
    g_autofree char *sealed = store_path(dir, "sealed.keyfill");
    g_autoptr(CliRun) refused = RUN(db, "export", "--out", sealed);
    g_assert_cmpint(refused->status, ==, 1);
    g_assert_false(g_file_test(sealed, G_FILE_TEST_EXISTS));
}

static void test_import_all_or_nothing(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *db = store_path(dir, "keyfill.db");
    add_sample(db);
    const char *root = g_getenv("KEYFILL_SOURCE_ROOT");
    g_autofree char *bad =
        g_build_filename(root, "tests", "data", "import", "csv-bad-postal.csv", NULL);
    g_autoptr(CliRun) failed = RUN(db, "import", "--from", "csv", bad);
    g_assert_cmpint(failed->status, ==, 1);
    g_assert_nonnull(strstr(failed->err, "line 4"));
    g_assert_nonnull(strstr(failed->err, "nothing was imported"));
    g_autoptr(CliRun) list = RUN(db, "persona", "list", "--json");
    g_autoptr(cJSON) personas = parse_output(list);
    g_assert_cmpint(cJSON_GetArraySize(personas), ==, 1);
    g_autofree char *nothing = audit_summary(db);
    g_assert_cmpstr(nothing, ==, "");

    g_autofree char *good = g_build_filename(root, "tests", "data", "import", "people.csv", NULL);
    g_autoptr(CliRun) imported = RUN(db, "import", "--from", "csv", good);
    expect_ok(imported);
    g_autoptr(CliRun) again = RUN(db, "persona", "list", "--json");
    g_autoptr(cJSON) all = parse_output(again);
    g_assert_cmpint(cJSON_GetArraySize(all), ==, 3);
    g_autofree char *audited = audit_summary(db);
    g_assert_cmpstr(audited, ==, "import:csv:2");
    /* The store's default stays; a taken label is renamed, not merged. */
    g_autoptr(CliRun) home = RUN(db, "persona", "show", "--json");
    g_autoptr(cJSON) default_persona = parse_output(home);
    g_autofree char *default_label = json_path_text(json_path_resolve(default_persona, "label"));
    g_assert_cmpstr(default_label, ==, "Home");
    g_autoptr(CliRun) renamed = RUN(db, "persona", "show", "Home (imported)", "--json");
    expect_ok(renamed);
}

static void test_rekey_keeps_values(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *db = store_path(dir, "keyfill.db");
    add_sample(db);
    g_autoptr(cJSON) before = revealed_without_ids(db);
    g_autoptr(CliRun) rekey = RUN(db, "rekey");
    expect_ok(rekey);
    g_autoptr(cJSON) after = revealed_without_ids(db);
    g_assert_true(cJSON_Compare(before, after, TRUE));
    assert_no_values_in_store(db);
    /* The rotation is audited, and the chain still verifies under the new
     * key (its chain key was re-sealed). */
    g_autofree char *audited = audit_summary(db);
    g_assert_cmpstr(audited, ==, "key_rotation::0");
    g_autoptr(CliRun) verify = RUN(db, "audit", "verify");
    expect_ok(verify);
    g_assert_nonnull(strstr(verify->out, "intact: 1 entry"));
}

static void test_edit_and_remove(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *db = store_path(dir, "keyfill.db");
    add_sample(db);
    g_autoptr(CliRun) edit = RUN(db, "card", "edit", "Everyday", "--exp", "01/31");
    expect_ok(edit);
    g_autoptr(CliRun) rename = RUN(db, "persona", "edit", "Home", "--label", "Casa");
    expect_ok(rename);
    g_autoptr(cJSON) persona = revealed_without_ids(db);
    g_autofree char *year = json_path_text(json_path_resolve(persona, "cards[0].exp_year"));
    g_assert_cmpstr(year, ==, "2031");
    g_autofree char *number = json_path_text(json_path_resolve(persona, "cards[0].number"));
    g_assert_cmpstr(number, ==, CARD_NUMBER);
    g_autofree char *label = json_path_text(json_path_resolve(persona, "label"));
    g_assert_cmpstr(label, ==, "Casa");
    g_autoptr(CliRun) remove_card = RUN(db, "card", "remove", "Everyday");
    expect_ok(remove_card);
    g_autoptr(CliRun) cards = RUN(db, "card", "list", "--json");
    g_autoptr(cJSON) card_list = parse_output(cards);
    g_assert_cmpint(cJSON_GetArraySize(card_list), ==, 0);
    g_autoptr(CliRun) remove_persona = RUN(db, "persona", "remove", "Casa", "--yes");
    expect_ok(remove_persona);
    g_autoptr(CliRun) list = RUN(db, "persona", "list", "--json");
    g_autoptr(cJSON) personas = parse_output(list);
    g_assert_cmpint(cJSON_GetArraySize(personas), ==, 0);
}

/* Reads the terminal @master into @seen until it holds @wanted (or the
 * child closes it); TRUE when found. */
static gboolean read_until(int master, GString *seen, const char *wanted)
{
    while (strstr(seen->str, wanted) == NULL) {
        char buffer[256];
        ssize_t got = read(master, buffer, sizeof buffer);
        if (got <= 0)
            return FALSE;
        g_string_append_len(seen, buffer, got);
    }
    return TRUE;
}

static void answer(int master, const char *text)
{
    g_assert_cmpint(write(master, text, strlen(text)), ==, (ssize_t)strlen(text));
}

/* In a terminal, keyfill asks for what is missing, and the card number is
 * not echoed while the other answers are. */
static void test_prompts_in_a_terminal(void)
{
    g_autofree char *dir = keyring_session_scratch();
    g_autofree char *db = store_path(dir, "keyfill.db");
    g_autoptr(CliRun) persona = RUN(db, "persona", "add", "--label", "Home");
    expect_ok(persona);
    /* Everything the child needs is built before the fork: only exec after it. */
    g_auto(GStrv) env = g_environ_setenv(g_get_environ(), "KEYFILL_DB", db, TRUE);
    const char *cli = g_getenv("KEYFILL_CLI");
    char *const child_argv[] = {(char *)"keyfill",    (char *)"card",  (char *)"add",
                                (char *)"--nickname", (char *)"Typed", NULL};
    int master = -1;
    pid_t pid = forkpty(&master, NULL, NULL, NULL);
    g_assert_cmpint(pid, >=, 0);
    if (pid == 0) {
        execve(cli, child_argv, env);
        _exit(127);
    }
    g_autoptr(GString) seen = g_string_new(NULL);
    g_assert_true(read_until(master, seen, "Card number (not shown): "));
    answer(master, CARD_NUMBER "\n");
    g_assert_true(read_until(master, seen, "Expiry (MM/YY): "));
    answer(master, "12/30\n");
    g_assert_true(read_until(master, seen, "Name on the card: "));
    answer(master, "Ada Lovelace\n");
    g_assert_true(read_until(master, seen, "Added card"));
    int status = 0;
    g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
    close(master);
    g_assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    g_assert_null(strstr(seen->str, CARD_NUMBER)); /* not echoed */
    g_assert_nonnull(strstr(seen->str, "12/30"));  /* echoed as usual */
    g_assert_nonnull(strstr(seen->str, "Ada Lovelace"));
    g_autoptr(CliRun) cards = RUN(db, "card", "list", "--json");
    g_autoptr(cJSON) card_list = parse_output(cards);
    g_autofree char *year = json_path_text(json_path_resolve(card_list, "[0].exp_year"));
    g_assert_cmpstr(year, ==, "2030");
    g_autoptr(CliRun) reveal = RUN(db, "persona", "show", "--reveal");
    g_assert_nonnull(strstr(reveal->out, CARD_NUMBER));
}

int main(int argc, char **argv)
{
    keyring_session_ensure(argc, argv, NULL, 0);
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cli/add-and-list-masked", test_add_and_list_masked);
    g_test_add_func("/cli/rejects-bad-values", test_rejects_bad_values);
    g_test_add_func("/cli/export-import-round-trip", test_export_import_round_trip);
    g_test_add_func("/cli/plaintext-export", test_plaintext_export);
    g_test_add_func("/cli/import-all-or-nothing", test_import_all_or_nothing);
    g_test_add_func("/cli/rekey-keeps-values", test_rekey_keeps_values);
    g_test_add_func("/cli/edit-and-remove", test_edit_and_remove);
    g_test_add_func("/cli/prompts-in-a-terminal", test_prompts_in_a_terminal);
    return g_test_run();
}
