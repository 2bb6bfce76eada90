/*
 * csv.c — RFC 4180 records from a byte buffer.
 *
 * DESIGN: a single pass over the bytes with a position and a line counter;
 * each field is built in a GString that is checked against CSV_FIELD_MAX
 * before it grows, so a hostile file cannot make the reader allocate more
 * than the limits. Lines are counted in physical lines, so an error inside a
 * quoted multi-line field still names the line a text editor shows.
 */
#include "csv.h"

#include "card.h"
#include "errors.h"
#include "importer.h"
#include "jsonfield.h"
#include "validate.h"

#include <stdarg.h>

#include <string.h>

struct CsvReader {
    const char *data;
    gsize length;
    gsize position;
    int line; /* the physical line of data[position] */
};

CsvReader *csv_reader_new(const char *data, gsize length)
{
    g_return_val_if_fail(data != NULL || length == 0, NULL);
    CsvReader *reader = g_new0(CsvReader, 1);
    reader->data = data;
    reader->length = length;
    reader->line = 1;
    if (length >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        reader->position = 3;
    return reader;
}

void csv_reader_free(CsvReader *reader)
{
    g_free(reader);
}

static gboolean csv_fail(GError **error, int line, const char *format, ...) G_GNUC_PRINTF(3, 4);

/* Sets IMPORT_MALFORMED naming @line; always returns FALSE. */
static gboolean csv_fail(GError **error, int line, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    g_autofree char *reason = g_strdup_vprintf(format, args);
    va_end(args);
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_MALFORMED,
                "line %d: %s. Fix the CSV file and import it again; nothing was imported.", line,
                reason);
    return FALSE;
}

/* Consumes a record end (LF or CRLF) at the position, if there is one. */
static gboolean take_newline(CsvReader *reader)
{
    const char *p = reader->data + reader->position;
    gsize left = reader->length - reader->position;
    if (left >= 1 && p[0] == '\n') {
        reader->position += 1;
    } else if (left >= 2 && p[0] == '\r' && p[1] == '\n') {
        reader->position += 2;
    } else {
        return FALSE;
    }
    reader->line++;
    return TRUE;
}

gboolean csv_reader_next(CsvReader *reader, GStrv *fields, int *line, GError **error)
{
    g_return_val_if_fail(reader != NULL && fields != NULL && line != NULL, FALSE);
    if (reader->position >= reader->length)
        return FALSE;
    int start_line = reader->line;
    g_autoptr(GPtrArray) record = g_ptr_array_new_with_free_func(g_free);
    for (;;) {
        if (record->len == CSV_FIELDS_MAX)
            return csv_fail(error, start_line, "the record has more than 64 fields");
        g_autoptr(GString) field = g_string_new(NULL);
        gboolean quoted =
            reader->position < reader->length && reader->data[reader->position] == '"';
        if (quoted)
            reader->position++;
        for (;;) {
            if (reader->position >= reader->length) {
                if (quoted)
                    return csv_fail(error, start_line, "a quoted field is never closed");
                break;
            }
            char c = reader->data[reader->position];
            if (quoted && c == '"') {
                if (reader->position + 1 < reader->length &&
                    reader->data[reader->position + 1] == '"') {
                    reader->position += 2;
                    c = '"';
                } else {
                    reader->position++;
                    quoted = FALSE;
                    if (reader->position < reader->length &&
                        strchr(",\r\n", reader->data[reader->position]) == NULL)
                        return csv_fail(error, reader->line, "text follows a closing quote");
                    continue;
                }
            } else if (!quoted && (c == ',' || c == '\n' || c == '\r')) {
                if (c != '\r' || (reader->position + 1 < reader->length &&
                                  reader->data[reader->position + 1] == '\n'))
                    break;
                return csv_fail(error, reader->line, "a carriage return without a line feed");
            } else if (!quoted && c == '"') {
                return csv_fail(error, reader->line,
                                "a quote inside a field that does not start with one");
            } else {
                if (c == '\n')
                    reader->line++;
                reader->position++;
            }
            if (field->len == CSV_FIELD_MAX)
                return csv_fail(error, start_line, "a field is longer than 4096 bytes");
            g_string_append_c(field, c);
        }
        g_ptr_array_add(record, g_string_free(g_steal_pointer(&field), FALSE));
        if (reader->position < reader->length && reader->data[reader->position] == ',') {
            reader->position++;
            continue;
        }
        (void)take_newline(reader);
        break;
    }
    g_ptr_array_add(record, NULL);
    *fields = (GStrv)g_ptr_array_free(g_steal_pointer(&record), FALSE);
    *line = start_line;
    return TRUE;
}

/* --- Keyfill's CSV columns -------------------------------------------------- */

typedef enum {
    CSV_PERSONA, /* the persona's label; rows with the same label merge */
    CSV_DEFAULT, /* is_default: yes/no, true/false, 1/0 */
    CSV_PERSONA_TEXT,
    CSV_NAME_TEXT,
    CSV_EMAIL,
    CSV_PHONE,
    CSV_ADDRESS,
    CSV_ADDRESS_LINE,
    CSV_CARD,
    CSV_CARD_EXPIRY,
    CSV_IGNORED, /* security codes: read past, never kept */
} CsvTarget;

typedef struct {
    const char *column;
    CsvTarget target;
    const char *field; /* the canonical field it fills */
} CsvColumn;

/* docs/import-formats.md lists these columns; keep the two in step. */
static const CsvColumn csv_columns[] = {
    {"persona", CSV_PERSONA, "label"},
    {"is_default", CSV_DEFAULT, "is_default"},
    {"prefix", CSV_NAME_TEXT, "prefix"},
    {"given", CSV_NAME_TEXT, "given"},
    {"additional", CSV_NAME_TEXT, "additional"},
    {"family", CSV_NAME_TEXT, "family"},
    {"full_name", CSV_NAME_TEXT, "full"},
    {"organization", CSV_PERSONA_TEXT, "organization"},
    {"birthday", CSV_PERSONA_TEXT, "birthday"},
    {"email_label", CSV_EMAIL, "label"},
    {"email", CSV_EMAIL, "address"},
    {"phone_label", CSV_PHONE, "label"},
    {"phone_country", CSV_PHONE, "country"},
    {"phone", CSV_PHONE, "number"},
    {"address_label", CSV_ADDRESS, "label"},
    {"line1", CSV_ADDRESS_LINE, NULL},
    {"line2", CSV_ADDRESS_LINE, NULL},
    {"line3", CSV_ADDRESS_LINE, NULL},
    {"city", CSV_ADDRESS, "city"},
    {"region", CSV_ADDRESS, "region"},
    {"postal_code", CSV_ADDRESS, "postal_code"},
    {"country", CSV_ADDRESS, "country"},
    {"card_nickname", CSV_CARD, "nickname"},
    {"card_holder", CSV_CARD, "holder"},
    {"card_number", CSV_CARD, "number"},
    {"card_expiry", CSV_CARD_EXPIRY, NULL},
    {"card_cvc", CSV_IGNORED, NULL},
    {"card_cvv", CSV_IGNORED, NULL},
    {"card_code", CSV_IGNORED, NULL},
    {"security_code", CSV_IGNORED, NULL},
};

#define CSV_ROWS_MAX 10000

/* Maps the header row to column rules (NULL entries are impossible: an
 * unknown column is an error). */
static const CsvColumn **csv_header(GStrv header, GPtrArray *warnings, GError **error)
{
    guint n = g_strv_length(header);
    g_autofree const CsvColumn **columns = g_new0(const CsvColumn *, n + 1);
    gboolean has_persona = FALSE;
    for (guint i = 0; i < n; i++) {
        g_autofree char *name = g_ascii_strdown(g_strstrip(header[i]), -1);
        for (gsize c = 0; c < G_N_ELEMENTS(csv_columns) && columns[i] == NULL; c++) {
            if (strcmp(csv_columns[c].column, name) == 0)
                columns[i] = &csv_columns[c];
        }
        if (columns[i] == NULL) {
            csv_fail(error, 1, "unknown column \"%s\" (docs/import-formats.md lists them)", name);
            return NULL;
        }
        for (guint j = 0; j < i; j++) {
            if (columns[j] == columns[i]) {
                csv_fail(error, 1, "the column \"%s\" appears twice", name);
                return NULL;
            }
        }
        has_persona = has_persona || columns[i]->target == CSV_PERSONA;
        if (columns[i]->target == CSV_IGNORED && warnings != NULL)
            g_ptr_array_add(warnings, g_strdup_printf("column \"%s\" ignored: Keyfill never "
                                                      "stores card security codes",
                                                      name));
    }
    if (!has_persona) {
        csv_fail(error, 1,
                 "the header row has no \"%s\" column (the first row must name the "
                 "columns)",
                 "persona");
        return NULL;
    }
    return g_steal_pointer(&columns);
}

/* One CSV row as a persona piece; NULL for an empty row. */
static cJSON *csv_row(const CsvColumn **columns, GStrv fields, int line, GError **error)
{
    g_autoptr(cJSON) persona = cJSON_CreateObject();
    cJSON *name = cJSON_AddObjectToObject(persona, "name");
    g_autoptr(cJSON) email = cJSON_CreateObject();
    g_autoptr(cJSON) phone = cJSON_CreateObject();
    g_autoptr(cJSON) address = cJSON_CreateObject();
    g_autoptr(cJSON) card = cJSON_CreateObject();
    g_autoptr(cJSON) lines = cJSON_CreateArray();
    gboolean empty = TRUE;
    for (int i = 0; columns[i] != NULL; i++) {
        g_autofree char *value = g_strstrip(g_strdup(fields[i]));
        if (*value == '\0')
            continue;
        empty = FALSE;
        const CsvColumn *column = columns[i];
        switch (column->target) {
        case CSV_PERSONA:
        case CSV_PERSONA_TEXT:
            importer_put_text(persona, column->field, value);
            break;
        case CSV_DEFAULT: {
            gboolean yes = g_ascii_strcasecmp(value, "yes") == 0 ||
                           g_ascii_strcasecmp(value, "true") == 0 || strcmp(value, "1") == 0;
            gboolean no = g_ascii_strcasecmp(value, "no") == 0 ||
                          g_ascii_strcasecmp(value, "false") == 0 || strcmp(value, "0") == 0;
            if (!yes && !no) {
                csv_fail(error, line, "%s: write yes or no", "is_default");
                return NULL;
            }
            cJSON_AddBoolToObject(persona, "is_default", yes);
            break;
        }
        case CSV_NAME_TEXT:
            importer_put_text(name, column->field, value);
            break;
        case CSV_EMAIL:
            importer_put_text(email, column->field, value);
            break;
        case CSV_PHONE:
            importer_put_text(phone, column->field, value);
            break;
        case CSV_ADDRESS:
            importer_put_text(address, column->field, value);
            break;
        case CSV_ADDRESS_LINE:
            cJSON_AddItemToArray(lines, cJSON_CreateString(value));
            break;
        case CSV_CARD:
            importer_put_text(card, column->field, value);
            break;
        case CSV_CARD_EXPIRY: {
            int month, year;
            g_autoptr(GError) local = NULL;
            if (!card_parse_expiry(value, &month, &year, &local)) {
                csv_fail(error, line, "card_expiry: %s", local->message);
                return NULL;
            }
            cJSON_AddNumberToObject(card, "exp_month", month);
            cJSON_AddNumberToObject(card, "exp_year", year);
            break;
        }
        case CSV_IGNORED:
            break;
        }
    }
    if (empty)
        return NULL;
    if (importer_text(persona, "label") == NULL) {
        csv_fail(error, line, "the \"%s\" column is empty", "persona");
        return NULL;
    }
    if (cJSON_GetArraySize(lines) > 0)
        cJSON_AddItemToObject(address, "lines", g_steal_pointer(&lines));
    /* A phone without its own country takes the address's. */
    if (importer_text(phone, "number") != NULL && importer_text(phone, "country") == NULL)
        importer_put_text(phone, "country", importer_text(address, "country"));
    if (cJSON_GetArraySize(email) > 0)
        importer_add_entry(persona, "emails", g_steal_pointer(&email));
    if (cJSON_GetArraySize(phone) > 0)
        importer_add_entry(persona, "phones", g_steal_pointer(&phone));
    if (cJSON_GetArraySize(address) > 0)
        importer_add_entry(persona, "addresses", g_steal_pointer(&address));
    if (cJSON_GetArraySize(card) > 0)
        importer_add_entry(persona, "cards", g_steal_pointer(&card));
    return g_steal_pointer(&persona);
}

static const char *const merged_texts[] = {"organization", "birthday"};
static const char *const merged_name_parts[] = {"prefix", "given", "additional", "family", "full"};
static const char *const entry_lists[] = {"emails", "phones", "addresses", "cards"};

/* Copies @key from @from to @to unless @to has another value: a persona's
 * name and details may be repeated on later rows but not changed. */
static gboolean merge_value(cJSON *to, const cJSON *from, const char *key, int line, GError **error)
{
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(from, key);
    if (value == NULL)
        return TRUE;
    const cJSON *existing = cJSON_GetObjectItemCaseSensitive(to, key);
    if (existing == NULL) {
        cJSON_AddItemToObject(to, key, cJSON_Duplicate(value, TRUE));
        return TRUE;
    }
    if (cJSON_Compare(existing, value, TRUE))
        return TRUE;
    return csv_fail(error, line,
                    "the persona's \"%s\" differs from an earlier row with the same persona; "
                    "give it once or repeat it exactly",
                    key);
}

static gboolean csv_merge(cJSON *target, cJSON *piece, int line, GError **error)
{
    cJSON *target_name = cJSON_GetObjectItemCaseSensitive(target, "name");
    const cJSON *piece_name = cJSON_GetObjectItemCaseSensitive(piece, "name");
    for (gsize i = 0; i < G_N_ELEMENTS(merged_name_parts); i++) {
        if (!merge_value(target_name, piece_name, merged_name_parts[i], line, error))
            return FALSE;
    }
    for (gsize i = 0; i < G_N_ELEMENTS(merged_texts); i++) {
        if (!merge_value(target, piece, merged_texts[i], line, error))
            return FALSE;
    }
    if (!merge_value(target, piece, "is_default", line, error))
        return FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(entry_lists); i++) {
        cJSON *list = cJSON_GetObjectItemCaseSensitive(piece, entry_lists[i]);
        while (cJSON_GetArraySize(list) > 0)
            importer_add_entry(target, entry_lists[i], cJSON_DetachItemFromArray(list, 0));
    }
    return TRUE;
}

gboolean csv_import(const char *data, gsize length, cJSON *personas, GPtrArray *warnings,
                    GError **error)
{
    g_autoptr(CsvReader) reader = csv_reader_new(data, length);
    g_auto(GStrv) header = NULL;
    int line = 0;
    g_autoptr(GError) local = NULL;
    if (!csv_reader_next(reader, &header, &line, &local)) {
        if (local == NULL)
            return csv_fail(error, 1, "the file is empty; the first row must name the columns");
        g_propagate_error(error, g_steal_pointer(&local));
        return FALSE;
    }
    g_autofree const CsvColumn **columns = csv_header(header, warnings, error);
    if (columns == NULL)
        return FALSE;
    guint n_columns = g_strv_length(header);
    g_autoptr(GHashTable) by_label = g_hash_table_new(g_str_hash, g_str_equal);
    int rows = 0;
    for (;;) {
        g_auto(GStrv) fields = NULL;
        if (!csv_reader_next(reader, &fields, &line, &local)) {
            if (local == NULL)
                break;
            g_propagate_error(error, g_steal_pointer(&local));
            return FALSE;
        }
        if (++rows > CSV_ROWS_MAX)
            return csv_fail(error, line, "the file has more than %d rows", CSV_ROWS_MAX);
        guint n_fields = g_strv_length(fields);
        if (n_fields == 1 && *fields[0] == '\0')
            continue; /* a blank line */
        if (n_fields != n_columns) {
            return csv_fail(error, line, "the row has %u fields but the header has %u", n_fields,
                            n_columns);
        }
        g_autoptr(cJSON) piece = csv_row(columns, fields, line, error);
        if (piece == NULL) {
            if (error != NULL && *error != NULL)
                return FALSE;
            continue;
        }
        gboolean custom_full =
            importer_text(cJSON_GetObjectItemCaseSensitive(piece, "name"), "full") != NULL;
        g_autofree char *where = g_strdup_printf("line %d", line);
        if (!importer_validate_piece(piece, where, warnings, error))
            return FALSE;
        if (!custom_full) /* derived again once all rows are merged */
            cJSON_DeleteItemFromObjectCaseSensitive(cJSON_GetObjectItemCaseSensitive(piece, "name"),
                                                    "full");
        const char *label = importer_text(piece, "label");
        cJSON *target = g_hash_table_lookup(by_label, label);
        if (target == NULL) {
            target = g_steal_pointer(&piece);
            cJSON_AddItemToArray(personas, target);
            g_hash_table_insert(by_label, (char *)importer_text(target, "label"), target);
        } else if (!csv_merge(target, piece, line, error)) {
            return FALSE;
        }
    }
    return TRUE;
}
