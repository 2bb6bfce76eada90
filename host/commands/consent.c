/*
 * consent.c — protocol commands for consent: consent.answer, consent.list,
 * consent.revoke, consent.site and consent.card.
 *
 * The origin in a request is the one background.js read from the browser's
 * sender tab, never anything a page said. consent.answer records the
 * user's choices and, when the extension resends the fill inputs of the
 * question ("fields" and the rest of fill.plan's request), returns the fill
 * for exactly what was allowed and shown (release.h answers, plans and
 * audits in one transaction).
 */
#include "commands.h"

#include "../consentrequest.h"
#include "../errors.h"
#include "../origin.h"
#include "../release.h"

#define REQUEST_ID_MAX 64
#define NAME_MAX_LENGTH 80
#define CURSOR_MAX_LENGTH 32

cJSON *command_consent_answer(HostContext *context, const cJSON *request, GError **error)
{
    const char *request_id = jsonfield_string(request, "request_id", REQUEST_ID_MAX, error);
    const char *origin =
        request_id != NULL ? jsonfield_string(request, "origin", ORIGIN_MAX_LENGTH, error) : NULL;
    const cJSON *choices =
        origin != NULL ? jsonfield_array(request, "choices", CONSENT_MAX_GROUPS, FALSE, error)
                       : NULL;
    gint64 expires_in = 0;
    if (choices == NULL ||
        !jsonfield_int(request, "expires_in", 1, CONSENT_EXPIRY_MAX, TRUE, &expires_in, error))
        return NULL;

    ConsentChoice parsed[CONSENT_MAX_GROUPS];
    gsize count = 0;
    const cJSON *choice;
    cJSON_ArrayForEach(choice, choices)
    {
        if (!cJSON_IsObject(choice)) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                        "Each item of \"choices\" must be an object {\"group\", \"decision\"}.");
            return NULL;
        }
        const char *group = jsonfield_string(choice, "group", NAME_MAX_LENGTH, error);
        const char *decision =
            group != NULL ? jsonfield_string(choice, "decision", NAME_MAX_LENGTH, error) : NULL;
        if (decision == NULL || !consent_group_validate(group, error) ||
            !consent_decision_from_name(decision, &parsed[count].decision, error))
            return NULL;
        parsed[count++].group = group;
    }

    /* The fill inputs are read before the question is used up, so that a
     * malformed resend does not cost the user the answer. */
    g_autoptr(ReleaseRequest) inputs = NULL;
    if (cJSON_GetObjectItemCaseSensitive(request, "fields") != NULL &&
        (inputs = release_request_parse(request, origin, error)) == NULL)
        return NULL;

    Store *store = host_context_store(context, error);
    if (store == NULL)
        return NULL;
    if (inputs != NULL)
        return release_answer(store, inputs, request_id, parsed, count, expires_in, error);
    g_autoptr(ConsentAnswer) answer =
        consent_answer(store, request_id, origin, parsed, count, expires_in, error);
    return answer != NULL ? consent_answer_to_json(answer) : NULL;
}

/* Reads the optional "cursor" (a consent id, as a string) into *@cursor. */
static gboolean read_cursor(const cJSON *request, gint64 *cursor, GError **error)
{
    const char *text = jsonfield_optional_string(request, "cursor", CURSOR_MAX_LENGTH, "", error);
    if (text == NULL)
        return FALSE;
    *cursor = 0;
    if (*text == '\0')
        return TRUE;
    char *end = NULL;
    gint64 value = g_ascii_strtoll(text, &end, 10);
    if (end == text || *end != '\0' || value <= 0) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_BAD_CURSOR,
                    "The cursor was not made by this host. Start again without a cursor and "
                    "pass on the \"next_cursor\" of each page.");
        return FALSE;
    }
    *cursor = value;
    return TRUE;
}

cJSON *command_consent_list(HostContext *context, const cJSON *request, GError **error)
{
    const char *site = jsonfield_optional_string(request, "site", ORIGIN_MAX_LENGTH, "", error);
    gint64 cursor = 0, limit = 100;
    if (site == NULL || !read_cursor(request, &cursor, error) ||
        !jsonfield_int(request, "limit", 1, CONSENT_LIST_MAX, TRUE, &limit, error))
        return NULL;
    Store *store = host_context_store(context, error);
    if (store == NULL)
        return NULL;
    return consent_list(store, *site != '\0' ? site : NULL, cursor, (gint)limit, error);
}

cJSON *command_consent_revoke(HostContext *context, const cJSON *request, GError **error)
{
    gint64 consent_id = 0;
    gboolean all = FALSE;
    const char *site = jsonfield_optional_string(request, "site", ORIGIN_MAX_LENGTH, "", error);
    if (site == NULL ||
        !jsonfield_int(request, "consent_id", 1, G_MAXINT64 / 2, TRUE, &consent_id, error) ||
        !jsonfield_bool(request, "all", TRUE, &all, error))
        return NULL;
    if ((consent_id > 0) == (*site != '\0' && all)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                    "Name either one consent (\"consent_id\") or a whole site (\"site\" with "
                    "\"all\": true).");
        return NULL;
    }
    Store *store = host_context_store(context, error);
    if (store == NULL)
        return NULL;
    gint64 revoked = consent_revoke(store, consent_id, consent_id > 0 ? NULL : site, error);
    if (revoked == 0)
        return NULL;
    cJSON *result = cJSON_CreateObject();
    cJSON_AddNumberToObject(result, "revoked", (double)revoked);
    return result;
}

cJSON *command_consent_site(HostContext *context, const cJSON *request, GError **error)
{
    const char *site = jsonfield_string(request, "site", ORIGIN_MAX_LENGTH, error);
    const char *persona =
        site != NULL ? jsonfield_optional_string(request, "persona", NAME_MAX_LENGTH, "", error)
                     : NULL;
    if (persona == NULL)
        return NULL;
    Store *store = host_context_store(context, error);
    if (store == NULL ||
        !consent_set_site_persona(store, site, *persona != '\0' ? persona : NULL, error))
        return NULL;
    g_autofree char *canonical = origin_normalize(site, NULL);
    cJSON *result = cJSON_CreateObject();
    cJSON_AddStringToObject(result, "site", canonical);
    if (*persona != '\0')
        cJSON_AddStringToObject(result, "persona", persona);
    else
        cJSON_AddNullToObject(result, "persona");
    return result;
}

cJSON *command_consent_card(HostContext *context, const cJSON *request, GError **error)
{
    const char *card_id = jsonfield_string(request, "card_id", NAME_MAX_LENGTH, error);
    gboolean ask = TRUE;
    if (card_id == NULL || !jsonfield_bool(request, "ask_each_time", FALSE, &ask, error))
        return NULL;
    Store *store = host_context_store(context, error);
    if (store == NULL || !consent_set_card_asks(store, card_id, ask, error))
        return NULL;
    cJSON *result = cJSON_CreateObject();
    cJSON_AddStringToObject(result, "card_id", card_id);
    cJSON_AddBoolToObject(result, "ask_each_time", ask);
    return result;
}
