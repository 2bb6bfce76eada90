/*
 * commands.h — the protocol command handlers, one file per area under
 * host/commands/. Each handler reads its request through jsonfield.h, calls
 * the module that owns the work, and shapes the result object. The table
 * that maps names to these functions is in protocol.c.
 */
#pragma once

#include "../protocol.h"

G_BEGIN_DECLS

/* hello.c */
cJSON *command_hello(HostContext *context, const cJSON *request, GError **error);

/* classify.c */
cJSON *command_classify(HostContext *context, const cJSON *request, GError **error);

G_END_DECLS
