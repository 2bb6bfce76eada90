/*
 * host-process.h — a real keyfill-host (or keyfill) child on pipes, for tests.
 *
 * Spawns the binary named by $KEYFILL_HOST with the argv a browser would
 * pass, writes frames to its stdin and reads frames from its stdout. The
 * child inherits the test's environment (inside tests/with-keyring: a private
 * D-Bus session and keyring) plus any extra variables given.
 */
#pragma once

#include "jsonfield.h" /* cJSON with g_autoptr support */

#include <glib.h>
#include <stdarg.h>

G_BEGIN_DECLS

typedef struct HostProcess HostProcess;

/* The argv Chromium passes to a host for Keyfill's extension. */
#define HOST_PROCESS_CHROMIUM_CALLER "chrome-extension://iceljohmipnjghdnlgkldoicbgkapcab/"

/* Starts $KEYFILL_HOST with @args (NULL-terminated, may be NULL) and extra
 * environment @env ("NAME=value", NULL-terminated, may be NULL). Aborts the
 * test on failure. */
HostProcess *host_process_start(const char *const *args, const char *const *env);

/* Starts a host as Chromium would for Keyfill's extension. */
HostProcess *host_process_start_chromium(const char *const *env);

/* Writes raw bytes to the child's stdin. */
void host_process_write_raw(HostProcess *host, const void *bytes, gsize length);

/* Writes one frame holding @body. */
void host_process_send(HostProcess *host, const char *body);

/* Reads one frame; returns its body (g_free) or NULL at end of stream. */
char *host_process_receive(HostProcess *host);

/* Sends @request_json and returns the parsed reply (cJSON_Delete). */
cJSON *host_process_call(HostProcess *host, const char *request_json);

/* host_process_call() of a request made from a printf @format. */
cJSON *host_process_callf(HostProcess *host, const char *format, ...) G_GNUC_PRINTF(2, 3);
cJSON *host_process_callv(HostProcess *host, const char *format, va_list args) G_GNUC_PRINTF(2, 0);

/* The "result" of @reply, failing the test (printing the reply) unless it
 * is "ok". Borrowed from @reply. */
const cJSON *host_process_result(const cJSON *reply);

/* Fails the test unless @reply is an error with wire code @code and a
 * message that says something (over 20 bytes). */
void host_process_assert_error(const cJSON *reply, const char *code);

/* Closes stdin; returns the child's exit status (-1 if it was killed), waiting
 * at most @timeout_ms. Collects stderr into *@stderr_out when not NULL. */
int host_process_finish(HostProcess *host, guint timeout_ms, char **stderr_out);

void host_process_free(HostProcess *host);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(HostProcess, host_process_free)

G_END_DECLS
