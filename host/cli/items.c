/*
 * items.c — `keyfill address|phone|email|card add|edit|remove|list`.
 *
 * DESIGN: the four kinds differ only in their fields, so each kind is a
 * table of fields (option name, JSON key, how it is read, whether it is
 * asked for in a terminal) and one set of verbs walks the tables. An item
 * is named by its id or its label (a card by its nickname). Card numbers
 * are asked for without echo and printed only masked.
 */
#include "cli.h"

#include "../card.h"
#include "../errors.h"

#include <stdio.h>
#include <string.h>

typedef enum {
    ITEM_TEXT,   /* one string option -> one JSON string */
    ITEM_LINES,  /* repeated --line -> the "lines" array */
    ITEM_EXPIRY, /* --exp MM/YY -> exp_month and exp_year */
} ItemFieldKind;

typedef struct {
    const char *option;
    const char *key;
    ItemFieldKind kind;
    const char *question; /* asked on add in a terminal when missing; NULL: never */
    gboolean required;    /* add fails without it when nobody can be asked */
    gboolean secret;      /* asked without echo */
    const char *help;
} ItemField;

#define ITEM_FIELDS_MAX 8

typedef struct {
    StoreItemKind kind;
    const char *name_key; /* the field an item is also known by */
    ItemField fields[ITEM_FIELDS_MAX];
} ItemKindRules;

static const ItemKindRules email_rules = {
    STORE_ITEM_EMAIL,
    "label",
    {
        {"label", "label", ITEM_TEXT, NULL, FALSE, FALSE, "What it is for, e.g. personal"},
        {"address", "address", ITEM_TEXT, "E-mail address", TRUE, FALSE, "The e-mail address"},
    },
};

static const ItemKindRules phone_rules = {
    STORE_ITEM_PHONE,
    "label",
    {
        {"label", "label", ITEM_TEXT, NULL, FALSE, FALSE, "What it is, e.g. mobile"},
        {"number", "number", ITEM_TEXT, "Phone number", TRUE, FALSE,
         "The number, national or with +country code"},
        {"country", "country", ITEM_TEXT, "Country (two letters, e.g. GB)", FALSE, FALSE,
         "ISO country code; needed for national numbers"},
    },
};

static const ItemKindRules address_rules = {
    STORE_ITEM_ADDRESS,
    "label",
    {
        {"label", "label", ITEM_TEXT, NULL, FALSE, FALSE, "What it is for, e.g. shipping"},
        {"line", "lines", ITEM_LINES, "Street and number", FALSE, FALSE,
         "A street line (repeat for more lines)"},
        {"city", "city", ITEM_TEXT, "City", FALSE, FALSE, "City or town"},
        {"region", "region", ITEM_TEXT, NULL, FALSE, FALSE, "State, province or region"},
        {"postal-code", "postal_code", ITEM_TEXT, "Postal code", FALSE, FALSE, "Postal code"},
        {"country", "country", ITEM_TEXT, "Country (two letters, e.g. GB)", FALSE, FALSE,
         "ISO 3166-1 alpha-2 country code"},
    },
};

static const ItemKindRules card_rules = {
    STORE_ITEM_CARD,
    "nickname",
    {
        {"nickname", "nickname", ITEM_TEXT, NULL, FALSE, FALSE, "A name for the card"},
        {"number", "number", ITEM_TEXT, "Card number (not shown)", TRUE, TRUE,
         "The card number (asked without echo when left out)"},
        {"exp", NULL, ITEM_EXPIRY, "Expiry (MM/YY)", FALSE, FALSE, "Expiry date, MM/YY"},
        {"holder", "holder", ITEM_TEXT, "Name on the card", FALSE, FALSE, "Name on the card"},
    },
};

/* The option values of one run, parallel to the kind's fields. */
typedef struct {
    const ItemKindRules *rules;
    char *values[ITEM_FIELDS_MAX];
    char **lines;
    char *persona;
    gboolean json;
    GOptionEntry entries[ITEM_FIELDS_MAX + 3];
} ItemOptions;

static void item_options_clear(ItemOptions *options)
{
    for (int i = 0; i < ITEM_FIELDS_MAX; i++)
        cli_secret_free(options->values[i]);
    g_strfreev(options->lines);
    g_free(options->persona);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(ItemOptions, item_options_clear)

/* Fills @options->entries: the kind's fields (when @with_fields), --persona,
 * and --json (when @with_json). */
static void item_options_init(ItemOptions *options, const ItemKindRules *rules,
                              gboolean with_fields, gboolean with_json)
{
    options->rules = rules;
    int n = 0;
    for (int i = 0; with_fields && i < ITEM_FIELDS_MAX && rules->fields[i].option != NULL; i++) {
        const ItemField *field = &rules->fields[i];
        gboolean lines = field->kind == ITEM_LINES;
        options->entries[n++] = (GOptionEntry){
            field->option,
            0,
            0,
            lines ? G_OPTION_ARG_STRING_ARRAY : G_OPTION_ARG_STRING,
            lines ? (gpointer)&options->lines : (gpointer)&options->values[i],
            field->help,
            lines ? "TEXT" : "VALUE",
        };
    }
    options->entries[n++] =
        (GOptionEntry){"persona",
                       0,
                       0,
                       G_OPTION_ARG_STRING,
                       &options->persona,
                       "The persona (label or id; default: the default persona)",
                       "PERSONA"};
    if (with_json)
        options->entries[n++] = (GOptionEntry){
            "json", 0, 0, G_OPTION_ARG_NONE, &options->json, "Print JSON (card numbers masked)",
            NULL};
    options->entries[n] = (GOptionEntry)G_OPTION_ENTRY_NULL;
}

/* Writes the given option values into @item; "" removes a field. */
static gboolean apply_values(cJSON *item, const ItemOptions *options, GError **error)
{
    for (int i = 0; i < ITEM_FIELDS_MAX && options->rules->fields[i].option != NULL; i++) {
        const ItemField *field = &options->rules->fields[i];
        if (field->kind == ITEM_LINES) {
            if (options->lines == NULL)
                continue;
            cJSON_DeleteItemFromObjectCaseSensitive(item, "lines");
            cJSON *lines = cJSON_AddArrayToObject(item, "lines");
            for (int l = 0; options->lines[l] != NULL; l++)
                cJSON_AddItemToArray(lines, cJSON_CreateString(options->lines[l]));
            continue;
        }
        const char *value = options->values[i];
        if (value == NULL)
            continue;
        if (field->kind == ITEM_EXPIRY) {
            cJSON_DeleteItemFromObjectCaseSensitive(item, "exp_month");
            cJSON_DeleteItemFromObjectCaseSensitive(item, "exp_year");
            int month, year;
            if (*value == '\0')
                continue;
            if (!card_parse_expiry(value, &month, &year, error)) {
                g_prefix_error(error, "--exp: ");
                return FALSE;
            }
            cJSON_AddNumberToObject(item, "exp_month", month);
            cJSON_AddNumberToObject(item, "exp_year", year);
            continue;
        }
        cJSON_DeleteItemFromObjectCaseSensitive(item, field->key);
        if (*value != '\0')
            cJSON_AddStringToObject(item, field->key, value);
    }
    return TRUE;
}

/* On add: asks for the missing fields in a terminal, or fails for a missing
 * required one. */
static gboolean ask_missing(ItemOptions *options, GError **error)
{
    gboolean interactive = cli_is_interactive();
    for (int i = 0; i < ITEM_FIELDS_MAX && options->rules->fields[i].option != NULL; i++) {
        const ItemField *field = &options->rules->fields[i];
        gboolean missing =
            field->kind == ITEM_LINES ? options->lines == NULL : options->values[i] == NULL;
        if (!missing || field->question == NULL || (!interactive && !field->required))
            continue;
        if (!interactive) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_MISSING_FIELD,
                        "--%s is missing. Give it, or run keyfill in a terminal to be asked.",
                        field->option);
            return FALSE;
        }
        char *answer = cli_prompt(field->question, field->secret, error);
        if (answer == NULL)
            return FALSE;
        if (field->kind == ITEM_LINES) {
            options->lines = g_new0(char *, 2);
            options->lines[0] = answer;
        } else {
            options->values[i] = answer;
        }
    }
    return TRUE;
}

char *cli_item_summary(StoreItemKind kind, const cJSON *item)
{
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(item, "id"));
    g_autoptr(GString) text = g_string_new(NULL);
    g_string_append_printf(text, "[%s] ", id != NULL ? id : "");
    const char *name = cJSON_GetStringValue(
        cJSON_GetObjectItem(item, kind == STORE_ITEM_CARD ? "nickname" : "label"));
    if (name != NULL && *name != '\0')
        g_string_append_printf(text, "%s: ", name);
    static const char *const address_keys[] = {"city", "region", "postal_code", "country"};
    switch (kind) {
    case STORE_ITEM_EMAIL:
        g_string_append(text, cJSON_GetStringValue(cJSON_GetObjectItem(item, "address")));
        break;
    case STORE_ITEM_PHONE:
        g_string_append(text, cJSON_GetStringValue(cJSON_GetObjectItem(item, "number")));
        break;
    case STORE_ITEM_ADDRESS: {
        g_autoptr(GPtrArray) parts = g_ptr_array_new();
        const cJSON *line;
        cJSON_ArrayForEach(line, cJSON_GetObjectItem(item, "lines"))
        {
            g_ptr_array_add(parts, cJSON_GetStringValue(line));
        }
        for (gsize i = 0; i < G_N_ELEMENTS(address_keys); i++) {
            char *value = cJSON_GetStringValue(cJSON_GetObjectItem(item, address_keys[i]));
            if (value != NULL && *value != '\0')
                g_ptr_array_add(parts, value);
        }
        g_ptr_array_add(parts, NULL);
        g_autofree char *joined = g_strjoinv(", ", (char **)parts->pdata);
        g_string_append(text, joined);
        break;
    }
    case STORE_ITEM_CARD: {
        const char *number = cJSON_GetStringValue(cJSON_GetObjectItem(item, "number"));
        const char *masked = cJSON_GetStringValue(cJSON_GetObjectItem(item, "number_masked"));
        const char *network = cJSON_GetStringValue(cJSON_GetObjectItem(item, "network"));
        const char *holder = cJSON_GetStringValue(cJSON_GetObjectItem(item, "holder"));
        g_string_append_printf(text, "%s %s", network != NULL ? network : "card",
                               number != NULL   ? number
                               : masked != NULL ? masked
                                                : "");
        const cJSON *month = cJSON_GetObjectItem(item, "exp_month");
        const cJSON *year = cJSON_GetObjectItem(item, "exp_year");
        if (cJSON_IsNumber(month) && cJSON_IsNumber(year))
            g_string_append_printf(text, "  expires %02d/%d", month->valueint, year->valueint);
        if (holder != NULL && *holder != '\0')
            g_string_append_printf(text, "  holder %s", holder);
        break;
    }
    }
    return g_string_free(g_steal_pointer(&text), FALSE);
}

static int item_add(const ItemKindRules *rules, int argc, char **argv)
{
    g_auto(ItemOptions) options = {0};
    item_options_init(&options, rules, TRUE, FALSE);
    g_autofree char *summary =
        g_strdup_printf("Adds %s %s to a persona.", rules->kind == STORE_ITEM_ADDRESS ? "an" : "a",
                        store_item_kind_name(rules->kind));
    g_autoptr(GOptionContext) context = cli_option_context("", summary, options.entries);
    int status = cli_parse(context, &argc, &argv);
    if (status != 0)
        return status;
    if (argc > 1)
        return cli_usage("%s add takes options only; see --help.",
                         store_item_kind_name(rules->kind));
    g_autoptr(GError) error = NULL;
    if (!ask_missing(&options, &error)) {
        cli_report(error);
        return 2;
    }
    g_autoptr(Store) store = cli_open_store(&error);
    g_autoptr(cJSON) persona =
        store != NULL ? cli_find_persona(store, options.persona, FALSE, &error) : NULL;
    g_autoptr(CliRevealed) item = cJSON_CreateObject();
    if (persona == NULL || !apply_values(item, &options, &error)) {
        cli_report(error);
        return 1;
    }
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
    const char *persona_id = cJSON_GetStringValue(cJSON_GetObjectItem(persona, "id"));
    g_autofree char *id = store_put_item(store, rules->kind, persona_id, item, warnings, &error);
    if (id == NULL) {
        cli_report(error);
        return 1;
    }
    cli_print_warnings(warnings);
    printf("Added %s %s to %s\n", store_item_kind_name(rules->kind), id,
           cJSON_GetStringValue(cJSON_GetObjectItem(persona, "label")));
    return 0;
}

/* Finds the item @reference (id, or label/nickname when unique) of @rules'
 * kind, in persona @persona_reference or in all. On success returns the
 * revealed persona holding it and points *@item into it. */
static cJSON *find_item(Store *store, const ItemKindRules *rules, const char *persona_reference,
                        const char *reference, cJSON **item, GError **error)
{
    g_autoptr(cJSON) personas = store_list_personas(store, error);
    if (personas == NULL)
        return NULL;
    /* The persona is named as everywhere else (cli_find_persona's rules). */
    g_autoptr(cJSON) chosen =
        persona_reference != NULL ? cli_find_persona(store, persona_reference, FALSE, error) : NULL;
    if (persona_reference != NULL && chosen == NULL)
        return NULL;
    const char *chosen_id = cJSON_GetStringValue(cJSON_GetObjectItem(chosen, "id"));
    const char *array = store_item_kind_array(rules->kind);
    const char *found_persona = NULL, *found_item = NULL;
    int by_name = 0;
    gboolean by_id = FALSE;
    const cJSON *persona;
    cJSON_ArrayForEach(persona, personas)
    {
        const char *persona_id = cJSON_GetStringValue(cJSON_GetObjectItem(persona, "id"));
        if (chosen_id != NULL && g_strcmp0(chosen_id, persona_id) != 0)
            continue;
        const cJSON *candidate;
        cJSON_ArrayForEach(candidate, cJSON_GetObjectItem(persona, array))
        {
            const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(candidate, "id"));
            const char *name =
                cJSON_GetStringValue(cJSON_GetObjectItem(candidate, rules->name_key));
            if (!by_id && g_strcmp0(id, reference) == 0) {
                by_id = TRUE;
                found_persona = persona_id;
                found_item = id;
            } else if (!by_id && name != NULL && g_ascii_strcasecmp(name, reference) == 0) {
                by_name++;
                found_persona = persona_id;
                found_item = id;
            }
        }
    }
    if (found_item == NULL || (!by_id && by_name > 1)) {
        g_set_error(error, KEYFILL_ERROR,
                    found_item == NULL ? KEYFILL_ERROR_NOT_FOUND : KEYFILL_ERROR_INVALID_ARGUMENT,
                    found_item == NULL
                        ? "No %s has that id or name. See them with: keyfill %s list"
                        : "Several %ss have that name. Use the id (keyfill %s list shows it).",
                    store_item_kind_name(rules->kind), store_item_kind_name(rules->kind));
        return NULL;
    }
    cJSON *revealed = store_get_persona(store, found_persona, TRUE, error);
    cJSON *candidate;
    cJSON_ArrayForEach(candidate, cJSON_GetObjectItem(revealed, array))
    {
        if (g_strcmp0(cJSON_GetStringValue(cJSON_GetObjectItem(candidate, "id")), found_item) == 0)
            *item = candidate;
    }
    return revealed;
}

static int item_edit(const ItemKindRules *rules, int argc, char **argv)
{
    g_auto(ItemOptions) options = {0};
    item_options_init(&options, rules, TRUE, FALSE);
    g_autoptr(GOptionContext) context = cli_option_context(
        "ITEM", "Changes the given fields (an empty value clears one). ITEM is an id or name.",
        options.entries);
    int status = cli_parse(context, &argc, &argv);
    if (status != 0)
        return status;
    if (argc != 2)
        return cli_usage("%s edit needs the item's id or name.", store_item_kind_name(rules->kind));
    g_autoptr(GError) error = NULL;
    g_autoptr(Store) store = cli_open_store(&error);
    cJSON *item = NULL;
    g_autoptr(CliRevealed) persona =
        store != NULL ? find_item(store, rules, options.persona, argv[1], &item, &error) : NULL;
    if (persona == NULL || !apply_values(item, &options, &error)) {
        cli_report(error);
        return 1;
    }
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *id =
        store_put_item(store, rules->kind, cJSON_GetStringValue(cJSON_GetObjectItem(persona, "id")),
                       item, warnings, &error);
    if (id == NULL) {
        cli_report(error);
        return 1;
    }
    cli_print_warnings(warnings);
    printf("Updated %s %s\n", store_item_kind_name(rules->kind), id);
    return 0;
}

static int item_remove(const ItemKindRules *rules, int argc, char **argv)
{
    g_auto(ItemOptions) options = {0};
    item_options_init(&options, rules, FALSE, FALSE);
    g_autoptr(GOptionContext) context =
        cli_option_context("ITEM", "Removes one item. ITEM is an id or name.", options.entries);
    int status = cli_parse(context, &argc, &argv);
    if (status != 0)
        return status;
    if (argc != 2)
        return cli_usage("%s remove needs the item's id or name.",
                         store_item_kind_name(rules->kind));
    g_autoptr(GError) error = NULL;
    g_autoptr(Store) store = cli_open_store(&error);
    cJSON *item = NULL;
    g_autoptr(CliRevealed) persona =
        store != NULL ? find_item(store, rules, options.persona, argv[1], &item, &error) : NULL;
    if (persona == NULL ||
        !store_delete_item(store, rules->kind,
                           cJSON_GetStringValue(cJSON_GetObjectItem(persona, "id")),
                           cJSON_GetStringValue(cJSON_GetObjectItem(item, "id")), &error)) {
        cli_report(error);
        return 1;
    }
    printf("Removed %s %s\n", store_item_kind_name(rules->kind),
           cJSON_GetStringValue(cJSON_GetObjectItem(item, "id")));
    return 0;
}

static int item_list(const ItemKindRules *rules, int argc, char **argv)
{
    g_auto(ItemOptions) options = {0};
    item_options_init(&options, rules, FALSE, TRUE);
    g_autoptr(GOptionContext) context = cli_option_context(
        "", "Lists the items of every persona, or of --persona (card numbers masked).",
        options.entries);
    int status = cli_parse(context, &argc, &argv);
    if (status != 0)
        return status;
    g_autoptr(GError) error = NULL;
    g_autoptr(Store) store = cli_open_store(&error);
    g_autoptr(cJSON) personas = store != NULL ? store_list_personas(store, &error) : NULL;
    g_autoptr(cJSON) chosen = personas != NULL && options.persona != NULL
                                  ? cli_find_persona(store, options.persona, FALSE, &error)
                                  : NULL;
    if (personas == NULL || (options.persona != NULL && chosen == NULL)) {
        cli_report(error);
        return 1;
    }
    g_autoptr(cJSON) items = cJSON_CreateArray();
    const cJSON *persona;
    cJSON_ArrayForEach(persona, personas)
    {
        const char *persona_id = cJSON_GetStringValue(cJSON_GetObjectItem(persona, "id"));
        if (chosen != NULL &&
            g_strcmp0(persona_id, cJSON_GetStringValue(cJSON_GetObjectItem(chosen, "id"))) != 0)
            continue;
        const cJSON *item;
        cJSON_ArrayForEach(item, cJSON_GetObjectItem(persona, store_item_kind_array(rules->kind)))
        {
            cJSON *copy = cJSON_Duplicate(item, TRUE);
            cJSON_DeleteItemFromObjectCaseSensitive(copy, "number"); /* listings never reveal */
            cJSON_AddStringToObject(copy, "persona", persona_id);
            cJSON_AddItemToArray(items, copy);
        }
    }
    if (options.json) {
        cli_print_json(items);
        return 0;
    }
    const cJSON *item;
    cJSON_ArrayForEach(item, items)
    {
        g_autofree char *summary = cli_item_summary(rules->kind, item);
        printf("%s\n", summary);
    }
    return 0;
}

/* The verbs, once per kind (a handler receives no context pointer). */
#define ITEM_VERBS(kind, rules)                                                                    \
    static int kind##_add(int argc, char **argv)                                                   \
    {                                                                                              \
        return item_add(&rules, argc, argv);                                                       \
    }                                                                                              \
    static int kind##_edit(int argc, char **argv)                                                  \
    {                                                                                              \
        return item_edit(&rules, argc, argv);                                                      \
    }                                                                                              \
    static int kind##_remove(int argc, char **argv)                                                \
    {                                                                                              \
        return item_remove(&rules, argc, argv);                                                    \
    }                                                                                              \
    static int kind##_list(int argc, char **argv)                                                  \
    {                                                                                              \
        return item_list(&rules, argc, argv);                                                      \
    }                                                                                              \
    static const CliCommand kind##_verbs[] = {                                                     \
        {"add", kind##_add, "add [--persona PERSONA] --FIELD VALUE...  add one"},                  \
        {"edit", kind##_edit, "edit ITEM [--FIELD VALUE...]  change fields of one"},               \
        {"remove", kind##_remove, "remove ITEM  remove one"},                                      \
        {"list", kind##_list, "list [--persona PERSONA] [--json]  list them"},                     \
    };                                                                                             \
    int cli_##kind(int argc, char **argv)                                                          \
    {                                                                                              \
        return cli_dispatch(#kind, kind##_verbs, G_N_ELEMENTS(kind##_verbs), argc, argv);          \
    }

ITEM_VERBS(email, email_rules)
ITEM_VERBS(phone, phone_rules)
ITEM_VERBS(address, address_rules)
ITEM_VERBS(card, card_rules)
