/*
 * test-jsonprint.c — replies printed without printf are the bytes cJSON
 * prints, for every kind of number and nesting.
 */
#include "jsonfield.h"
#include "jsonprint.h"

#include <math.h>
#include <string.h>

/* jsonprint_compact() of a copy of @json equals cJSON_PrintUnformatted(). */
static void assert_same_bytes(const cJSON *json)
{
    char *expected = cJSON_PrintUnformatted(json);
    g_autoptr(cJSON) copy = cJSON_Duplicate(json, TRUE);
    size_t length = 0;
    g_autofree char *printed = jsonprint_compact(copy, &length);
    g_assert_cmpstr(printed, ==, expected);
    g_assert_cmpuint(length, ==, strlen(expected));
    cJSON_free(expected);
}

static void test_numbers(void)
{
    const double numbers[] = {
        0, 1, -1, 7, 42, -42, 1000, 123456789, -123456789012, 4294967296.0,
        999999999999999.0, -999999999999999.0,             /* the last plain integers */
        1e15, -1e15, 1234567890123456.0, 9007199254740993.0, /* %g's exponent from here */
        1e300, -1e300, 0.5, -0.25, 1.1, 3.141592653589793, 1e-7, 123.456,
        -0.0, /* %g prints "-0" */
        INFINITY, -INFINITY, NAN,
    };
    for (gsize i = 0; i < G_N_ELEMENTS(numbers); i++) {
        g_autoptr(cJSON) number = cJSON_CreateNumber(numbers[i]);
        assert_same_bytes(number);
        g_autoptr(cJSON) object = cJSON_CreateObject();
        cJSON_AddNumberToObject(object, "n", numbers[i]);
        assert_same_bytes(object);
    }
}

/* Numbers in arrays and objects at every depth, beside other values; only
 * the item printed is changed, not its siblings. */
static void test_nested(void)
{
    g_autoptr(cJSON) json = cJSON_Parse(
        "{\"id\":17,\"ok\":true,\"result\":{\"fields\":[{\"index\":0,\"type\":\"email\","
        "\"evidence\":[\"autocomplete:email\"]},{\"index\":12,\"score\":0.75,\"n\":null,"
        "\"deep\":[[[-3,4.5,[6]]]]}],\"count\":2,\"raw\":\"12\"},\"empty\":{},\"list\":[]}");
    g_assert_nonnull(json);
    assert_same_bytes(json);

    g_autoptr(cJSON) array = cJSON_Parse("[1,2,{\"n\":3}]");
    size_t length = 0;
    g_autofree char *printed = jsonprint_compact(cJSON_GetArrayItem(array, 0), &length);
    g_assert_cmpstr(printed, ==, "1");
    g_assert_true(cJSON_IsNumber(cJSON_GetArrayItem(array, 1)));
    g_assert_true(cJSON_IsNumber(cJSON_GetObjectItem(cJSON_GetArrayItem(array, 2), "n")));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/jsonprint/numbers", test_numbers);
    g_test_add_func("/jsonprint/nested", test_nested);
    return g_test_run();
}
