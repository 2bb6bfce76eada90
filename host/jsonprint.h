/*
 * jsonprint.h — JSON printed for the wire, as cJSON prints it, without
 * printf.
 *
 * cJSON prints every number with sprintf("%1.15g") and reads it back with
 * sscanf() to check it: about 2,000 instructions a number, and a host that
 * prints one maps the code of printf and scanf (four 64 KiB windows of libc,
 * ~0.3 MiB of resident memory in a process that otherwise never calls them).
 * The numbers Keyfill sends are integers, and for an integer below 10^15
 * "%1.15g" is its plain decimal text, so those are written as that text
 * (cJSON raw values) before cJSON prints the rest. The bytes are the same.
 *
 * Knows nothing of what the JSON means. Never logs.
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

/* Prints @json unformatted, byte for byte as cJSON_PrintUnformatted()
 * would, into new GLib memory (free with g_free()), and its length without
 * the NUL into *@length. @json is changed: its integral numbers of
 * magnitude below 10^15 become raw values holding their decimal text. */
char *jsonprint_compact(cJSON *json, size_t *length);

G_END_DECLS
