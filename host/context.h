/*
 * context.h — what a request handler may use: the settings, the verified
 * caller, and the resources opened on first need.
 *
 * The host opens nothing expensive at start (no keyring, no database) so that
 * a browser's cold start to the first classify reply stays close to the cost
 * of starting a process. Modules that need a resource add it here with a
 * function that opens it lazily.
 */
#pragma once

#include "caller.h"
#include "config.h"
#include "store.h"

G_BEGIN_DECLS

typedef struct HostContext {
    const KeyfillConfig *config;
    const Caller *caller;
    const char *store_path; /* NULL: store_default_path() */
    Store *store;           /* opened by host_context_store(); freed by the owner */
} HostContext;

/* Returns the store, opening it on first use (context.c). The store is owned
 * by @context; on failure NULL with the errors of store_open(), and the next
 * call tries again (the user may have unlocked the keyring meanwhile). */
Store *host_context_store(HostContext *context, GError **error);

/* Closes the store if it is open, which wipes its key from memory; the next
 * host_context_store() opens it again, reading the key from the keyring. */
void host_context_close_store(HostContext *context);

G_END_DECLS
