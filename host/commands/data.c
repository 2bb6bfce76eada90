/*
 * data.c — the protocol commands behind the extension's data pages:
 * personas and their emails, phones, addresses and cards.
 *
 * Each handler reads its fields through jsonfield.h, calls the store, and
 * shapes the reply. A card number leaves the host here only in persona.get
 * with "reveal": true; every other reply masks it. Documented in
 * docs/protocol.md ("Personal data").
 */
#include "commands.h"

#include "../errors.h"
#include "../store.h"

#include <string.h>

/* Longest id accepted in a request (the store's ids are STORE_ID_LENGTH). */
#define DATA_ID_MAX 64

static cJSON *warnings_json(GPtrArray *warnings)
{
    cJSON *array = cJSON_CreateArray();
    for (guint i = 0; i < warnings->len; i++)
        cJSON_AddItemToArray(array, cJSON_CreateString(g_ptr_array_index(warnings, i)));
    return array;
}

cJSON *command_persona_list(HostContext *context, const cJSON *request, GError **error)
{
    Store *store = host_context_store(context, error);
    if (store == NULL)
        return NULL;
    cJSON *personas = store_list_personas(store, error);
    if (personas == NULL)
        return NULL;
    cJSON *result = cJSON_CreateObject();
    cJSON_AddItemToObject(result, "personas", personas);
    return result;
}

cJSON *command_persona_get(HostContext *context, const cJSON *request, GError **error)
{
    const char *id = jsonfield_string(request, "persona", DATA_ID_MAX, error);
    gboolean reveal = FALSE;
    if (id == NULL || !jsonfield_bool(request, "reveal", TRUE, &reveal, error))
        return NULL;
    Store *store = host_context_store(context, error);
    if (store == NULL)
        return NULL;
    cJSON *persona = store_get_persona(store, id, reveal, error);
    if (persona == NULL)
        return NULL;
    cJSON *result = cJSON_CreateObject();
    cJSON_AddItemToObject(result, "persona", persona);
    return result;
}

cJSON *command_persona_put(HostContext *context, const cJSON *request, GError **error)
{
    const cJSON *given = jsonfield_object(request, "persona", FALSE, error);
    if (given == NULL)
        return NULL;
    Store *store = host_context_store(context, error);
    if (store == NULL)
        return NULL;
    g_autoptr(cJSON) persona = cJSON_Duplicate(given, TRUE);
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *id = store_put_persona(store, persona, warnings, error);
    if (id == NULL)
        return NULL;
    /* Answer with the stored, masked form rather than echoing the input. */
    cJSON *saved = store_get_persona(store, id, FALSE, error);
    if (saved == NULL)
        return NULL;
    cJSON *result = cJSON_CreateObject();
    cJSON_AddStringToObject(result, "id", id);
    cJSON_AddItemToObject(result, "persona", saved);
    cJSON_AddItemToObject(result, "warnings", warnings_json(warnings));
    return result;
}

/* Handlers that take {"persona": id} and reply {"<key>": id}. */
static cJSON *with_persona(HostContext *context, const cJSON *request, const char *key,
                           gboolean (*action)(Store *, const char *, GError **), GError **error)
{
    const char *id = jsonfield_string(request, "persona", DATA_ID_MAX, error);
    if (id == NULL)
        return NULL;
    Store *store = host_context_store(context, error);
    if (store == NULL || !action(store, id, error))
        return NULL;
    cJSON *result = cJSON_CreateObject();
    cJSON_AddStringToObject(result, key, id);
    return result;
}

cJSON *command_persona_delete(HostContext *context, const cJSON *request, GError **error)
{
    return with_persona(context, request, "deleted", store_delete_persona, error);
}

cJSON *command_persona_set_default(HostContext *context, const cJSON *request, GError **error)
{
    return with_persona(context, request, "default", store_set_default_persona, error);
}

/* The item @id of the masked persona @persona_id, detached for a reply. */
static cJSON *masked_item(Store *store, StoreItemKind kind, const char *persona_id, const char *id,
                          GError **error)
{
    g_autoptr(cJSON) persona = store_get_persona(store, persona_id, FALSE, error);
    if (persona == NULL)
        return NULL;
    cJSON *array = cJSON_GetObjectItemCaseSensitive(persona, store_item_kind_array(kind));
    cJSON *item;
    cJSON_ArrayForEach(item, array)
    {
        const cJSON *item_id = cJSON_GetObjectItemCaseSensitive(item, "id");
        if (cJSON_IsString(item_id) && strcmp(item_id->valuestring, id) == 0)
            return cJSON_DetachItemViaPointer(array, item);
    }
    g_set_error_literal(error, KEYFILL_ERROR, KEYFILL_ERROR_INTERNAL,
                        "A saved item could not be read back. Report this as a bug.");
    return NULL;
}

static cJSON *put_item(HostContext *context, const cJSON *request, StoreItemKind kind,
                       GError **error)
{
    const char *persona_id = jsonfield_string(request, "persona", DATA_ID_MAX, error);
    const cJSON *given =
        persona_id != NULL ? jsonfield_object(request, "item", FALSE, error) : NULL;
    if (given == NULL)
        return NULL;
    Store *store = host_context_store(context, error);
    if (store == NULL)
        return NULL;
    g_autoptr(cJSON) item = cJSON_Duplicate(given, TRUE);
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *id = store_put_item(store, kind, persona_id, item, warnings, error);
    if (id == NULL)
        return NULL;
    cJSON *saved = masked_item(store, kind, persona_id, id, error);
    if (saved == NULL)
        return NULL;
    cJSON *result = cJSON_CreateObject();
    cJSON_AddStringToObject(result, "id", id);
    cJSON_AddItemToObject(result, "item", saved);
    cJSON_AddItemToObject(result, "warnings", warnings_json(warnings));
    return result;
}

static cJSON *delete_item(HostContext *context, const cJSON *request, StoreItemKind kind,
                          GError **error)
{
    const char *id = jsonfield_string(request, "item_id", DATA_ID_MAX, error);
    if (id == NULL)
        return NULL;
    g_autoptr(GError) local = NULL;
    const char *persona_id =
        jsonfield_optional_string(request, "persona", DATA_ID_MAX, NULL, &local);
    if (local != NULL) {
        g_propagate_error(error, g_steal_pointer(&local));
        return NULL;
    }
    Store *store = host_context_store(context, error);
    if (store == NULL || !store_delete_item(store, kind, persona_id, id, error))
        return NULL;
    cJSON *result = cJSON_CreateObject();
    cJSON_AddStringToObject(result, "deleted", id);
    return result;
}

#define ITEM_COMMANDS(name, kind)                                                                  \
    cJSON *command_##name##_put(HostContext *context, const cJSON *request, GError **error)        \
    {                                                                                              \
        return put_item(context, request, kind, error);                                            \
    }                                                                                              \
    cJSON *command_##name##_delete(HostContext *context, const cJSON *request, GError **error)     \
    {                                                                                              \
        return delete_item(context, request, kind, error);                                         \
    }

ITEM_COMMANDS(email, STORE_ITEM_EMAIL)
ITEM_COMMANDS(phone, STORE_ITEM_PHONE)
ITEM_COMMANDS(address, STORE_ITEM_ADDRESS)
ITEM_COMMANDS(card, STORE_ITEM_CARD)
