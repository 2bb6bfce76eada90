/*
 * hello.c — the first exchange: who the host is and what it can do.
 *
 * The extension sends hello when it connects, to learn the host and protocol
 * versions, whether the store can be opened, and which commands exist.
 */
#include "commands.h"

#include "../buildconfig.h"
#include "../store.h"

cJSON *command_hello(HostContext *context, const cJSON *request, GError **error)
{
    cJSON *result = cJSON_CreateObject();
    cJSON_AddStringToObject(result, "host", "keyfill-host");
    cJSON_AddStringToObject(result, "version", KEYFILL_VERSION);
    cJSON_AddNumberToObject(result, "protocol", PROTOCOL_VERSION);
    cJSON_AddStringToObject(result, "caller", context->caller->extension_id);
    cJSON_AddItemToObject(result, "commands", protocol_command_names());

    /* A probe only: hello never creates the database or a key. */
    g_autoptr(StoreProbe) probe = store_probe(context->store_path);
    cJSON *store = cJSON_AddObjectToObject(result, "store");
    cJSON_AddStringToObject(store, "path", probe->path);
    cJSON_AddStringToObject(store, "keyring", store_keyring_state_name(probe->keyring));
    if (probe->personas >= 0)
        cJSON_AddNumberToObject(store, "personas", (double)probe->personas);
    else
        cJSON_AddNullToObject(store, "personas");
    return result;
}
