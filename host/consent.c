/*
 * consent.c — stored consents, checks, pending requests and answers.
 *
 * See consent.h for the model. Every function that changes a row writes
 * its audit entries inside the same store transaction, so the log and the
 * consents can never disagree after a crash.
 */
#include "consent.h"

#include "audit.h"
#include "errors.h"
#include "jsonfield.h"
#include "origin.h"
#include "sql.h"

#include <string.h>

#define CARD_PREFIX "card:"

/* The data groups other than cards, as the extension names them. */
static const char *const plain_groups[] = {
    "name", "email", "phone", "shipping_address", "billing_address", "birthday",
};

static const char *const decision_names[] = {
    [CONSENT_ALLOW_ONCE] = "allow_once",
    [CONSENT_ALWAYS_ALLOW] = "always_allow",
    [CONSENT_DENY] = "deny",
    [CONSENT_ALWAYS_DENY] = "always_deny",
};

const char *consent_decision_name(ConsentDecision decision)
{
    g_return_val_if_fail(decision <= CONSENT_ALWAYS_DENY, "deny");
    return decision_names[decision];
}

gboolean consent_decision_from_name(const char *name, ConsentDecision *decision, GError **error)
{
    g_return_val_if_fail(name != NULL && decision != NULL, FALSE);
    for (gsize i = 0; i < G_N_ELEMENTS(decision_names); i++) {
        if (strcmp(decision_names[i], name) == 0) {
            *decision = (ConsentDecision)i;
            return TRUE;
        }
    }
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_BAD_CONSENT_DECISION,
                "\"%.32s\" is not a consent decision; use allow_once, always_allow, deny or "
                "always_deny.",
                name);
    return FALSE;
}

gboolean consent_group_is_card(const char *group)
{
    g_return_val_if_fail(group != NULL, FALSE);
    return g_str_has_prefix(group, CARD_PREFIX);
}

static gboolean card_id_valid(const char *id)
{
    gsize length = strlen(id);
    if (length == 0 || length > CONSENT_CARD_ID_MAX)
        return FALSE;
    for (gsize i = 0; i < length; i++) {
        if (!g_ascii_isalnum(id[i]) && id[i] != '_' && id[i] != '-')
            return FALSE;
    }
    return TRUE;
}

gboolean consent_group_validate(const char *group, GError **error)
{
    g_return_val_if_fail(group != NULL, FALSE);
    for (gsize i = 0; i < G_N_ELEMENTS(plain_groups); i++) {
        if (strcmp(plain_groups[i], group) == 0)
            return TRUE;
    }
    if (consent_group_is_card(group) && card_id_valid(group + strlen(CARD_PREFIX)))
        return TRUE;
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_BAD_CONSENT_GROUP,
                "\"%.40s\" is not a data group; use name, email, phone, shipping_address, "
                "billing_address, birthday or card:<card id>.",
                group);
    return FALSE;
}

typedef enum {
    FIELD_GROUP_NAME,
    FIELD_GROUP_EMAIL,
    FIELD_GROUP_PHONE,
    FIELD_GROUP_BIRTHDAY,
    FIELD_GROUP_ADDRESS, /* shipping or billing, by section */
    FIELD_GROUP_CARD,
} FieldGroup;

/* Autocomplete types (WHATWG) by the group that releases them. A row ending
 * in '*' matches every type with that prefix. Card security codes are never
 * stored, so "cc-csc" has no row and releases nothing. */
static const struct {
    const char *type;
    FieldGroup group;
} field_groups[] = {
    {"name", FIELD_GROUP_NAME},
    {"honorific-prefix", FIELD_GROUP_NAME},
    {"given-name", FIELD_GROUP_NAME},
    {"additional-name", FIELD_GROUP_NAME},
    {"family-name", FIELD_GROUP_NAME},
    {"honorific-suffix", FIELD_GROUP_NAME},
    {"organization", FIELD_GROUP_NAME},
    {"email", FIELD_GROUP_EMAIL},
    {"tel*", FIELD_GROUP_PHONE},
    {"bday*", FIELD_GROUP_BIRTHDAY},
    {"street-address", FIELD_GROUP_ADDRESS},
    {"address-line*", FIELD_GROUP_ADDRESS},
    {"address-level*", FIELD_GROUP_ADDRESS},
    {"country", FIELD_GROUP_ADDRESS},
    {"country-name", FIELD_GROUP_ADDRESS},
    {"postal-code", FIELD_GROUP_ADDRESS},
    {"house-number", FIELD_GROUP_ADDRESS}, /* fill planning's token for a house-number box */
    {"cc-name", FIELD_GROUP_CARD},
    {"cc-given-name", FIELD_GROUP_CARD},
    {"cc-additional-name", FIELD_GROUP_CARD},
    {"cc-family-name", FIELD_GROUP_CARD},
    {"cc-number", FIELD_GROUP_CARD},
    {"cc-exp*", FIELD_GROUP_CARD},
    {"cc-type", FIELD_GROUP_CARD},
};

static const char *const field_group_names[] = {
    [FIELD_GROUP_NAME] = "name",
    [FIELD_GROUP_EMAIL] = "email",
    [FIELD_GROUP_PHONE] = "phone",
    [FIELD_GROUP_BIRTHDAY] = "birthday",
};

static gboolean field_type_matches(const char *pattern, const char *type)
{
    gsize length = strlen(pattern);
    if (length > 0 && pattern[length - 1] == '*')
        return strncmp(pattern, type, length - 1) == 0;
    return strcmp(pattern, type) == 0;
}

char *consent_group_for_field(const char *type, const char *section, const char *card_id)
{
    g_return_val_if_fail(type != NULL, NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(field_groups); i++) {
        if (!field_type_matches(field_groups[i].type, type))
            continue;
        switch (field_groups[i].group) {
        case FIELD_GROUP_ADDRESS:
            return g_strdup(g_strcmp0(section, "billing") == 0 ? "billing_address"
                                                               : "shipping_address");
        case FIELD_GROUP_CARD:
            return card_id != NULL && card_id_valid(card_id)
                       ? g_strconcat(CARD_PREFIX, card_id, NULL)
                       : NULL;
        default:
            return g_strdup(field_group_names[field_groups[i].group]);
        }
    }
    return NULL;
}

gboolean consent_persona_validate(const char *persona_id, GError **error)
{
    if (persona_id != NULL && audit_token_valid(persona_id))
        return TRUE;
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                "The persona id is not one the store assigns; list the personas and use an "
                "\"id\" from there.");
    return FALSE;
}

static gboolean audit_one_group(Store *store, AuditKind kind, const char *origin,
                                const char *persona_id, const char *group, const char *decision,
                                const char *note, GError **error)
{
    const char *groups[] = {group, NULL};
    return audit_append_groups(store, kind, origin, NULL, persona_id, groups, decision, note,
                               error);
}

/* Removes the stored consents of @origin (NULL: all sites) whose expiry has
 * passed, auditing each. Inside a transaction. */
static gboolean expire_due(Store *store, const char *origin, gint64 now, GError **error)
{
    sqlite3 *db = store_db(store);
    g_autoptr(sqlite3_stmt) select = records_prepare(
        db,
        "DELETE FROM consents WHERE expires IS NOT NULL AND expires <= ?1 "
        "AND (?2 IS NULL OR origin = ?2) RETURNING origin, persona_id, grp, decision",
        error);
    if (select == NULL)
        return FALSE;
    sqlite3_bind_int64(select, 1, now);
    sql_bind_text(select, 2, origin);
    /* RETURNING rows are all produced by the first step, so the audit
     * appends below cannot disturb the delete. Copy them out first. */
    g_autoptr(GPtrArray) expired = g_ptr_array_new_with_free_func(g_free);
    int step;
    while ((step = sqlite3_step(select)) == SQLITE_ROW) {
        for (int column = 0; column < 4; column++)
            g_ptr_array_add(expired, g_strdup(sql_column_text(select, column)));
    }
    if (step != SQLITE_DONE)
        return records_fail(db, "keep consents", error);
    for (guint i = 0; i < expired->len; i += 4) {
        char **row = (char **)&expired->pdata[i];
        if (!audit_one_group(store, AUDIT_KIND_CONSENT_EXPIRE, row[0], row[1], row[2], row[3],
                             "expired", error))
            return FALSE;
    }
    return TRUE;
}

/* ---- checks ------------------------------------------------------------ */

static void group_state_free(ConsentGroupState *state)
{
    if (state == NULL)
        return;
    g_free(state->group);
    g_free(state);
}

void consent_check_free(ConsentCheck *check)
{
    if (check == NULL)
        return;
    g_free(check->origin);
    g_free(check->persona_id);
    g_clear_pointer(&check->groups, g_ptr_array_unref);
    g_free(check);
}

gboolean consent_check_needs_request(const ConsentCheck *check)
{
    g_return_val_if_fail(check != NULL, FALSE);
    for (guint i = 0; i < check->groups->len; i++) {
        const ConsentGroupState *state = check->groups->pdata[i];
        if (state->verdict == CONSENT_VERDICT_ASK)
            return TRUE;
    }
    return FALSE;
}

static gboolean check_has_group(const ConsentCheck *check, const char *group)
{
    for (guint i = 0; i < check->groups->len; i++) {
        const ConsentGroupState *state = check->groups->pdata[i];
        if (strcmp(state->group, group) == 0)
            return TRUE;
    }
    return FALSE;
}

ConsentVerdict consent_check_verdict(const ConsentCheck *check, const char *group)
{
    g_return_val_if_fail(check != NULL && group != NULL, CONSENT_VERDICT_DENIED);
    for (guint i = 0; i < check->groups->len; i++) {
        const ConsentGroupState *state = check->groups->pdata[i];
        if (strcmp(state->group, group) == 0)
            return state->verdict;
    }
    return CONSENT_VERDICT_DENIED;
}

/* Whether card group @group asks each time (the default). */
static gboolean card_asks(sqlite3 *db, const char *group, gboolean *asks, GError **error)
{
    g_autoptr(sqlite3_stmt) select =
        records_prepare(db, "SELECT ask_each_time FROM consent_cards WHERE card_id = ?", error);
    if (select == NULL)
        return FALSE;
    sql_bind_text(select, 1, group + strlen(CARD_PREFIX));
    int step = sqlite3_step(select);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return records_fail(db, "keep consents", error);
    *asks = step == SQLITE_DONE || sqlite3_column_int(select, 0) != 0;
    return TRUE;
}

/* Fills the verdicts of @check from the stored consents. In a transaction. */
static gboolean check_groups(Store *store, ConsentCheck *check, GError **error)
{
    sqlite3 *db = store_db(store);
    if (!expire_due(store, check->origin, audit_now_ms(), error))
        return FALSE;
    g_autoptr(sqlite3_stmt) select = records_prepare(
        db, "SELECT decision FROM consents WHERE origin = ? AND persona_id = ? AND grp = ?", error);
    if (select == NULL)
        return FALSE;
    g_autoptr(GPtrArray) denied = g_ptr_array_new();
    for (guint i = 0; i < check->groups->len; i++) {
        ConsentGroupState *state = check->groups->pdata[i];
        sqlite3_reset(select);
        sql_bind_text(select, 1, check->origin);
        sql_bind_text(select, 2, check->persona_id);
        sql_bind_text(select, 3, state->group);
        int step = sqlite3_step(select);
        if (step != SQLITE_ROW && step != SQLITE_DONE)
            return records_fail(db, "keep consents", error);
        const char *decision = step == SQLITE_ROW ? sql_column_text(select, 0) : NULL;
        state->verdict = CONSENT_VERDICT_ASK;
        state->reason = "no_consent";
        if (g_strcmp0(decision, "always_deny") == 0) {
            state->verdict = CONSENT_VERDICT_DENIED;
            state->reason = "always_deny";
            g_ptr_array_add(denied, state->group);
        } else if (g_strcmp0(decision, "always_allow") == 0) {
            gboolean asks = FALSE;
            if (consent_group_is_card(state->group) && !card_asks(db, state->group, &asks, error))
                return FALSE;
            state->verdict = asks ? CONSENT_VERDICT_ASK : CONSENT_VERDICT_ALLOWED;
            state->reason = asks ? "card_asks_each_time" : "always_allow";
        }
    }
    if (denied->len == 0)
        return TRUE;
    g_ptr_array_add(denied, NULL);
    return audit_append_groups(store, AUDIT_KIND_DENIAL, check->origin, NULL, check->persona_id,
                               (const char *const *)denied->pdata, "always_deny", "automatic",
                               error);
}

ConsentCheck *consent_check(Store *store, const char *origin, const char *persona_id,
                            const char *const *groups, GError **error)
{
    g_return_val_if_fail(store != NULL && origin != NULL && groups != NULL, NULL);

    g_autoptr(ConsentCheck) check = g_new0(ConsentCheck, 1);
    check->origin = origin_normalize(origin, error);
    if (check->origin == NULL || !consent_persona_validate(persona_id, error))
        return NULL;
    check->persona_id = g_strdup(persona_id);
    check->groups = g_ptr_array_new_with_free_func((GDestroyNotify)group_state_free);
    for (gsize i = 0; groups[i] != NULL; i++) {
        if (!consent_group_validate(groups[i], error))
            return NULL;
        if (check_has_group(check, groups[i]))
            continue;
        if (check->groups->len == CONSENT_MAX_GROUPS) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                        "At most %d data groups can be checked at once.", CONSENT_MAX_GROUPS);
            return NULL;
        }
        ConsentGroupState *state = g_new0(ConsentGroupState, 1);
        state->group = g_strdup(groups[i]);
        state->verdict = CONSENT_VERDICT_ASK;
        g_ptr_array_add(check->groups, state);
    }

    if (!store_transaction_begin(store, error))
        return NULL;
    if (!sql_finish(store, check_groups(store, check, error), error))
        return NULL;
    return g_steal_pointer(&check);
}

/* ---- stored consents --------------------------------------------------- */

cJSON *consent_list(Store *store, const char *origin, gint64 cursor, gint limit, GError **error)
{
    g_return_val_if_fail(store != NULL && cursor >= 0, NULL);
    if (limit < 1 || limit > CONSENT_LIST_MAX) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                    "A page of consents holds from 1 to %d entries.", CONSENT_LIST_MAX);
        return NULL;
    }
    g_autofree char *canonical = NULL;
    if (origin != NULL && (canonical = origin_normalize(origin, error)) == NULL)
        return NULL;
    if (!store_transaction_begin(store, error))
        return NULL;
    if (!sql_finish(store, expire_due(store, canonical, audit_now_ms(), error), error))
        return NULL;

    sqlite3 *db = store_db(store);
    g_autoptr(sqlite3_stmt) select = records_prepare(
        db,
        "SELECT id, origin, persona_id, grp, decision, created, expires FROM consents "
        "WHERE id > ?1 AND (?2 IS NULL OR origin = ?2) ORDER BY id LIMIT ?3",
        error);
    if (select == NULL)
        return NULL;
    sqlite3_bind_int64(select, 1, cursor);
    sql_bind_text(select, 2, canonical);
    sqlite3_bind_int64(select, 3, limit + 1);

    g_autoptr(cJSON) page = cJSON_CreateObject();
    cJSON *consents = cJSON_AddArrayToObject(page, "consents");
    gint count = 0;
    gint64 last_id = 0;
    int step;
    while ((step = sqlite3_step(select)) == SQLITE_ROW && count < limit) {
        cJSON *item = cJSON_CreateObject();
        last_id = sqlite3_column_int64(select, 0);
        cJSON_AddNumberToObject(item, "id", (double)last_id);
        cJSON_AddStringToObject(item, "site", sql_column_text(select, 1));
        cJSON_AddStringToObject(item, "persona", sql_column_text(select, 2));
        cJSON_AddStringToObject(item, "group", sql_column_text(select, 3));
        cJSON_AddStringToObject(item, "decision", sql_column_text(select, 4));
        g_autofree char *created = audit_time_format(sqlite3_column_int64(select, 5));
        cJSON_AddStringToObject(item, "created", created);
        if (sqlite3_column_type(select, 6) == SQLITE_NULL) {
            cJSON_AddNullToObject(item, "expires");
        } else {
            g_autofree char *expires = audit_time_format(sqlite3_column_int64(select, 6));
            cJSON_AddStringToObject(item, "expires", expires);
        }
        cJSON_AddItemToArray(consents, item);
        count++;
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE) {
        records_fail(db, "keep consents", error);
        return NULL;
    }
    if (step == SQLITE_ROW) {
        g_autofree char *next = g_strdup_printf("%" G_GINT64_FORMAT, last_id);
        cJSON_AddStringToObject(page, "next_cursor", next);
    } else {
        cJSON_AddNullToObject(page, "next_cursor");
    }
    return g_steal_pointer(&page);
}

/* Deletes the consents matched and audits each; returns the count. In a
 * transaction. */
static gint64 revoke_locked(Store *store, gint64 consent_id, const char *origin, GError **error)
{
    sqlite3 *db = store_db(store);
    g_autoptr(sqlite3_stmt) remove = records_prepare(
        db,
        "DELETE FROM consents WHERE (?1 > 0 AND id = ?1) OR (?1 = 0 AND origin = ?2) "
        "RETURNING origin, persona_id, grp, decision",
        error);
    if (remove == NULL)
        return -1;
    sqlite3_bind_int64(remove, 1, consent_id);
    sql_bind_text(remove, 2, origin);
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func(g_free);
    int step;
    while ((step = sqlite3_step(remove)) == SQLITE_ROW) {
        for (int column = 0; column < 4; column++)
            g_ptr_array_add(rows, g_strdup(sql_column_text(remove, column)));
    }
    if (step != SQLITE_DONE) {
        records_fail(db, "keep consents", error);
        return -1;
    }
    for (guint i = 0; i < rows->len; i += 4) {
        char **row = (char **)&rows->pdata[i];
        if (!audit_one_group(store, AUDIT_KIND_CONSENT_REVOKE, row[0], row[1], row[2], row[3],
                             "user", error))
            return -1;
    }
    return rows->len / 4;
}

gint64 consent_revoke(Store *store, gint64 consent_id, const char *origin, GError **error)
{
    g_return_val_if_fail(store != NULL && consent_id >= 0, 0);
    g_return_val_if_fail(consent_id > 0 || origin != NULL, 0);
    g_autofree char *canonical = NULL;
    if (consent_id == 0 && (canonical = origin_normalize(origin, error)) == NULL)
        return 0;
    if (!store_transaction_begin(store, error))
        return 0;
    gint64 count = revoke_locked(store, consent_id, canonical, error);
    if (count == 0)
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_CONSENT_NOT_FOUND,
                    "No stored consent matches. Run 'keyfill consent list' to see the stored "
                    "consents and their ids.");
    if (!sql_finish(store, count > 0, error))
        return 0;
    return count;
}

gboolean consent_set_site_persona(Store *store, const char *origin, const char *persona_id,
                                  GError **error)
{
    g_return_val_if_fail(store != NULL && origin != NULL, FALSE);
    g_autofree char *canonical = origin_normalize(origin, error);
    if (canonical == NULL || (persona_id != NULL && !consent_persona_validate(persona_id, error)))
        return FALSE;
    sqlite3 *db = store_db(store);
    g_autoptr(sqlite3_stmt) write = records_prepare(
        db,
        persona_id != NULL
            ? "INSERT INTO consent_sites (origin, default_persona_id) VALUES (?1, ?2) "
              "ON CONFLICT (origin) DO UPDATE SET default_persona_id = excluded.default_persona_id"
            : "DELETE FROM consent_sites WHERE origin = ?1",
        error);
    if (write == NULL)
        return FALSE;
    sql_bind_text(write, 1, canonical);
    if (persona_id != NULL)
        sql_bind_text(write, 2, persona_id);
    if (!store_transaction_begin(store, error))
        return FALSE;
    AuditRecord record = {
        .kind = AUDIT_KIND_CONSENT_CHANGE,
        .site = canonical,
        .persona_id = persona_id,
        .note = persona_id != NULL ? "default_persona_set" : "default_persona_cleared",
    };
    gboolean ok = sql_step_done(db, write, error) && audit_append(store, &record, error) > 0;
    return sql_finish(store, ok, error);
}

char *consent_site_persona(Store *store, const char *origin, GError **error)
{
    g_return_val_if_fail(store != NULL && origin != NULL, NULL);
    g_autofree char *canonical = origin_normalize(origin, error);
    if (canonical == NULL)
        return NULL;
    sqlite3 *db = store_db(store);
    g_autoptr(sqlite3_stmt) select =
        records_prepare(db, "SELECT default_persona_id FROM consent_sites WHERE origin = ?", error);
    if (select == NULL)
        return NULL;
    sql_bind_text(select, 1, canonical);
    int step = sqlite3_step(select);
    if (step == SQLITE_ROW)
        return g_strdup(sql_column_text(select, 0));
    if (step != SQLITE_DONE)
        records_fail(db, "keep consents", error);
    return NULL;
}

gboolean consent_set_card_asks(Store *store, const char *card_id, gboolean ask_each_time,
                               GError **error)
{
    g_return_val_if_fail(store != NULL && card_id != NULL, FALSE);
    if (!card_id_valid(card_id)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                    "The card id is not one the store assigns; list the cards and use an "
                    "\"id\" from there.");
        return FALSE;
    }
    sqlite3 *db = store_db(store);
    g_autoptr(sqlite3_stmt) upsert = records_prepare(
        db,
        "INSERT INTO consent_cards (card_id, ask_each_time) VALUES (?1, ?2) "
        "ON CONFLICT (card_id) DO UPDATE SET ask_each_time = excluded.ask_each_time",
        error);
    if (upsert == NULL)
        return FALSE;
    sql_bind_text(upsert, 1, card_id);
    sqlite3_bind_int(upsert, 2, ask_each_time ? 1 : 0);
    g_autofree char *group = g_strconcat(CARD_PREFIX, card_id, NULL);
    const char *groups[] = {group, NULL};
    AuditRecord record = {
        .kind = AUDIT_KIND_CONSENT_CHANGE,
        .groups = groups,
        .note = ask_each_time ? "card_asks_each_time" : "card_asks_once",
    };
    if (!store_transaction_begin(store, error))
        return FALSE;
    gboolean ok = sql_step_done(db, upsert, error) && audit_append(store, &record, error) > 0;
    return sql_finish(store, ok, error);
}
