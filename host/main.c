/*
 * main.c — keyfill-host, the program a browser starts for native messaging.
 *
 * It reads frames from stdin, answers each with one frame on stdout, and exits
 * 0 when the browser closes stdin. It is the only place that writes to stdout
 * and the only place that logs (one line on stderr per refused caller or
 * broken stream; never a request or a value).
 *
 * Exit status: 0 after a clean end of input; 1 after a framing error (one
 * error reply is sent first: the stream cannot be resynchronised) or when
 * stdout is gone.
 */
#include "caller.h"
#include "config.h"
#include "errors.h"
#include "framing.h"
#include "hardening.h"
#include "protocol.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static gboolean reply(const char *body, size_t length)
{
    g_autoptr(GError) error = NULL;
    if (!framing_write(STDOUT_FILENO, body, length, &error)) {
        g_printerr("keyfill-host: %s\n", error->message);
        return FALSE;
    }
    return TRUE;
}

/* Answers every request with @refusal until the stream ends. A caller that is
 * not allowed learns nothing but the refusal. */
static int serve_refusal(FramingReader *reader, const GError *refusal)
{
    for (;;) {
        const char *message;
        size_t length;
        g_autoptr(GError) error = NULL;
        FramingStatus status = framing_read(reader, &message, &length, &error);
        if (status == FRAMING_END)
            return 0;
        size_t reply_length;
        g_autofree char *body = protocol_error_reply(NULL, refusal, &reply_length);
        if (!reply(body, reply_length) || status == FRAMING_FAILED)
            return 1;
    }
}

/* While the store is open, waits for the next request at most
 * key-idle-seconds; when none comes, closes the store, so a host the browser
 * keeps running between fills does not hold the key meanwhile (the next
 * fill reads it from the keyring again, over the keyring session kept
 * open). */
static void close_store_when_idle(FramingReader *reader, HostContext *context)
{
    if (context->store != NULL &&
        !framing_reader_wait(reader, (int)(context->config->key_idle_seconds * 1000u)))
        host_context_close_store(context);
}

static int serve(FramingReader *reader, HostContext *context)
{
    for (;;) {
        const char *message;
        size_t length;
        g_autoptr(GError) error = NULL;
        close_store_when_idle(reader, context);
        FramingStatus status = framing_read(reader, &message, &length, &error);
        if (status == FRAMING_END)
            return 0;
        if (status == FRAMING_FAILED) {
            g_printerr("keyfill-host: %s\n", error->message);
            size_t reply_length;
            g_autofree char *body = protocol_error_reply(NULL, error, &reply_length);
            reply(body, reply_length);
            return 1;
        }
        size_t reply_length;
        g_autofree char *body = protocol_handle(context, message, length, &reply_length);
        gboolean sent = reply(body, reply_length);
        explicit_bzero(body, reply_length);
        if (!sent)
            return 1;
    }
}

int main(int argc, char **argv)
{
    g_autoptr(GError) error = NULL;
    /* No core file may ever hold a key or a personal value: a host that
     * cannot promise that serves nothing. */
    if (!hardening_apply(&error)) {
        g_printerr("keyfill-host: %s\n", error->message);
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);

    g_autoptr(Caller) caller = caller_from_argv(argc, argv);
    g_autoptr(KeyfillConfig) config = config_load(&error);
    g_autoptr(FramingReader) reader = framing_reader_new(
        STDIN_FILENO, config != NULL ? config->max_message_bytes : FRAMING_DEFAULT_MAX_INCOMING);

    if (config == NULL) {
        g_printerr("keyfill-host: %s\n", error->message);
        return serve_refusal(reader, error);
    }
    if (!caller_is_allowed(caller, config, &error)) {
        g_printerr("keyfill-host: refused caller: %s\n", error->message);
        return serve_refusal(reader, error);
    }

    HostContext context = {
        .config = config,
        .caller = caller,
        .store_path = NULL, /* $KEYFILL_DB or the XDG default */
        .store = NULL,
    };
    int status = serve(reader, &context);
    store_free(context.store);
    return status;
}
