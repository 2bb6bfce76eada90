/*
 * protocol.h — the request/reply envelope and the dispatch table.
 *
 * A request is {"id": <any JSON>, "type": "<command>", ...}. A reply is
 * {"id": <same>, "ok": true, "result": {...}} or
 * {"id": <same>, "ok": false, "error": {"code": "<wire name>", "message": "..."}}.
 * This module turns one request body into one reply body; it never touches
 * stdio (main.c and framing.c do) and never logs.
 */
#pragma once

#include "context.h"
#include "jsonfield.h"

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

/* The protocol version the extension checks in the hello reply. Raised only
 * when a change would break an older extension. */
#define PROTOCOL_VERSION 1

/* The longest request id, as compact JSON, that the host echoes. Every reply
 * repeats the id, so without a bound a request with a 1 MB id would force a
 * reply over the browsers' limit; such a request is refused (limit_exceeded,
 * id null). */
#define PROTOCOL_MAX_ID_BYTES 1024

/* A command handler: returns the "result" object (the caller frees it), or
 * NULL with @error set. @request is the whole request object, already known to
 * be an object with a string "type". */
typedef cJSON *(*ProtocolHandler)(HostContext *context, const cJSON *request, GError **error);

typedef struct {
    const char *name;
    ProtocolHandler handler;
} ProtocolCommand;

/* Handles one request body of @length bytes and returns the reply body
 * (g_free), never NULL and never longer than FRAMING_MAX_OUTGOING bytes.
 * *@reply_length receives its length. */
char *protocol_handle(HostContext *context, const char *message, size_t length,
                      size_t *reply_length);

/* Builds an error reply for @error with request id @id (NULL means null). */
char *protocol_error_reply(const cJSON *id, const GError *error, size_t *reply_length);

/* The names of all commands, in table order, as a new JSON array. */
cJSON *protocol_command_names(void);

G_END_DECLS
