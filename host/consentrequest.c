/*
 * consentrequest.c — pending consent questions and the answers to them.
 *
 * See consentrequest.h. Taking a request (checking site, use and expiry and
 * marking it used) and applying the answer run in one transaction, so two
 * answers racing in two host processes cannot both succeed.
 */
#include "consentrequest.h"

#include "audit.h"
#include "errors.h"
#include "jsonfield.h"
#include "origin.h"
#include "sql.h"
#include "vault.h"

#include <sodium.h>
#include <string.h>

#define REQUEST_ID_BYTES 16
/* Answered or expired requests are kept this long, so that a late answer is
 * told "expired" or "used" rather than "unknown". */
#define REQUEST_KEEP_MS ((gint64)24 * 3600 * 1000)

static void group_fields_free(ConsentGroupFields *fields)
{
    if (fields == NULL)
        return;
    g_free(fields->group);
    g_clear_pointer(&fields->fields, g_array_unref);
    g_free(fields);
}

static ConsentGroupFields *group_fields_new(const char *group)
{
    ConsentGroupFields *fields = g_new0(ConsentGroupFields, 1);
    fields->group = g_strdup(group);
    fields->fields = g_array_new(FALSE, FALSE, sizeof(gint));
    return fields;
}

static ConsentGroupFields *group_fields_copy(const ConsentGroupFields *source)
{
    ConsentGroupFields *copy = group_fields_new(source->group);
    g_array_append_vals(copy->fields, source->fields->data, source->fields->len);
    return copy;
}

void consent_request_free(ConsentRequest *request)
{
    if (request == NULL)
        return;
    g_free(request->id);
    g_free(request->origin);
    g_free(request->persona_id);
    g_clear_pointer(&request->frames, g_ptr_array_unref);
    g_clear_pointer(&request->groups, g_ptr_array_unref);
    g_free(request->shipping_id);
    g_free(request->billing_id);
    g_free(request->card_id);
    g_clear_pointer(&request->shown, g_hash_table_unref);
    g_free(request);
}

static ConsentRequest *request_alloc(void)
{
    ConsentRequest *request = g_new0(ConsentRequest, 1);
    request->frames = g_ptr_array_new_with_free_func(g_free);
    request->groups = g_ptr_array_new_with_free_func((GDestroyNotify)group_fields_free);
    request->shown =
        g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)g_bytes_unref);
    return request;
}

ConsentRequest *consent_request_new(const char *origin, const char *persona_id, GError **error)
{
    g_return_val_if_fail(origin != NULL, NULL);
    g_autoptr(ConsentRequest) request = request_alloc();
    request->origin = origin_normalize(origin, error);
    if (request->origin == NULL || !consent_persona_validate(persona_id, error))
        return NULL;
    request->persona_id = g_strdup(persona_id);
    return g_steal_pointer(&request);
}

gboolean consent_request_add_frame(ConsentRequest *request, const char *frame_origin,
                                   GError **error)
{
    g_return_val_if_fail(request != NULL && frame_origin != NULL, FALSE);
    g_autofree char *canonical = origin_normalize(frame_origin, error);
    if (canonical == NULL)
        return FALSE;
    for (guint i = 0; i < request->frames->len; i++) {
        if (strcmp(request->frames->pdata[i], canonical) == 0)
            return TRUE;
    }
    if (request->frames->len == CONSENT_MAX_FRAMES) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "A consent request names at most %d receiving frames.", CONSENT_MAX_FRAMES);
        return FALSE;
    }
    g_ptr_array_add(request->frames, g_steal_pointer(&canonical));
    return TRUE;
}

static ConsentGroupFields *request_group(const ConsentRequest *request, const char *group)
{
    for (guint i = 0; i < request->groups->len; i++) {
        ConsentGroupFields *fields = request->groups->pdata[i];
        if (strcmp(fields->group, group) == 0)
            return fields;
    }
    return NULL;
}

static guint request_field_count(const ConsentRequest *request)
{
    guint count = 0;
    for (guint i = 0; i < request->groups->len; i++)
        count += ((ConsentGroupFields *)request->groups->pdata[i])->fields->len;
    return count;
}

gboolean consent_request_add_field(ConsentRequest *request, const char *group, gint index,
                                   GError **error)
{
    g_return_val_if_fail(request != NULL && group != NULL, FALSE);
    if (!consent_group_validate(group, error))
        return FALSE;
    if (index < 0) {
        g_set_error_literal(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                            "A field index is never negative.");
        return FALSE;
    }
    ConsentGroupFields *fields = request_group(request, group);
    if ((fields == NULL && request->groups->len == CONSENT_MAX_GROUPS) ||
        request_field_count(request) == CONSENT_MAX_FIELDS) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "A consent request holds at most %d groups and %d fields.", CONSENT_MAX_GROUPS,
                    CONSENT_MAX_FIELDS);
        return FALSE;
    }
    if (fields == NULL) {
        fields = group_fields_new(group);
        g_ptr_array_add(request->groups, fields);
    }
    g_array_append_val(fields->fields, index);
    return TRUE;
}

void consent_request_set_choice(ConsentRequest *request, const char *shipping_id,
                                const char *billing_id, const char *card_id, gboolean share_address)
{
    g_return_if_fail(request != NULL);
    g_free(request->shipping_id);
    g_free(request->billing_id);
    g_free(request->card_id);
    request->shipping_id = g_strdup(shipping_id);
    request->billing_id = g_strdup(billing_id);
    request->card_id = g_strdup(card_id);
    request->share_address = share_address;
}

gboolean consent_request_add_shown(ConsentRequest *request, gint64 index,
                                   const guint8 digest[CONSENT_SHOWN_DIGEST_BYTES], GError **error)
{
    g_return_val_if_fail(request != NULL && request->shown != NULL && digest != NULL, FALSE);
    if (index < 0 || g_hash_table_contains(request->shown, &index)) {
        g_set_error_literal(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                            "A shown field index is never negative nor given twice.");
        return FALSE;
    }
    if (g_hash_table_size(request->shown) == CONSENT_MAX_FIELDS) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "A consent request shows at most %d fields.", CONSENT_MAX_FIELDS);
        return FALSE;
    }
    g_hash_table_insert(request->shown, g_memdup2(&index, sizeof index),
                        g_bytes_new(digest, CONSENT_SHOWN_DIGEST_BYTES));
    return TRUE;
}

gboolean consent_request_showed(const ConsentRequest *request, gint64 index,
                                const guint8 digest[CONSENT_SHOWN_DIGEST_BYTES])
{
    g_return_val_if_fail(request != NULL && digest != NULL, FALSE);
    GBytes *shown = request->shown != NULL ? g_hash_table_lookup(request->shown, &index) : NULL;
    gsize length = 0;
    const guint8 *bytes = shown != NULL ? g_bytes_get_data(shown, &length) : NULL;
    return length == CONSENT_SHOWN_DIGEST_BYTES &&
           sodium_memcmp(bytes, digest, CONSENT_SHOWN_DIGEST_BYTES) == 0;
}

static cJSON *groups_json(const GPtrArray *groups)
{
    cJSON *array = cJSON_CreateArray();
    for (guint i = 0; i < groups->len; i++) {
        const ConsentGroupFields *fields = groups->pdata[i];
        cJSON *item = cJSON_CreateObject();
        cJSON_AddStringToObject(item, "group", fields->group);
        cJSON *indexes = cJSON_AddArrayToObject(item, "fields");
        for (guint j = 0; j < fields->fields->len; j++)
            cJSON_AddItemToArray(indexes,
                                 cJSON_CreateNumber(g_array_index(fields->fields, gint, j)));
        cJSON_AddItemToArray(array, item);
    }
    return array;
}

static cJSON *strings_json(const GPtrArray *strings)
{
    cJSON *array = cJSON_CreateArray();
    for (guint i = 0; i < strings->len; i++)
        cJSON_AddItemToArray(array, cJSON_CreateString(strings->pdata[i]));
    return array;
}

static char *print_json(cJSON *json)
{
    char *printed = cJSON_PrintUnformatted(json);
    char *copy = g_strdup(printed);
    cJSON_free(printed);
    return copy;
}

static gboolean request_malformed(GError **error)
{
    g_set_error_literal(error, KEYFILL_ERROR, KEYFILL_ERROR_STORE_CORRUPT,
                        "A stored consent request is malformed. Ask the site again (reload the "
                        "page and fill once more).");
    return FALSE;
}

/* Rebuilds frames and groups of @request from their stored JSON. */
static gboolean request_parse(ConsentRequest *request, const char *frames_text,
                              const char *groups_text, GError **error)
{
    g_autoptr(cJSON) frames = cJSON_Parse(frames_text != NULL ? frames_text : "");
    g_autoptr(cJSON) groups = cJSON_Parse(groups_text != NULL ? groups_text : "");
    gboolean ok = cJSON_IsArray(frames) && cJSON_IsArray(groups);
    const cJSON *item;
    cJSON_ArrayForEach(item, frames)
    {
        ok = ok && cJSON_IsString(item) &&
             consent_request_add_frame(request, item->valuestring, NULL);
    }
    cJSON_ArrayForEach(item, groups)
    {
        const cJSON *group = cJSON_GetObjectItemCaseSensitive(item, "group");
        const cJSON *fields = cJSON_GetObjectItemCaseSensitive(item, "fields");
        ok = ok && cJSON_IsString(group) && cJSON_IsArray(fields);
        if (!ok)
            break;
        const cJSON *index;
        cJSON_ArrayForEach(index, fields)
        {
            ok = ok && cJSON_IsNumber(index) &&
                 consent_request_add_field(request, group->valuestring, index->valueint, NULL);
        }
    }
    if (!ok)
        request_malformed(error);
    return ok;
}

/* {"<index>": "<hex digest>"} of the shown values, as stored (sealed). */
static char *shown_text(const ConsentRequest *request)
{
    g_autoptr(cJSON) json = cJSON_CreateObject();
    GHashTableIter iter;
    gpointer key, value;
    g_hash_table_iter_init(&iter, request->shown);
    while (g_hash_table_iter_next(&iter, &key, &value)) {
        char index[24];
        char hex[CONSENT_SHOWN_DIGEST_BYTES * 2 + 1];
        g_snprintf(index, sizeof index, "%" G_GINT64_FORMAT, *(gint64 *)key);
        sodium_bin2hex(hex, sizeof hex, g_bytes_get_data(value, NULL), CONSENT_SHOWN_DIGEST_BYTES);
        cJSON_AddStringToObject(json, index, hex);
    }
    return print_json(json);
}

/* Rebuilds the shown digests of @request from their stored text. */
static gboolean shown_parse(ConsentRequest *request, const char *text)
{
    g_autoptr(cJSON) json = cJSON_Parse(text);
    if (!cJSON_IsObject(json))
        return FALSE;
    const cJSON *item;
    cJSON_ArrayForEach(item, json)
    {
        guint8 digest[CONSENT_SHOWN_DIGEST_BYTES];
        size_t length = 0;
        char *end = NULL;
        gint64 index = g_ascii_strtoll(item->string, &end, 10);
        if (!cJSON_IsString(item) || end == item->string || *end != '\0' ||
            sodium_hex2bin(digest, sizeof digest, item->valuestring, strlen(item->valuestring),
                           NULL, &length, NULL) != 0 ||
            length != sizeof digest || !consent_request_add_shown(request, index, digest, NULL))
            return FALSE;
    }
    return TRUE;
}

gboolean consent_request_save(Store *store, ConsentRequest *request, gint ttl_seconds,
                              GError **error)
{
    g_return_val_if_fail(store != NULL && request != NULL && request->id == NULL, FALSE);
    g_return_val_if_fail(ttl_seconds >= 0, FALSE);
    if (request->groups->len == 0) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                    "A consent request must ask for at least one field.");
        return FALSE;
    }
    if (request->frames->len == 0)
        g_ptr_array_add(request->frames, g_strdup(request->origin));
    for (guint i = 0; i < request->groups->len; i++) {
        const ConsentGroupFields *fields = request->groups->pdata[i];
        if (!consent_group_is_card(fields->group))
            continue;
        gboolean secure = origin_is_secure(request->origin);
        for (guint j = 0; j < request->frames->len; j++)
            secure = secure && origin_is_secure(request->frames->pdata[j]);
        if (!secure) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INSECURE_ORIGIN,
                        "Card data is only filled on secure (https) pages, and this page or "
                        "one of its frames is not. Use the site's https address.");
            return FALSE;
        }
    }

    guint8 random[REQUEST_ID_BYTES];
    randombytes_buf(random, sizeof random);
    g_autofree char *id = g_malloc(CONSENT_REQUEST_ID_LENGTH + 1);
    sodium_bin2hex(id, CONSENT_REQUEST_ID_LENGTH + 1, random, sizeof random);
    gint64 now = audit_now_ms();
    gint64 expires = now + (gint64)(ttl_seconds > 0 ? ttl_seconds : CONSENT_REQUEST_TTL) * 1000;

    g_autoptr(cJSON) frames = strings_json(request->frames);
    g_autoptr(cJSON) groups = groups_json(request->groups);
    g_autofree char *frames_text = print_json(frames);
    g_autofree char *groups_text = print_json(groups);
    g_autofree char *shown = shown_text(request);
    gsize sealed_length = 0;
    g_autofree guint8 *sealed = vault_seal(store_vault(store), "consent_requests", "shown", id,
                                           shown, strlen(shown), &sealed_length);

    sqlite3 *db = store_db(store);
    g_autoptr(sqlite3_stmt) clean =
        records_prepare(db, "DELETE FROM consent_requests WHERE expires < ?", error);
    g_autoptr(sqlite3_stmt) insert =
        clean == NULL
            ? NULL
            : records_prepare(db,
                              "INSERT INTO consent_requests (id, origin, persona_id, frames, "
                              "groups, created, expires, ship_to_id, bill_to_id, card_id, "
                              "share_address, shown) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              error);
    if (insert == NULL)
        return FALSE;
    sqlite3_bind_int64(clean, 1, now - REQUEST_KEEP_MS);
    sql_bind_text(insert, 1, id);
    sql_bind_text(insert, 2, request->origin);
    sql_bind_text(insert, 3, request->persona_id);
    sql_bind_text(insert, 4, frames_text);
    sql_bind_text(insert, 5, groups_text);
    sqlite3_bind_int64(insert, 6, now);
    sqlite3_bind_int64(insert, 7, expires);
    sql_bind_text(insert, 8, request->shipping_id);
    sql_bind_text(insert, 9, request->billing_id);
    sql_bind_text(insert, 10, request->card_id);
    sqlite3_bind_int(insert, 11, request->share_address ? 1 : 0);
    sqlite3_bind_blob(insert, 12, sealed, (int)sealed_length, SQLITE_TRANSIENT);
    if (!store_transaction_begin(store, error))
        return FALSE;
    if (!sql_finish(store, sql_step_done(db, clean, error) && sql_step_done(db, insert, error),
                    error))
        return FALSE;
    request->id = g_steal_pointer(&id);
    request->created_ms = now;
    request->expires_ms = expires;
    return TRUE;
}

static void add_request_header(cJSON *json, const ConsentRequest *request)
{
    cJSON_AddStringToObject(json, "request_id", request->id != NULL ? request->id : "");
    cJSON_AddStringToObject(json, "site", request->origin);
    cJSON_AddItemToObject(json, "frames", strings_json(request->frames));
    cJSON_AddStringToObject(json, "persona", request->persona_id);
}

cJSON *consent_request_to_json(const ConsentRequest *request)
{
    g_return_val_if_fail(request != NULL, NULL);
    cJSON *json = cJSON_CreateObject();
    add_request_header(json, request);
    cJSON_AddItemToObject(json, "groups", groups_json(request->groups));
    g_autofree char *expires = audit_time_format(request->expires_ms);
    cJSON_AddStringToObject(json, "expires", expires);
    return json;
}

/* ---- answers ----------------------------------------------------------- */

void consent_answer_free(ConsentAnswer *answer)
{
    if (answer == NULL)
        return;
    g_clear_pointer(&answer->request, consent_request_free);
    g_clear_pointer(&answer->allowed, g_ptr_array_unref);
    g_clear_pointer(&answer->denied, g_ptr_array_unref);
    g_free(answer);
}

cJSON *consent_answer_to_json(const ConsentAnswer *answer)
{
    g_return_val_if_fail(answer != NULL, NULL);
    cJSON *json = cJSON_CreateObject();
    add_request_header(json, answer->request);
    cJSON_AddItemToObject(json, "allowed", groups_json(answer->allowed));
    cJSON_AddItemToObject(json, "denied", strings_json(answer->denied));
    return json;
}

static gboolean request_refused(GError **error, int code, const char *message)
{
    g_set_error_literal(error, KEYFILL_ERROR, code, message);
    return FALSE;
}

/* Reads the sealed shown digests of @request from column @column of
 * @select; a question stored before schema 4 has none (request->shown
 * NULL). TAMPERED, STORE_CORRUPT. */
static gboolean request_read_shown(Store *store, ConsentRequest *request, sqlite3_stmt *select,
                                   int column, GError **error)
{
    if (sqlite3_column_type(select, column) == SQLITE_NULL) {
        g_clear_pointer(&request->shown, g_hash_table_unref);
        return TRUE;
    }
    gsize length = 0;
    g_autoptr(VaultPlain) text =
        vault_open(store_vault(store), "consent_requests", "shown", request->id,
                   sqlite3_column_blob(select, column), (gsize)sqlite3_column_bytes(select, column),
                   &length, error);
    if (text == NULL)
        return FALSE;
    if (!shown_parse(request, text))
        return request_malformed(error);
    return TRUE;
}

/* Loads pending request @id for @origin and marks it used. In a
 * transaction. */
static ConsentRequest *request_take(Store *store, const char *id, const char *origin, gint64 now,
                                    GError **error)
{
    sqlite3 *db = store_db(store);
    g_autoptr(sqlite3_stmt) select =
        records_prepare(db,
                        "SELECT origin, persona_id, frames, groups, created, expires, answered, "
                        "ship_to_id, bill_to_id, card_id, share_address, shown "
                        "FROM consent_requests WHERE id = ?",
                        error);
    if (select == NULL)
        return NULL;
    sql_bind_text(select, 1, id);
    int step = sqlite3_step(select);
    if (step == SQLITE_DONE) {
        request_refused(error, KEYFILL_ERROR_CONSENT_REQUEST_UNKNOWN,
                        "No consent question with that id is waiting. Fill the form again to "
                        "be asked afresh.");
        return NULL;
    }
    if (step != SQLITE_ROW) {
        records_fail(db, "keep consent questions", error);
        return NULL;
    }
    if (strcmp(sql_column_text(select, 0), origin) != 0) {
        request_refused(error, KEYFILL_ERROR_CONSENT_REQUEST_WRONG_SITE,
                        "That consent question was asked for another site, so it cannot be "
                        "answered from this one. Fill the form again on this site.");
        return NULL;
    }
    if (sqlite3_column_type(select, 6) != SQLITE_NULL) {
        request_refused(error, KEYFILL_ERROR_CONSENT_REQUEST_USED,
                        "That consent question was already answered. Fill the form again to "
                        "be asked afresh.");
        return NULL;
    }
    if (sqlite3_column_int64(select, 5) <= now) {
        request_refused(error, KEYFILL_ERROR_CONSENT_REQUEST_EXPIRED,
                        "That consent question expired before it was answered. Fill the form "
                        "again to be asked afresh.");
        return NULL;
    }

    g_autoptr(ConsentRequest) request = request_alloc();
    request->id = g_strdup(id);
    request->origin = g_strdup(origin);
    request->persona_id = g_strdup(sql_column_text(select, 1));
    request->created_ms = sqlite3_column_int64(select, 4);
    request->expires_ms = sqlite3_column_int64(select, 5);
    if (request->persona_id == NULL ||
        !request_parse(request, sql_column_text(select, 2), sql_column_text(select, 3), error))
        return NULL;
    consent_request_set_choice(request, sql_column_text(select, 7), sql_column_text(select, 8),
                               sql_column_text(select, 9), sqlite3_column_int(select, 10) != 0);
    if (!request_read_shown(store, request, select, 11, error))
        return NULL;

    g_autoptr(sqlite3_stmt) use = records_prepare(
        db, "UPDATE consent_requests SET answered = ? WHERE id = ? AND answered IS NULL", error);
    if (use == NULL)
        return NULL;
    sqlite3_bind_int64(use, 1, now);
    sql_bind_text(use, 2, id);
    if (!sql_step_done(db, use, error))
        return NULL;
    return g_steal_pointer(&request);
}

/* Stores an always_* decision for one group, auditing a change of an
 * existing one. */
static gboolean store_decision(Store *store, const ConsentRequest *request, const char *group,
                               ConsentDecision decision, gint64 now, gint64 expires_in,
                               GError **error)
{
    sqlite3 *db = store_db(store);
    g_autoptr(sqlite3_stmt) previous = records_prepare(
        db, "SELECT decision FROM consents WHERE origin = ? AND persona_id = ? AND grp = ?", error);
    if (previous == NULL)
        return FALSE;
    sql_bind_text(previous, 1, request->origin);
    sql_bind_text(previous, 2, request->persona_id);
    sql_bind_text(previous, 3, group);
    int step = sqlite3_step(previous);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return records_fail(db, "keep consent questions", error);
    /* Replacing a decision by another is a change; the same decision again
     * (a card that asks each time) only renews it. */
    const char *name = consent_decision_name(decision);
    g_autofree char *was = step == SQLITE_ROW && g_strcmp0(sql_column_text(previous, 0), name) != 0
                               ? g_strdup_printf("was_%s", sql_column_text(previous, 0))
                               : NULL;

    g_autoptr(sqlite3_stmt) upsert = records_prepare(
        db,
        "INSERT INTO consents (origin, persona_id, grp, decision, created, updated, expires) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6) ON CONFLICT (origin, persona_id, grp) DO UPDATE "
        "SET decision = excluded.decision, updated = excluded.updated, "
        "expires = excluded.expires",
        error);
    if (upsert == NULL)
        return FALSE;
    sql_bind_text(upsert, 1, request->origin);
    sql_bind_text(upsert, 2, request->persona_id);
    sql_bind_text(upsert, 3, group);
    sql_bind_text(upsert, 4, consent_decision_name(decision));
    sqlite3_bind_int64(upsert, 5, now);
    if (expires_in > 0)
        sqlite3_bind_int64(upsert, 6, now + expires_in * 1000);
    else
        sqlite3_bind_null(upsert, 6);
    if (!sql_step_done(db, upsert, error))
        return FALSE;
    if (was == NULL)
        return TRUE;
    const char *groups[] = {group, NULL};
    return audit_append_groups(store, AUDIT_KIND_CONSENT_CHANGE, request->origin, NULL,
                               request->persona_id, groups, consent_decision_name(decision), was,
                               error);
}

/* Applies the choices to a taken request, filling @answer. In a
 * transaction. */
static gboolean answer_apply(Store *store, ConsentAnswer *answer, const ConsentChoice *choices,
                             gsize n_choices, gint64 expires_in, gint64 now, GError **error)
{
    const ConsentRequest *request = answer->request;
    for (gsize i = 0; i < n_choices; i++) {
        if (request_group(request, choices[i].group) == NULL)
            return request_refused(error, KEYFILL_ERROR_CONSENT_GROUP_NOT_REQUESTED,
                                   "The answer names a data group that the question did not "
                                   "ask for. Answer only the groups shown.");
        for (gsize j = 0; j < i; j++) {
            if (strcmp(choices[i].group, choices[j].group) == 0)
                return request_refused(error, KEYFILL_ERROR_INVALID_ARGUMENT,
                                       "The answer names a data group twice.");
        }
    }

    /* Groups per decision (indexed by ConsentDecision), for one audit entry
     * each. */
    g_autoptr(GPtrArray) once = g_ptr_array_new();
    g_autoptr(GPtrArray) always = g_ptr_array_new();
    g_autoptr(GPtrArray) deny = g_ptr_array_new();
    g_autoptr(GPtrArray) never = g_ptr_array_new();
    GPtrArray *by_decision[] = {
        [CONSENT_ALLOW_ONCE] = once,
        [CONSENT_ALWAYS_ALLOW] = always,
        [CONSENT_DENY] = deny,
        [CONSENT_ALWAYS_DENY] = never,
    };
    for (guint i = 0; i < request->groups->len; i++) {
        const ConsentGroupFields *fields = request->groups->pdata[i];
        ConsentDecision decision = CONSENT_DENY;
        for (gsize j = 0; j < n_choices; j++) {
            if (strcmp(choices[j].group, fields->group) == 0)
                decision = choices[j].decision;
        }
        g_ptr_array_add(by_decision[decision], fields->group);
        if (decision == CONSENT_ALLOW_ONCE || decision == CONSENT_ALWAYS_ALLOW)
            g_ptr_array_add(answer->allowed, group_fields_copy(fields));
        else
            g_ptr_array_add(answer->denied, g_strdup(fields->group));
        if ((decision == CONSENT_ALWAYS_ALLOW || decision == CONSENT_ALWAYS_DENY) &&
            !store_decision(store, request, fields->group, decision, now, expires_in, error))
            return FALSE;
    }

    g_ptr_array_add(request->frames, NULL);
    const char *const *frames = (const char *const *)request->frames->pdata;
    gboolean ok = TRUE;
    for (gsize d = 0; ok && d < G_N_ELEMENTS(by_decision); d++) {
        if (by_decision[d]->len == 0)
            continue;
        g_ptr_array_add(by_decision[d], NULL);
        AuditKind kind = d == CONSENT_ALLOW_ONCE || d == CONSENT_ALWAYS_ALLOW
                             ? AUDIT_KIND_CONSENT_GRANT
                             : AUDIT_KIND_DENIAL;
        ok = audit_append_groups(store, kind, request->origin, frames, request->persona_id,
                                 (const char *const *)by_decision[d]->pdata,
                                 consent_decision_name((ConsentDecision)d), "user", error);
    }
    g_ptr_array_remove_index(request->frames, request->frames->len - 1);
    return ok;
}

ConsentAnswer *consent_answer(Store *store, const char *request_id, const char *origin,
                              const ConsentChoice *choices, gsize n_choices, gint64 expires_in,
                              GError **error)
{
    g_return_val_if_fail(store != NULL && request_id != NULL && origin != NULL, NULL);
    g_return_val_if_fail(choices != NULL || n_choices == 0, NULL);

    g_autofree char *canonical = origin_normalize(origin, error);
    if (canonical == NULL)
        return NULL;
    if (expires_in < 0 || expires_in > CONSENT_EXPIRY_MAX) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                    "A consent expiry runs from 1 second to %" G_GINT64_FORMAT
                    " seconds (0 = never).",
                    CONSENT_EXPIRY_MAX);
        return NULL;
    }
    if (n_choices > CONSENT_MAX_GROUPS) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "An answer holds at most %d choices.", CONSENT_MAX_GROUPS);
        return NULL;
    }

    gint64 now = audit_now_ms();
    if (!store_transaction_begin(store, error))
        return NULL;
    g_autoptr(ConsentAnswer) answer = g_new0(ConsentAnswer, 1);
    answer->allowed = g_ptr_array_new_with_free_func((GDestroyNotify)group_fields_free);
    answer->denied = g_ptr_array_new_with_free_func(g_free);
    answer->request = request_take(store, request_id, canonical, now, error);
    gboolean ok = answer->request != NULL &&
                  answer_apply(store, answer, choices, n_choices, expires_in, now, error);
    if (!sql_finish(store, ok, error))
        return NULL;
    return g_steal_pointer(&answer);
}
