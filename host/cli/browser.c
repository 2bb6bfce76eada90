/*
 * browser.c — `keyfill install-browser` and `keyfill doctor`.
 *
 * install-browser writes per-user native-messaging host manifests that point
 * at the keyfill-host beside this keyfill binary; doctor checks every piece a
 * fill needs and prints, for each problem, the command that fixes it. Neither
 * opens the store's values: doctor only probes the keyring and the store, and
 * creates nothing.
 */
#include "cli.h"

#include "../buildconfig.h"
#include "../errors.h"
#include "../store.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    const char *name;          /* as typed on the command line */
    const char *template_file; /* under manifests/ */
    const char *user_dir;      /* relative to $HOME */
    const char *program;       /* how to tell the browser is installed */
} Browser;

static const Browser browsers[] = {
    {"chrome", "chromium.json.in", ".config/google-chrome/NativeMessagingHosts", "google-chrome"},
    {"chromium", "chromium.json.in", ".config/chromium/NativeMessagingHosts", "chromium"},
    {"firefox", "firefox.json.in", ".mozilla/native-messaging-hosts", "firefox"},
};

#define HOST_MANIFEST_NAME "org.keyfill.host.json"

static char *manifest_path(const Browser *browser)
{
    return g_build_filename(g_get_home_dir(), browser->user_dir, HOST_MANIFEST_NAME, NULL);
}

static gboolean browser_present(const Browser *browser)
{
    g_autofree char *found = g_find_program_in_path(browser->program);
    if (found == NULL && strcmp(browser->program, "firefox") == 0)
        found = g_find_program_in_path("firefox-esr");
    return found != NULL;
}

/* Reads the template for @browser from the installed data folder, or from
 * the source tree when keyfill runs from a build folder. */
static char *read_template(const Browser *browser, GError **error)
{
    const char *dirs[] = {KEYFILL_MANIFEST_TEMPLATE_DIR, KEYFILL_MANIFEST_SOURCE_DIR};
    for (gsize i = 0; i < G_N_ELEMENTS(dirs); i++) {
        g_autofree char *path = g_build_filename(dirs[i], browser->template_file, NULL);
        char *text = NULL;
        if (g_file_get_contents(path, &text, NULL, NULL))
            return text;
    }
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_CONFIG,
                "The host manifest template %s is missing from %s and %s. Reinstall Keyfill.",
                browser->template_file, KEYFILL_MANIFEST_TEMPLATE_DIR,
                KEYFILL_MANIFEST_SOURCE_DIR);
    return NULL;
}

static char *replace_all(const char *text, const char *placeholder, const char *value)
{
    g_auto(GStrv) parts = g_strsplit(text, placeholder, -1);
    return g_strjoinv(value, parts);
}

static gboolean install_one(const Browser *browser, const char *host_path, GError **error)
{
    g_autofree char *template = read_template(browser, error);
    if (template == NULL)
        return FALSE;
    /* The host path is written into JSON: escape it through cJSON. */
    g_autoptr(GString) quoted = g_string_new(NULL);
    cJSON *path_string = cJSON_CreateString(host_path);
    char *printed = cJSON_PrintUnformatted(path_string);
    g_string_append_len(quoted, printed + 1, (gssize)strlen(printed) - 2);
    cJSON_free(printed);
    cJSON_Delete(path_string);

    g_autofree char *step1 = replace_all(template, "@HOST_PATH@", quoted->str);
    g_autofree char *step2 =
        replace_all(step1, "@CHROMIUM_EXTENSION_ID@", KEYFILL_CHROMIUM_EXTENSION_ID);
    g_autofree char *manifest =
        replace_all(step2, "@FIREFOX_EXTENSION_ID@", KEYFILL_FIREFOX_EXTENSION_ID);

    g_autofree char *path = manifest_path(browser);
    g_autofree char *dir = g_path_get_dirname(path);
    if (g_mkdir_with_parents(dir, 0700) != 0) {
        int saved = errno;
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IO, "Cannot create %s: %s.", dir,
                    g_strerror(saved));
        return FALSE;
    }
    g_autoptr(GError) local_error = NULL;
    if (!g_file_set_contents_full(path, manifest, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                  &local_error)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IO, "Cannot write %s: %s.", path,
                    local_error->message);
        return FALSE;
    }
    printf("%-9s registered: %s\n", browser->name, path);
    return TRUE;
}

int cli_install_browser(int argc, char **argv)
{
    const char *which = argc >= 2 ? argv[1] : "all";
    if (strcmp(which, "--help") == 0 || argc > 2) {
        printf("usage: keyfill install-browser [chrome|chromium|firefox|all]\n\n"
               "Registers keyfill-host for your user. 'all' (the default) registers every\n"
               "browser found on this machine.\n");
        return argc > 2 ? 2 : 0;
    }

    g_autofree char *host_path = cli_host_path();
    if (!g_file_test(host_path, G_FILE_TEST_IS_EXECUTABLE)) {
        g_printerr("keyfill: %s is missing. Build Keyfill first (meson compile -C build) or "
                   "reinstall it.\n",
                   host_path);
        return 1;
    }

    gboolean all = strcmp(which, "all") == 0;
    int registered = 0;
    for (gsize i = 0; i < G_N_ELEMENTS(browsers); i++) {
        const Browser *browser = &browsers[i];
        if (!all && strcmp(which, browser->name) != 0)
            continue;
        if (all && !browser_present(browser))
            continue;
        g_autoptr(GError) error = NULL;
        if (!install_one(browser, host_path, &error)) {
            cli_report(error);
            return 1;
        }
        registered++;
    }
    if (registered == 0) {
        if (all) {
            g_printerr("keyfill: no Chrome, Chromium or Firefox found in PATH. Name the browser: "
                       "keyfill install-browser chromium\n");
            return 1;
        }
        g_printerr("keyfill: unknown browser \"%s\": use chrome, chromium, firefox or all.\n",
                   which);
        return 2;
    }
    return 0;
}

/* One line of doctor output; returns @ok so checks can be counted. */
static gboolean doctor_line(gboolean ok, const char *what, const char *detail)
{
    printf("%s %s%s%s\n", ok ? "ok  " : "FAIL", what, detail != NULL ? ": " : "",
           detail != NULL ? detail : "");
    return ok;
}

/* Checks one browser's manifest: present, JSON, names our host and ids. */
static gboolean doctor_manifest(const Browser *browser, const char *host_path)
{
    g_autofree char *path = manifest_path(browser);
    g_autofree char *what = g_strdup_printf("%s host manifest %s", browser->name, path);
    g_autofree char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL)) {
        g_autofree char *fix =
            g_strdup_printf("missing; run: keyfill install-browser %s", browser->name);
        return doctor_line(FALSE, what, fix);
    }
    cJSON *manifest = cJSON_Parse(text);
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(manifest, "name");
    const cJSON *manifest_host = cJSON_GetObjectItemCaseSensitive(manifest, "path");
    gboolean firefox = strcmp(browser->template_file, "firefox.json.in") == 0;
    const cJSON *allowed = cJSON_GetObjectItemCaseSensitive(
        manifest, firefox ? "allowed_extensions" : "allowed_origins");
    const char *wanted = firefox ? KEYFILL_FIREFOX_EXTENSION_ID
                                 : "chrome-extension://" KEYFILL_CHROMIUM_EXTENSION_ID "/";
    gboolean allows_us = FALSE;
    const cJSON *entry;
    cJSON_ArrayForEach(entry, allowed)
    {
        if (cJSON_IsString(entry) && strcmp(entry->valuestring, wanted) == 0)
            allows_us = TRUE;
    }
    const char *problem = NULL;
    if (manifest == NULL)
        problem = "not valid JSON";
    else if (!cJSON_IsString(name) || strcmp(name->valuestring, "org.keyfill.host") != 0)
        problem = "wrong host name";
    else if (!cJSON_IsString(manifest_host) ||
             !g_file_test(manifest_host->valuestring, G_FILE_TEST_IS_EXECUTABLE))
        problem = "names a keyfill-host that does not exist";
    else if (strcmp(manifest_host->valuestring, host_path) != 0)
        problem = "names another keyfill-host than this one";
    else if (!allows_us)
        problem = "does not allow the Keyfill extension";
    cJSON_Delete(manifest);
    if (problem != NULL) {
        g_autofree char *fix =
            g_strdup_printf("%s; run: keyfill install-browser %s", problem, browser->name);
        return doctor_line(FALSE, what, fix);
    }
    return doctor_line(TRUE, what, NULL);
}

/* What to do about each keyring state a store probe can meet; NULL when fine. */
static const char *keyring_fix(StoreKeyringState state)
{
    switch (state) {
    case STORE_KEYRING_UNLOCKED:
        return NULL;
    case STORE_KEYRING_LOCKED:
        return "the keyring is locked; unlock it (log in to your desktop, or open Passwords and "
               "Keys / Seahorse and unlock the Login keyring)";
    case STORE_KEYRING_UNAVAILABLE:
        return "no Secret Service on the session bus; start gnome-keyring (or another Secret "
               "Service) in your desktop session";
    case STORE_KEYRING_KEY_MISSING:
        return "the store's key is gone from the keyring; restore the keyring from a backup, or "
               "move the store aside and import your last Keyfill export";
    case STORE_KEYRING_WRONG_KEY:
        return "the keyring holds another store's key; use the store that key belongs to (--db "
               "or KEYFILL_DB), or restore this store's keyring";
    }
    return "unknown keyring state";
}

/* Checks the keyring and the store without creating either; returns the
 * number of problems found. */
static int doctor_store(void)
{
    g_autoptr(StoreProbe) probe = store_probe(cli_db_path());
    int failures = 0;
    const char *fix = keyring_fix(probe->keyring);
    g_autofree char *keyring_detail =
        g_strdup_printf("%s%s%s", store_keyring_state_name(probe->keyring), fix ? "; " : "",
                        fix ? fix : "");
    if (!doctor_line(fix == NULL, "keyring", keyring_detail))
        failures++;

    if (!probe->exists) {
        g_autofree char *detail = g_strdup_printf(
            "%s does not exist yet; it is created when you add data: keyfill persona add",
            probe->path);
        doctor_line(TRUE, "store", detail);
    } else if (probe->personas > 0) {
        g_autofree char *detail = g_strdup_printf("%s, %" G_GINT64_FORMAT " persona%s",
                                                  probe->path, probe->personas,
                                                  probe->personas == 1 ? "" : "s");
        doctor_line(TRUE, "store", detail);
    } else if (probe->personas == 0) {
        g_autofree char *detail =
            g_strdup_printf("%s holds no persona yet; add one: keyfill persona add", probe->path);
        doctor_line(TRUE, "store", detail);
    } else if (fix == NULL) {
        g_autofree char *detail = g_strdup_printf(
            "%s cannot be read; run any keyfill command on it to see why", probe->path);
        failures += !doctor_line(FALSE, "store", detail);
    }
    return failures;
}

int cli_doctor(int argc, char **argv)
{
    if (argc > 1) {
        printf("usage: keyfill doctor\n\nChecks everything a fill needs and prints how to fix "
               "each problem.\n");
        return strcmp(argv[1], "--help") == 0 ? 0 : 2;
    }
    int failures = 0;
    g_autofree char *host_path = cli_host_path();
    if (!doctor_line(g_file_test(host_path, G_FILE_TEST_IS_EXECUTABLE), "host binary",
                     host_path))
        failures++;

    int browsers_found = 0;
    for (gsize i = 0; i < G_N_ELEMENTS(browsers); i++) {
        if (!browser_present(&browsers[i]))
            continue;
        browsers_found++;
        if (!doctor_manifest(&browsers[i], host_path))
            failures++;
    }
    if (browsers_found == 0 &&
        !doctor_line(FALSE, "browsers", "no Chrome, Chromium or Firefox found in PATH"))
        failures++;
    failures += doctor_store();

    if (failures > 0)
        printf("\n%d problem%s found.\n", failures, failures == 1 ? "" : "s");
    else
        printf("\nEverything Keyfill needs is in place.\n");
    return failures > 0 ? 1 : 0;
}
