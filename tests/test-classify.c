/*
 * test-classify.c — the classifier against hand-written cases, and the
 * classify command through the real protocol dispatcher.
 *
 * /classify/cases walks tests/data/classify-cases.tsv: every row is a field,
 * rows sharing a case id are one form. Each language the rules cover has
 * rows there, as do the autocomplete grammar, the negative evidence and the
 * neighbourhood rules (dates, 3/3/4 phones, names, sections).
 */
#include "classify.h"
#include "classify_compile.h"
#include "classify_rules.h"
#include "descriptor.h"
#include "errors.h"
#include "jsonfield.h"
#include "protocol.h"

#include <string.h>

typedef struct {
    guint line;
    char *expect_type;    /* "" for no fill */
    char *expect_section; /* NULL when not checked */
    char *evidence;       /* NULL when not checked */
} Expectation;

static void expectation_clear(gpointer data)
{
    Expectation *e = data;
    g_free(e->expect_type);
    g_free(e->expect_section);
    g_free(e->evidence);
}

/* Synthetic options for the "options=" key. */
static void add_options(cJSON *field, const char *kind)
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    static const char *const countries[] = {
        "Afghanistan",  "Albania",  "Algeria", "Argentina", "Australia",   "Austria",
        "Belgium",      "Brazil",   "Canada",  "Chile",     "China",       "Denmark",
        "Egypt",        "Finland",  "France",  "Germany",   "Greece",      "India",
        "Ireland",      "Italy",    "Japan",   "Mexico",    "Netherlands", "Norway",
        "Poland",       "Portugal", "Spain",   "Sweden",    "Switzerland", "United Kingdom",
        "United States"};
    static const char *const regions[] = {"Alabama",    "Alaska",   "Arizona",     "Arkansas",
                                          "California", "Colorado", "Connecticut", "Delaware",
                                          "Florida",    "Georgia",  "Hawaii",      "Idaho",
                                          "Illinois",   "Indiana",  "Iowa"};
    static const char *const dial[] = {
        "United States (+1)", "United Kingdom (+44)", "Germany (+49)", "France (+33)",
        "Spain (+34)",        "Italy (+39)",          "Japan (+81)",   "India (+91)"};
    static const char *const domains[] = {"@outlook.com", "@hotmail.com", "@gmx.de", "web.de",
                                          "mail.yahoo.co.jp"};
    static const char *const not_domains[] = {"St. Louis", "U.S.A.", "1.5", "e.g. 12",
                                              "Mr.Smith Jr."};
    cJSON *options = cJSON_AddArrayToObject(field, "options");
    g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(texts, g_strdup("Select…"));
    if (strcmp(kind, "months") == 0) {
        for (gsize i = 0; i < G_N_ELEMENTS(months); i++)
            g_ptr_array_add(texts, g_strdup(months[i]));
    } else if (strcmp(kind, "days") == 0) {
        for (int d = 1; d <= 31; d++)
            g_ptr_array_add(texts, g_strdup_printf("%d", d));
    } else if (strcmp(kind, "years-future") == 0) {
        for (int y = 2025; y <= 2040; y++)
            g_ptr_array_add(texts, g_strdup_printf("%d", y));
    } else if (strcmp(kind, "years-past") == 0) {
        for (int y = 2012; y >= 1920; y--)
            g_ptr_array_add(texts, g_strdup_printf("%d", y));
    } else if (strcmp(kind, "countries") == 0) {
        for (gsize i = 0; i < G_N_ELEMENTS(countries); i++)
            g_ptr_array_add(texts, g_strdup(countries[i]));
    } else if (strcmp(kind, "regions") == 0) {
        for (gsize i = 0; i < G_N_ELEMENTS(regions); i++)
            g_ptr_array_add(texts, g_strdup(regions[i]));
    } else if (strcmp(kind, "dial-codes") == 0) {
        for (gsize i = 0; i < G_N_ELEMENTS(dial); i++)
            g_ptr_array_add(texts, g_strdup(dial[i]));
    } else if (strcmp(kind, "mail-domains") == 0) {
        for (gsize i = 0; i < G_N_ELEMENTS(domains); i++)
            g_ptr_array_add(texts, g_strdup(domains[i]));
    } else if (strcmp(kind, "not-mail-domains") == 0) {
        for (gsize i = 0; i < G_N_ELEMENTS(not_domains); i++)
            g_ptr_array_add(texts, g_strdup(not_domains[i]));
    } else if (g_str_has_prefix(kind, "list:")) { /* the texts written out: list:a|b|c */
        g_auto(GStrv) each = g_strsplit(kind + strlen("list:"), "|", -1);
        for (guint i = 0; each[i] != NULL; i++)
            g_ptr_array_add(texts, g_strdup(each[i]));
    } else {
        g_error("unknown options kind %s", kind);
    }
    for (guint i = 0; i < texts->len; i++) {
        cJSON *option = cJSON_CreateObject();
        cJSON_AddStringToObject(option, "value", i == 0 ? "" : texts->pdata[i]);
        cJSON_AddStringToObject(option, "text", texts->pdata[i]);
        cJSON_AddItemToArray(options, option);
    }
    cJSON_AddNumberToObject(field, "options_total", texts->len);
}

/* Builds the descriptor of one row. */
static cJSON *row_descriptor(char **columns, guint n_columns, guint index, Expectation *expect)
{
    cJSON *field = cJSON_CreateObject();
    cJSON_AddNumberToObject(field, "index", index);
    cJSON_AddNumberToObject(field, "frame", 0);
    cJSON_AddNumberToObject(field, "form", 0);
    cJSON_AddBoolToObject(field, "visible", TRUE);
    cJSON *labels = cJSON_AddObjectToObject(field, "labels");

    const char *control = columns[3];
    if (g_str_has_prefix(control, "input:")) {
        cJSON_AddStringToObject(field, "tag", "input");
        cJSON_AddStringToObject(field, "type", control + 6);
    } else if (strcmp(control, "select") == 0) {
        cJSON_AddStringToObject(field, "tag", "select");
        cJSON_AddStringToObject(field, "type", "select-one");
    } else {
        g_assert_cmpstr(control, ==, "textarea");
        cJSON_AddStringToObject(field, "tag", "textarea");
        cJSON_AddStringToObject(field, "type", "textarea");
    }
    if (columns[4][0] != '\0') {
        cJSON_AddStringToObject(field, "label", columns[4]);
        cJSON_AddStringToObject(labels, "for", columns[4]);
    }
    for (guint c = 5; c < n_columns; c++) {
        char *eq = strchr(columns[c], '=');
        g_assert_nonnull(eq);
        *eq = '\0';
        const char *key = columns[c], *value = eq + 1;
        if (strcmp(key, "name") == 0 || strcmp(key, "id") == 0 ||
            strcmp(key, "autocomplete") == 0) {
            cJSON_AddStringToObject(field, key, value);
        } else if (strcmp(key, "placeholder") == 0) {
            cJSON_AddStringToObject(field, "placeholder", value);
            cJSON_AddStringToObject(labels, "placeholder", value);
        } else if (strcmp(key, "aria") == 0) {
            cJSON_AddStringToObject(labels, "aria_label", value);
        } else if (strcmp(key, "title") == 0 || strcmp(key, "preceding") == 0 ||
                   strcmp(key, "legend") == 0) {
            cJSON_AddStringToObject(labels, key, value);
        } else if (strcmp(key, "maxlength") == 0 || strcmp(key, "form") == 0) {
            cJSON_AddNumberToObject(field, key, g_ascii_strtod(value, NULL));
        } else if (strcmp(key, "visible") == 0) {
            cJSON_ReplaceItemInObject(field, "visible",
                                      cJSON_CreateBool(strcmp(value, "true") == 0));
        } else if (strcmp(key, "options") == 0) {
            add_options(field, value);
        } else if (strcmp(key, "evidence") == 0) {
            expect->evidence = g_strdup(value);
        } else {
            g_error("line %u: unknown key %s", expect->line, key);
        }
    }
    return field;
}

static gboolean has_evidence(const ClassifiedField *field, const char *wanted)
{
    for (guint e = 0; e < field->n_evidence; e++) {
        g_autofree char *text =
            g_strdup_printf("%s:%s", field->evidence[e].source, field->evidence[e].detail);
        if (strstr(text, wanted) != NULL)
            return TRUE;
    }
    return FALSE;
}

/* Classifies one case; appends a line to @failures per wrong field. */
static void run_case(const char *name, cJSON *fields, GArray *expectations, GString *failures,
                     guint *checked)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(DescriptorList) list = descriptor_list_parse(fields, &error);
    g_assert_no_error(error);
    g_autoptr(ClassifyResult) result = classify_fields(list);
    g_assert_cmpuint(result->n_fields, ==, expectations->len);
    for (guint i = 0; i < expectations->len; i++) {
        const Expectation *e = &g_array_index(expectations, Expectation, i);
        const ClassifiedField *got = &result->fields[i];
        GString *evidence = g_string_new(NULL);
        for (guint k = 0; k < got->n_evidence; k++)
            g_string_append_printf(evidence, " %s:%s", got->evidence[k].source,
                                   got->evidence[k].detail);
        gboolean ok =
            strcmp(got->type, e->expect_type) == 0 &&
            (e->expect_section == NULL || g_strcmp0(got->section, e->expect_section) == 0) &&
            (e->evidence == NULL || has_evidence(got, e->evidence));
        if (!ok)
            g_string_append_printf(
                failures,
                "line %u (%s field %u): expected \"%s\"%s%s%s%s, got \"%s\" "
                "section \"%s\" evidence%s\n",
                e->line, name, i, e->expect_type, e->expect_section ? " section " : "",
                e->expect_section ? e->expect_section : "", e->evidence ? " evidence " : "",
                e->evidence ? e->evidence : "", got->type, got->section, evidence->str);
        g_string_free(evidence, TRUE);
        (*checked)++;
    }
}

static void test_cases(void)
{
    const char *root = g_getenv("KEYFILL_SOURCE_ROOT");
    g_assert_nonnull(root);
    g_autofree char *path = g_build_filename(root, "tests", "data", "classify-cases.tsv", NULL);
    g_autofree char *contents = NULL;
    g_autoptr(GError) error = NULL;
    g_file_get_contents(path, &contents, NULL, &error);
    g_assert_no_error(error);

    g_auto(GStrv) lines = g_strsplit(contents, "\n", -1);
    g_autoptr(GString) failures = g_string_new(NULL);
    g_autoptr(GArray) expectations = g_array_new(FALSE, TRUE, sizeof(Expectation));
    g_array_set_clear_func(expectations, expectation_clear);
    g_autoptr(cJSON) fields = cJSON_CreateArray();
    g_autofree char *current = NULL;
    guint checked = 0;
    GHashTable *languages = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

    for (guint n = 0;; n++) {
        const char *line = lines[n];
        gboolean end = line == NULL;
        if (!end && (line[0] == '#' || line[0] == '\0'))
            continue;
        g_auto(GStrv) columns = end ? NULL : g_strsplit(line, "\t", -1);
        if (!end)
            g_assert_cmpuint(g_strv_length(columns), >=, 5);
        if (end || (current != NULL && strcmp(current, columns[0]) != 0)) {
            if (current != NULL)
                run_case(current, fields, expectations, failures, &checked);
            g_array_set_size(expectations, 0);
            g_clear_pointer(&fields, cJSON_Delete);
            fields = cJSON_CreateArray();
        }
        if (end)
            break;
        g_free(current);
        current = g_strdup(columns[0]);
        g_hash_table_add(languages, g_strdup(columns[1]));

        Expectation e = {.line = n + 1};
        const char *at = strchr(columns[2], '@');
        if (at != NULL) {
            e.expect_type = g_strndup(columns[2], at - columns[2]);
            e.expect_section = g_strdup(at + 1);
        } else {
            e.expect_type = g_strdup(columns[2]);
        }
        if (strcmp(e.expect_type, "-") == 0) {
            g_free(e.expect_type);
            e.expect_type = g_strdup("");
        }
        cJSON_AddItemToArray(fields, row_descriptor(columns, g_strv_length(columns),
                                                    (guint)cJSON_GetArraySize(fields), &e));
        g_array_append_val(expectations, e);
    }

    /* Every language the rules claim has rows. */
    static const char *const required[] = {"en", "de", "fr", "es", "it", "pt", "nl",
                                           "pl", "sv", "tr", "ru", "ja", "zh", "ko",
                                           "cs", "sk", "da", "nb", "fi", "hu"};
    for (gsize i = 0; i < G_N_ELEMENTS(required); i++)
        g_assert_true(g_hash_table_contains(languages, required[i]));
    g_hash_table_unref(languages);

    g_test_message("%u fields checked", checked);
    g_assert_cmpuint(checked, >=, 250);
    if (failures->len > 0) {
        g_auto(GStrv) each = g_strsplit(failures->str, "\n", -1);
        for (guint i = 0; each[i] != NULL && each[i][0] != '\0'; i++)
            g_test_message("%s", each[i]);
        g_test_fail_printf("%u of %u fields classified wrongly (listed above)",
                           g_strv_length(each) - 1, checked);
    }
}

/* Every row of the rule tables is well formed: a weight in range, sources,
 * a language, a pattern that is more than wildcards, and a note saying why. */
static void check_table(const ClassifyRule *rules, gsize count, gboolean negative)
{
    g_assert_cmpuint(count, >, 50);
    for (gsize i = 0; i < count; i++) {
        const ClassifyRule *r = &rules[i];
        g_test_message("rule %s", r->pattern);
        g_assert_cmpint(r->weight, >=, 1);
        g_assert_cmpint(r->weight, <=, 10);
        g_assert_cmpint(r->sources & RULE_ALL, !=, 0); /* W alone reads nothing */
        g_assert_true(strcmp(r->language, "*") == 0 ||
                      (strlen(r->language) == 2 && g_ascii_islower(r->language[0]) &&
                       g_ascii_islower(r->language[1])));
        g_assert_cmpuint(strspn(r->pattern, "* "), <, strlen(r->pattern));
        g_assert_cmpuint(strlen(r->note), >, 0);
        g_assert_true((r->concept == CONCEPT_NEGATIVE) == negative);
    }
}

static void test_rule_tables(void)
{
    g_assert_cmpuint(classify_rule_tables_count, ==, 6);
    for (gsize t = 0; t < classify_rule_tables_count; t++) {
        const ClassifyRuleTable *table = &classify_rule_tables[t];
        g_test_message("table %s", table->name);
        check_table(table->rows, *table->count, table->negative);
    }
    /* the tokens round-trip */
    for (int c = CONCEPT_NONE + 1; c < CONCEPT_N_TOKENS; c++)
        g_assert_cmpint(classify_concept_from_token(classify_concept_token(c)), ==, c);
    g_assert_cmpstr(classify_concept_token(HINT_MONTH), ==, "");
}

/* ---- the command through the dispatcher ---- */

static cJSON *call(const char *request)
{
    HostContext context = {0};
    size_t length = 0;
    g_autofree char *reply = protocol_handle(&context, request, strlen(request), &length);
    cJSON *parsed = cJSON_Parse(reply);
    g_assert_nonnull(parsed);
    return parsed;
}

static const char *error_code(const cJSON *reply)
{
    const cJSON *error = cJSON_GetObjectItem(reply, "error");
    g_assert_nonnull(error);
    return cJSON_GetObjectItem(error, "code")->valuestring;
}

static void test_command(void)
{
    g_autoptr(cJSON) reply =
        call("{\"id\": 7, \"type\": \"classify\", \"fields\": ["
             "{\"index\": 3, \"tag\": \"input\", \"type\": \"text\", \"label\": \"First name\"},"
             "{\"index\": 4, \"tag\": \"input\", \"type\": \"password\", \"name\": \"pw\"},"
             "{\"index\": 5, \"tag\": \"input\", \"type\": \"email\", \"autocomplete\": "
             "\"section-x billing email\"}]}");
    g_assert_true(cJSON_IsTrue(cJSON_GetObjectItem(reply, "ok")));
    const cJSON *fields = cJSON_GetObjectItem(cJSON_GetObjectItem(reply, "result"), "fields");
    g_assert_cmpint(cJSON_GetArraySize(fields), ==, 3);
    const cJSON *first = cJSON_GetArrayItem(fields, 0);
    g_assert_cmpint(cJSON_GetObjectItem(first, "index")->valueint, ==, 3);
    g_assert_cmpstr(cJSON_GetObjectItem(first, "type")->valuestring, ==, "given-name");
    /* the block holds a billing e-mail, so it is the billing block */
    g_assert_cmpstr(cJSON_GetObjectItem(first, "section")->valuestring, ==, "billing");
    const cJSON *evidence = cJSON_GetObjectItem(first, "evidence");
    g_assert_cmpstr(cJSON_GetArrayItem(evidence, 0)->valuestring, ==, "label:en:first name");
    const cJSON *second = cJSON_GetArrayItem(fields, 1);
    g_assert_cmpstr(cJSON_GetObjectItem(second, "type")->valuestring, ==, "");
    g_assert_cmpstr(cJSON_GetArrayItem(cJSON_GetObjectItem(second, "evidence"), 0)->valuestring, ==,
                    "control:password");
    const cJSON *third = cJSON_GetArrayItem(fields, 2);
    g_assert_cmpstr(cJSON_GetObjectItem(third, "type")->valuestring, ==, "email");
    g_assert_cmpstr(cJSON_GetObjectItem(third, "section")->valuestring, ==, "section-x");
}

static void test_command_errors(void)
{
    g_autoptr(cJSON) missing = call("{\"id\": 1, \"type\": \"classify\"}");
    g_assert_cmpstr(error_code(missing), ==, "missing_field");
    g_autoptr(cJSON) not_array = call("{\"id\": 1, \"type\": \"classify\", \"fields\": {}}");
    g_assert_cmpstr(error_code(not_array), ==, "wrong_type");
    g_autoptr(cJSON) bad_tag = call("{\"id\": 1, \"type\": \"classify\", \"fields\": [{\"index\": "
                                    "0}, {\"index\": 1, \"tag\": \"button\"}]}");
    g_assert_cmpstr(error_code(bad_tag), ==, "bad_descriptor");
    const char *message =
        cJSON_GetObjectItem(cJSON_GetObjectItem(bad_tag, "error"), "message")->valuestring;
    g_assert_nonnull(strstr(message, "descriptor 1"));
    g_autoptr(cJSON) bad_index =
        call("{\"id\": 1, \"type\": \"classify\", \"fields\": [{\"index\": -1}]}");
    g_assert_cmpstr(error_code(bad_index), ==, "invalid_argument");
    g_autoptr(cJSON) no_index =
        call("{\"id\": 1, \"type\": \"classify\", \"fields\": [{\"tag\": \"input\"}]}");
    g_assert_cmpstr(error_code(no_index), ==, "missing_field");

    /* One past the field limit. */
    GString *request = g_string_new("{\"id\": 1, \"type\": \"classify\", \"fields\": [");
    for (int i = 0; i <= DESCRIPTOR_MAX_FIELDS; i++)
        g_string_append_printf(request, "%s{\"index\": %d}", i ? "," : "", i);
    g_string_append(request, "]}");
    g_autoptr(cJSON) too_many = call(request->str);
    g_string_free(request, TRUE);
    g_assert_cmpstr(error_code(too_many), ==, "limit_exceeded");
}

/* An empty list is a valid request with an empty answer. */
static void test_empty(void)
{
    g_autoptr(cJSON) reply = call("{\"id\": 1, \"type\": \"classify\", \"fields\": []}");
    const cJSON *fields = cJSON_GetObjectItem(cJSON_GetObjectItem(reply, "result"), "fields");
    g_assert_cmpint(cJSON_GetArraySize(fields), ==, 0);
}

/* The matcher compiled at build time (classify_matcher.c) is what compiling
 * the rule tables now gives: same patterns, evidence and automaton. */
static void test_compiled_rules_current(void)
{
    g_autoptr(CompiledRules) now = classify_compile_rules();
    const CompiledRules *built = &classify_compiled_rules;
    g_assert_cmpuint(built->n_patterns, ==, now->n_patterns);
    for (guint i = 0; i < now->n_patterns; i++) {
        const ClassifyRule *rule = classify_compiled_rule(&now->patterns[i]);
        g_assert_true(classify_compiled_rule(&built->patterns[i]) == rule);
        g_assert_cmpuint(built->patterns[i].concept, ==, rule->concept);
        g_assert_cmpuint(built->patterns[i].weight, ==, rule->weight);
        g_assert_cmpuint(built->patterns[i].sources, ==, rule->sources);
        g_assert_cmpstr(built->evidence + built->patterns[i].evidence, ==,
                        now->evidence + now->patterns[i].evidence);
        g_assert_cmpuint(built->patterns[i].length, ==, now->patterns[i].length);
    }
    const WordMatcher *a = built->matcher, *b = now->matcher;
    g_assert_cmpmem(a->byte_class, sizeof a->byte_class, b->byte_class, sizeof b->byte_class);
    g_assert_cmpuint(a->n_classes, ==, b->n_classes);
    g_assert_cmpuint(a->n_states, ==, b->n_states);
    g_assert_cmpuint(a->n_patterns, ==, b->n_patterns);
    gsize states = a->n_states, edges = a->n_states - 1;
    g_assert_cmpmem(a->root, a->n_classes * sizeof *a->root, b->root, b->n_classes * sizeof *b->root);
    g_assert_cmpmem(a->edge_start, (states + 1) * 2, b->edge_start, (states + 1) * 2);
    g_assert_cmpmem(a->edge_class, edges, b->edge_class, edges);
    g_assert_cmpmem(a->fail, states * 2, b->fail, states * 2);
    g_assert_cmpmem(a->dict_link, states * 2, b->dict_link, states * 2);
    g_assert_cmpmem(a->out_start, (states + 1) * 2, b->out_start, (states + 1) * 2);
    g_assert_cmpmem(a->out_list, a->n_patterns * 2, b->out_list, b->n_patterns * 2);
    const FillVocab *x = &built->option_words, *y = &now->option_words;
    g_assert_cmpuint(x->n_entries, ==, y->n_entries);
    for (gsize i = 0; i < x->n_entries; i++) {
        g_assert_cmpstr(x->keys + x->entries[i].key, ==, y->keys + y->entries[i].key);
        g_assert_cmpint(x->entries[i].id, ==, y->entries[i].id);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/classify/cases", test_cases);
    g_test_add_func("/classify/rule-tables", test_rule_tables);
    g_test_add_func("/classify/compiled-rules-current", test_compiled_rules_current);
    g_test_add_func("/classify/command", test_command);
    g_test_add_func("/classify/command-errors", test_command_errors);
    g_test_add_func("/classify/empty", test_empty);
    return g_test_run();
}
