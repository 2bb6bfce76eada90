/*
 * bench-fill.c — time to plan a 30-field checkout (descriptors read,
 * planned, reply built), median over many runs, in microseconds.
 *
 *   meson test -C build --benchmark fill     (or run build/tests/bench-fill)
 *
 * The form: contact, a shipping and a billing block with a 249-country
 * select and a US-state select each, NANP phone boxes, a card with month
 * and year selects, and a birthday. Options come from tests/data/options/
 * ($KEYFILL_SOURCE_ROOT). The first run (vocabularies built) is reported
 * apart: it is paid once per host process.
 */
#include "fill.h"
#include "fill_field.h"
#include "jsonfield.h"

#include <stdio.h>
#include <stdlib.h>

#define RUNS 2000

static const char persona_json[] =
    "{\"id\": \"p\", \"name\": {\"prefix\": \"Mr\", \"given\": \"Joe\", \"additional\": \"Q\","
    " \"family\": \"Public\"}, \"birthday\": \"1990-07-04\","
    " \"emails\": [{\"id\": \"e\", \"address\": \"joe@example.com\"}],"
    " \"phones\": [{\"id\": \"t\", \"country\": \"US\", \"number\": \"+12025550143\"}],"
    " \"addresses\": [{\"id\": \"s\", \"label\": \"shipping\", \"lines\": [\"1600 Pennsylvania "
    "Avenue NW\"],"
    "   \"city\": \"Washington\", \"region\": \"DC\", \"postal_code\": \"20500\", \"country\": "
    "\"US\"},"
    "  {\"id\": \"b\", \"label\": \"billing\", \"lines\": [\"350 Fifth Avenue\", \"Floor 3\"],"
    "   \"city\": \"New York\", \"region\": \"New York\", \"postal_code\": \"10118\", \"country\": "
    "\"US\"}],"
    " \"cards\": [{\"id\": \"c\", \"holder\": \"Joe Public\", \"number\": \"4111111111111111\","
    "   \"exp_month\": 9, \"exp_year\": 2031, \"network\": \"visa\"}]}";

/* token, section, options file or NULL, placeholder */
static const char *const form[][4] = {
    {"email", "contact", NULL, "you@example.com"},
    {"given-name", "shipping", NULL, ""},
    {"family-name", "shipping", NULL, ""},
    {"address-line1", "shipping", NULL, ""},
    {"address-line2", "shipping", NULL, ""},
    {"address-level2", "shipping", NULL, ""},
    {"address-level1", "shipping", "us-states-code.json", ""},
    {"postal-code", "shipping", NULL, ""},
    {"country", "shipping", "countries-iso-en.json", ""},
    {"tel-area-code", "shipping", NULL, ""},
    {"tel-local-prefix", "shipping", NULL, ""},
    {"tel-local-suffix", "shipping", NULL, ""},
    {"given-name", "billing", NULL, ""},
    {"family-name", "billing", NULL, ""},
    {"address-line1", "billing", NULL, ""},
    {"address-line2", "billing", NULL, ""},
    {"address-level2", "billing", NULL, ""},
    {"address-level1", "billing", "us-states-name.json", ""},
    {"postal-code", "billing", NULL, ""},
    {"country", "billing", "countries-iso-en.json", ""},
    {"tel", "billing", NULL, "(555) 555-5555"},
    {"cc-name", "card", NULL, ""},
    {"cc-number", "card", NULL, "1234 5678 9012 3456"},
    {"cc-exp-month", "card", "months-01-jan.json", ""},
    {"cc-exp-year", "card", "years-4digit.json", ""},
    {"cc-csc", "card", NULL, "CVC"},
    {"bday", "", NULL, "MM/DD/YYYY"},
    {"organization", "", NULL, ""},
    {"honorific-prefix", "", "titles-en.json", ""},
    {"name", "contact", NULL, ""},
};

static cJSON *load_options(const char *file)
{
    const char *root = g_getenv("KEYFILL_SOURCE_ROOT");
    g_autofree char *path =
        g_build_filename(root != NULL ? root : ".", "tests", "data", "options", file, NULL);
    g_autofree char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL)) {
        fprintf(stderr, "bench-fill: cannot read %s (set KEYFILL_SOURCE_ROOT)\n", path);
        exit(1);
    }
    return cJSON_Parse(text);
}

static int compare(const void *a, const void *b)
{
    gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    g_autoptr(cJSON) descriptors = cJSON_CreateArray();
    g_autoptr(cJSON) classified = cJSON_CreateArray();
    for (gsize i = 0; i < G_N_ELEMENTS(form); i++) {
        cJSON *descriptor = cJSON_CreateObject();
        cJSON_AddNumberToObject(descriptor, "index", (double)i);
        cJSON_AddStringToObject(descriptor, "tag", form[i][2] != NULL ? "select" : "input");
        cJSON_AddStringToObject(descriptor, "type", form[i][2] != NULL ? "select-one" : "text");
        cJSON_AddStringToObject(descriptor, "placeholder", form[i][3]);
        if (form[i][2] != NULL)
            cJSON_AddItemToObject(descriptor, "options", load_options(form[i][2]));
        cJSON_AddItemToArray(descriptors, descriptor);
        cJSON *entry = cJSON_CreateObject();
        cJSON_AddNumberToObject(entry, "index", (double)i);
        cJSON_AddStringToObject(entry, "type", form[i][0]);
        cJSON_AddStringToObject(entry, "section", form[i][1]);
        cJSON_AddItemToArray(classified, entry);
    }
    g_autoptr(cJSON) persona = cJSON_Parse(persona_json);
    FillChoice choice = {.origin = "https://shop.example", .preview = FALSE};

    static gint64 times[RUNS + 1];
    guint filled = 0;
    for (int run = 0; run <= RUNS; run++) {
        gint64 start = g_get_monotonic_time();
        g_autoptr(GError) error = NULL;
        g_autoptr(DescriptorList) list = descriptor_list_parse(descriptors, &error);
        g_autoptr(FillFieldSet) set = list != NULL ? fill_field_set_new(list) : NULL;
        g_autoptr(FillPlan) plan = NULL;
        if (list == NULL || !fill_field_set_classify(set, classified, &error) ||
            !fill_plan(set->fields, set->n_fields, persona, &choice, &plan, &error)) {
            fprintf(stderr, "bench-fill: %s\n", error->message);
            return 1;
        }
        cJSON *reply = fill_plan_to_json(plan, FALSE);
        cJSON_Delete(reply);
        times[run] = g_get_monotonic_time() - start;
        filled = plan->entries->len;
    }
    qsort(times + 1, RUNS, sizeof times[0], compare);
    printf("fill.plan, 30-field checkout (%u filled): first run %" G_GINT64_FORMAT
           " µs (builds vocabularies), median %" G_GINT64_FORMAT " µs, p90 %" G_GINT64_FORMAT
           " µs over %d runs\n",
           filled, times[0], times[1 + RUNS / 2], times[1 + RUNS * 9 / 10], RUNS);
    return 0;
}
