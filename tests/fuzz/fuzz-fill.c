/*
 * fuzz-fill.c — fill planning from hostile descriptors and classifications.
 *
 * Input: a JSON object shaped like the fill.plan request (docs/protocol.md):
 *   {"origin": "...", "fields": [descriptor...], "classified": [{"index",
 *    "type", "section"}...] (optional: without it the classifier decides),
 *    "shipping": id, "billing": id, "card": id, "preview": bool}
 * It goes the way command_fill_plan() takes: origin_normalize(),
 * descriptor_list_parse(), fill_field_set_new() and the given or computed
 * classification, then fill_plan(). Everything a page or a broken extension
 * could control is fuzzed; the persona is a fixed, valid one, as the store
 * would hand it over (two addresses, two cards, an e-mail and a phone).
 *
 * Invariants — the security rules of the planner, checked on every plan:
 * every field ends in exactly one of entries and skipped; a field that is
 * invisible, disabled or read-only gets no value (hidden-field traps); card
 * fields get a value only on a secure origin; a security code is never
 * filled; a value never passes a field's maxlength (it is left out, never
 * cut); a select gets one of its own option values; a preview plan holds no
 * card number; refusals are documented errors.
 */
#include "fuzz.h"

#include "classify.h"
#include "descriptor.h"
#include "errors.h"
#include "fill.h"
#include "fill_field.h"
#include "jsonfield.h"
#include "origin.h"

#include <glib.h>
#include <string.h>

static cJSON *persona;

static const char persona_json[] =
    "{\"id\":\"p1\",\"label\":\"Home\",\"is_default\":true,"
    "\"name\":{\"prefix\":\"Dr.\",\"given\":\"Ada\",\"additional\":\"King\",\"family\":\"Lovelace\","
    "\"full\":\"Dr. Ada King Lovelace\"},"
    "\"organization\":\"Analytical Engines Ltd\",\"birthday\":\"1815-12-10\","
    "\"emails\":[{\"id\":\"e1\",\"label\":\"personal\",\"address\":\"ada@example.org\"}],"
    "\"phones\":[{\"id\":\"t1\",\"label\":\"mobile\",\"country\":\"GB\",\"number\":\"+447700900123\"}],"
    "\"addresses\":[{\"id\":\"a1\",\"label\":\"shipping\",\"lines\":[\"12 Example Street\",\"Flat 2\"],"
    "\"city\":\"London\",\"region\":\"\",\"postal_code\":\"SW1A 1AA\",\"country\":\"GB\"},"
    "{\"id\":\"a2\",\"label\":\"billing\",\"lines\":[\"1600 Example Ave NW\"],\"city\":\"Washington\","
    "\"region\":\"DC\",\"postal_code\":\"20500\",\"country\":\"US\"}],"
    "\"cards\":[{\"id\":\"c1\",\"nickname\":\"Everyday\",\"holder\":\"Ada Lovelace\","
    "\"number\":\"4242424242424242\",\"exp_month\":12,\"exp_year\":2030,\"network\":\"visa\"},"
    "{\"id\":\"c2\",\"nickname\":\"Travel\",\"holder\":\"A K Lovelace\","
    "\"number\":\"378282246310005\",\"exp_month\":1,\"exp_year\":2031,\"network\":\"amex\"}]}";

static const char *const card_numbers[] = {"4242424242424242", "378282246310005"};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    persona = cJSON_Parse(persona_json);
    g_assert(persona != NULL);
    return 0;
}

static void check_refusal(const GError *error)
{
    g_assert(error != NULL && error->domain == KEYFILL_ERROR);
    g_assert(error->code == KEYFILL_ERROR_WRONG_TYPE || error->code == KEYFILL_ERROR_MISSING_FIELD ||
             error->code == KEYFILL_ERROR_INVALID_ARGUMENT ||
             error->code == KEYFILL_ERROR_LIMIT_EXCEEDED || error->code == KEYFILL_ERROR_BAD_ORIGIN);
    g_assert(error->message[0] != '\0' && g_utf8_validate(error->message, -1, NULL));
}

/* The string at @key of @request, or NULL when absent or not a string. */
static const char *optional_string(const cJSON *request, const char *key)
{
    return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(request, key));
}

static const FillField *find_field(const FillFieldSet *set, gint64 index)
{
    for (size_t i = 0; i < set->n_fields; i++) {
        if (set->fields[i].index == index)
            return &set->fields[i];
    }
    g_error("plan names field %" G_GINT64_FORMAT ", which is not in the request", index);
}

static void check_entry(const FillField *field, const FillEntry *entry, const FillChoice *choice)
{
    g_assert(entry->value != NULL && g_utf8_validate(entry->value, -1, NULL));
    g_assert(field->visible && !field->disabled && !field->readonly);
    g_assert(strcmp(field->type, "") != 0);
    g_assert(strcmp(field->type, "cc-csc") != 0);
    if (g_str_has_prefix(field->type, "cc-"))
        g_assert(origin_is_secure(choice->origin));
    if (choice->preview) {
        for (gsize c = 0; c < G_N_ELEMENTS(card_numbers); c++)
            g_assert(strstr(entry->value, card_numbers[c]) == NULL);
        return;
    }
    if (field->maxlength >= 0)
        g_assert_cmpint(g_utf8_strlen(entry->value, -1), <=, field->maxlength);
    if (field->tag == DESCRIPTOR_TAG_SELECT) {
        gboolean is_option = FALSE;
        for (size_t o = 0; o < field->n_options; o++)
            is_option = is_option || g_strcmp0(field->options[o].value, entry->value) == 0;
        g_assert(is_option);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* What the protocol gate refuses never reaches the planner. */
    if (!g_utf8_validate_len((const char *)data, size, NULL))
        return 0;
    g_autoptr(cJSON) request = cJSON_ParseWithLength((const char *)data, size);
    if (!cJSON_IsObject(request))
        return 0;
    const cJSON *descriptors = cJSON_GetObjectItemCaseSensitive(request, "fields");
    const cJSON *classified = cJSON_GetObjectItemCaseSensitive(request, "classified");
    const char *given_origin = optional_string(request, "origin");
    if (descriptors == NULL || given_origin == NULL)
        return 0;

    g_autoptr(GError) error = NULL;
    g_autofree char *origin = origin_normalize(given_origin, &error);
    if (origin == NULL) {
        check_refusal(error);
        return 0;
    }
    g_autoptr(DescriptorList) list = descriptor_list_parse(descriptors, &error);
    if (list == NULL) {
        g_assert(error != NULL && error->domain == KEYFILL_ERROR);
        return 0; /* fuzz-classify checks the parser's refusals */
    }
    g_autoptr(FillFieldSet) set = fill_field_set_new(list);
    g_autoptr(ClassifyResult) classification = NULL;
    if (cJSON_IsArray(classified)) {
        if (!fill_field_set_classify(set, classified, &error)) {
            check_refusal(error);
            return 0;
        }
    } else {
        classification = classify_fields(list);
        fill_field_set_apply(set, classification);
    }
    g_assert(set != NULL && set->n_fields == list->n_fields);

    FillChoice choice = {
        .origin = origin,
        .shipping_id = optional_string(request, "shipping"),
        .billing_id = optional_string(request, "billing"),
        .card_id = optional_string(request, "card"),
        .preview = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(request, "preview")),
    };
    g_autoptr(FillPlan) plan = NULL;
    if (!fill_plan(set->fields, set->n_fields, persona, &choice, &plan, &error)) {
        g_assert(plan == NULL);
        check_refusal(error);
        return 0;
    }
    g_assert_no_error(error);

    /* Every field exactly once. */
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    for (guint i = 0; i < plan->entries->len; i++) {
        const FillEntry *entry = &g_array_index(plan->entries, FillEntry, i);
        g_assert(g_hash_table_add(seen, g_memdup2(&entry->index, sizeof entry->index)));
        check_entry(find_field(set, entry->index), entry, &choice);
    }
    for (guint i = 0; i < plan->skipped->len; i++) {
        const FillSkip *skip = &g_array_index(plan->skipped, FillSkip, i);
        g_assert(g_hash_table_add(seen, g_memdup2(&skip->index, sizeof skip->index)));
        find_field(set, skip->index);
        g_assert(fill_reason_name(skip->reason) != NULL);
    }
    g_assert_cmpuint(g_hash_table_size(seen), ==, set->n_fields);

    g_autoptr(cJSON) reply = fill_plan_to_json(plan, choice.preview);
    g_autofree char *printed = cJSON_PrintUnformatted(reply);
    g_assert(printed != NULL && g_utf8_validate(printed, -1, NULL));
    if (choice.preview) {
        for (gsize c = 0; c < G_N_ELEMENTS(card_numbers); c++)
            g_assert(strstr(printed, card_numbers[c]) == NULL);
    }
    return 0;
}
