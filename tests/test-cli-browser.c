/*
 * test-cli-browser.c — `keyfill install-browser` and `keyfill doctor`, run as
 * the real keyfill binary ($KEYFILL_CLI) with a scratch HOME and a PATH that
 * holds only fake browser programs, so which browsers are "installed" is up
 * to each test and nothing of the user's is read or written.
 */
#include "scratch-dir.h"

#include <cjson/cJSON.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define HOST_NAME "org.keyfill.host"
#define CHROMIUM_ORIGIN "chrome-extension://iceljohmipnjghdnlgkldoicbgkapcab/"
#define FIREFOX_ID "keyfill@keyfill.org"

typedef struct {
    char *root; /* scratch folder, removed in teardown */
    char *home;
    char *bin;  /* the only PATH entry */
} Fixture;

/* One browser as install-browser names it, and what its manifest must hold. */
typedef struct {
    const char *name;      /* argument to install-browser */
    const char *program;   /* a program in PATH that makes doctor check it */
    const char *dir;       /* manifest folder relative to HOME */
    const char *allow_key; /* the manifest's list of allowed callers */
    const char *allowed;   /* our extension in that list */
} BrowserRow;

static const BrowserRow browser_rows[] = {
    {"chromium", "chromium", ".config/chromium/NativeMessagingHosts", "allowed_origins",
     CHROMIUM_ORIGIN},
    {"chrome", "google-chrome", ".config/google-chrome/NativeMessagingHosts", "allowed_origins",
     CHROMIUM_ORIGIN},
    {"firefox", "firefox-esr", ".mozilla/native-messaging-hosts", "allowed_extensions",
     FIREFOX_ID},
};

static void fixture_set_up(Fixture *fixture, gconstpointer data)
{
    g_autoptr(GError) error = NULL;
    fixture->root = g_dir_make_tmp("keyfill-cli-browser-XXXXXX", &error);
    g_assert_no_error(error);
    fixture->home = g_build_filename(fixture->root, "home", NULL);
    fixture->bin = g_build_filename(fixture->root, "bin", NULL);
    g_assert_cmpint(g_mkdir(fixture->home, 0700), ==, 0);
    g_assert_cmpint(g_mkdir(fixture->bin, 0700), ==, 0);
}

static void fixture_tear_down(Fixture *fixture, gconstpointer data)
{
    scratch_dir_remove(fixture->root);
    g_free(fixture->root);
    g_free(fixture->home);
    g_free(fixture->bin);
}

/* Puts a do-nothing program called @name in the fixture's PATH. */
static void add_program(Fixture *fixture, const char *name)
{
    g_autofree char *path = g_build_filename(fixture->bin, name, NULL);
    g_autoptr(GError) error = NULL;
    g_file_set_contents(path, "#!/bin/sh\nexit 0\n", -1, &error);
    g_assert_no_error(error);
    g_assert_cmpint(g_chmod(path, 0755), ==, 0);
}

/* Runs keyfill with @args in the fixture's HOME and PATH, plus @extra_env
 * ("NAME=value", NULL-terminated, may be NULL); returns its exit status and
 * its output. */
static int run_keyfill_env(Fixture *fixture, const char *const *args,
                           const char *const *extra_env, char **out, char **err)
{
    const char *cli = g_getenv("KEYFILL_CLI");
    g_assert_nonnull(cli);
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_ptr_array_add(argv, (gpointer)cli);
    for (; *args != NULL; args++)
        g_ptr_array_add(argv, (gpointer)*args);
    g_ptr_array_add(argv, NULL);

    g_auto(GStrv) env = g_get_environ();
    g_autofree char *config = g_build_filename(fixture->home, ".config", NULL);
    env = g_environ_setenv(env, "HOME", fixture->home, TRUE);
    env = g_environ_setenv(env, "XDG_CONFIG_HOME", config, TRUE);
    env = g_environ_setenv(env, "PATH", fixture->bin, TRUE);
    env = g_environ_unsetenv(env, "KEYFILL_CONFIG");
    for (; extra_env != NULL && *extra_env != NULL; extra_env++) {
        g_auto(GStrv) pair = g_strsplit(*extra_env, "=", 2);
        env = g_environ_setenv(env, pair[0], pair[1] != NULL ? pair[1] : "", TRUE);
    }

    int status = -1;
    g_autoptr(GError) error = NULL;
    g_spawn_sync(NULL, (char **)argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                 &status, &error);
    g_assert_no_error(error);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int run_keyfill(Fixture *fixture, const char *const *args, char **out, char **err)
{
    return run_keyfill_env(fixture, args, NULL, out, err);
}

static char *manifest_path(Fixture *fixture, const BrowserRow *row)
{
    return g_build_filename(fixture->home, row->dir, HOST_NAME ".json", NULL);
}

static char *real_host_path(void)
{
    const char *host = g_getenv("KEYFILL_HOST");
    g_assert_nonnull(host);
    char *resolved = realpath(host, NULL);
    g_assert_nonnull(resolved);
    /* realpath's buffer comes from malloc; hand back a g_free-able copy. */
    char *copy = g_strdup(resolved);
    free(resolved);
    return copy;
}

/* The manifest install-browser wrote for @row is valid and names this host. */
static void assert_manifest(Fixture *fixture, const BrowserRow *row)
{
    g_autofree char *path = manifest_path(fixture, row);
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    g_file_get_contents(path, &text, NULL, &error);
    g_assert_no_error(error);

    cJSON *manifest = cJSON_Parse(text);
    g_assert_nonnull(manifest);
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(manifest, "name");
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(manifest, "type");
    const cJSON *host = cJSON_GetObjectItemCaseSensitive(manifest, "path");
    const cJSON *allowed = cJSON_GetObjectItemCaseSensitive(manifest, row->allow_key);
    g_assert_true(cJSON_IsString(name));
    g_assert_cmpstr(name->valuestring, ==, HOST_NAME);
    g_assert_true(cJSON_IsString(type));
    g_assert_cmpstr(type->valuestring, ==, "stdio");
    g_assert_true(cJSON_IsString(host));
    g_assert_true(g_path_is_absolute(host->valuestring));
    g_autofree char *expected_host = real_host_path();
    g_assert_cmpstr(host->valuestring, ==, expected_host);
    g_assert_true(cJSON_IsArray(allowed));
    g_assert_cmpint(cJSON_GetArraySize(allowed), ==, 1);
    g_assert_cmpstr(cJSON_GetArrayItem(allowed, 0)->valuestring, ==, row->allowed);
    cJSON_Delete(manifest);
}

static void test_install_one(Fixture *fixture, gconstpointer data)
{
    const BrowserRow *row = data;
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    const char *args[] = {"install-browser", row->name, NULL};
    g_assert_cmpint(run_keyfill(fixture, args, &out, &err), ==, 0);
    assert_manifest(fixture, row);
    g_autofree char *path = manifest_path(fixture, row);
    g_assert_nonnull(strstr(out, path));

    /* Only the named browser is registered. */
    for (gsize i = 0; i < G_N_ELEMENTS(browser_rows); i++) {
        g_autofree char *other = manifest_path(fixture, &browser_rows[i]);
        if (&browser_rows[i] != row)
            g_assert_false(g_file_test(other, G_FILE_TEST_EXISTS));
    }
}

/* "all" registers exactly the browsers found in PATH. */
static void test_install_all_found(Fixture *fixture, gconstpointer data)
{
    add_program(fixture, "firefox-esr");
    add_program(fixture, "chromium");
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    const char *args[] = {"install-browser", NULL};
    g_assert_cmpint(run_keyfill(fixture, args, &out, &err), ==, 0);
    assert_manifest(fixture, &browser_rows[0]);
    assert_manifest(fixture, &browser_rows[2]);
    g_autofree char *chrome = manifest_path(fixture, &browser_rows[1]);
    g_assert_false(g_file_test(chrome, G_FILE_TEST_EXISTS));
}

typedef struct {
    const char *path;
    const char *const args[4];
    int status;
    const char *stderr_has;
} FailureRow;

static const FailureRow failure_rows[] = {
    {"/cli-browser/install/all-none-found", {"install-browser", "all", NULL}, 1,
     "keyfill install-browser chromium"},
    {"/cli-browser/install/unknown-browser", {"install-browser", "opera", NULL}, 2,
     "use chrome, chromium, firefox or all"},
    {"/cli-browser/install/too-many-arguments", {"install-browser", "chromium", "firefox", NULL},
     2, NULL},
    {"/cli-browser/doctor/extra-argument", {"doctor", "now", NULL}, 2, NULL},
};

static void test_failure(Fixture *fixture, gconstpointer data)
{
    const FailureRow *row = data;
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_assert_cmpint(run_keyfill(fixture, row->args, &out, &err), ==, row->status);
    if (row->stderr_has != NULL)
        g_assert_nonnull(strstr(err, row->stderr_has));
    for (gsize i = 0; i < G_N_ELEMENTS(browser_rows); i++) {
        g_autofree char *path = manifest_path(fixture, &browser_rows[i]);
        g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    }
}

/* A broken manifest in the chromium folder and what doctor must say of it.
 * "@HOST@" in the content becomes the real host path. */
typedef struct {
    const char *path;
    const char *content; /* NULL: no manifest at all */
    const char *problem;
} DoctorRow;

static const DoctorRow doctor_rows[] = {
    {"/cli-browser/doctor/missing", NULL, "missing"},
    {"/cli-browser/doctor/not-json", "{\"name\": \"org.keyfill.host\",", "not valid JSON"},
    {"/cli-browser/doctor/wrong-name",
     "{\"name\": \"org.other.host\", \"path\": \"@HOST@\", \"type\": \"stdio\","
     " \"allowed_origins\": [\"" CHROMIUM_ORIGIN "\"]}",
     "wrong host name"},
    {"/cli-browser/doctor/host-gone",
     "{\"name\": \"org.keyfill.host\", \"path\": \"/nonexistent/keyfill-host\","
     " \"type\": \"stdio\", \"allowed_origins\": [\"" CHROMIUM_ORIGIN "\"]}",
     "names a keyfill-host that does not exist"},
    {"/cli-browser/doctor/other-host",
     "{\"name\": \"org.keyfill.host\", \"path\": \"/bin/sh\", \"type\": \"stdio\","
     " \"allowed_origins\": [\"" CHROMIUM_ORIGIN "\"]}",
     "names another keyfill-host than this one"},
    {"/cli-browser/doctor/other-extension",
     "{\"name\": \"org.keyfill.host\", \"path\": \"@HOST@\", \"type\": \"stdio\","
     " \"allowed_origins\": [\"chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/\"]}",
     "does not allow the Keyfill extension"},
};

/* doctor fails on the broken manifest with the fix command, and passes once
 * that command ran. */
static void test_doctor(Fixture *fixture, gconstpointer data)
{
    const DoctorRow *row = data;
    const BrowserRow *chromium = &browser_rows[0];
    add_program(fixture, chromium->program);
    g_autofree char *path = manifest_path(fixture, chromium);
    if (row->content != NULL) {
        g_autofree char *dir = g_path_get_dirname(path);
        g_assert_cmpint(g_mkdir_with_parents(dir, 0700), ==, 0);
        g_autofree char *host = real_host_path();
        g_auto(GStrv) parts = g_strsplit(row->content, "@HOST@", -1);
        g_autofree char *content = g_strjoinv(host, parts);
        g_autoptr(GError) error = NULL;
        g_file_set_contents(path, content, -1, &error);
        g_assert_no_error(error);
    }

    const char *doctor[] = {"doctor", NULL};
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_assert_cmpint(run_keyfill(fixture, doctor, &out, &err), ==, 1);
    g_autofree char *line = g_strdup_printf(
        "FAIL chromium host manifest %s: %s; run: keyfill install-browser chromium", path,
        row->problem);
    g_assert_nonnull(strstr(out, line));
    g_assert_nonnull(strstr(out, "1 problem found."));

    const char *install[] = {"install-browser", "chromium", NULL};
    g_autofree char *install_out = NULL;
    g_autofree char *install_err = NULL;
    g_assert_cmpint(run_keyfill(fixture, install, &install_out, &install_err), ==, 0);

    g_autofree char *fixed_out = NULL;
    g_autofree char *fixed_err = NULL;
    g_assert_cmpint(run_keyfill(fixture, doctor, &fixed_out, &fixed_err), ==, 0);
    g_autofree char *ok_line = g_strdup_printf("ok   chromium host manifest %s", path);
    g_assert_nonnull(strstr(fixed_out, ok_line));
    g_assert_null(strstr(fixed_out, "FAIL"));
}

/* With no browser in PATH doctor says so and fails. */
static void test_doctor_no_browser(Fixture *fixture, gconstpointer data)
{
    const char *doctor[] = {"doctor", NULL};
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_assert_cmpint(run_keyfill(fixture, doctor, &out, &err), ==, 1);
    g_assert_nonnull(strstr(out, "FAIL browsers: no Chrome, Chromium or Firefox found in PATH"));
}

/* doctor probes the keyring and the store without creating either: the
 * session's unlocked keyring passes; no Secret Service on the bus fails with
 * what to do; a store that does not exist yet is reported, not created. */
static void test_doctor_keyring_and_store(Fixture *fixture, gconstpointer data)
{
    g_autofree char *db = g_build_filename(fixture->home, "doctor.db", NULL);
    g_autofree char *db_var = g_strconcat("KEYFILL_DB=", db, NULL);
    const char *doctor[] = {"doctor", NULL};

    const char *session_env[] = {db_var, NULL};
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    run_keyfill_env(fixture, doctor, session_env, &out, &err);
    g_assert_nonnull(strstr(out, "ok   keyring: unlocked"));
    g_assert_nonnull(strstr(out, "does not exist yet"));
    g_assert_false(g_file_test(db, G_FILE_TEST_EXISTS));

    const char *no_bus_env[] = {db_var, "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus",
                                NULL};
    g_autofree char *no_bus_out = NULL;
    g_autofree char *no_bus_err = NULL;
    g_assert_cmpint(run_keyfill_env(fixture, doctor, no_bus_env, &no_bus_out, &no_bus_err), ==,
                    1);
    g_assert_nonnull(strstr(no_bus_out, "FAIL keyring: unavailable; "));
    g_assert_nonnull(strstr(no_bus_out, "start gnome-keyring"));
    g_assert_false(g_file_test(db, G_FILE_TEST_EXISTS));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(browser_rows); i++) {
        g_autofree char *path = g_strdup_printf("/cli-browser/install/%s", browser_rows[i].name);
        g_test_add(path, Fixture, &browser_rows[i], fixture_set_up, test_install_one,
                   fixture_tear_down);
    }
    g_test_add("/cli-browser/install/all-found", Fixture, NULL, fixture_set_up,
               test_install_all_found, fixture_tear_down);
    for (gsize i = 0; i < G_N_ELEMENTS(failure_rows); i++)
        g_test_add(failure_rows[i].path, Fixture, &failure_rows[i], fixture_set_up, test_failure,
                   fixture_tear_down);
    for (gsize i = 0; i < G_N_ELEMENTS(doctor_rows); i++)
        g_test_add(doctor_rows[i].path, Fixture, &doctor_rows[i], fixture_set_up, test_doctor,
                   fixture_tear_down);
    g_test_add("/cli-browser/doctor/no-browser", Fixture, NULL, fixture_set_up,
               test_doctor_no_browser, fixture_tear_down);
    g_test_add("/cli-browser/doctor/keyring-and-store", Fixture, NULL, fixture_set_up,
               test_doctor_keyring_and_store, fixture_tear_down);
    return g_test_run();
}
