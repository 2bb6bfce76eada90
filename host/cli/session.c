/*
 * session.c — what every store subcommand of keyfill shares: which store to
 * open (--db, else $KEYFILL_DB, else the default path), finding a persona by
 * label or id, asking for missing values in a terminal, and printing JSON
 * and warnings. `keyfill rekey` lives here too: it is the store itself that
 * it acts on, not any one persona.
 *
 * Prompts for secrets (card numbers, passphrases) never echo, and the
 * buffers that held them are wiped. Nothing here prints a value the user
 * did not ask to see.
 */
#include "cli.h"

#include "../audit.h"
#include "../errors.h"
#include "../store.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static char *db_path = NULL;

static gboolean set_db_path(const char *option, const char *value, gpointer data, GError **error)
{
    g_free(db_path);
    db_path = g_strdup(value);
    return TRUE;
}

const char *cli_db_path(void)
{
    return db_path;
}

void cli_set_db_path(const char *path)
{
    (void)set_db_path("--db", path, NULL, NULL);
}

GOptionContext *cli_option_context(const char *parameters, const char *summary,
                                   const GOptionEntry *entries)
{
    static const GOptionEntry db_entry[] = {
        {"db", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)set_db_path,
         "The store to use (default: $KEYFILL_DB, else $XDG_DATA_HOME/keyfill/keyfill.db)", "PATH"},
        G_OPTION_ENTRY_NULL,
    };
    GOptionContext *context = g_option_context_new(parameters);
    g_option_context_set_summary(context, summary);
    if (entries != NULL)
        g_option_context_add_main_entries(context, entries, NULL);
    g_option_context_add_main_entries(context, db_entry, NULL);
    return context;
}

int cli_parse(GOptionContext *context, int *argc, char ***argv)
{
    g_autoptr(GError) error = NULL;
    if (!g_option_context_parse(context, argc, argv, &error)) {
        g_printerr("keyfill: %s. Run with --help for the options.\n", error->message);
        return 2;
    }
    return 0;
}

int cli_usage(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    g_autofree char *message = g_strdup_vprintf(format, args);
    va_end(args);
    g_printerr("keyfill: %s\n", message);
    return 2;
}

Store *cli_open_store(GError **error)
{
    return store_open(db_path, error);
}

gboolean cli_is_interactive(void)
{
    return isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
}

void cli_secret_free(char *secret)
{
    if (secret == NULL)
        return;
    sodium_memzero(secret, strlen(secret));
    g_free(secret);
}

#define PROMPT_INPUT_MAX 1024 /* bytes in one answer */

char *cli_prompt(const char *question, gboolean secret, GError **error)
{
    g_return_val_if_fail(question != NULL, NULL);
    struct termios saved, quiet;
    gboolean hidden = secret && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (hidden) {
        quiet = saved;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        quiet.c_lflag |= ECHONL;
        hidden = tcsetattr(STDIN_FILENO, TCSADRAIN, &quiet) == 0;
    }
    g_printerr("%s: ", question);
    char buffer[PROMPT_INPUT_MAX + 2];
    char *line = fgets(buffer, sizeof buffer, stdin);
    if (hidden)
        (void)tcsetattr(STDIN_FILENO, TCSADRAIN, &saved);
    if (line == NULL) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                    "No answer was typed (end of input). Give the value as an option instead.");
        return NULL;
    }
    gsize length = strcspn(buffer, "\r\n");
    if (length > PROMPT_INPUT_MAX) {
        sodium_memzero(buffer, sizeof buffer);
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "The answer is longer than %d bytes.", PROMPT_INPUT_MAX);
        return NULL;
    }
    char *answer = g_strndup(buffer, length);
    sodium_memzero(buffer, sizeof buffer);
    return answer;
}

char *cli_value_or_prompt(const char *value, const char *question, gboolean secret, GError **error)
{
    if (value != NULL)
        return g_strdup(value);
    if (!cli_is_interactive()) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_MISSING_FIELD,
                    "%s is missing; give it as an option (see --help).", question);
        return NULL;
    }
    return cli_prompt(question, secret, error);
}

cJSON *cli_find_persona(Store *store, const char *reference, gboolean reveal, GError **error)
{
    g_autoptr(cJSON) personas = store_list_personas(store, error);
    if (personas == NULL)
        return NULL;
    g_autofree char *wanted = reference != NULL && g_utf8_validate(reference, -1, NULL)
                                  ? g_utf8_casefold(reference, -1)
                                  : NULL;
    const cJSON *exact = NULL, *labelled = NULL;
    int labels = 0;
    const cJSON *persona;
    cJSON_ArrayForEach(persona, personas)
    {
        const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(persona, "id"));
        const char *label = cJSON_GetStringValue(cJSON_GetObjectItem(persona, "label"));
        g_autofree char *folded = label != NULL ? g_utf8_casefold(label, -1) : NULL;
        if (reference == NULL) {
            if (cJSON_IsTrue(cJSON_GetObjectItem(persona, "is_default")))
                exact = persona;
        } else if (g_strcmp0(id, reference) == 0) {
            exact = persona; /* an id wins over labels */
        } else if (wanted != NULL && g_strcmp0(folded, wanted) == 0) {
            labelled = persona;
            labels++;
        }
    }
    const cJSON *found = exact != NULL ? exact : labelled;
    if (found == NULL) {
        g_set_error_literal(
            error, KEYFILL_ERROR, KEYFILL_ERROR_NOT_FOUND,
            reference == NULL
                ? "There is no persona yet. Add one: keyfill persona add --label Home"
                : "No persona has that label or id. See them with: keyfill persona list");
        return NULL;
    }
    if (exact == NULL && labels > 1) {
        g_set_error_literal(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                            "Several personas have that label. Name the persona by its id "
                            "(keyfill persona list shows them).");
        return NULL;
    }
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(found, "id"));
    return store_get_persona(store, id, reveal, error);
}

void cli_print_json(const cJSON *json)
{
    char *printed = cJSON_Print(json);
    printf("%s\n", printed);
    sodium_memzero(printed, strlen(printed));
    cJSON_free(printed);
}

void cli_print_warnings(const GPtrArray *warnings)
{
    for (guint i = 0; warnings != NULL && i < warnings->len; i++)
        g_printerr("keyfill: warning: %s\n", (const char *)g_ptr_array_index(warnings, i));
}

void cli_wipe_json(cJSON *json)
{
    for (cJSON *node = json; node != NULL; node = node->next) {
        if (cJSON_IsString(node) && node->valuestring != NULL)
            sodium_memzero(node->valuestring, strlen(node->valuestring));
        if (node->child != NULL)
            cli_wipe_json(node->child);
    }
}

void cli_json_free_wiped(cJSON *json)
{
    if (json == NULL)
        return;
    cli_wipe_json(json);
    cJSON_Delete(json);
}

int cli_rekey(int argc, char **argv)
{
    g_autoptr(GOptionContext) context = cli_option_context(
        "",
        "Replaces the store's key with a new one and re-encrypts every value with it, in "
        "one transaction. The old key stays in force if anything fails.",
        NULL);
    int status = cli_parse(context, &argc, &argv);
    if (status != 0)
        return status;
    if (argc > 1)
        return cli_usage("rekey takes no arguments.");
    g_autoptr(GError) error = NULL;
    g_autoptr(Store) store = cli_open_store(&error);
    AuditRecord record = {.kind = AUDIT_KIND_KEY_ROTATION};
    if (store == NULL || !store_rekey(store, &error) || audit_append(store, &record, &error) == 0) {
        cli_report(error);
        return 1;
    }
    printf("The store has a new key; every value is re-encrypted with it.\n");
    return 0;
}

int cli_dispatch(const char *group, const CliCommand *verbs, gsize n_verbs, int argc, char **argv)
{
    const char *verb = argc >= 2 ? argv[1] : NULL;
    for (gsize i = 0; verb != NULL && i < n_verbs; i++) {
        if (strcmp(verbs[i].name, verb) == 0)
            return verbs[i].handler(argc - 1, argv + 1);
    }
    gboolean help = verb != NULL && (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0 ||
                                     strcmp(verb, "help") == 0);
    FILE *out = help ? stdout : stderr;
    if (!help)
        fprintf(out, "keyfill: %s has no command \"%s\".\n", group, verb != NULL ? verb : "");
    fprintf(out, "usage: keyfill %s <command> [options]\n\ncommands:\n", group);
    for (gsize i = 0; i < n_verbs; i++)
        fprintf(out, "  %s\n", verbs[i].summary);
    fprintf(out, "\nRun 'keyfill %s <command> --help' for its options.\n", group);
    return help ? 0 : 2;
}
