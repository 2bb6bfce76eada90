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

G_BEGIN_DECLS

typedef struct HostContext {
    const KeyfillConfig *config;
    const Caller *caller;
} HostContext;

G_END_DECLS
