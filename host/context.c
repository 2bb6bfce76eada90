/*
 * context.c — lazily opened resources of a HostContext.
 *
 * Nothing here runs at host start: the store (and with it the keyring) is
 * opened by the first command that needs it.
 */
#include "context.h"

Store *host_context_store(HostContext *context, GError **error)
{
    g_return_val_if_fail(context != NULL, NULL);
    if (context->store == NULL)
        context->store = store_open(context->store_path, error);
    return context->store;
}

void host_context_close_store(HostContext *context)
{
    g_return_if_fail(context != NULL);
    g_clear_pointer(&context->store, store_free);
}
