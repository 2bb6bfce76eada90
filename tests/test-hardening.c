/*
 * test-hardening.c — processes holding secrets leave no core file and refuse
 * same-user debuggers: in-process through hardening_apply(), and for the real
 * keyfill-host from outside, through /proc, while it serves.
 */
#include "errors.h"
#include "hardening.h"
#include "host-process.h"
#include "privileges.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* hardening_apply() in a forked child, so the test process keeps its
 * settings: afterwards no core limit, not dumpable, and the hard limit cannot
 * be raised again. */
static void test_apply(void)
{
    if (g_test_subprocess()) {
        g_assert_false(hardening_is_applied());
        g_autoptr(GError) error = NULL;
        g_assert_true(hardening_apply(&error));
        g_assert_no_error(error);
        g_assert_true(hardening_is_applied());
        g_assert_cmpint(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
        struct rlimit limit;
        g_assert_cmpint(getrlimit(RLIMIT_CORE, &limit), ==, 0);
        g_assert_cmpuint(limit.rlim_cur, ==, 0);
        g_assert_cmpuint(limit.rlim_max, ==, 0);
        /* Raising the hard limit needs CAP_SYS_RESOURCE; without it the
         * limit is final. */
        struct rlimit raise = {RLIM_INFINITY, RLIM_INFINITY};
        if (geteuid() != 0)
            g_assert_cmpint(setrlimit(RLIMIT_CORE, &raise), !=, 0);
        /* A second call is harmless. */
        g_assert_true(hardening_apply(NULL));
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed();
}

/* Reads "Max core file size  <soft>  <hard>  bytes" from /proc/<pid>/limits. */
static void read_core_limits(GPid pid, char **soft, char **hard)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/limits", (int)pid);
    g_autofree char *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_autofree char *line = NULL;
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l != NULL; l++) {
        if (g_str_has_prefix(*l, "Max core file size"))
            line = g_strdup(*l + strlen("Max core file size"));
    }
    g_assert_nonnull(line);
    g_auto(GStrv) words = g_strsplit_set(g_strstrip(line), " ", -1);
    g_autoptr(GPtrArray) values = g_ptr_array_new();
    for (char **w = words; *w != NULL; w++) {
        if (**w != '\0')
            g_ptr_array_add(values, *w);
    }
    g_assert_cmpuint(values->len, >=, 2);
    *soft = g_strdup(values->pdata[0]);
    *hard = g_strdup(values->pdata[1]);
}

/* TRUE when this process may open /proc/<pid>/mem, i.e. read @pid's memory. */
static gboolean can_read_memory(GPid pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/mem", (int)pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        g_assert_true(errno == EACCES || errno == EPERM);
        return FALSE;
    }
    close(fd);
    return TRUE;
}

/* The real host, while serving: its core limit is 0 (from /proc/<pid>/limits)
 * and its memory cannot be read by its own parent of the same user without
 * CAP_SYS_PTRACE (not dumpable). `sleep` started the same way is the
 * control: its memory can be read, so the check can fail. Runs in a
 * subprocess because it gives up its capabilities. */
static void test_real_host(void)
{
    if (!g_test_subprocess()) {
        g_test_trap_subprocess(NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
        g_test_trap_assert_passed();
        return;
    }
    privileges_drop_all(NULL);

    /* The control: an ordinary program started the same way. */
    const char *sleep_argv[] = {"sleep", "60", NULL};
    GPid control;
    g_autoptr(GError) error = NULL;
    g_assert_true(g_spawn_async(NULL, (char **)sleep_argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &control, &error));
    g_assert_no_error(error);
    g_assert_true(can_read_memory(control));
    kill(control, SIGKILL);
    waitpid(control, NULL, 0);
    g_spawn_close_pid(control);

    g_autoptr(HostProcess) host = host_process_start_chromium(NULL);
    g_autoptr(cJSON) reply = host_process_call(host, "{\"id\":1,\"type\":\"hello\"}");
    g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(reply, "ok")));
    GPid pid = host_process_pid(host);

    g_autofree char *soft = NULL;
    g_autofree char *hard = NULL;
    read_core_limits(pid, &soft, &hard);
    g_assert_cmpstr(soft, ==, "0");
    g_assert_cmpstr(hard, ==, "0");
    g_assert_false(can_read_memory(pid));

    g_assert_cmpint(host_process_finish(host, 5000, NULL), ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/hardening/apply", test_apply);
    g_test_add_func("/hardening/real-host", test_real_host);
    return g_test_run();
}
