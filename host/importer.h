/*
 * importer.h — turning other programs' files into canonical personas.
 *
 * Reads Firefox's autofill-profiles.json, a Bitwarden JSON export
 * (identities and cards), CSV with the columns of docs/import-formats.md,
 * and Keyfill's own export, and returns validated personas ready for the
 * store. The whole file is parsed and every persona validated before
 * anything is returned, so a caller that writes the result in one
 * transaction never half-imports a file.
 *
 * This module never touches the store, never prints, and never keeps a card
 * security code: Bitwarden's "code" and CSV security-code columns are
 * skipped with a warning. Errors name the line (CSV, JSON syntax) or the
 * item ("items[4]", "creditCards[1]") at fault, never a value.
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

#define IMPORTER_FILE_MAX (16 * 1024 * 1024) /* bytes in a file to import */
#define IMPORTER_PERSONAS_MAX 200            /* as STORE_MAX_PERSONAS */

typedef enum {
    IMPORTER_FIREFOX,
    IMPORTER_BITWARDEN,
    IMPORTER_CSV,
    IMPORTER_KEYFILL,
} ImporterFormat;

/* Parses "firefox", "bitwarden", "csv" or "keyfill". */
gboolean importer_format_from_name(const char *name, ImporterFormat *format);

/* Parses @data (@length bytes of a file in @format) into a JSON array of
 * validated personas without ids, with distinct labels (caller owns). A
 * sealed Keyfill export is opened with @passphrase. Warnings (g_free'd
 * strings: skipped items, expired cards) are appended to @warnings (may be
 * NULL). NULL with IMPORT_MALFORMED (naming the line or item), a validation
 * error prefixed with the item, IMPORT_UNSUPPORTED, LIMIT_EXCEEDED, or the
 * exportfile_read() errors. */
cJSON *importer_parse(ImporterFormat format, const char *data, gsize length, const char *passphrase,
                      GPtrArray *warnings, GError **error);

/* --- for the format readers (csv.c) --- */

/* Sets @key of @object to @value trimmed, when it has text. */
void importer_put_text(cJSON *object, const char *key, const char *value);

/* The string at @key of a source record, or NULL when absent or not text.
 * The result belongs to @record. */
const char *importer_text(const cJSON *record, const char *key);

/* Appends @entry (taken) to the array @key of @persona, creating it. */
void importer_add_entry(cJSON *persona, const char *key, cJSON *entry);

/* validate_persona() on a piece of a file, its error and warnings prefixed
 * with @where ("line 7", "items[4]"). */
gboolean importer_validate_piece(cJSON *persona, const char *where, GPtrArray *warnings,
                                 GError **error);

G_END_DECLS
