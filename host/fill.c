/*
 * fill.c — the fill planner: the gates every field passes (visible,
 * editable, a type Keyfill fills, a secure origin for card data, an address
 * for the field's block) and the plan itself.
 *
 * DESIGN: planning runs in three passes over the fields.
 *   1. Address blocks: every section that holds address fields is a block.
 *      Blocks named shipping / billing take the chosen (or labelled)
 *      address; other blocks take the shipping address, then the billing
 *      one; an address goes to one block only, unless the user chose the
 *      same id for shipping and billing.
 *   2. House numbers: a field labelled as a house number next to a street
 *      field marks its block as split; the block's first line is parsed into
 *      street and number once.
 *   3. Values: each field's token finds its row in the rule table
 *      (fill_rules.c), which says where the value comes from and how to
 *      spell it; selects pick an option, text fields take the first
 *      spelling that fits (and that the site's format memory allows).
 * Every field ends in exactly one of plan->entries and plan->skipped.
 */
#include "fill.h"

#include "fill_rules.h"

#include "errors.h"
#include "fill_address.h"
#include "fill_mask.h"
#include "fill_select.h"
#include "geo_data.h"
#include "origin.h"

#include <string.h>

static const char *const reason_names[] = {
    [FILL_REASON_NO_TYPE] = "no_type",
    [FILL_REASON_HIDDEN] = "hidden",
    [FILL_REASON_NOT_EDITABLE] = "not_editable",
    [FILL_REASON_NO_DATA] = "no_data",
    [FILL_REASON_DOES_NOT_FIT] = "does_not_fit",
    [FILL_REASON_NO_OPTION_MATCHES] = "no_option_matches",
    [FILL_REASON_INSECURE_ORIGIN] = "insecure_origin",
    [FILL_REASON_DUPLICATE_ADDRESS] = "duplicate_address",
    [FILL_REASON_FORMAT_UNKNOWN] = "format_unknown",
    [FILL_REASON_NOT_CONSENTED] = "not_consented",
    [FILL_REASON_NEVER_STORED] = "never_stored",
    [FILL_REASON_FRAME_NOT_NAMED] = "frame_not_named",
};

const char *fill_reason_name(FillReason reason)
{
    g_return_val_if_fail((gsize)reason < G_N_ELEMENTS(reason_names), "no_type");
    return reason_names[reason];
}

void fill_plan_free(FillPlan *plan)
{
    if (plan == NULL)
        return;
    for (guint i = 0; i < plan->entries->len; i++) {
        FillEntry *entry = &g_array_index(plan->entries, FillEntry, i);
        explicit_bzero(entry->value, strlen(entry->value));
        g_free(entry->value);
        g_free(entry->format);
    }
    g_array_unref(plan->entries);
    g_array_unref(plan->skipped);
    g_free(plan->used.shipping_id);
    g_free(plan->used.billing_id);
    g_free(plan->used.card_id);
    g_free(plan);
}

/* ---- reading the persona ---------------------------------------------- */

static const cJSON *find_item(const cJSON *persona, const char *key, const char *id,
                              const char *label, gboolean first)
{
    const cJSON *found = cJSON_GetObjectItemCaseSensitive(persona, key);
    const cJSON *array = cJSON_IsArray(found) ? found : NULL;
    const cJSON *item;
    cJSON_ArrayForEach(item, array)
    {
        if (id != NULL && strcmp(fill_rules_string(item, "id"), id) == 0)
            return item;
        if (id == NULL && label != NULL &&
            g_ascii_strcasecmp(fill_rules_string(item, "label"), label) == 0)
            return item;
    }
    if (id == NULL && first && array != NULL)
        return cJSON_GetArrayItem(array, 0);
    return NULL;
}

/* The item of @key that @id names; without an id, unless @choice is pinned,
 * the item labelled @label, else (when @first) the first. */
static const cJSON *chosen_item(const cJSON *persona, const FillChoice *choice, const char *key,
                                const char *id, const char *label, gboolean first)
{
    if (choice->pinned)
        return id != NULL ? find_item(persona, key, id, NULL, FALSE) : NULL;
    return find_item(persona, key, id, label, first);
}

/* Whether shipping and billing may fill the same address: the user chose
 * it for both. */
static gboolean share_address(const FillChoice *choice)
{
    if (choice->pinned)
        return choice->share_address;
    return choice->shipping_id != NULL && choice->billing_id != NULL &&
           strcmp(choice->shipping_id, choice->billing_id) == 0;
}

static char *item_id(const cJSON *item)
{
    return item != NULL ? g_strdup(fill_rules_string(item, "id")) : NULL;
}

static gboolean check_choice(const cJSON *persona, const char *key, const char *id,
                             const char *what, GError **error)
{
    if (id == NULL || find_item(persona, key, id, NULL, FALSE) != NULL)
        return TRUE;
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                "The chosen %s is not in this persona (it may have been deleted). Choose "
                "another %s and try again.",
                what, what);
    return FALSE;
}

/* ---- pass 1 and 2: address blocks ------------------------------------- */

static const char *const address_types[] = {
    "street-address", "address-line1", "address-line2", "address-line3", "address-level1",
    "address-level2", "postal-code",   "country",       "country-name",
};

static gboolean is_address_type(const char *type)
{
    for (gsize i = 0; i < G_N_ELEMENTS(address_types); i++) {
        if (strcmp(type, address_types[i]) == 0)
            return TRUE;
    }
    return FALSE;
}

static gboolean is_street_type(const char *type)
{
    return strcmp(type, "street-address") == 0 || g_str_has_prefix(type, "address-line");
}

/* A house-number field: labelled so, and either typed as a street line or
 * unclassified right next to one (the classifier has no token for it). */
static void find_house_numbers(FillPlanner *p)
{
    for (size_t i = 0; i < p->n_fields; i++) {
        const FillField *field = &p->fields[i];
        p->sections[i] = field->section;
        if (!fill_address_is_house_number(field))
            continue;
        if (is_street_type(field->type)) {
            p->house_number[i] = TRUE;
            continue;
        }
        if (*field->type != '\0')
            continue;
        for (size_t j = i > 2 ? i - 2 : 0; j < MIN(i + 3, p->n_fields); j++) {
            if (j != i && is_street_type(p->fields[j].type) &&
                !fill_address_is_house_number(&p->fields[j])) {
                p->house_number[i] = TRUE;
                p->sections[i] = p->fields[j].section;
                break;
            }
        }
    }
}

/* The index of the block of @section, or -1. */
static gssize block_index(const FillPlanner *p, const char *section)
{
    for (size_t b = 0; b < p->n_blocks; b++) {
        if (strcmp(p->blocks[b].section, section) == 0)
            return (gssize)b;
    }
    return -1;
}

static gboolean address_used(const FillPlanner *p, const cJSON *address)
{
    for (size_t b = 0; b < p->n_blocks; b++) {
        if (p->blocks[b].address == address)
            return TRUE;
    }
    return FALSE;
}

static void assign_addresses(FillPlanner *p)
{
    const FillChoice *choice = p->choice;
    const cJSON *shipping = p->shipping;
    const cJSON *billing = p->billing;
    gboolean same_allowed = share_address(choice);
    if (p->n_blocks == 1) {
        /* One block: a billing-only checkout gets the billing address if
         * there is one, else the user's main address. */
        FillBlock *only = &p->blocks[0];
        only->address =
            strcmp(only->section, "billing") == 0 && billing != NULL ? billing : shipping;
        only->missing = FILL_REASON_NO_DATA;
        return;
    }
    /* Named blocks first, then the others in page order. A block left
     * without an address while the persona has some is a duplicate. */
    const cJSON *all = cJSON_GetObjectItemCaseSensitive(p->persona, "addresses");
    FillReason missing =
        cJSON_GetArraySize(all) > 0 ? FILL_REASON_DUPLICATE_ADDRESS : FILL_REASON_NO_DATA;
    for (int named = 1; named >= 0; named--) {
        for (size_t b = 0; b < p->n_blocks; b++) {
            FillBlock *block = &p->blocks[b];
            gboolean is_shipping = strcmp(block->section, "shipping") == 0;
            gboolean is_billing = strcmp(block->section, "billing") == 0;
            if ((is_shipping || is_billing) != (named == 1))
                continue;
            const cJSON *wanted[2] = {is_billing ? billing : shipping,
                                      is_shipping || is_billing ? NULL : billing};
            for (gsize w = 0; w < G_N_ELEMENTS(wanted) && block->address == NULL; w++) {
                if (wanted[w] != NULL && (same_allowed || !address_used(p, wanted[w])))
                    block->address = wanted[w];
            }
            block->missing = missing;
        }
    }
}

static void split_blocks(FillPlanner *p)
{
    for (size_t i = 0; i < p->n_fields; i++) {
        const char *type = p->fields[i].type;
        if (!is_address_type(type) && !p->house_number[i])
            continue;
        gssize found = block_index(p, p->sections[i]);
        FillBlock *block = &p->blocks[found >= 0 ? (size_t)found : p->n_blocks];
        if (found < 0) {
            block->section = p->sections[i];
            p->n_blocks++;
        }
        if (p->house_number[i])
            block->split_number = TRUE;
        else if (g_str_has_prefix(type, "address-line"))
            block->last_line = MAX(block->last_line, type[12] - '0');
    }
    assign_addresses(p);
    for (size_t b = 0; b < p->n_blocks; b++) {
        FillBlock *block = &p->blocks[b];
        const cJSON *lines = cJSON_GetObjectItemCaseSensitive(block->address, "lines");
        const cJSON *first = cJSON_IsArray(lines) ? cJSON_GetArrayItem(lines, 0) : NULL;
        if (block->split_number && cJSON_IsString(first))
            fill_address_split_street(first->valuestring, &block->street, &block->number);
    }
}

static gboolean is_select(const FillField *field)
{
    return field->tag == DESCRIPTOR_TAG_SELECT;
}

/* ---- planning one field ------------------------------------------------ */

static void skip(FillPlan *plan, const FillField *field, FillReason reason)
{
    FillSkip skipped = {field->index, reason};
    g_array_append_val(plan->skipped, skipped);
}

static void add_entry(FillPlan *plan, const FillTarget *t, const char *value, const char *format,
                      gboolean preview)
{
    FillEntry entry = {t->field->index, preview ? fill_mask_value(t->type, value) : g_strdup(value),
                       g_strdup(format), t->type,
                       t->block != NULL ? t->block->section : t->field->section};
    g_array_append_val(plan->entries, entry);
}

static void plan_select(const FillPlanner *p, const FillRule *rule, const FillTarget *t,
                        FillPlan *plan)
{
    int chosen;
    if (rule->select != NULL) {
        chosen = rule->select(p, t);
    } else {
        g_auto(FillCandidates) candidates = {0};
        rule->text(p, t, &candidates);
        if (candidates.n == 0) {
            skip(plan, t->field, FILL_REASON_NO_DATA);
            return;
        }
        const char *spellings[FILL_MAX_CANDIDATES + 1] = {NULL};
        for (size_t i = 0; i < candidates.n; i++)
            spellings[i] = candidates.items[i].value;
        chosen = fill_select_by_spelling(t->field, spellings);
    }
    if (chosen < 0) {
        skip(plan, t->field, FILL_REASON_NO_OPTION_MATCHES);
        return;
    }
    const FillOption *option = &t->field->options[chosen];
    add_entry(plan, t, option->value, "option", p->choice->preview);
}

static void plan_text(const FillPlanner *p, const FillRule *rule, const FillTarget *t,
                      FillPlan *plan)
{
    g_auto(FillCandidates) candidates = {0};
    rule->text(p, t, &candidates);
    if (candidates.n == 0) {
        gboolean date = strcmp(t->type, "bday") == 0;
        int year, month, day;
        skip(plan, t->field,
             date && fill_rules_birthday(p->persona, &year, &month, &day)
                 ? FILL_REASON_FORMAT_UNKNOWN
                 : FILL_REASON_NO_DATA);
        return;
    }
    const FillChoice *choice = p->choice;
    const char *preferred = choice->preferred_formats != NULL
                                ? g_hash_table_lookup(choice->preferred_formats, t->type)
                                : NULL;
    const char *avoided = choice->avoided_formats != NULL
                              ? g_hash_table_lookup(choice->avoided_formats, t->type)
                              : NULL;
    int chosen = fill_format_choose(t->field, &candidates, preferred, avoided);
    if (chosen < 0) {
        skip(plan, t->field, FILL_REASON_DOES_NOT_FIT);
        return;
    }
    const FillCandidate *candidate = &candidates.items[chosen];
    add_entry(plan, t, candidate->value, candidate->format, p->choice->preview);
}

/* Input types that never take a personal value, whatever the classifier
 * said: a value there would be lost, or worse, submitted as something else. */
static const char *const never_filled_inputs[] = {
    "password", "checkbox", "radio", "submit", "button", "reset",
    "file",     "image",    "range", "color",  "search",
};

static gboolean takes_values(const FillField *field)
{
    for (gsize i = 0; i < G_N_ELEMENTS(never_filled_inputs); i++) {
        if (g_strcmp0(field->input_type, never_filled_inputs[i]) == 0)
            return FALSE;
    }
    return TRUE;
}

static void plan_field(const FillPlanner *p, size_t i, FillPlan *plan)
{
    const FillField *field = &p->fields[i];
    FillTarget t = {field, p->house_number[i] ? "house-number" : field->type, NULL};
    if (!field->visible || g_strcmp0(field->input_type, "hidden") == 0) {
        skip(plan, field, FILL_REASON_HIDDEN);
        return;
    }
    if (!takes_values(field)) {
        skip(plan, field, FILL_REASON_NO_TYPE);
        return;
    }
    if (strcmp(t.type, "cc-csc") == 0) {
        skip(plan, field, FILL_REASON_NEVER_STORED);
        return;
    }
    const FillRule *rule = fill_rules_find(t.type);
    if (rule == NULL) {
        skip(plan, field, FILL_REASON_NO_TYPE);
        return;
    }
    if (field->disabled || field->readonly) {
        skip(plan, field, FILL_REASON_NOT_EDITABLE);
        return;
    }
    if (rule->needs == FILL_NEEDS_CARD &&
        (p->choice->origin == NULL || !origin_is_secure(p->choice->origin))) {
        skip(plan, field, FILL_REASON_INSECURE_ORIGIN);
        return;
    }
    if (rule->needs == FILL_NEEDS_CARD && p->card == NULL) {
        skip(plan, field, FILL_REASON_NO_DATA);
        return;
    }
    gssize block = block_index(p, p->sections[i]);
    t.block = block >= 0 ? &p->blocks[block] : NULL;
    /* No block: an address rule for a type that opens none (e.g. a
     * "house-number" a caller sent in "classified" without a street). */
    if (rule->needs == FILL_NEEDS_ADDRESS && t.block == NULL) {
        skip(plan, field, FILL_REASON_NO_TYPE);
        return;
    }
    if (rule->needs == FILL_NEEDS_ADDRESS && t.block->address == NULL) {
        skip(plan, field, t.block->missing);
        return;
    }
    if (is_select(field))
        plan_select(p, rule, &t, plan);
    else
        plan_text(p, rule, &t, plan);
}

static void planner_free(FillPlanner *p)
{
    for (size_t b = 0; b < p->n_blocks; b++) {
        if (p->blocks[b].street != NULL)
            explicit_bzero(p->blocks[b].street, strlen(p->blocks[b].street));
        if (p->blocks[b].number != NULL)
            explicit_bzero(p->blocks[b].number, strlen(p->blocks[b].number));
        g_free(p->blocks[b].street);
        g_free(p->blocks[b].number);
    }
    g_free(p->blocks);
    g_free(p->house_number);
    g_free(p->sections);
    fill_phone_clear(&p->phone);
    g_free(p);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FillPlanner, planner_free)

gboolean fill_plan(const FillField *fields, size_t n_fields, const cJSON *persona,
                   const FillChoice *choice, FillPlan **out, GError **error)
{
    g_return_val_if_fail((fields != NULL || n_fields == 0) && choice != NULL && out != NULL, FALSE);
    if (n_fields > FILL_MAX_FIELDS) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "The form has %zu fields; Keyfill plans at most %d at a time.", n_fields,
                    FILL_MAX_FIELDS);
        return FALSE;
    }
    if (!cJSON_IsObject(persona)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                    "The persona is not a persona object. Choose a persona and try again.");
        return FALSE;
    }
    if (!check_choice(persona, "addresses", choice->shipping_id, "shipping address", error) ||
        !check_choice(persona, "addresses", choice->billing_id, "billing address", error) ||
        !check_choice(persona, "cards", choice->card_id, "card", error))
        return FALSE;

    g_autoptr(FillPlanner) p = g_new0(FillPlanner, 1);
    p->fields = fields;
    p->n_fields = n_fields;
    p->persona = persona;
    p->choice = choice;
    p->card = chosen_item(persona, choice, "cards", choice->card_id, NULL, TRUE);
    p->email = find_item(persona, "emails", NULL, NULL, TRUE);
    const cJSON *phone = find_item(persona, "phones", NULL, NULL, TRUE);
    p->phone_ok =
        fill_phone_parse(fill_rules_string(phone, "number"), fill_rules_string(phone, "country"),
                         cJSON_IsString(cJSON_GetObjectItemCaseSensitive(phone, "extension"))
                             ? fill_rules_string(phone, "extension")
                             : NULL,
                         &p->phone);
    p->shipping = chosen_item(persona, choice, "addresses", choice->shipping_id, "shipping", TRUE);
    p->billing = chosen_item(persona, choice, "addresses", choice->billing_id, "billing", FALSE);
    const GeoCountry *home_country = geo_country_by_code(fill_rules_string(p->shipping, "country"));
    p->home_country = home_country != NULL ? home_country->alpha2 : NULL;
    p->blocks = g_new0(FillBlock, MAX(n_fields, 1));
    p->house_number = g_new0(gboolean, MAX(n_fields, 1));
    p->sections = g_new0(const char *, MAX(n_fields, 1));

    find_house_numbers(p);
    split_blocks(p);

    FillPlan *plan = g_new0(FillPlan, 1);
    plan->entries = g_array_new(FALSE, FALSE, sizeof(FillEntry));
    plan->skipped = g_array_new(FALSE, FALSE, sizeof(FillSkip));
    plan->used = (FillUsed){item_id(p->shipping), item_id(p->billing), item_id(p->card),
                            share_address(choice)};
    for (size_t i = 0; i < n_fields; i++)
        plan_field(p, i, plan);
    *out = plan;
    return TRUE;
}

cJSON *fill_plan_to_json(const FillPlan *plan, gboolean preview)
{
    g_return_val_if_fail(plan != NULL, NULL);
    cJSON *result = cJSON_CreateObject();
    cJSON *fill = cJSON_AddObjectToObject(result, "fill");
    cJSON *formats = cJSON_AddObjectToObject(result, "formats");
    for (guint i = 0; i < plan->entries->len; i++) {
        const FillEntry *entry = &g_array_index(plan->entries, FillEntry, i);
        char key[24];
        g_snprintf(key, sizeof key, "%" G_GINT64_FORMAT, entry->index);
        cJSON_AddStringToObject(fill, key, entry->value);
        cJSON_AddStringToObject(formats, key, entry->format);
    }
    cJSON *skipped = cJSON_AddArrayToObject(result, "skipped");
    for (guint i = 0; i < plan->skipped->len; i++) {
        const FillSkip *skip_entry = &g_array_index(plan->skipped, FillSkip, i);
        cJSON *item = cJSON_CreateObject();
        cJSON_AddNumberToObject(item, "index", (double)skip_entry->index);
        cJSON_AddStringToObject(item, "reason", fill_reason_name(skip_entry->reason));
        cJSON_AddItemToArray(skipped, item);
    }
    cJSON_AddBoolToObject(result, "preview", preview);
    return result;
}
