/*
 * keyring-session.c — throwaway keyring sessions and helper children.
 */
#include "keyring-session.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* A session bus with no service activation at all: nothing can start a
 * Secret Service on it. */
static const char no_service_config[] =
    "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
    " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
    "<busconfig>\n"
    "  <type>session</type>\n"
    "  <listen>unix:tmpdir=/tmp</listen>\n"
    "  <auth>EXTERNAL</auth>\n"
    "  <policy context=\"default\">\n"
    "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
    "    <allow eavesdrop=\"true\"/>\n"
    "    <allow own=\"*\"/>\n"
    "  </policy>\n"
    "</busconfig>\n";

static char *self_path(void)
{
    char *self = g_file_read_link("/proc/self/exe", NULL);
    g_assert_nonnull(self);
    return self;
}

static char *with_keyring_path(void)
{
    const char *root = g_getenv("KEYFILL_SOURCE_ROOT");
    g_assert_nonnull(root);
    return g_build_filename(root, "tests", "with-keyring", NULL);
}

void keyring_session_ensure(int argc, char **argv, const KeyringSessionHelperEntry *helpers,
                            gsize n_helpers)
{
    if (g_getenv("KEYFILL_TEST_SESSION") == NULL) {
        g_autofree char *script = with_keyring_path();
        g_autofree char *self = self_path();
        g_autoptr(GPtrArray) args = g_ptr_array_new();
        g_ptr_array_add(args, script);
        g_ptr_array_add(args, self);
        for (int i = 1; i < argc; i++)
            g_ptr_array_add(args, argv[i]);
        g_ptr_array_add(args, NULL);
        execv(script, (char **)args->pdata);
        g_error("cannot run %s: %s", script, g_strerror(errno));
    }
    if (argc >= 4 && strcmp(argv[1], "--helper") == 0) {
        for (gsize i = 0; i < n_helpers; i++) {
            if (strcmp(helpers[i].name, argv[2]) == 0)
                exit(helpers[i].run(argv[3]));
        }
        g_printerr("unknown helper %s\n", argv[2]);
        exit(99);
    }
}

char *keyring_session_scratch(void)
{
    const char *session = g_getenv("KEYFILL_TEST_SESSION");
    g_assert_nonnull(session);
    g_autofree char *base = g_build_filename(session, "scratch-XXXXXX", NULL);
    char *dir = g_mkdtemp(base) != NULL ? g_strdup(base) : NULL;
    g_assert_nonnull(dir);
    return dir;
}

cJSON *keyring_session_sample_persona(void)
{
    g_autofree char *path = g_build_filename(g_getenv("KEYFILL_SOURCE_ROOT"), "tests", "data",
                                             "persona-ada.json", NULL);
    g_autofree char *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    cJSON *persona = cJSON_Parse(text);
    g_assert_nonnull(persona);
    return persona;
}

static GStrv helper_argv(KeyringSessionKind kind, const char *name, const char *arg,
                         const char *config)
{
    g_autofree char *self = self_path();
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new();
    if (kind == KEYRING_SESSION_NEW) {
        g_autofree char *script = with_keyring_path();
        g_strv_builder_add(builder, script);
    } else if (kind == KEYRING_SESSION_NO_SERVICE) {
        g_strv_builder_add_many(builder, "dbus-run-session", "--config-file", config, "--", NULL);
    }
    g_strv_builder_add_many(builder, self, "--helper", name, arg, NULL);
    return g_strv_builder_end(builder);
}

int keyring_session_run_helper(KeyringSessionKind kind, const char *name, const char *arg)
{
    g_autofree char *scratch = keyring_session_scratch();
    g_autofree char *config = g_build_filename(scratch, "no-secrets.conf", NULL);
    g_assert_true(g_file_set_contents(config, no_service_config, -1, NULL));

    g_auto(GStrv) argv = helper_argv(kind, name, arg, config);
    g_auto(GStrv) envp = g_get_environ();
    if (kind == KEYRING_SESSION_NEW)
        envp = g_environ_unsetenv(envp, "KEYFILL_TEST_SESSION");
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int wait_status = 0;
    g_autoptr(GError) error = NULL;
    gboolean ran = g_spawn_sync(NULL, argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                                &wait_status, &error);
    g_assert_no_error(error);
    g_assert_true(ran);
    g_test_message("helper %s stdout: %s", name, out);
    g_test_message("helper %s stderr: %s", name, err);
    (void)g_remove(config);
    (void)g_rmdir(scratch);
    return WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
}

GPid keyring_session_spawn_helper(const char *name, const char *arg)
{
    g_auto(GStrv) argv = helper_argv(KEYRING_SESSION_SAME, name, arg, NULL);
    GPid pid = 0;
    g_autoptr(GError) error = NULL;
    gboolean spawned =
        g_spawn_async(NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
    g_assert_no_error(error);
    g_assert_true(spawned);
    return pid;
}

int keyring_session_wait(GPid pid)
{
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        g_assert_cmpint(errno, ==, EINTR);
    g_spawn_close_pid(pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
