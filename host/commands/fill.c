/*
 * fill.c — the protocol commands of fill planning: fill.plan and
 * fill.report (docs/protocol.md, "Fill planning").
 *
 * fill.plan reads the fill inputs (release.h), then answers a preview
 * (masked values, no consent needed) or goes through the consent gate:
 * either a consent question (masked values only) or the released values.
 * fill.report records which spellings a page kept (format_memory.h).
 * A plan of unclassified descriptors also returns the classification the
 * host made, so the extension needs no classify round trip of its own.
 * The origin is the one the extension read from the sender tab (page
 * content never supplies it), in origin.h's canonical spelling so that one
 * site has one format memory and one set of consents.
 */
#include "commands.h"

#include "../format_memory.h"
#include "../origin.h"
#include "../release.h"

cJSON *command_fill_plan(HostContext *context, const cJSON *request, GError **error)
{
    const char *origin = jsonfield_string(request, "origin", ORIGIN_MAX_LENGTH, error);
    if (origin == NULL)
        return NULL;
    g_autoptr(ReleaseRequest) inputs = release_request_parse(request, origin, error);
    if (inputs == NULL)
        return NULL;
    g_autoptr(GError) local = NULL;
    const char *persona_id =
        jsonfield_optional_string(request, "persona", RELEASE_ID_MAX, NULL, &local);
    if (local != NULL) {
        g_propagate_error(error, g_steal_pointer(&local));
        return NULL;
    }
    gboolean preview = FALSE;
    if (!jsonfield_bool(request, "preview", TRUE, &preview, error))
        return NULL;
    Store *store = host_context_store(context, error);
    if (store == NULL)
        return NULL;
    cJSON *result = preview ? release_preview(store, inputs, persona_id, error)
                            : release_plan(store, inputs, persona_id, error);
    cJSON *classified = result != NULL ? release_request_classified(inputs) : NULL;
    if (classified != NULL)
        cJSON_AddItemToObject(result, "classified", classified);
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
