/*
 * test-fill.c — the fill planner, driven by tests/data/fill-cases.json.
 *
 * Each row of "cases" is one form (one field, or several for the rules that
 * look across fields), a persona from "personas", and what must come out:
 * for each field index either the exact value or {"reason": "..."} (a field
 * left out and why), optionally {"format": "..."} too. Select options can
 * come from a real-world list in tests/data/options/<file>.json. A row may
 * pin the choice ("pinned", "share_address": ids exactly, no defaults) and
 * say which addresses and card the plan must report as used ("used"). A row
 * becomes one gtest path, /fill/case/<name>, so a failure names its row.
 *
 * Besides the table: the descriptor limits (at the limit and one past),
 * every reason having a wire name, and masked previews never holding a
 * value.
 */
#include "errors.h"
#include "fill.h"
#include "fill_field.h"
#include "fill_format.h"
#include "fill_norm.h"
#include "geo_data.h"
#include "geo_vocab.h"
#include "jsonfield.h"

#include <string.h>

static cJSON *table; /* the parsed fill-cases.json */

static char *data_path(const char *relative)
{
    const char *root = g_getenv("KEYFILL_SOURCE_ROOT");
    g_assert_nonnull(root);
    return g_build_filename(root, "tests", "data", relative, NULL);
}

static cJSON *load_json(const char *relative)
{
    g_autofree char *path = data_path(relative);
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    g_file_get_contents(path, &text, NULL, &error);
    g_assert_no_error(error);
    cJSON *json = cJSON_Parse(text);
    if (json == NULL)
        g_error("%s is not valid JSON near: %.40s", path, cJSON_GetErrorPtr());
    return json;
}

/* The descriptor of one case field, with options read from their file. The
 * case keys "token" and "section" go to the classification instead. */
static cJSON *descriptor_of(const cJSON *case_field, int position, cJSON *classified)
{
    cJSON *descriptor = cJSON_Duplicate(case_field, TRUE);
    if (cJSON_GetObjectItem(descriptor, "index") == NULL)
        cJSON_AddNumberToObject(descriptor, "index", position);
    if (cJSON_GetObjectItem(descriptor, "tag") == NULL)
        cJSON_AddStringToObject(descriptor, "tag",
                                cJSON_GetObjectItem(descriptor, "options") != NULL ||
                                        cJSON_GetObjectItem(descriptor, "options_file") != NULL
                                    ? "select"
                                    : "input");
    if (cJSON_GetObjectItem(descriptor, "type") == NULL)
        cJSON_AddStringToObject(
            descriptor, "type",
            strcmp(cJSON_GetObjectItem(descriptor, "tag")->valuestring, "select") == 0
                ? "select-one"
                : "text");
    const cJSON *options_file = cJSON_GetObjectItem(descriptor, "options_file");
    if (options_file != NULL) {
        g_autofree char *relative = g_build_filename("options", options_file->valuestring, NULL);
        cJSON_AddItemToObject(descriptor, "options", load_json(relative));
        cJSON_DeleteItemFromObject(descriptor, "options_file");
    }
    cJSON *entry = cJSON_CreateObject();
    cJSON_AddNumberToObject(entry, "index", cJSON_GetObjectItem(descriptor, "index")->valueint);
    const cJSON *token = cJSON_GetObjectItem(case_field, "token");
    const cJSON *section = cJSON_GetObjectItem(case_field, "section");
    cJSON_AddStringToObject(entry, "type", token != NULL ? token->valuestring : "");
    cJSON_AddStringToObject(entry, "section", section != NULL ? section->valuestring : "");
    cJSON_AddItemToArray(classified, entry);
    cJSON_DeleteItemFromObject(descriptor, "token");
    cJSON_DeleteItemFromObject(descriptor, "section");
    return descriptor;
}

static const char *optional_string(const cJSON *object, const char *key)
{
    const cJSON *item = cJSON_GetObjectItem(object, key);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* The reason field @index was left out for, or NULL when it was not. */
static const char *reason_of(const cJSON *result, const char *index)
{
    const cJSON *skipped;
    cJSON_ArrayForEach(skipped, cJSON_GetObjectItem(result, "skipped"))
    {
        char key[16];
        g_snprintf(key, sizeof key, "%d", cJSON_GetObjectItem(skipped, "index")->valueint);
        if (strcmp(key, index) == 0)
            return cJSON_GetObjectItem(skipped, "reason")->valuestring;
    }
    return NULL;
}

static void check_expectation(const char *name, const cJSON *result, const char *index,
                              const cJSON *expected)
{
    const cJSON *value = cJSON_GetObjectItem(cJSON_GetObjectItem(result, "fill"), index);
    const char *got = value != NULL ? value->valuestring : NULL;
    const char *reason = reason_of(result, index);
    const char *wanted =
        cJSON_IsString(expected) ? expected->valuestring : optional_string(expected, "value");
    const char *wanted_reason = optional_string(expected, "reason");
    const char *wanted_format = optional_string(expected, "format");
    g_assert_true((got != NULL) != (reason != NULL)); /* exactly one outcome per field */
    if (wanted != NULL && g_strcmp0(got, wanted) != 0)
        g_test_fail_printf("case \"%s\": field %s is \"%s\" (%s), expected \"%s\"", name, index,
                           got != NULL ? got : "left out", reason != NULL ? reason : "filled",
                           wanted);
    if (wanted_reason != NULL && g_strcmp0(reason, wanted_reason) != 0)
        g_test_fail_printf("case \"%s\": field %s is \"%s\" (%s), expected left out for %s", name,
                           index, got != NULL ? got : "left out",
                           reason != NULL ? reason : "filled", wanted_reason);
    if (wanted_format != NULL) {
        const cJSON *used = cJSON_GetObjectItem(cJSON_GetObjectItem(result, "formats"), index);
        if (used == NULL || strcmp(used->valuestring, wanted_format) != 0)
            g_test_fail_printf("case \"%s\": field %s used format \"%s\", expected \"%s\"", name,
                               index, used != NULL ? used->valuestring : "(none)", wanted_format);
    }
}

/* Runs one row of the table. */
static void test_case(gconstpointer data)
{
    const cJSON *row = data;
    const char *name = optional_string(row, "name");
    const cJSON *personas = cJSON_GetObjectItem(table, "personas");
    const char *persona_name = optional_string(row, "persona");
    const cJSON *persona =
        cJSON_GetObjectItem(personas, persona_name != NULL ? persona_name : "ada");
    g_assert_nonnull(persona);

    g_autoptr(cJSON) descriptors = cJSON_CreateArray();
    g_autoptr(cJSON) classified = cJSON_CreateArray();
    const cJSON *single = cJSON_GetObjectItem(row, "field");
    if (single != NULL) {
        cJSON_AddItemToArray(descriptors, descriptor_of(single, 0, classified));
    } else {
        const cJSON *field;
        int position = 0;
        cJSON_ArrayForEach(field, cJSON_GetObjectItem(row, "fields"))
            cJSON_AddItemToArray(descriptors, descriptor_of(field, position++, classified));
    }

    g_autoptr(GError) error = NULL;
    g_autoptr(DescriptorList) list = descriptor_list_parse(descriptors, &error);
    g_assert_no_error(error);
    g_autoptr(FillFieldSet) set = fill_field_set_new(list);
    g_assert_true(fill_field_set_classify(set, classified, &error));
    g_assert_no_error(error);

    g_autoptr(GHashTable) preferred = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GHashTable) avoided = g_hash_table_new(g_str_hash, g_str_equal);
    const cJSON *remembered;
    cJSON_ArrayForEach(remembered, cJSON_GetObjectItem(row, "preferred"))
        g_hash_table_insert(preferred, remembered->string, remembered->valuestring);
    cJSON_ArrayForEach(remembered, cJSON_GetObjectItem(row, "avoided"))
        g_hash_table_insert(avoided, remembered->string, remembered->valuestring);
    const cJSON *preview = cJSON_GetObjectItem(row, "preview");
    FillChoice choice = {
        .origin = optional_string(row, "origin") != NULL ? optional_string(row, "origin")
                                                         : "https://shop.example",
        .shipping_id = optional_string(row, "shipping"),
        .billing_id = optional_string(row, "billing"),
        .card_id = optional_string(row, "card"),
        .pinned = cJSON_IsTrue(cJSON_GetObjectItem(row, "pinned")),
        .share_address = cJSON_IsTrue(cJSON_GetObjectItem(row, "share_address")),
        .preview = cJSON_IsTrue(preview),
        .preferred_formats = preferred,
        .avoided_formats = avoided,
    };
    g_autoptr(FillPlan) plan = NULL;
    gboolean ok = fill_plan(set->fields, set->n_fields, persona, &choice, &plan, &error);
    const char *wanted_error = optional_string(row, "error");
    if (wanted_error != NULL) {
        g_assert_false(ok);
        g_assert_nonnull(error);
        g_assert_cmpstr(keyfill_error_wire_name(error->code), ==, wanted_error);
        g_assert_null(plan);
        return;
    }
    g_assert_no_error(error);
    g_assert_true(ok);
    g_assert_cmpuint(plan->entries->len + plan->skipped->len, ==, set->n_fields);

    g_autoptr(cJSON) result = fill_plan_to_json(plan, choice.preview);
    const cJSON *format;
    cJSON_ArrayForEach(format, cJSON_GetObjectItem(result, "formats"))
    {
        if (!fill_format_is_known(format->valuestring))
            g_test_fail_printf("case \"%s\": format \"%s\" is not a known format id", name,
                               format->valuestring);
    }
    const cJSON *used = cJSON_GetObjectItem(row, "used");
    if (used != NULL) {
        g_assert_cmpstr(plan->used.shipping_id, ==, optional_string(used, "shipping"));
        g_assert_cmpstr(plan->used.billing_id, ==, optional_string(used, "billing"));
        g_assert_cmpstr(plan->used.card_id, ==, optional_string(used, "card"));
        g_assert_cmpint(plan->used.share_address, ==,
                        cJSON_IsTrue(cJSON_GetObjectItem(used, "share_address")));
    }
    const cJSON *expected = cJSON_GetObjectItem(row, "expect");
    g_assert_nonnull(expected);
    const cJSON *item;
    cJSON_ArrayForEach(item, expected) check_expectation(name, result, item->string, item);
}

static int count_fields(const cJSON *row)
{
    return cJSON_GetObjectItem(row, "field") != NULL
               ? 1
               : cJSON_GetArraySize(cJSON_GetObjectItem(row, "fields"));
}

/* ---- limits and invariants outside the table ---------------------------- */

static cJSON *text_descriptors(int count)
{
    cJSON *array = cJSON_CreateArray();
    for (int i = 0; i < count; i++) {
        cJSON *descriptor = cJSON_CreateObject();
        cJSON_AddNumberToObject(descriptor, "index", i);
        cJSON_AddItemToArray(array, descriptor);
    }
    return array;
}

/* fill_plan() takes FILL_MAX_FIELDS fields and refuses one more. */
static void test_field_limit(void)
{
    const cJSON *persona = cJSON_GetObjectItem(cJSON_GetObjectItem(table, "personas"), "ada");
    g_autofree FillField *fields = g_new0(FillField, FILL_MAX_FIELDS + 1);
    for (gsize i = 0; i <= FILL_MAX_FIELDS; i++)
        fields[i] = (FillField){.index = (gint64)i, .type = "", .section = "", .visible = TRUE};
    FillChoice choice = {.origin = "https://shop.example", .preview = TRUE};
    for (int extra = 0; extra <= 1; extra++) {
        g_autoptr(GError) error = NULL;
        g_autoptr(FillPlan) plan = NULL;
        gboolean ok = fill_plan(fields, FILL_MAX_FIELDS + extra, persona, &choice, &plan, &error);
        g_assert_cmpint(ok, ==, extra == 0);
        if (extra) {
            g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED);
            g_assert_null(plan);
        } else {
            g_assert_cmpuint(plan->skipped->len, ==, FILL_MAX_FIELDS);
        }
    }
}

static void test_classification_unknown_index(void)
{
    g_autoptr(cJSON) descriptors = text_descriptors(2);
    g_autoptr(cJSON) classified = cJSON_Parse("[{\"index\": 0, \"type\": \"email\"},"
                                              " {\"index\": 5, \"type\": \"tel\"}]");
    g_autoptr(GError) error = NULL;
    g_autoptr(DescriptorList) list = descriptor_list_parse(descriptors, &error);
    g_autoptr(FillFieldSet) set = fill_field_set_new(list);
    g_assert_false(fill_field_set_classify(set, classified, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT);
    g_assert_cmpstr(set->fields[0].type, ==, ""); /* nothing applied on failure */
}

static void test_reason_names(void)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (int reason = FILL_REASON_NO_TYPE; reason <= FILL_REASON_NEVER_STORED; reason++) {
        const char *name = fill_reason_name((FillReason)reason);
        g_assert_nonnull(name);
        g_assert_true(g_hash_table_add(seen, (gpointer)name));
    }
}

/* Every value of a full checkout preview is masked: none of the persona's
 * strings appears in the reply. */
static void test_preview_never_holds_values(void)
{
    const cJSON *persona = cJSON_GetObjectItem(cJSON_GetObjectItem(table, "personas"), "ada");
    static const char *const tokens[] = {
        "name",           "given-name",    "family-name",    "email",        "tel",
        "street-address", "address-line1", "address-level2", "postal-code",  "cc-name",
        "cc-number",      "cc-exp",        "bday",           "organization",
    };
    g_autoptr(cJSON) descriptors = text_descriptors(G_N_ELEMENTS(tokens));
    g_autoptr(cJSON) classified = cJSON_CreateArray();
    for (gsize i = 0; i < G_N_ELEMENTS(tokens); i++) {
        cJSON *entry = cJSON_CreateObject();
        cJSON_AddNumberToObject(entry, "index", (double)i);
        cJSON_AddStringToObject(entry, "type", tokens[i]);
        cJSON_AddItemToArray(classified, entry);
        cJSON_AddStringToObject(cJSON_GetArrayItem(descriptors, (int)i), "placeholder",
                                strcmp(tokens[i], "bday") == 0 ? "DD/MM/YYYY" : "");
    }
    g_autoptr(GError) error = NULL;
    g_autoptr(DescriptorList) list = descriptor_list_parse(descriptors, &error);
    g_assert_no_error(error);
    g_autoptr(FillFieldSet) set = fill_field_set_new(list);
    g_assert_true(fill_field_set_classify(set, classified, &error));
    FillChoice choice = {.origin = "https://shop.example", .preview = TRUE};
    g_autoptr(FillPlan) plan = NULL;
    g_assert_true(fill_plan(set->fields, set->n_fields, persona, &choice, &plan, &error));
    g_assert_cmpuint(plan->entries->len, ==, G_N_ELEMENTS(tokens));
    g_autoptr(cJSON) result = fill_plan_to_json(plan, TRUE);
    g_autofree char *printed = cJSON_PrintUnformatted(result);
    static const char *const secrets[] = {
        "Ada",  "Lovelace",         "ada@example.org", "7700900123", "Example Street", "London",
        "SW1A", "4242424242424242", "4242 4242",       "12/30",      "1815",           "Analytical",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(secrets); i++) {
        if (strstr(printed, secrets[i]) != NULL)
            g_error("preview holds \"%s\"", secrets[i]);
    }
    g_assert_nonnull(strstr(printed, "\u2022\u2022\u2022\u2022 4242"));
}

/* Every country name in the table resolves to its own country, unless
 * another country claims it too. */
static void test_country_names_resolve(void)
{
    const FillVocab *vocab = geo_country_vocab();
    for (gsize i = 0; i < geo_countries_count; i++) {
        g_autofree char *name = geo_country_display_name(&geo_countries[i]);
        g_autofree char *key = fill_norm_text(name);
        int id = fill_vocab_lookup(vocab, key);
        if (id != (int)i)
            g_error("the display name of %s resolves to %d", geo_countries[i].alpha2, id);
        g_autofree char *code = fill_norm_text(geo_countries[i].alpha2);
        g_assert_cmpint(fill_vocab_lookup(vocab, code), ==, (int)i);
    }
    g_assert_cmpuint(geo_countries_count, >=, 249);
}

/* @built (compiled at build time) holds exactly the names of @now. */
static void assert_same_vocab(const FillVocab *built, const FillVocab *now)
{
    gsize n = 0;
    g_autofree const char **names = fill_vocab_sorted_names(now, &n);
    g_assert_null(built->ids);
    g_assert_cmpuint(built->n_entries, ==, n);
    for (gsize i = 0; i < n; i++) {
        int id = fill_vocab_lookup(now, names[i]);
        g_assert_cmpstr(built->keys + built->entries[i].key, ==, names[i]);
        g_assert_cmpint(built->entries[i].id, ==, id);
        g_assert_cmpint(fill_vocab_lookup(built, names[i]), ==, id);
    }
    g_assert_cmpint(fill_vocab_lookup(built, "no such place"), ==, FILL_VOCAB_NONE);
}

/* The vocabularies compiled at build time (geo_vocab_data.c) are what
 * building them from the tables now gives. */
static void test_geo_vocab_current(void)
{
    g_autoptr(FillVocab) countries = geo_vocab_build_countries();
    assert_same_vocab(geo_country_vocab(), countries);
    for (gsize c = 0; c < geo_vocab_region_countries_count; c++) {
        const char *alpha2 = geo_vocab_region_countries[c];
        g_autoptr(FillVocab) regions = geo_vocab_build_regions(alpha2);
        g_assert_cmpuint(g_hash_table_size(regions->ids), >, 0);
        assert_same_vocab(geo_region_vocab(alpha2), regions);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    table = load_json("fill-cases.json");
    const cJSON *row;
    int rows = 0, fields = 0;
    g_autoptr(GHashTable) names = g_hash_table_new(g_str_hash, g_str_equal);
    cJSON_ArrayForEach(row, cJSON_GetObjectItem(table, "cases"))
    {
        const char *name = optional_string(row, "name");
        g_assert_nonnull(name);
        if (!g_hash_table_add(names, (gpointer)name))
            g_error("two cases are named \"%s\"", name);
        g_autofree char *path = g_strdup_printf("/fill/case/%s", name);
        g_test_add_data_func(path, row, test_case);
        rows++;
        fields += count_fields(row);
    }
    g_test_message("%d cases, %d fields", rows, fields);
    g_test_add_func("/fill/limits/fields", test_field_limit);
    g_test_add_func("/fill/descriptors/classification-unknown-index",
                    test_classification_unknown_index);
    g_test_add_func("/fill/reasons/names", test_reason_names);
    g_test_add_func("/fill/preview/never-holds-values", test_preview_never_holds_values);
    g_test_add_func("/fill/geo/country-names-resolve", test_country_names_resolve);
    g_test_add_func("/fill/geo/vocab-current", test_geo_vocab_current);
    int status = g_test_run();
    cJSON_Delete(table);
    return status;
}
