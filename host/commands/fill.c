/*
 * fill.c — the protocol commands of fill planning: fill.plan and
 * fill.report (docs/protocol.md, "Fill planning").
 *
 * fill.plan parses the descriptors, classifies them (or takes the
 * classification the extension already has, from a classify reply), loads
 * the persona from the store and the site's format memory, and returns the
 * plan.
 * Until the consent flow exists only preview plans (masked values) are
 * answered: a request for real values is refused with consent_required, so
 * that nothing leaves the store without the user's permission.
 * fill.report records which spellings a page kept (format_memory.h).
 * The origin is the one the extension read from the sender tab (page
 * content never supplies it), in origin.h's canonical spelling so that one
 * site has one format memory.
 */
#include "commands.h"

#include "../errors.h"
#include "../fill.h"
#include "../fill_field.h"
#include "../format_memory.h"
#include "../origin.h"
#include "../store.h"

#include <string.h>

#define FILL_ID_MAX 64 /* longest persona, address or card id accepted */

/* Wipes every string of @json (a revealed persona) before it is freed. */
static void wipe_json(cJSON *json)
{
    for (cJSON *item = json; item != NULL; item = item->next) {
        if (cJSON_IsString(item) && item->valuestring != NULL)
            explicit_bzero(item->valuestring, strlen(item->valuestring));
        wipe_json(item->child);
    }
}

static void persona_free(cJSON *persona)
{
    wipe_json(persona);
    cJSON_Delete(persona);
}

/* The persona @id (or the default one), card numbers included. */
static cJSON *load_persona(Store *store, const char *id, GError **error)
{
    if (id != NULL)
        return store_get_persona(store, id, TRUE, error);
    g_autoptr(cJSON) personas = store_list_personas(store, error);
    if (personas == NULL)
        return NULL;
    const cJSON *persona;
    const cJSON *chosen = cJSON_GetArrayItem(personas, 0);
    cJSON_ArrayForEach(persona, personas)
    {
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(persona, "is_default")))
            chosen = persona;
    }
    const cJSON *chosen_id = cJSON_GetObjectItemCaseSensitive(chosen, "id");
    if (!cJSON_IsString(chosen_id)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_NO_PERSONA,
                    "Keyfill has no persona to fill with yet. Add your details on the "
                    "extension's data page first.");
        return NULL;
    }
    return store_get_persona(store, chosen_id->valuestring, TRUE, error);
}

cJSON *command_fill_plan(HostContext *context, const cJSON *request, GError **error)
{
    const char *given_origin = jsonfield_string(request, "origin", ORIGIN_MAX_LENGTH, error);
    g_autofree char *origin = given_origin != NULL ? origin_normalize(given_origin, error) : NULL;
    if (origin == NULL)
        return NULL;
    const cJSON *descriptors = jsonfield_array(request, "fields", FILL_MAX_FIELDS, FALSE, error);
    if (descriptors == NULL)
        return NULL;
    /* Optional fields return NULL both when absent and on error: each is
     * read only while no error is set (a GError is never set twice). */
    g_autoptr(GError) local = NULL;
    const cJSON *classified = jsonfield_array(request, "classified", FILL_MAX_FIELDS, TRUE, &local);
    enum { ID_PERSONA, ID_SHIPPING, ID_BILLING, ID_CARD, N_IDS };
    static const char *const id_keys[N_IDS] = {"persona", "shipping", "billing", "card"};
    const char *ids[N_IDS] = {NULL};
    for (int k = 0; k < N_IDS && local == NULL; k++)
        ids[k] = jsonfield_optional_string(request, id_keys[k], FILL_ID_MAX, NULL, &local);
    const char *persona_id = ids[ID_PERSONA];
    const char *shipping = ids[ID_SHIPPING];
    const char *billing = ids[ID_BILLING];
    const char *card = ids[ID_CARD];
    if (local != NULL) {
        g_propagate_error(error, g_steal_pointer(&local));
        return NULL;
    }
    gboolean preview = FALSE;
    if (!jsonfield_bool(request, "preview", TRUE, &preview, error))
        return NULL;
    if (!preview) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_CONSENT_REQUIRED,
                    "Keyfill releases values only through the consent flow, which this host "
                    "does not have yet. Ask for a preview (\"preview\": true) or update Keyfill.");
        return NULL;
    }

    g_autoptr(DescriptorList) list = descriptor_list_parse(descriptors, error);
    if (list == NULL)
        return NULL;
    g_autoptr(FillFieldSet) fields = fill_field_set_new(list);
    g_autoptr(ClassifyResult) classification = NULL;
    if (classified != NULL) {
        if (!fill_field_set_classify(fields, classified, error))
            return NULL;
    } else {
        classification = classify_fields(list);
        fill_field_set_apply(fields, classification);
    }
    Store *store = host_context_store(context, error);
    if (store == NULL)
        return NULL;
    cJSON *persona = load_persona(store, persona_id, error);
    if (persona == NULL)
        return NULL;
    g_autoptr(GHashTable) preferred = NULL;
    g_autoptr(GHashTable) avoided = NULL;
    if (!format_memory_load(store_db(store), origin, &preferred, &avoided, error)) {
        persona_free(persona);
        return NULL;
    }
    FillChoice choice = {
        .origin = origin,
        .shipping_id = shipping,
        .billing_id = billing,
        .card_id = card,
        .preview = preview,
        .preferred_formats = preferred,
        .avoided_formats = avoided,
    };
    g_autoptr(FillPlan) plan = NULL;
    gboolean planned = fill_plan(fields->fields, fields->n_fields, persona, &choice, &plan, error);
    cJSON *result = NULL;
    if (planned) {
        result = fill_plan_to_json(plan, preview);
        cJSON_AddStringToObject(result, "persona",
                                cJSON_GetStringValue(cJSON_GetObjectItem(persona, "id")));
    }
    persona_free(persona);
    return result;
}

cJSON *command_fill_report(HostContext *context, const cJSON *request, GError **error)
{
    const char *given_origin = jsonfield_string(request, "origin", ORIGIN_MAX_LENGTH, error);
    g_autofree char *origin = given_origin != NULL ? origin_normalize(given_origin, error) : NULL;
    if (origin == NULL)
        return NULL;
    const cJSON *reports =
        jsonfield_array(request, "reports", FORMAT_MEMORY_MAX_REPORTS, FALSE, error);
    if (reports == NULL)
        return NULL;
    Store *store = host_context_store(context, error);
    if (store == NULL)
        return NULL;
    int recorded = 0;
    if (!format_memory_record(store_db(store), origin, reports, &recorded, error))
        return NULL;
    cJSON *result = cJSON_CreateObject();
    cJSON_AddNumberToObject(result, "recorded", recorded);
    return result;
}
