/*
 * transfer.c — `keyfill import --from FORMAT FILE` and
 * `keyfill export --out FILE [--plaintext]`.
 *
 * An import is all or nothing: the importer parses and validates the whole
 * file first, then every persona is written inside one store transaction
 * that is rolled back on the first failure. An export is sealed with a
 * passphrase unless --plaintext is given; the passphrase comes from a
 * no-echo prompt (asked twice) or from $KEYFILL_EXPORT_PASSPHRASE for
 * scripts. Revealed values are wiped from memory once written. Both are
 * audited ("import" in the import's transaction, "export" once the file is
 * written), with the number of personas and the format — never a value.
 */
#include "cli.h"

#include "../audit.h"
#include "../errors.h"
#include "../exportfile.h"
#include "../importer.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define PASSPHRASE_ENV "KEYFILL_EXPORT_PASSPHRASE"

/* The export passphrase: the environment's, or asked (twice when @confirm). */
static char *export_passphrase(gboolean confirm, GError **error)
{
    const char *env = g_getenv(PASSPHRASE_ENV);
    if (env != NULL && *env != '\0')
        return g_strdup(env);
    if (!cli_is_interactive()) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_PASSPHRASE_REQUIRED,
                    "An export passphrase is needed. Run in a terminal to be asked, or set %s.",
                    PASSPHRASE_ENV);
        return NULL;
    }
    g_autoptr(CliSecret) first = cli_prompt("Export passphrase", TRUE, error);
    if (first == NULL || !confirm)
        return g_steal_pointer(&first);
    g_autoptr(CliSecret) second = cli_prompt("The same passphrase again", TRUE, error);
    if (second == NULL)
        return NULL;
    if (strcmp(first, second) != 0) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                    "The two passphrases differ. Run the export again.");
        return NULL;
    }
    return g_steal_pointer(&first);
}

/* Reads @path, refusing files over IMPORTER_FILE_MAX before reading them. */
static char *read_file(const char *path, gsize *length, GError **error)
{
    struct stat info;
    if (g_stat(path, &info) == 0 && info.st_size > IMPORTER_FILE_MAX) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "%s is larger than %d MiB; no import file is that large.", path,
                    IMPORTER_FILE_MAX / (1024 * 1024));
        return NULL;
    }
    g_autoptr(GError) local = NULL;
    char *data = NULL;
    if (!g_file_get_contents(path, &data, length, &local)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IO, "Cannot read the file: %s",
                    local->message);
        return NULL;
    }
    return data;
}

/* Labels already in the store, case-folded. */
static GHashTable *store_labels(const cJSON *personas)
{
    GHashTable *labels = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    const cJSON *persona;
    cJSON_ArrayForEach(persona, personas)
    {
        const char *label = cJSON_GetStringValue(cJSON_GetObjectItem(persona, "label"));
        if (label != NULL)
            g_hash_table_add(labels, g_utf8_casefold(label, -1));
    }
    return labels;
}

/* Renames @persona "Label (imported)", "Label (imported 2)"... while its
 * label is taken in @labels, then records it there. */
static void give_free_label(cJSON *persona, GHashTable *labels)
{
    const char *label = cJSON_GetStringValue(cJSON_GetObjectItem(persona, "label"));
    g_autofree char *candidate = g_strdup(label);
    for (int n = 1;; n++) {
        g_autofree char *folded = g_utf8_casefold(candidate, -1);
        if (!g_hash_table_contains(labels, folded)) {
            g_hash_table_add(labels, g_steal_pointer(&folded));
            break;
        }
        g_free(candidate);
        candidate = n == 1 ? g_strdup_printf("%s (imported)", label)
                           : g_strdup_printf("%s (imported %d)", label, n);
    }
    if (strcmp(candidate, label) != 0)
        cJSON_ReplaceItemInObjectCaseSensitive(persona, "label", cJSON_CreateString(candidate));
}

/* Writes every persona and the "import" audit entry (note: the format) in
 * one transaction; on failure nothing stays. */
static gboolean write_all(Store *store, cJSON *personas, const char *format, GPtrArray *warnings,
                          GError **error)
{
    g_autoptr(cJSON) existing = store_list_personas(store, error);
    if (existing == NULL)
        return FALSE;
    g_autoptr(GHashTable) labels = store_labels(existing);
    gboolean had_personas = cJSON_GetArraySize(existing) > 0;
    if (!store_transaction_begin(store, error))
        return FALSE;
    int index = 0;
    cJSON *persona;
    cJSON_ArrayForEach(persona, personas)
    {
        index++;
        /* The store's default stays the default. */
        if (had_personas)
            cJSON_DeleteItemFromObjectCaseSensitive(persona, "is_default");
        give_free_label(persona, labels);
        g_autofree char *id = store_put_persona(store, persona, warnings, error);
        if (id == NULL) {
            store_transaction_rollback(store);
            g_prefix_error(error, "persona %d of the file: ", index);
            return FALSE;
        }
    }
    AuditRecord record = {.kind = AUDIT_KIND_IMPORT, .note = format, .count = index};
    if (audit_append(store, &record, error) == 0) {
        store_transaction_rollback(store);
        return FALSE;
    }
    return store_transaction_commit(store, error);
}

int cli_import(int argc, char **argv)
{
    g_autofree char *from = NULL;
    const GOptionEntry entries[] = {
        {"from", 0, 0, G_OPTION_ARG_STRING, &from,
         "The file's format: firefox, bitwarden, csv or keyfill", "FORMAT"},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) context = cli_option_context(
        "FILE", "Imports personas from another program's file, all or nothing.", entries);
    g_option_context_set_description(
        context, "Formats: firefox (autofill-profiles.json), bitwarden (unencrypted .json "
                 "export), csv (columns in docs/import-formats.md), keyfill (keyfill export; "
                 "the passphrase is asked, or read from " PASSPHRASE_ENV ").\n");
    int status = cli_parse(context, &argc, &argv);
    if (status != 0)
        return status;
    ImporterFormat format;
    if (from == NULL || !importer_format_from_name(from, &format))
        return cli_usage("import needs --from firefox, bitwarden, csv or keyfill.");
    if (argc != 2)
        return cli_usage("import needs the file to read: keyfill import --from %s FILE", from);
    g_autoptr(GError) error = NULL;
    gsize length = 0;
    g_autofree char *data = read_file(argv[1], &length, &error);
    g_autoptr(CliSecret) passphrase = NULL;
    if (data != NULL && format == IMPORTER_KEYFILL && exportfile_is_sealed(data, length))
        passphrase = export_passphrase(FALSE, &error);
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(CliRevealed) personas =
        error == NULL ? importer_parse(format, data, length, passphrase, warnings, &error) : NULL;
    if (data != NULL)
        sodium_memzero(data, length);
    g_autoptr(Store) store = personas != NULL ? cli_open_store(&error) : NULL;
    if (store == NULL || !write_all(store, personas, from, warnings, &error)) {
        cli_report(error);
        g_printerr("keyfill: nothing was imported.\n");
        return 1;
    }
    cli_print_warnings(warnings);
    int cards = 0, addresses = 0;
    const cJSON *persona;
    cJSON_ArrayForEach(persona, personas)
    {
        cards += cJSON_GetArraySize(cJSON_GetObjectItem(persona, "cards"));
        addresses += cJSON_GetArraySize(cJSON_GetObjectItem(persona, "addresses"));
    }
    printf("Imported %d personas (%d addresses, %d cards).\n", cJSON_GetArraySize(personas),
           addresses, cards);
    return 0;
}

int cli_export(int argc, char **argv)
{
    g_autofree char *out = NULL;
    gboolean plaintext = FALSE;
    const GOptionEntry entries[] = {
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &out, "The file to write", "FILE"},
        {"plaintext", 0, 0, G_OPTION_ARG_NONE, &plaintext,
         "Write the values unencrypted (anyone who can read the file can read them)", NULL},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) context = cli_option_context(
        "", "Exports every persona to a Keyfill file sealed with a passphrase.", entries);
    g_option_context_set_description(
        context, "The passphrase is asked twice without echo, or read from " PASSPHRASE_ENV
                 " (for scripts). Re-import with: keyfill import --from keyfill FILE\n");
    int status = cli_parse(context, &argc, &argv);
    if (status != 0)
        return status;
    if (out == NULL || argc > 1)
        return cli_usage("export needs --out FILE (and takes no other arguments).");
    g_autoptr(GError) error = NULL;
    g_autoptr(CliSecret) passphrase = plaintext ? NULL : export_passphrase(TRUE, &error);
    g_autoptr(Store) store = plaintext || passphrase != NULL ? cli_open_store(&error) : NULL;
    g_autoptr(cJSON) listed = store != NULL ? store_list_personas(store, &error) : NULL;
    if (listed == NULL) {
        cli_report(error);
        return 1;
    }
    g_autoptr(CliRevealed) personas = cJSON_CreateArray();
    const cJSON *persona;
    cJSON_ArrayForEach(persona, listed)
    {
        cJSON *full = store_get_persona(
            store, cJSON_GetStringValue(cJSON_GetObjectItem(persona, "id")), TRUE, &error);
        if (full == NULL) {
            cli_report(error);
            return 1;
        }
        cJSON_AddItemToArray(personas, full);
    }
    gsize length = 0;
    g_autofree char *file = exportfile_write(personas, passphrase, &length, &error);
    gboolean written =
        file != NULL && g_file_set_contents_full(out, file, (gssize)length,
                                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
    if (file != NULL)
        sodium_memzero(file, length);
    AuditRecord record = {.kind = AUDIT_KIND_EXPORT,
                          .note = plaintext ? "plaintext" : "sealed",
                          .count = cJSON_GetArraySize(personas)};
    if (!written || audit_append(store, &record, &error) == 0) {
        cli_report(error);
        return 1;
    }
    if (plaintext)
        g_printerr("keyfill: warning: %s is NOT encrypted; anyone who can read it can read "
                   "your cards. Delete it when done.\n",
                   out);
    printf("Exported %d personas to %s%s\n", cJSON_GetArraySize(personas), out,
           plaintext ? " (plaintext)" : " (sealed with your passphrase)");
    return 0;
}
