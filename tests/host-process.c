/*
 * host-process.c — spawning and talking to a real host binary in tests.
 */
#include "host-process.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct HostProcess {
    GPid pid;
    int stdin_fd;
    int stdout_fd;
    int stderr_fd;
    gboolean reaped;
    int status;
};

HostProcess *host_process_start(const char *const *args, const char *const *env)
{
    const char *binary = g_getenv("KEYFILL_HOST");
    g_assert_nonnull(binary);

    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_ptr_array_add(argv, (gpointer)binary);
    for (const char *const *arg = args; arg != NULL && *arg != NULL; arg++)
        g_ptr_array_add(argv, (gpointer)*arg);
    g_ptr_array_add(argv, NULL);

    g_auto(GStrv) envp = g_get_environ();
    for (const char *const *var = env; var != NULL && *var != NULL; var++) {
        g_auto(GStrv) pair = g_strsplit(*var, "=", 2);
        envp = g_environ_setenv(envp, pair[0], pair[1] != NULL ? pair[1] : "", TRUE);
    }

    HostProcess *host = g_new0(HostProcess, 1);
    g_autoptr(GError) error = NULL;
    gboolean spawned = g_spawn_async_with_pipes(
        NULL, (char **)argv->pdata, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &host->pid,
        &host->stdin_fd, &host->stdout_fd, &host->stderr_fd, &error);
    g_assert_no_error(error);
    g_assert_true(spawned);
    return host;
}

HostProcess *host_process_start_chromium(const char *const *env)
{
    const char *args[] = {HOST_PROCESS_CHROMIUM_CALLER, NULL};
    return host_process_start(args, env);
}

void host_process_write_raw(HostProcess *host, const void *bytes, gsize length)
{
    const char *at = bytes;
    while (length > 0) {
        ssize_t wrote = write(host->stdin_fd, at, length);
        if (wrote < 0 && errno == EINTR)
            continue;
        g_assert_cmpint(wrote, >, 0);
        at += wrote;
        length -= (gsize)wrote;
    }
}

void host_process_send(HostProcess *host, const char *body)
{
    uint32_t length = (uint32_t)strlen(body);
    host_process_write_raw(host, &length, sizeof length);
    host_process_write_raw(host, body, length);
}

static gboolean read_exact(int fd, void *into, gsize length)
{
    char *at = into;
    while (length > 0) {
        ssize_t got = read(fd, at, length);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return FALSE;
        at += got;
        length -= (gsize)got;
    }
    return TRUE;
}

char *host_process_receive(HostProcess *host)
{
    uint32_t length;
    if (!read_exact(host->stdout_fd, &length, sizeof length))
        return NULL;
    g_assert_cmpuint(length, <=, 1000000);
    char *body = g_malloc(length + 1);
    g_assert_true(read_exact(host->stdout_fd, body, length));
    body[length] = '\0';
    return body;
}

cJSON *host_process_call(HostProcess *host, const char *request_json)
{
    host_process_send(host, request_json);
    g_autofree char *reply = host_process_receive(host);
    g_assert_nonnull(reply);
    cJSON *parsed = cJSON_Parse(reply);
    g_assert_nonnull(parsed);
    return parsed;
}

cJSON *host_process_callv(HostProcess *host, const char *format, va_list args)
{
    g_autofree char *request = g_strdup_vprintf(format, args);
    return host_process_call(host, request);
}

cJSON *host_process_callf(HostProcess *host, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    cJSON *reply = host_process_callv(host, format, args);
    va_end(args);
    return reply;
}

const cJSON *host_process_result(const cJSON *reply)
{
    if (!cJSON_IsTrue(cJSON_GetObjectItem(reply, "ok"))) {
        g_autofree char *printed = cJSON_PrintUnformatted(reply);
        g_error("expected ok, got %s", printed);
    }
    return cJSON_GetObjectItem(reply, "result");
}

void host_process_assert_error(const cJSON *reply, const char *code)
{
    if (!cJSON_IsFalse(cJSON_GetObjectItem(reply, "ok"))) {
        g_autofree char *printed = cJSON_PrintUnformatted(reply);
        g_error("expected %s, got %s", code, printed);
    }
    const cJSON *error = cJSON_GetObjectItem(reply, "error");
    g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(error, "code")), ==, code);
    g_assert_cmpuint(strlen(cJSON_GetStringValue(cJSON_GetObjectItem(error, "message"))), >, 20);
}

int host_process_finish(HostProcess *host, guint timeout_ms, char **stderr_out)
{
    if (host->stdin_fd >= 0) {
        close(host->stdin_fd);
        host->stdin_fd = -1;
    }
    gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
    while (!host->reaped) {
        pid_t done = waitpid(host->pid, &host->status, WNOHANG);
        if (done == host->pid) {
            host->reaped = TRUE;
            break;
        }
        if (g_get_monotonic_time() > deadline) {
            kill(host->pid, SIGKILL);
            waitpid(host->pid, &host->status, 0);
            host->reaped = TRUE;
            g_test_message("host did not exit within %u ms; killed", timeout_ms);
            return -1;
        }
        g_usleep(2000);
    }
    if (stderr_out != NULL) {
        g_autoptr(GString) text = g_string_new(NULL);
        char chunk[4096];
        ssize_t got;
        while ((got = read(host->stderr_fd, chunk, sizeof chunk)) > 0)
            g_string_append_len(text, chunk, got);
        *stderr_out = g_string_free(g_steal_pointer(&text), FALSE);
    }
    return WIFEXITED(host->status) ? WEXITSTATUS(host->status) : -1;
}

void host_process_free(HostProcess *host)
{
    if (host == NULL)
        return;
    if (!host->reaped)
        host_process_finish(host, 5000, NULL);
    if (host->stdout_fd >= 0)
        close(host->stdout_fd);
    if (host->stderr_fd >= 0)
        close(host->stderr_fd);
    g_spawn_close_pid(host->pid);
    g_free(host);
}
