/*
 * test-descriptor.c — descriptors are parsed whole and bounded: every limit
 * is tested at the limit and one past it.
 */
#include "descriptor.h"
#include "errors.h"
#include "jsonfield.h"

#include <string.h>

static cJSON *one_field(void)
{
    cJSON *field = cJSON_CreateObject();
    cJSON_AddNumberToObject(field, "index", 4);
    cJSON_AddStringToObject(field, "tag", "select");
    return field;
}

static DescriptorList *parse_one(cJSON *field, GError **error)
{
    g_autoptr(cJSON) array = cJSON_CreateArray();
    cJSON_AddItemToArray(array, field);
    return descriptor_list_parse(array, error);
}

static void test_full(void)
{
    const char *json =
        "[{\"index\": 17, \"frame\": 1, \"form\": 2, \"tag\": \"input\", \"type\": \"TEXT\","
        " \"name\": \"billing_first_name\", \"id\": \"bfn\", \"autocomplete\": \"given-name\","
        " \"label\": \"First name\", \"labels\": {\"for\": \"First name *\", \"enclosing\": \"E\","
        " \"aria_label\": \"A\", \"aria_labelledby\": \"B\", \"placeholder\": \"e.g. Jane\","
        " \"title\": \"T\", \"preceding\": \"Billing\", \"column\": \"C\", \"legend\": \"L\"},"
        " \"maxlength\": 35, \"minlength\": 2, \"size\": 20, \"pattern\": \"[a-z]+\","
        " \"inputmode\": \"text\", \"value_present\": true, \"visible\": false,"
        " \"disabled\": true, \"readonly\": true, \"future_key\": [1, 2]},"
        " {\"index\": 18, \"tag\": \"select\", \"placeholder\": \"Pick\","
        "  \"options\": [{\"value\": \"CA\", \"text\": \"California\"}, {\"value\": \"NY\"}],"
        "  \"options_total\": 52}]";
    g_autoptr(cJSON) array = cJSON_Parse(json);
    g_autoptr(GError) error = NULL;
    g_autoptr(DescriptorList) list = descriptor_list_parse(array, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(list->n_fields, ==, 2);
    const Descriptor *f = &list->fields[0];
    g_assert_cmpint(f->index, ==, 17);
    g_assert_cmpint(f->frame, ==, 1);
    g_assert_cmpint(f->form, ==, 2);
    g_assert_cmpint(f->tag, ==, DESCRIPTOR_TAG_INPUT);
    g_assert_cmpstr(f->type, ==, "text");
    g_assert_cmpstr(f->text[DESCRIPTOR_TEXT_NAME], ==, "billing_first_name");
    g_assert_cmpstr(f->text[DESCRIPTOR_TEXT_ID], ==, "bfn");
    g_assert_cmpstr(f->text[DESCRIPTOR_TEXT_LABEL], ==, "First name");
    g_assert_cmpstr(f->text[DESCRIPTOR_TEXT_FOR], ==, "First name *");
    g_assert_cmpstr(f->text[DESCRIPTOR_TEXT_ENCLOSING], ==, "E");
    g_assert_cmpstr(f->text[DESCRIPTOR_TEXT_ARIA_LABEL], ==, "A");
    g_assert_cmpstr(f->text[DESCRIPTOR_TEXT_ARIA_LABELLEDBY], ==, "B");
    g_assert_cmpstr(f->text[DESCRIPTOR_TEXT_PLACEHOLDER], ==, "e.g. Jane");
    g_assert_cmpstr(f->text[DESCRIPTOR_TEXT_TITLE], ==, "T");
    g_assert_cmpstr(f->text[DESCRIPTOR_TEXT_PRECEDING], ==, "Billing");
    g_assert_cmpstr(f->text[DESCRIPTOR_TEXT_COLUMN], ==, "C");
    g_assert_cmpstr(f->text[DESCRIPTOR_TEXT_LEGEND], ==, "L");
    g_assert_cmpstr(f->autocomplete, ==, "given-name");
    g_assert_cmpstr(f->pattern, ==, "[a-z]+");
    g_assert_cmpstr(f->inputmode, ==, "text");
    g_assert_cmpint(f->maxlength, ==, 35);
    g_assert_cmpint(f->minlength, ==, 2);
    g_assert_cmpint(f->size, ==, 20);
    g_assert_true(f->value_present && !f->visible && f->disabled && f->readonly);
    g_assert_cmpuint(f->n_options, ==, 0);

    const Descriptor *s = &list->fields[1];
    g_assert_cmpstr(s->type, ==, "select-one");
    g_assert_cmpint(s->form, ==, -1);
    g_assert_true(s->visible);
    g_assert_cmpint(s->maxlength, ==, -1);
    g_assert_cmpstr(s->text[DESCRIPTOR_TEXT_PLACEHOLDER], ==, "Pick");
    g_assert_cmpstr(s->text[DESCRIPTOR_TEXT_LABEL], ==, "");
    g_assert_cmpuint(s->n_options, ==, 2);
    g_assert_cmpstr(s->options[0].text, ==, "California");
    g_assert_cmpstr(s->options[1].value, ==, "NY");
    g_assert_cmpstr(s->options[1].text, ==, "");
    g_assert_cmpint(s->options_total, ==, 52);
}

static void expect_error(cJSON *field, int code, const char *fragment)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(DescriptorList) list = parse_one(field, &error);
    g_assert_null(list);
    g_assert_error(error, KEYFILL_ERROR, code);
    g_assert_nonnull(strstr(error->message, "descriptor 0"));
    if (fragment != NULL && strstr(error->message, fragment) == NULL)
        g_error("\"%s\" not in \"%s\"", fragment, error->message);
}

static void expect_ok(cJSON *field)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(DescriptorList) list = parse_one(field, &error);
    g_assert_no_error(error);
    g_assert_nonnull(list);
}

static void test_string_limits(void)
{
    static const struct {
        const char *key;
        gboolean in_labels;
        size_t limit;
    } keys[] = {
        {"name", FALSE, DESCRIPTOR_MAX_ATTRIBUTE},
        {"id", FALSE, DESCRIPTOR_MAX_ATTRIBUTE},
        {"autocomplete", FALSE, DESCRIPTOR_MAX_ATTRIBUTE},
        {"pattern", FALSE, DESCRIPTOR_MAX_ATTRIBUTE},
        {"label", FALSE, DESCRIPTOR_MAX_LABEL},
        {"placeholder", FALSE, DESCRIPTOR_MAX_LABEL},
        {"preceding", TRUE, DESCRIPTOR_MAX_LABEL},
        {"legend", TRUE, DESCRIPTOR_MAX_LABEL},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(keys); i++) {
        for (size_t length = keys[i].limit; length <= keys[i].limit + 1; length++) {
            g_autofree char *text = g_strnfill(length, 'x');
            cJSON *field = one_field();
            cJSON *target = keys[i].in_labels ? cJSON_AddObjectToObject(field, "labels") : field;
            cJSON_AddStringToObject(target, keys[i].key, text);
            if (length == keys[i].limit)
                expect_ok(field);
            else
                expect_error(field, KEYFILL_ERROR_LIMIT_EXCEEDED, keys[i].key);
        }
    }
}

static cJSON *with_options(int count, size_t text_length)
{
    cJSON *field = one_field();
    cJSON *options = cJSON_AddArrayToObject(field, "options");
    g_autofree char *text = g_strnfill(text_length, 'o');
    for (int i = 0; i < count; i++) {
        cJSON *option = cJSON_CreateObject();
        cJSON_AddStringToObject(option, "value", "v");
        cJSON_AddStringToObject(option, "text", text);
        cJSON_AddItemToArray(options, option);
    }
    return field;
}

static void test_option_limits(void)
{
    expect_ok(with_options(DESCRIPTOR_MAX_OPTIONS, 1));
    expect_error(with_options(DESCRIPTOR_MAX_OPTIONS + 1, 1), KEYFILL_ERROR_LIMIT_EXCEEDED,
                 "options");
    expect_ok(with_options(1, DESCRIPTOR_MAX_OPTION_TEXT));
    expect_error(with_options(1, DESCRIPTOR_MAX_OPTION_TEXT + 1), KEYFILL_ERROR_LIMIT_EXCEEDED,
                 "text");
}

/* Appends @field to @array with the next index (indexes must be unique). */
static void add_indexed(cJSON *array, cJSON *field)
{
    cJSON_ReplaceItemInObject(field, "index", cJSON_CreateNumber(cJSON_GetArraySize(array)));
    cJSON_AddItemToArray(array, field);
}

static void test_total_options(void)
{
    /* Exactly the request-wide option limit, then one more option. */
    int selects = DESCRIPTOR_MAX_TOTAL_OPTIONS / DESCRIPTOR_MAX_OPTIONS;
    g_autoptr(cJSON) array = cJSON_CreateArray();
    for (int i = 0; i < selects; i++)
        add_indexed(array, with_options(DESCRIPTOR_MAX_OPTIONS, 1));
    add_indexed(array, with_options(DESCRIPTOR_MAX_TOTAL_OPTIONS % DESCRIPTOR_MAX_OPTIONS, 1));
    g_autoptr(GError) error = NULL;
    DescriptorList *list = descriptor_list_parse(array, &error);
    g_assert_no_error(error);
    descriptor_list_free(list);
    add_indexed(array, with_options(1, 1));
    list = descriptor_list_parse(array, &error);
    g_assert_null(list);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED);
}

static void test_field_limit(void)
{
    g_autoptr(cJSON) array = cJSON_CreateArray();
    for (int i = 0; i < DESCRIPTOR_MAX_FIELDS; i++) {
        cJSON *field = cJSON_CreateObject();
        cJSON_AddNumberToObject(field, "index", i);
        cJSON_AddItemToArray(array, field);
    }
    g_autoptr(GError) error = NULL;
    DescriptorList *list = descriptor_list_parse(array, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(list->n_fields, ==, DESCRIPTOR_MAX_FIELDS);
    descriptor_list_free(list);
    cJSON *extra = cJSON_CreateObject();
    cJSON_AddNumberToObject(extra, "index", DESCRIPTOR_MAX_FIELDS);
    cJSON_AddItemToArray(array, extra);
    list = descriptor_list_parse(array, &error);
    g_assert_null(list);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED);
}

/* Descriptors with one bad member, the error each gives and a word its
 * message must contain. */
static const struct {
    const char *json;
    int code;
    const char *fragment;
} bad_shapes[] = {
    {"{\"index\": 4, \"tag\": \"button\"}", KEYFILL_ERROR_BAD_DESCRIPTOR, "tag"},
    {"{\"index\": 4, \"name\": 3}", KEYFILL_ERROR_WRONG_TYPE, "name"},
    {"{\"index\": 4, \"labels\": \"not an object\"}", KEYFILL_ERROR_WRONG_TYPE, "labels"},
    {"{\"index\": 4, \"labels\": {\"for\": true}}", KEYFILL_ERROR_WRONG_TYPE, "for"},
    {"{\"index\": 4, \"options\": [\"x\"]}", KEYFILL_ERROR_WRONG_TYPE, "Option 0"},
    {"{\"index\": 4, \"options\": [{\"text\": 1}]}", KEYFILL_ERROR_WRONG_TYPE, "text"},
    /* A repeated key would be read twice (the option pool is sized once). */
    {"{\"index\": 4, \"options\": [], \"options\": [{}]}", KEYFILL_ERROR_BAD_DESCRIPTOR,
     "\"options\" more than once"},
    {"{\"index\": 4, \"options\": null, \"options\": [{}]}", KEYFILL_ERROR_BAD_DESCRIPTOR,
     "options"},
    {"{\"index\": 4, \"index\": 5}", KEYFILL_ERROR_BAD_DESCRIPTOR, "index"},
    {"{\"index\": 4, \"maxlength\": 1.5}", KEYFILL_ERROR_WRONG_TYPE, "maxlength"},
    {"{\"index\": 4, \"form\": -2}", KEYFILL_ERROR_INVALID_ARGUMENT, "form"},
    {"{\"index\": 4, \"visible\": \"yes\"}", KEYFILL_ERROR_WRONG_TYPE, "visible"},
    {"{\"tag\": \"input\"}", KEYFILL_ERROR_MISSING_FIELD, "index"},
    {"\"field\"", KEYFILL_ERROR_WRONG_TYPE, "object"},
};

static void test_bad_shapes(void)
{
    for (gsize i = 0; i < G_N_ELEMENTS(bad_shapes); i++) {
        cJSON *field = cJSON_Parse(bad_shapes[i].json);
        g_assert_nonnull(field);
        expect_error(field, bad_shapes[i].code, bad_shapes[i].fragment);
    }

    g_autoptr(GError) error = NULL;
    g_autoptr(cJSON) not_array = cJSON_CreateObject();
    g_assert_null(descriptor_list_parse(not_array, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE);

    /* Two fields with one index: a fill map could not tell them apart. */
    g_clear_error(&error);
    g_autoptr(cJSON) same_index = cJSON_Parse("[{\"index\": 1}, {\"index\": 2}, {\"index\": 1}]");
    g_assert_null(descriptor_list_parse(same_index, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull(strstr(error->message, "same index 1"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/descriptor/full", test_full);
    g_test_add_func("/descriptor/string-limits", test_string_limits);
    g_test_add_func("/descriptor/option-limits", test_option_limits);
    g_test_add_func("/descriptor/total-options", test_total_options);
    g_test_add_func("/descriptor/field-limit", test_field_limit);
    g_test_add_func("/descriptor/bad-shapes", test_bad_shapes);
    return g_test_run();
}
