/*
 * persona.c — `keyfill persona add|edit|list|show|remove|default`.
 *
 * A persona is named on the command line by its label (case-insensitive) or
 * its id. Listings print card numbers masked; `show --reveal` is the only
 * way this file prints a card number. Validation and storage are the
 * store's: this file only turns options into persona JSON and back.
 */
#include "cli.h"

#include "../errors.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    char *label;
    char *prefix;
    char *given;
    char *additional;
    char *family;
    char *full;
    char *organization;
    char *birthday;
    gboolean make_default;
    gboolean reveal;
    gboolean json;
    gboolean yes;
} PersonaOptions;

static void persona_options_clear(PersonaOptions *options)
{
    g_free(options->label);
    g_free(options->prefix);
    g_free(options->given);
    g_free(options->additional);
    g_free(options->family);
    g_free(options->full);
    g_free(options->organization);
    g_free(options->birthday);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(PersonaOptions, persona_options_clear)

#define FIELD_OPTIONS(o)                                                                           \
    {"label", 0, 0, G_OPTION_ARG_STRING, &(o)->label, "Name of the persona, e.g. Home", "LABEL"},  \
        {"prefix", 0, 0, G_OPTION_ARG_STRING, &(o)->prefix, "Honorific prefix, e.g. Dr.", "TEXT"}, \
        {"given", 0, 0, G_OPTION_ARG_STRING, &(o)->given, "Given name", "TEXT"},                   \
        {"additional", 0, 0, G_OPTION_ARG_STRING, &(o)->additional, "Middle name(s)", "TEXT"},     \
        {"family", 0, 0, G_OPTION_ARG_STRING, &(o)->family, "Family name", "TEXT"},                \
        {"full-name", 0,                                                                           \
         0,           G_OPTION_ARG_STRING,                                                         \
         &(o)->full,  "Full name, when it is not the parts joined",                                \
         "TEXT"},                                                                                  \
        {"organization", 0, 0, G_OPTION_ARG_STRING, &(o)->organization, "Organization", "TEXT"},   \
        {"birthday", 0, 0, G_OPTION_ARG_STRING, &(o)->birthday, "Birthday, YYYY-MM-DD", "DATE"},   \
    {                                                                                              \
        "default", 0, 0, G_OPTION_ARG_NONE, &(o)->make_default, "Make this the default persona",   \
            NULL                                                                                   \
    }

/* Sets @key of @object from an option: NULL leaves it, "" removes it. */
static void apply_option(cJSON *object, const char *key, const char *value)
{
    if (value == NULL)
        return;
    cJSON_DeleteItemFromObjectCaseSensitive(object, key);
    if (*value != '\0')
        cJSON_AddStringToObject(object, key, value);
}

static void apply_fields(cJSON *persona, const PersonaOptions *options)
{
    apply_option(persona, "label", options->label);
    cJSON *name = cJSON_GetObjectItemCaseSensitive(persona, "name");
    if (!cJSON_IsObject(name)) {
        cJSON_DeleteItemFromObjectCaseSensitive(persona, "name");
        name = cJSON_AddObjectToObject(persona, "name");
    }
    apply_option(name, "prefix", options->prefix);
    apply_option(name, "given", options->given);
    apply_option(name, "additional", options->additional);
    apply_option(name, "family", options->family);
    apply_option(name, "full", options->full);
    apply_option(persona, "organization", options->organization);
    apply_option(persona, "birthday", options->birthday);
    if (options->make_default) {
        cJSON_DeleteItemFromObjectCaseSensitive(persona, "is_default");
        cJSON_AddTrueToObject(persona, "is_default");
    }
}

/* Stores @persona and prints what happened; the exit status. */
static int put_and_report(Store *store, cJSON *persona, const char *verb)
{
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GError) error = NULL;
    g_autofree char *id = store_put_persona(store, persona, warnings, &error);
    if (id == NULL) {
        cli_report(error);
        return 1;
    }
    cli_print_warnings(warnings);
    printf("%s persona %s (id %s)\n", verb,
           cJSON_GetStringValue(cJSON_GetObjectItem(persona, "label")), id);
    return 0;
}

/* The common start of the verbs that act on one persona: parses the options,
 * takes the PERSONA argument (optional when @optional: then the default
 * persona), opens the store into *@store and finds the persona, revealed
 * when *@reveal is TRUE once the options are parsed. NULL with
 * the exit status in *@status after reporting. */
/* For named_persona(): edits need the numbers to save them back. */
static const gboolean reveal_always = TRUE, reveal_never = FALSE;

static cJSON *named_persona(GOptionContext *context, int argc, char **argv, gboolean optional,
                            const gboolean *reveal, Store **store, int *status)
{
    *status = cli_parse(context, &argc, &argv);
    if (*status != 0)
        return NULL;
    if (argc > 2 || (argc < 2 && !optional)) {
        *status = cli_usage("persona %s needs %s persona label or id.", argv[0],
                            optional ? "at most one" : "the");
        return NULL;
    }
    g_autoptr(GError) error = NULL;
    *store = cli_open_store(&error);
    cJSON *persona = *store != NULL
                         ? cli_find_persona(*store, argc == 2 ? argv[1] : NULL, *reveal, &error)
                         : NULL;
    if (persona == NULL) {
        cli_report(error);
        *status = 1;
    }
    return persona;
}

static int persona_add(int argc, char **argv)
{
    g_auto(PersonaOptions) options = {0};
    const GOptionEntry entries[] = {FIELD_OPTIONS(&options), G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) context = cli_option_context(
        "", "Adds a persona (a set of name, contacts, addresses and cards).", entries);
    int status = cli_parse(context, &argc, &argv);
    if (status != 0)
        return status;
    if (argc > 1)
        return cli_usage("persona add takes options only; see keyfill persona add --help.");
    g_autoptr(GError) error = NULL;
    g_autofree char *label = cli_value_or_prompt(options.label, "Label (e.g. Home)", FALSE, &error);
    if (label == NULL) {
        cli_report(error);
        return 2;
    }
    g_free(options.label);
    options.label = g_steal_pointer(&label);
    g_autoptr(Store) store = cli_open_store(&error);
    if (store == NULL) {
        cli_report(error);
        return 1;
    }
    g_autoptr(cJSON) persona = cJSON_CreateObject();
    apply_fields(persona, &options);
    return put_and_report(store, persona, "Added");
}

static int persona_edit(int argc, char **argv)
{
    g_auto(PersonaOptions) options = {0};
    const GOptionEntry entries[] = {FIELD_OPTIONS(&options), G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) context = cli_option_context(
        "PERSONA", "Changes the given fields of a persona; an empty value clears a field.",
        entries);
    g_autoptr(Store) store = NULL;
    int status;
    g_autoptr(CliRevealed) persona =
        named_persona(context, argc, argv, FALSE, &reveal_always, &store, &status);
    if (persona == NULL)
        return status;
    apply_fields(persona, &options);
    return put_and_report(store, persona, "Updated");
}

static int count_of(const cJSON *persona, const char *key)
{
    return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(persona, key));
}

static int persona_list(int argc, char **argv)
{
    gboolean json = FALSE;
    const GOptionEntry entries[] = {
        {"json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON (card numbers masked)", NULL},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) context = cli_option_context("", "Lists the personas.", entries);
    int status = cli_parse(context, &argc, &argv);
    if (status != 0)
        return status;
    g_autoptr(GError) error = NULL;
    g_autoptr(Store) store = cli_open_store(&error);
    g_autoptr(cJSON) personas = store != NULL ? store_list_personas(store, &error) : NULL;
    if (personas == NULL) {
        cli_report(error);
        return 1;
    }
    if (json) {
        cli_print_json(personas);
        return 0;
    }
    if (cJSON_GetArraySize(personas) == 0)
        printf("No personas yet. Add one: keyfill persona add --label Home\n");
    const cJSON *persona;
    cJSON_ArrayForEach(persona, personas)
    {
        const cJSON *name = cJSON_GetObjectItem(persona, "name");
        printf("%s  %-16s %s %-28s %d emails, %d phones, %d addresses, %d cards\n",
               cJSON_GetStringValue(cJSON_GetObjectItem(persona, "id")),
               cJSON_GetStringValue(cJSON_GetObjectItem(persona, "label")),
               cJSON_IsTrue(cJSON_GetObjectItem(persona, "is_default")) ? "*" : " ",
               cJSON_GetStringValue(cJSON_GetObjectItem(name, "full")) != NULL
                   ? cJSON_GetStringValue(cJSON_GetObjectItem(name, "full"))
                   : "",
               count_of(persona, "emails"), count_of(persona, "phones"),
               count_of(persona, "addresses"), count_of(persona, "cards"));
    }
    return 0;
}

static void print_field(const char *what, const cJSON *object, const char *key)
{
    const char *value = cJSON_GetStringValue(cJSON_GetObjectItem(object, key));
    if (value != NULL && *value != '\0')
        printf("  %-13s %s\n", what, value);
}

static int persona_show(int argc, char **argv)
{
    gboolean json = FALSE, reveal = FALSE;
    const GOptionEntry entries[] = {
        {"json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL},
        {"reveal", 0, 0, G_OPTION_ARG_NONE, &reveal, "Print card numbers in full", NULL},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) context = cli_option_context(
        "[PERSONA]", "Shows one persona (the default one when none is named).", entries);
    g_autoptr(Store) store = NULL;
    int status;
    g_autoptr(CliRevealed) persona =
        named_persona(context, argc, argv, TRUE, &reveal, &store, &status);
    if (persona == NULL)
        return status;
    if (json) {
        cli_print_json(persona);
        return 0;
    }
    printf("%s%s  (id %s)\n", cJSON_GetStringValue(cJSON_GetObjectItem(persona, "label")),
           cJSON_IsTrue(cJSON_GetObjectItem(persona, "is_default")) ? " (default)" : "",
           cJSON_GetStringValue(cJSON_GetObjectItem(persona, "id")));
    print_field("name", cJSON_GetObjectItem(persona, "name"), "full");
    print_field("organization", persona, "organization");
    print_field("birthday", persona, "birthday");
    for (int kind = STORE_ITEM_EMAIL; kind <= STORE_ITEM_CARD; kind++) {
        const cJSON *item;
        cJSON_ArrayForEach(item, cJSON_GetObjectItem(persona, store_item_kind_array(kind)))
        {
            g_autoptr(CliSecret) summary = cli_item_summary((StoreItemKind)kind, item);
            printf("  %-13s %s\n", store_item_kind_name((StoreItemKind)kind), summary);
        }
    }
    return 0;
}

static int persona_remove(int argc, char **argv)
{
    gboolean yes = FALSE;
    const GOptionEntry entries[] = {
        {"yes", 'y', 0, G_OPTION_ARG_NONE, &yes, "Do not ask for confirmation", NULL},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) context = cli_option_context(
        "PERSONA", "Removes a persona with all its contacts, addresses and cards.", entries);
    g_autoptr(Store) store = NULL;
    int status;
    g_autoptr(cJSON) persona = named_persona(context, argc, argv, FALSE, &reveal_never, &store, &status);
    if (persona == NULL)
        return status;
    g_autoptr(GError) error = NULL;
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(persona, "id"));
    const char *label = cJSON_GetStringValue(cJSON_GetObjectItem(persona, "label"));
    if (!yes && cli_is_interactive()) {
        g_autofree char *question =
            g_strdup_printf("Remove persona %s and everything in it? Type yes", label);
        g_autofree char *answer = cli_prompt(question, FALSE, &error);
        if (answer == NULL || strcmp(answer, "yes") != 0) {
            printf("Nothing removed.\n");
            return 1;
        }
    }
    if (!store_delete_persona(store, id, &error)) {
        cli_report(error);
        return 1;
    }
    printf("Removed persona %s\n", label);
    return 0;
}

static int persona_default(int argc, char **argv)
{
    g_autoptr(GOptionContext) context =
        cli_option_context("PERSONA", "Makes a persona the default one for fills.", NULL);
    g_autoptr(Store) store = NULL;
    int status;
    g_autoptr(cJSON) persona = named_persona(context, argc, argv, FALSE, &reveal_never, &store, &status);
    if (persona == NULL)
        return status;
    g_autoptr(GError) error = NULL;
    if (!store_set_default_persona(store, cJSON_GetStringValue(cJSON_GetObjectItem(persona, "id")),
                                   &error)) {
        cli_report(error);
        return 1;
    }
    printf("%s is now the default persona\n",
           cJSON_GetStringValue(cJSON_GetObjectItem(persona, "label")));
    return 0;
}

static const CliCommand persona_verbs[] = {
    {"add", persona_add, "add --label LABEL [--given ...]  add a persona"},
    {"edit", persona_edit, "edit PERSONA [--label ...] [--given ...]  change fields"},
    {"list", persona_list, "list [--json]  list personas"},
    {"show", persona_show, "show [PERSONA] [--reveal] [--json]  show one persona"},
    {"remove", persona_remove, "remove PERSONA [--yes]  remove a persona and its items"},
    {"default", persona_default, "default PERSONA  make it the default persona"},
};

int cli_persona(int argc, char **argv)
{
    return cli_dispatch("persona", persona_verbs, G_N_ELEMENTS(persona_verbs), argc, argv);
}
