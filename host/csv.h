/*
 * csv.h — a reader for comma-separated values as RFC 4180 defines them.
 *
 * Fields are separated by commas, records by CRLF or LF; a field in double
 * quotes may hold commas, line breaks and doubled quotes (""). A UTF-8 byte
 * order mark at the start is skipped. The reader splits text and never copies
 * more than its limits allow; csv_import() maps Keyfill's documented columns
 * onto personas. Nothing here logs. Errors name the line where the bad record
 * starts.
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

#define CSV_FIELDS_MAX 64  /* fields in one record */
#define CSV_FIELD_MAX 4096 /* bytes in one field */

typedef struct CsvReader CsvReader;

/* A reader over @data (@length bytes), which must outlive it. */
CsvReader *csv_reader_new(const char *data, gsize length);

/* Reads the next record. On success returns TRUE with its fields in
 * *@fields (g_strfreev) and the line it starts on (1-based) in *@line. At the
 * end of the data returns FALSE without an error. A record with an unclosed
 * quote, a quote inside an unquoted field, text after a closing quote, or
 * past a limit returns FALSE with IMPORT_MALFORMED naming the line. */
gboolean csv_reader_next(CsvReader *reader, GStrv *fields, int *line, GError **error);

void csv_reader_free(CsvReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CsvReader, csv_reader_free)

/* Reads a CSV file in Keyfill's columns (docs/import-formats.md) and appends
 * its personas, each validated, to the JSON array @personas. Rows with the
 * same "persona" value make one persona. Errors name the line at fault
 * (IMPORT_MALFORMED, or a validation error prefixed "line N: "). */
gboolean csv_import(const char *data, gsize length, cJSON *personas, GPtrArray *warnings,
                    GError **error);

G_END_DECLS
