/*
 * release.c — the fill glue: plan, gate by frame and consent, then ask,
 * or release with an audit entry.
 *
 * DESIGN. A fill is planned with real values once; each planned field then
 * passes three gates, in order:
 *   1. its frame: the descriptor's "frame" number must be in the request's
 *      "frames" (and, answering a question, among the question's frames);
 *   2. its data group (consent_group_for_field); card data only into a
 *      secure frame (the planner already refused a non-secure site);
 *   3. consent: a stored decision (consent_check), or the user's answer.
 * A field that fails a gate is "skipped" with the reason. When some group
 * still needs asking, a question is stored (bound to the site, persona,
 * every frame that would receive data and the asked fields, pinned to the
 * addresses and card the plan used, with a digest of every value shown) and
 * the reply carries masked values only. Nothing is released until the
 * answer, which plans again from the inputs the extension resends with the
 * pinned choice and fills exactly the fields the question named for the
 * groups the user allowed — and only values whose digest is the one shown;
 * anything else is CONSENT_ANSWER_STALE. The answer (question used up,
 * decisions, their audit entries) and the release entry are one
 * transaction, committed before the values are returned.
 * Indexes are unique in one request (the extension numbers the controls of
 * all frames in one sequence), so an index names one field of one frame.
 */
#include "release.h"

#include "audit.h"
#include "errors.h"
#include "fill_mask.h"
#include "format_memory.h"
#include "origin.h"

#include <sodium.h>
#include <string.h>

/* ---- inputs ------------------------------------------------------------ */

void release_request_free(ReleaseRequest *request)
{
    if (request == NULL)
        return;
    g_free(request->origin);
    g_clear_pointer(&request->fields, fill_field_set_free);
    g_clear_pointer(&request->classification, classify_result_free);
    g_clear_pointer(&request->list, descriptor_list_free);
    g_clear_pointer(&request->frames, g_hash_table_unref);
    g_clear_pointer(&request->positions, g_hash_table_unref);
    g_free(request);
}

static gboolean read_id(const cJSON *request, const char *key, const char **out, GError **error)
{
    g_autoptr(GError) local = NULL;
    const char *id = jsonfield_optional_string(request, key, RELEASE_ID_MAX, NULL, &local);
    if (local != NULL) {
        g_propagate_error(error, g_steal_pointer(&local));
        return FALSE;
    }
    *out = id;
    return TRUE;
}

/* Field index → position + 1; an index sent twice is refused, since the
 * fill map and a question name fields by index alone. */
static gboolean index_positions(ReleaseRequest *r, GError **error)
{
    r->positions = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    for (size_t i = 0; i < r->fields->n_fields; i++) {
        gint64 index = r->fields->fields[i].index;
        if (g_hash_table_contains(r->positions, &index)) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                        "Field index %" G_GINT64_FORMAT " appears twice. Number the controls of "
                        "all frames of one request in one sequence.",
                        index);
            return FALSE;
        }
        g_hash_table_insert(r->positions, g_memdup2(&index, sizeof index), GSIZE_TO_POINTER(i + 1));
    }
    return TRUE;
}

static gboolean add_frame(ReleaseRequest *r, const cJSON *item, GError **error)
{
    if (!cJSON_IsObject(item)) {
        g_set_error_literal(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                            "Each item of \"frames\" must be an object {\"frame\", \"origin\"}.");
        return FALSE;
    }
    gint64 number = -1;
    if (!jsonfield_int(item, "frame", 0, G_MAXINT32, FALSE, &number, error))
        return FALSE;
    const char *text = jsonfield_string(item, "origin", ORIGIN_MAX_LENGTH, error);
    g_autofree char *canonical = text != NULL ? origin_normalize(text, error) : NULL;
    if (canonical == NULL)
        return FALSE;
    if (g_hash_table_contains(r->frames, &number)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                    "Frame %" G_GINT64_FORMAT " is named twice in \"frames\"; name each once.",
                    number);
        return FALSE;
    }
    if (number == 0 && strcmp(canonical, r->origin) != 0) {
        g_set_error_literal(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                            "Frame 0 is the tab's top-level page, so its origin must be the "
                            "site's \"origin\". Send the origins the browser reports.");
        return FALSE;
    }
    g_hash_table_insert(r->frames, g_memdup2(&number, sizeof number), g_steal_pointer(&canonical));
    return TRUE;
}

static gboolean parse_frames(ReleaseRequest *r, const cJSON *request, GError **error)
{
    r->frames = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
    g_autoptr(GError) local = NULL;
    const cJSON *frames = jsonfield_array(request, "frames", RELEASE_MAX_FRAMES, TRUE, &local);
    if (local != NULL) {
        g_propagate_error(error, g_steal_pointer(&local));
        return FALSE;
    }
    const cJSON *item;
    cJSON_ArrayForEach(item, frames)
    {
        if (!add_frame(r, item, error))
            return FALSE;
    }
    gint64 top = 0;
    if (!g_hash_table_contains(r->frames, &top))
        g_hash_table_insert(r->frames, g_memdup2(&top, sizeof top), g_strdup(r->origin));
    return TRUE;
}

ReleaseRequest *release_request_parse(const cJSON *request, const char *origin, GError **error)
{
    g_return_val_if_fail(request != NULL && origin != NULL, NULL);
    g_autoptr(ReleaseRequest) r = g_new0(ReleaseRequest, 1);
    r->origin = origin_normalize(origin, error);
    if (r->origin == NULL)
        return NULL;
    const cJSON *descriptors = jsonfield_array(request, "fields", FILL_MAX_FIELDS, FALSE, error);
    if (descriptors == NULL)
        return NULL;
    g_autoptr(GError) local = NULL;
    const cJSON *classified = jsonfield_array(request, "classified", FILL_MAX_FIELDS, TRUE, &local);
    if (local != NULL) {
        g_propagate_error(error, g_steal_pointer(&local));
        return NULL;
    }
    if (!read_id(request, "shipping", &r->shipping_id, error) ||
        !read_id(request, "billing", &r->billing_id, error) ||
        !read_id(request, "card", &r->card_id, error))
        return NULL;
    r->list = descriptor_list_parse(descriptors, error);
    if (r->list == NULL)
        return NULL;
    r->fields = fill_field_set_new(r->list);
    if (classified != NULL) {
        if (!fill_field_set_classify(r->fields, classified, error))
            return NULL;
    } else {
        r->classification = classify_fields(r->list);
        fill_field_set_apply(r->fields, r->classification);
    }
    if (!index_positions(r, error) || !parse_frames(r, request, error))
        return NULL;
    return g_steal_pointer(&r);
}

/* ---- planning ---------------------------------------------------------- */

/* Wipes every string of @json (a revealed persona) before it is freed. */
static void wipe_json(cJSON *json)
{
    for (cJSON *item = json; item != NULL; item = item->next) {
        if (cJSON_IsString(item) && item->valuestring != NULL)
            explicit_bzero(item->valuestring, strlen(item->valuestring));
        wipe_json(item->child);
    }
}

typedef struct {
    cJSON *persona; /* revealed: card numbers included; wiped on free */
    FillPlan *plan;
} Planned;

static void planned_free(Planned *planned)
{
    if (planned == NULL)
        return;
    g_clear_pointer(&planned->plan, fill_plan_free);
    wipe_json(planned->persona);
    cJSON_Delete(planned->persona);
    g_free(planned);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Planned, planned_free)

static const char *persona_id_of(const Planned *planned)
{
    return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(planned->persona, "id"));
}

/* The persona @id; without one the site's default persona (when it still
 * exists), else the store's default. Card numbers included. */
static cJSON *load_persona(Store *store, const char *site, const char *id, GError **error)
{
    if (id != NULL)
        return store_get_persona(store, id, TRUE, error);
    g_autoptr(GError) local = NULL;
    g_autofree char *site_default = consent_site_persona(store, site, &local);
    if (local != NULL) {
        g_propagate_error(error, g_steal_pointer(&local));
        return NULL;
    }
    cJSON *chosen_persona =
        site_default != NULL ? store_get_persona(store, site_default, TRUE, NULL) : NULL;
    if (chosen_persona != NULL)
        return chosen_persona;
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
        g_set_error_literal(error, KEYFILL_ERROR, KEYFILL_ERROR_NO_PERSONA,
                            "Keyfill has no persona to fill with yet. Add your details on the "
                            "extension's data page first.");
        return NULL;
    }
    return store_get_persona(store, chosen_id->valuestring, TRUE, error);
}

/* Plans @r for the persona @persona_id (NULL: the default) with the
 * request's addresses and card, or with exactly those @pinned by a question
 * (its persona, addresses and card). */
static Planned *plan_with(Store *store, const ReleaseRequest *r, const char *persona_id,
                          const ConsentRequest *pinned, gboolean preview, GError **error)
{
    cJSON *persona = load_persona(store, r->origin, persona_id, error);
    if (persona == NULL)
        return NULL;
    g_autoptr(Planned) planned = g_new0(Planned, 1);
    planned->persona = persona;
    g_autoptr(GHashTable) preferred = NULL;
    g_autoptr(GHashTable) avoided = NULL;
    if (!format_memory_load(store_db(store), r->origin, &preferred, &avoided, error))
        return NULL;
    FillChoice choice = {
        .origin = r->origin,
        .shipping_id = pinned != NULL ? pinned->shipping_id : r->shipping_id,
        .billing_id = pinned != NULL ? pinned->billing_id : r->billing_id,
        .card_id = pinned != NULL ? pinned->card_id : r->card_id,
        .pinned = pinned != NULL,
        .share_address = pinned != NULL && pinned->share_address,
        .preview = preview,
        .preferred_formats = preferred,
        .avoided_formats = avoided,
    };
    if (!fill_plan(r->fields->fields, r->fields->n_fields, persona, &choice, &planned->plan, error))
        return NULL;
    return g_steal_pointer(&planned);
}

cJSON *release_preview(Store *store, const ReleaseRequest *request, const char *persona_id,
                       GError **error)
{
    g_return_val_if_fail(store != NULL && request != NULL, NULL);
    g_autoptr(Planned) planned = plan_with(store, request, persona_id, NULL, TRUE, error);
    if (planned == NULL)
        return NULL;
    cJSON *result = fill_plan_to_json(planned->plan, TRUE);
    cJSON_AddStringToObject(result, "persona", persona_id_of(planned));
    return result;
}

/* ---- the gates ---------------------------------------------------------- */

typedef enum {
    GATE_SKIP,    /* left out for @reason */
    GATE_ASK,     /* the user must be asked first */
    GATE_RELEASE, /* may be filled */
} GateState;

typedef struct {
    const FillEntry *entry;
    gint64 frame_number;
    const char *frame; /* canonical origin, owned by the request's frames */
    char *group;
    GateState state;
    FillReason reason;
} Gated;

static void gated_clear(gpointer data)
{
    g_free(((Gated *)data)->group);
}

static gboolean in_strings(const GPtrArray *strings, const char *text)
{
    for (guint i = 0; i < strings->len; i++) {
        if (g_strcmp0(strings->pdata[i], text) == 0)
            return TRUE;
    }
    return FALSE;
}

static void add_unique(GPtrArray *strings, const char *text)
{
    if (!in_strings(strings, text))
        g_ptr_array_add(strings, (gpointer)text);
}

/* Gates 1 and 2 for every planned entry. @bound: the frames of the
 * question being answered, or NULL. */
static GArray *gate_frames(const ReleaseRequest *r, const FillPlan *plan, const char *card_id,
                           const GPtrArray *bound)
{
    GArray *gated = g_array_sized_new(FALSE, TRUE, sizeof(Gated), plan->entries->len);
    g_array_set_clear_func(gated, gated_clear);
    for (guint i = 0; i < plan->entries->len; i++) {
        Gated g = {.entry = &g_array_index(plan->entries, FillEntry, i), .state = GATE_SKIP};
        gsize position = GPOINTER_TO_SIZE(g_hash_table_lookup(r->positions, &g.entry->index));
        g_assert(position > 0);
        g.frame_number = r->list->fields[position - 1].frame;
        g.frame = g_hash_table_lookup(r->frames, &g.frame_number);
        if (g.frame == NULL || (bound != NULL && !in_strings(bound, g.frame))) {
            g.reason = FILL_REASON_FRAME_NOT_NAMED;
        } else if ((g.group = consent_group_for_field(g.entry->type, g.entry->section, card_id)) ==
                   NULL) {
            g.reason = FILL_REASON_NOT_CONSENTED;
        } else if (consent_group_is_card(g.group) && !origin_is_secure(g.frame)) {
            g.reason = FILL_REASON_INSECURE_ORIGIN;
        } else {
            g.state = GATE_ASK;
        }
        g_array_append_val(gated, g);
    }
    return gated;
}

static gboolean answer_allows(const ConsentAnswer *answer, const char *group, gint64 index)
{
    for (guint i = 0; i < answer->allowed->len; i++) {
        const ConsentGroupFields *allowed = answer->allowed->pdata[i];
        if (strcmp(allowed->group, group) != 0)
            continue;
        for (guint j = 0; j < allowed->fields->len; j++) {
            if (g_array_index(allowed->fields, gint, j) == index)
                return TRUE;
        }
    }
    return FALSE;
}

static gboolean answer_asked(const ConsentAnswer *answer, const char *group)
{
    const GPtrArray *groups = answer->request->groups;
    for (guint i = 0; i < groups->len; i++) {
        if (strcmp(((const ConsentGroupFields *)groups->pdata[i])->group, group) == 0)
            return TRUE;
    }
    return FALSE;
}

/* Gate 3 for the entries still in (state GATE_ASK): the groups @answer asked
 * about are released exactly as answered; the others by their stored
 * decision (asking only when there is no @answer). */
static gboolean gate_consent(Store *store, const char *site, const char *persona_id, GArray *gated,
                             const ConsentAnswer *answer, GError **error)
{
    g_autoptr(GPtrArray) groups = g_ptr_array_new();
    for (guint i = 0; i < gated->len; i++) {
        Gated *g = &g_array_index(gated, Gated, i);
        if (g->state != GATE_ASK)
            continue;
        if (answer != NULL && answer_asked(answer, g->group)) {
            gboolean allowed = answer_allows(answer, g->group, g->entry->index);
            g->state = allowed ? GATE_RELEASE : GATE_SKIP;
            g->reason = FILL_REASON_NOT_CONSENTED;
        } else {
            add_unique(groups, g->group);
        }
    }
    if (groups->len == 0)
        return TRUE;
    g_ptr_array_add(groups, NULL);
    g_autoptr(ConsentCheck) check =
        consent_check(store, site, persona_id, (const char *const *)groups->pdata, error);
    if (check == NULL)
        return FALSE;
    for (guint i = 0; i < gated->len; i++) {
        Gated *g = &g_array_index(gated, Gated, i);
        if (g->state != GATE_ASK || (answer != NULL && answer_asked(answer, g->group)))
            continue;
        ConsentVerdict verdict = consent_check_verdict(check, g->group);
        if (verdict == CONSENT_VERDICT_ALLOWED) {
            g->state = GATE_RELEASE;
        } else if (verdict == CONSENT_VERDICT_DENIED || answer != NULL) {
            g->state = GATE_SKIP;
            g->reason = FILL_REASON_NOT_CONSENTED;
        }
    }
    return TRUE;
}

/* ---- replies ------------------------------------------------------------ */

static char *index_key(gint64 index)
{
    return g_strdup_printf("%" G_GINT64_FORMAT, index);
}

/* {"index", "reason"} for every field left out, planner's and gates', in
 * field order. */
static cJSON *skipped_json(const ReleaseRequest *r, const FillPlan *plan, const GArray *gated)
{
    g_autoptr(GHashTable) reasons = g_hash_table_new(g_int64_hash, g_int64_equal);
    for (guint i = 0; i < plan->skipped->len; i++) {
        FillSkip *skip = &g_array_index(plan->skipped, FillSkip, i);
        g_hash_table_insert(reasons, &skip->index, GINT_TO_POINTER(skip->reason + 1));
    }
    for (guint i = 0; i < gated->len; i++) {
        const Gated *g = &g_array_index(gated, Gated, i);
        if (g->state == GATE_SKIP)
            g_hash_table_insert(reasons, (gpointer)&g->entry->index,
                                GINT_TO_POINTER(g->reason + 1));
    }
    cJSON *skipped = cJSON_CreateArray();
    for (size_t i = 0; i < r->fields->n_fields; i++) {
        gpointer found = g_hash_table_lookup(reasons, &r->fields->fields[i].index);
        if (found == NULL)
            continue;
        cJSON *item = cJSON_CreateObject();
        cJSON_AddNumberToObject(item, "index", (double)r->fields->fields[i].index);
        cJSON_AddStringToObject(item, "reason",
                                fill_reason_name((FillReason)(GPOINTER_TO_INT(found) - 1)));
        cJSON_AddItemToArray(skipped, item);
    }
    return skipped;
}

/* The released fill: values, formats, skips, the receiving frames and the
 * released groups. */
static cJSON *release_json(const ReleaseRequest *r, const Planned *planned, const GArray *gated)
{
    cJSON *result = cJSON_CreateObject();
    cJSON *fill = cJSON_AddObjectToObject(result, "fill");
    cJSON *formats = cJSON_AddObjectToObject(result, "formats");
    cJSON_AddItemToObject(result, "skipped", skipped_json(r, planned->plan, gated));
    cJSON *frames = cJSON_AddArrayToObject(result, "fill_frames");
    cJSON *groups = cJSON_AddArrayToObject(result, "groups");
    g_autoptr(GHashTable) frames_seen = g_hash_table_new(g_int64_hash, g_int64_equal);
    g_autoptr(GPtrArray) groups_seen = g_ptr_array_new();
    for (guint i = 0; i < gated->len; i++) {
        const Gated *g = &g_array_index(gated, Gated, i);
        if (g->state != GATE_RELEASE)
            continue;
        g_autofree char *key = index_key(g->entry->index);
        cJSON_AddStringToObject(fill, key, g->entry->value);
        cJSON_AddStringToObject(formats, key, g->entry->format);
        if (!g_hash_table_contains(frames_seen, &g->frame_number)) {
            g_hash_table_add(frames_seen, (gpointer)&g->frame_number);
            cJSON *frame = cJSON_CreateObject();
            cJSON_AddNumberToObject(frame, "frame", (double)g->frame_number);
            cJSON_AddStringToObject(frame, "origin", g->frame);
            cJSON_AddItemToArray(frames, frame);
        }
        if (!in_strings(groups_seen, g->group)) {
            g_ptr_array_add(groups_seen, g->group);
            cJSON_AddItemToArray(groups, cJSON_CreateString(g->group));
        }
    }
    cJSON_AddBoolToObject(result, "preview", FALSE);
    cJSON_AddStringToObject(result, "persona", persona_id_of(planned));
    return result;
}

/* One "release" audit entry for what @gated releases; none when nothing
 * is. */
static gboolean audit_release(Store *store, const char *site, const char *persona_id,
                              const GArray *gated, GError **error)
{
    g_autoptr(GPtrArray) frames = g_ptr_array_new();
    g_autoptr(GPtrArray) groups = g_ptr_array_new();
    g_autoptr(GPtrArray) types = g_ptr_array_new();
    for (guint i = 0; i < gated->len; i++) {
        const Gated *g = &g_array_index(gated, Gated, i);
        if (g->state != GATE_RELEASE)
            continue;
        add_unique(frames, g->frame);
        add_unique(groups, g->group);
        add_unique(types, g->entry->type);
    }
    if (groups->len == 0)
        return TRUE;
    g_ptr_array_add(frames, NULL);
    g_ptr_array_add(groups, NULL);
    g_ptr_array_add(types, NULL);
    AuditRecord record = {
        .kind = AUDIT_KIND_RELEASE,
        .site = site,
        .frames = (const char *const *)frames->pdata,
        .persona_id = persona_id,
        .groups = (const char *const *)groups->pdata,
        .fields = (const char *const *)types->pdata,
    };
    return audit_append(store, &record, error) > 0;
}

/* The role of a receiving frame, for the question: the site itself, a
 * payment provider (another origin receiving card data), or another site. */
static const char *frame_role(const char *site, const char *frame, const GArray *gated)
{
    if (strcmp(site, frame) == 0)
        return "site";
    for (guint i = 0; i < gated->len; i++) {
        const Gated *g = &g_array_index(gated, Gated, i);
        if (g->state != GATE_SKIP && strcmp(g->frame, frame) == 0 &&
            consent_group_is_card(g->group))
            return "payment_provider";
    }
    return "third_party";
}

/* [{"group", "fields", "types", "values"}] of the entries in @state, values
 * masked. */
static cJSON *groups_json(const GArray *gated, GateState state)
{
    cJSON *array = cJSON_CreateArray();
    g_autoptr(GPtrArray) seen = g_ptr_array_new();
    for (guint i = 0; i < gated->len; i++) {
        const Gated *first = &g_array_index(gated, Gated, i);
        if (first->state != state || in_strings(seen, first->group))
            continue;
        g_ptr_array_add(seen, first->group);
        cJSON *item = cJSON_CreateObject();
        cJSON_AddStringToObject(item, "group", first->group);
        cJSON *fields = cJSON_AddArrayToObject(item, "fields");
        cJSON *types = cJSON_AddArrayToObject(item, "types");
        cJSON *values = cJSON_AddObjectToObject(item, "values");
        g_autoptr(GPtrArray) types_seen = g_ptr_array_new();
        for (guint j = i; j < gated->len; j++) {
            const Gated *g = &g_array_index(gated, Gated, j);
            if (g->state != state || strcmp(g->group, first->group) != 0)
                continue;
            cJSON_AddItemToArray(fields, cJSON_CreateNumber((double)g->entry->index));
            if (!in_strings(types_seen, g->entry->type)) {
                g_ptr_array_add(types_seen, (gpointer)g->entry->type);
                cJSON_AddItemToArray(types, cJSON_CreateString(g->entry->type));
            }
            g_autofree char *key = index_key(g->entry->index);
            g_autofree char *masked = fill_mask_value(g->entry->type, g->entry->value);
            cJSON_AddStringToObject(values, key, masked);
        }
        cJSON_AddItemToArray(array, item);
    }
    return array;
}

/* The question as the popup shows it: the stored request plus the persona's
 * label, the role of each frame and the masked values. */
static cJSON *question_json(const ConsentRequest *question, const Planned *planned,
                            const GArray *gated)
{
    cJSON *json = consent_request_to_json(question);
    cJSON *persona = cJSON_CreateObject();
    cJSON_AddStringToObject(persona, "id", question->persona_id);
    const char *label =
        cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(planned->persona, "label"));
    cJSON_AddStringToObject(persona, "label", label != NULL ? label : "");
    cJSON_ReplaceItemInObjectCaseSensitive(json, "persona", persona);
    cJSON *frames = cJSON_CreateArray();
    for (guint i = 0; i < question->frames->len; i++) {
        const char *origin = question->frames->pdata[i];
        cJSON *frame = cJSON_CreateObject();
        cJSON_AddStringToObject(frame, "origin", origin);
        cJSON_AddStringToObject(frame, "role", frame_role(question->origin, origin, gated));
        cJSON_AddItemToArray(frames, frame);
    }
    cJSON_ReplaceItemInObjectCaseSensitive(json, "frames", frames);
    cJSON_ReplaceItemInObjectCaseSensitive(json, "groups", groups_json(gated, GATE_ASK));
    cJSON_AddItemToObject(json, "already_allowed", groups_json(gated, GATE_RELEASE));
    return json;
}

/* What a question shows of @entry, for its answer to compare: a digest of
 * the field's index, token and value (the value itself is never kept). */
static void entry_digest(const FillEntry *entry, guint8 out[CONSENT_SHOWN_DIGEST_BYTES])
{
    char index[24];
    g_snprintf(index, sizeof index, "%" G_GINT64_FORMAT, entry->index);
    const char *parts[] = {index, entry->type, entry->value};
    crypto_generichash_state state;
    crypto_generichash_init(&state, NULL, 0, CONSENT_SHOWN_DIGEST_BYTES);
    for (gsize i = 0; i < G_N_ELEMENTS(parts); i++) /* each with its NUL: no ambiguity */
        crypto_generichash_update(&state, (const guint8 *)parts[i], strlen(parts[i]) + 1);
    crypto_generichash_final(&state, out, CONSENT_SHOWN_DIGEST_BYTES);
    sodium_memzero(&state, sizeof state);
}

/* Stores the question for the entries in GATE_ASK, bound to every frame
 * that would receive data, with the addresses and card the plan used and a
 * digest of every value it shows (asked and already allowed); returns the
 * fill.plan reply. */
static cJSON *ask(Store *store, const ReleaseRequest *r, const Planned *planned,
                  const GArray *gated, GError **error)
{
    g_autoptr(ConsentRequest) question =
        consent_request_new(r->origin, persona_id_of(planned), error);
    if (question == NULL)
        return NULL;
    const FillUsed *used = &planned->plan->used;
    consent_request_set_choice(question, used->shipping_id, used->billing_id, used->card_id,
                               used->share_address);
    for (guint i = 0; i < gated->len; i++) {
        const Gated *g = &g_array_index(gated, Gated, i);
        if (g->state == GATE_SKIP)
            continue;
        guint8 digest[CONSENT_SHOWN_DIGEST_BYTES];
        entry_digest(g->entry, digest);
        if (!consent_request_add_frame(question, g->frame, error) ||
            !consent_request_add_shown(question, g->entry->index, digest, error) ||
            (g->state == GATE_ASK &&
             !consent_request_add_field(question, g->group, (gint)g->entry->index, error)))
            return NULL;
    }
    if (!consent_request_save(store, question, 0, error))
        return NULL;
    cJSON *result = cJSON_CreateObject();
    cJSON_AddItemToObject(result, "consent", question_json(question, planned, gated));
    cJSON_AddItemToObject(result, "skipped", skipped_json(r, planned->plan, gated));
    cJSON_AddBoolToObject(result, "preview", FALSE);
    cJSON_AddStringToObject(result, "persona", persona_id_of(planned));
    return result;
}

static gboolean any_asks(const GArray *gated)
{
    for (guint i = 0; i < gated->len; i++) {
        if (g_array_index(gated, Gated, i).state == GATE_ASK)
            return TRUE;
    }
    return FALSE;
}

cJSON *release_plan(Store *store, const ReleaseRequest *request, const char *persona_id,
                    GError **error)
{
    g_return_val_if_fail(store != NULL && request != NULL, NULL);
    g_autoptr(Planned) planned = plan_with(store, request, persona_id, NULL, FALSE, error);
    if (planned == NULL)
        return NULL;
    g_autoptr(GArray) gated =
        gate_frames(request, planned->plan, planned->plan->used.card_id, NULL);
    if (!gate_consent(store, request->origin, persona_id_of(planned), gated, NULL, error))
        return NULL;
    if (any_asks(gated))
        return ask(store, request, planned, gated, error);
    if (!audit_release(store, request->origin, persona_id_of(planned), gated, error))
        return NULL;
    return release_json(request, planned, gated);
}

/* ---- answers ------------------------------------------------------------ */

static gboolean stale(GError **error)
{
    g_set_error_literal(error, KEYFILL_ERROR, KEYFILL_ERROR_CONSENT_ANSWER_STALE,
                        "The details this question showed (the persona, an address, the card "
                        "or a value) were changed or deleted before the answer, or the form "
                        "was sent differently, so nothing was filled and the answer was not "
                        "kept. Fill the form again to see the current details.");
    return FALSE;
}

/* A resent address or card must be the one the question used. */
static gboolean resend_matches(const ReleaseRequest *r, const ConsentRequest *question,
                               GError **error)
{
    if ((r->shipping_id != NULL && g_strcmp0(r->shipping_id, question->shipping_id) != 0) ||
        (r->billing_id != NULL && g_strcmp0(r->billing_id, question->billing_id) != 0) ||
        (r->card_id != NULL && g_strcmp0(r->card_id, question->card_id) != 0))
        return stale(error);
    return TRUE;
}

/* Every value about to be released is the one the question showed for
 * that field. */
static gboolean released_as_shown(const ConsentRequest *question, const GArray *gated,
                                  GError **error)
{
    for (guint i = 0; i < gated->len; i++) {
        const Gated *g = &g_array_index(gated, Gated, i);
        if (g->state != GATE_RELEASE)
            continue;
        guint8 digest[CONSENT_SHOWN_DIGEST_BYTES];
        entry_digest(g->entry, digest);
        if (!consent_request_showed(question, g->entry->index, digest))
            return stale(error);
    }
    return TRUE;
}

/* The fill for @answer, inside the answer's transaction: planned again with
 * what the question pinned, gated, checked against what it showed, and
 * audited. */
static cJSON *answer_fill(Store *store, const ReleaseRequest *request, const ConsentAnswer *answer,
                          GError **error)
{
    const ConsentRequest *question = answer->request;
    if (question->shown == NULL) { /* asked before schema 4 */
        stale(error);
        return NULL;
    }
    if (!resend_matches(request, question, error))
        return NULL;
    g_autoptr(GError) local = NULL;
    g_autoptr(Planned) planned =
        plan_with(store, request, question->persona_id, question, FALSE, &local);
    if (planned == NULL) {
        /* The persona (NOT_FOUND) or a pinned address or card
         * (INVALID_ARGUMENT) is gone. */
        if (g_error_matches(local, KEYFILL_ERROR, KEYFILL_ERROR_NOT_FOUND) ||
            g_error_matches(local, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT))
            stale(error);
        else
            g_propagate_error(error, g_steal_pointer(&local));
        return NULL;
    }
    g_autoptr(GArray) gated =
        gate_frames(request, planned->plan, planned->plan->used.card_id, question->frames);
    if (!gate_consent(store, request->origin, question->persona_id, gated, answer, error) ||
        !released_as_shown(question, gated, error) ||
        !audit_release(store, request->origin, question->persona_id, gated, error))
        return NULL;
    return release_json(request, planned, gated);
}

cJSON *release_answer(Store *store, const ReleaseRequest *request, const char *request_id,
                      const ConsentChoice *choices, gsize n_choices, gint64 expires_in,
                      GError **error)
{
    g_return_val_if_fail(store != NULL && request != NULL && request_id != NULL, NULL);
    if (!store_transaction_begin(store, error))
        return NULL;
    g_autoptr(ConsentAnswer) answer =
        consent_answer(store, request_id, request->origin, choices, n_choices, expires_in, error);
    g_autoptr(cJSON) fill = answer != NULL ? answer_fill(store, request, answer, error) : NULL;
    if (fill == NULL) {
        store_transaction_rollback(store);
        return NULL;
    }
    /* Committed before any value leaves: the question used up, the
     * decisions, their entries and the release entry, or none of them. */
    if (!store_transaction_commit(store, error))
        return NULL;
    /* The answer's own keys first, then the fill's (its "persona" is the
     * question's persona, already there). */
    cJSON *result = consent_answer_to_json(answer);
    cJSON *item = fill->child;
    while (item != NULL) {
        cJSON *next = item->next;
        if (!cJSON_HasObjectItem(result, item->string))
            cJSON_AddItemToObject(result, item->string, cJSON_DetachItemViaPointer(fill, item));
        item = next;
    }
    return result;
}
