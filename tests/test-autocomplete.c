/*
 * test-autocomplete.c — the WHATWG autofill grammar, one row per value.
 */
#include "autocomplete.h"

#include <string.h>

static const struct {
    const char *value;
    AutocompleteKind kind;
    const char *field;   /* FIELD only */
    const char *hint;    /* NULL = none */
    const char *contact; /* NULL = none */
    const char *section; /* "" = none */
    gboolean webauthn;
} cases[] = {
    {NULL, AUTOCOMPLETE_ABSENT, NULL, NULL, NULL, "", FALSE},
    {"  ", AUTOCOMPLETE_ABSENT, NULL, NULL, NULL, "", FALSE},
    {"on", AUTOCOMPLETE_ON, NULL, NULL, NULL, "", FALSE},
    {"OFF", AUTOCOMPLETE_OFF, NULL, NULL, NULL, "", FALSE},
    {"given-name", AUTOCOMPLETE_FIELD, "given-name", NULL, NULL, "", FALSE},
    {" Email ", AUTOCOMPLETE_FIELD, "email", NULL, NULL, "", FALSE},
    {"shipping street-address", AUTOCOMPLETE_FIELD, "street-address", "shipping", NULL, "", FALSE},
    {"billing cc-number", AUTOCOMPLETE_FIELD, "cc-number", "billing", NULL, "", FALSE},
    {"section-gift shipping home email", AUTOCOMPLETE_FIELD, "email", "shipping", "home", "gift",
     FALSE},
    {"section-A work tel", AUTOCOMPLETE_FIELD, "tel", NULL, "work", "a", FALSE},
    {"mobile tel-national", AUTOCOMPLETE_FIELD, "tel-national", NULL, "mobile", "", FALSE},
    {"username webauthn", AUTOCOMPLETE_FIELD, "username", NULL, NULL, "", TRUE},
    {"current-password webauthn", AUTOCOMPLETE_FIELD, "current-password", NULL, NULL, "", TRUE},
    {"one-time-code", AUTOCOMPLETE_FIELD, "one-time-code", NULL, NULL, "", FALSE},
    /* invalid: a contact modifier before a non-contact field, wrong order,
     * unknown tokens, too many tokens, "off" with more */
    {"home given-name", AUTOCOMPLETE_INVALID, NULL, NULL, NULL, "", FALSE},
    {"shipping section-a email", AUTOCOMPLETE_INVALID, NULL, NULL, NULL, "", FALSE},
    {"nope", AUTOCOMPLETE_INVALID, NULL, NULL, NULL, "", FALSE},
    {"chrome-off", AUTOCOMPLETE_INVALID, NULL, NULL, NULL, "", FALSE},
    {"off email", AUTOCOMPLETE_INVALID, NULL, NULL, NULL, "", FALSE},
    {"webauthn", AUTOCOMPLETE_INVALID, NULL, NULL, NULL, "", FALSE},
    {"section-a section-b email", AUTOCOMPLETE_INVALID, NULL, NULL, NULL, "", FALSE},
    {"section-a shipping home email webauthn extra", AUTOCOMPLETE_INVALID, NULL, NULL, NULL, "",
     FALSE},
    {"function (ns){var storage=getEvents(this);return this;}", AUTOCOMPLETE_INVALID, NULL, NULL,
     NULL, "", FALSE},
};

static void test_table(void)
{
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        Autocomplete ac;
        autocomplete_parse(cases[i].value, &ac);
        g_test_message("value %s", cases[i].value ? cases[i].value : "(null)");
        g_assert_cmpint(ac.kind, ==, cases[i].kind);
        g_assert_cmpstr(ac.field, ==, cases[i].field);
        g_assert_cmpstr(ac.hint, ==, cases[i].hint);
        g_assert_cmpstr(ac.contact, ==, cases[i].contact);
        g_assert_cmpstr(ac.section, ==, cases[i].section);
        g_assert_cmpint(ac.webauthn, ==, cases[i].webauthn);
    }
}

/* A section name past the limit is cut, never overflowing. */
static void test_long_section(void)
{
    g_autofree char *name = g_strnfill(AUTOCOMPLETE_MAX_SECTION * 2, 'x');
    g_autofree char *value = g_strdup_printf("section-%s email", name);
    Autocomplete ac;
    autocomplete_parse(value, &ac);
    g_assert_cmpint(ac.kind, ==, AUTOCOMPLETE_FIELD);
    g_assert_cmpuint(strlen(ac.section), ==, AUTOCOMPLETE_MAX_SECTION);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/autocomplete/table", test_table);
    g_test_add_func("/autocomplete/long-section", test_long_section);
    return g_test_run();
}
