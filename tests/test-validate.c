/*
 * test-validate.c — walks tests/data/validate-cases.tsv: one row, one case.
 *
 * Each row names a check (card, expiry, email, phone, postal, country,
 * birthday, persona), an input, a context (a country, or "-") and one or
 * more expectations:
 *   =VALUE          accepted and normalised to VALUE (persona: =PATH=VALUE)
 *   ~TEXT           persona accepted with a warning containing TEXT
 *   !CODE [PATH]    rejected with the error whose wire name is CODE, the
 *                   message starting with "PATH: " for personas
 * Adding a case is adding a row. A separate case checks that the country
 * table holds every ISO code once and in order.
 */
#include "card.h"
#include "countries.h"
#include "errors.h"
#include "jsonfield.h"
#include "validate.h"
#include "json-path.h"

#include <string.h>

typedef struct {
    int line;
    char *check;
    char *input;
    char *context;
    GStrv expectations;
} Case;

static void case_free(gpointer data)
{
    Case *c = data;
    g_free(c->check);
    g_free(c->input);
    g_free(c->context);
    g_strfreev(c->expectations);
    g_free(c);
}

/* Runs the single-item check of @c; returns the normalised text or NULL. */
static char *run_single(const Case *c, GError **error)
{
    const char *country = strcmp(c->context, "-") == 0 ? NULL : c->context;
    char *out = NULL;
    if (strcmp(c->check, "card") == 0) {
        g_autofree char *digits = NULL;
        const char *network = NULL;
        if (card_check_number(c->input, &digits, &network, error))
            out = g_strdup_printf("%s %s", digits, network);
    } else if (strcmp(c->check, "expiry") == 0) {
        int month, year;
        if (card_parse_expiry(c->input, &month, &year, error))
            out = g_strdup_printf("%d/%d", month, year);
    } else if (strcmp(c->check, "email") == 0) {
        (void)validate_email(c->input, &out, error);
    } else if (strcmp(c->check, "phone") == 0) {
        (void)validate_phone(c->input, country, &out, error);
    } else if (strcmp(c->check, "postal") == 0) {
        (void)validate_postal_code(c->input, country, &out, error);
    } else if (strcmp(c->check, "country") == 0) {
        (void)validate_country(c->input, &out, error);
    } else if (strcmp(c->check, "birthday") == 0) {
        if (validate_birthday(c->input, error))
            out = g_strdup(c->input);
    } else {
        g_error("line %d: unknown check \"%s\"", c->line, c->check);
    }
    return out;
}

static void expect_error(const Case *c, const GError *error, const char *expectation)
{
    g_auto(GStrv) parts = g_strsplit(expectation + 1, " ", 2);
    if (error == NULL)
        g_error("line %d: accepted, expected %s", c->line, expectation);
    g_assert_true(error->domain == KEYFILL_ERROR);
    g_assert_cmpstr(keyfill_error_wire_name(error->code), ==, parts[0]);
    if (parts[1] != NULL) {
        g_autofree char *prefix = g_strconcat(parts[1], ": ", NULL);
        if (!g_str_has_prefix(error->message, prefix))
            g_error("line %d: message \"%s\" does not start with \"%s\"", c->line, error->message,
                    prefix);
    }
    /* A rejection never repeats the value it rejected. */
    if (strlen(c->input) >= 6 && strcmp(c->check, "persona") != 0)
        g_assert_null(strstr(error->message, c->input));
}

static void run_persona(const Case *c)
{
    g_autoptr(cJSON) persona = cJSON_Parse(c->input);
    g_assert_nonnull(persona);
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GError) error = NULL;
    gboolean ok = validate_persona(persona, warnings, &error);
    for (int i = 0; c->expectations[i] != NULL; i++) {
        const char *expectation = c->expectations[i];
        if (expectation[0] == '!') {
            expect_error(c, error, expectation);
            continue;
        }
        if (!ok)
            g_error("line %d: rejected: %s", c->line, error->message);
        if (expectation[0] == '~') {
            gboolean found = FALSE;
            for (guint w = 0; w < warnings->len; w++)
                found = found || strstr(g_ptr_array_index(warnings, w), expectation + 1) != NULL;
            if (!found)
                g_error("line %d: no warning \"%s\"", c->line, expectation + 1);
            continue;
        }
        const char *equals = strchr(expectation + 1, '=');
        g_assert_nonnull(equals);
        g_autofree char *path = g_strndup(expectation + 1, (gsize)(equals - expectation - 1));
        g_autofree char *actual = json_path_text(json_path_resolve(persona, path));
        if (g_strcmp0(actual, equals + 1) != 0)
            g_error("line %d: %s is \"%s\", expected \"%s\"", c->line, path, actual, equals + 1);
    }
    /* Validation is idempotent: a normalised persona validates to itself. */
    if (ok) {
        g_autofree char *once = cJSON_PrintUnformatted(persona);
        g_assert_true(validate_persona(persona, NULL, NULL));
        g_autofree char *twice = cJSON_PrintUnformatted(persona);
        g_assert_cmpstr(once, ==, twice);
    }
}

static void run_case(gconstpointer data)
{
    const Case *c = data;
    if (strcmp(c->check, "persona") == 0) {
        run_persona(c);
        return;
    }
    g_autoptr(GError) error = NULL;
    g_autofree char *out = run_single(c, &error);
    const char *expectation = c->expectations[0];
    if (expectation[0] == '!') {
        g_assert_null(out);
        expect_error(c, error, expectation);
        return;
    }
    if (out == NULL)
        g_error("line %d: rejected: %s", c->line, error->message);
    g_assert_cmpstr(out, ==, expectation + 1);
    /* Normalising twice changes nothing. */
    if (strcmp(c->check, "card") != 0 && strcmp(c->check, "expiry") != 0) {
        Case again = *c;
        again.input = out;
        g_autofree char *twice = run_single(&again, NULL);
        g_assert_cmpstr(twice, ==, out);
    }
}

static void check_country_row(const Country *country, void *user_data)
{
    const char **previous = user_data;
    g_assert_cmpuint(strlen(country->code), ==, 2);
    if (*previous != NULL)
        g_assert_cmpint(strcmp(*previous, country->code), <, 0);
    *previous = country->code;
    g_assert_true(countries_lookup(country->code) == country);
    g_assert_cmpuint(countries_calling_code_length(country->calling_code), ==,
                     strlen(country->calling_code));
    g_assert_cmpuint(country->nsn_min, <=, country->nsn_max);
}

static void test_country_table(void)
{
    const char *previous = NULL;
    countries_foreach(check_country_row, &previous);
    g_assert_nonnull(countries_lookup("gb"));
    g_assert_null(countries_lookup("UK"));
    g_assert_null(countries_lookup("G"));
}

static void test_mask(void)
{
    g_autofree char *mask = card_mask("4242424242424242");
    g_assert_cmpstr(mask, ==, "•••• 4242");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    const char *root = g_getenv("KEYFILL_SOURCE_ROOT");
    g_autofree char *path =
        g_build_filename(root != NULL ? root : ".", "tests", "data", "validate-cases.tsv", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    if (!g_file_get_contents(path, &text, NULL, &error))
        g_error("%s", error->message);
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func(case_free);
    for (int i = 0; lines[i] != NULL; i++) {
        if (lines[i][0] == '\0' || lines[i][0] == '#')
            continue;
        g_auto(GStrv) fields = g_strsplit(lines[i], "\t", -1);
        if (g_strv_length(fields) < 4)
            g_error("validate-cases.tsv line %d: needs 4 or more tab-separated fields", i + 1);
        Case *c = g_new0(Case, 1);
        c->line = i + 1;
        c->check = g_strdup(fields[0]);
        c->input = g_strdup(fields[1]);
        c->context = g_strdup(fields[2]);
        c->expectations = g_strdupv(fields + 3);
        g_ptr_array_add(cases, c);
        g_autofree char *name = g_strdup_printf("/validate/%s/line-%d", c->check, c->line);
        g_test_add_data_func(name, c, run_case);
    }
    g_test_add_func("/validate/country-table", test_country_table);
    g_test_add_func("/validate/mask", test_mask);
    return g_test_run();
}
