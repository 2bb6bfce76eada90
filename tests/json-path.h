/*
 * json-path.h — test helper: follow "cards[0].number" or "[1].label" into a
 * cJSON tree, so data rows can name the value they expect.
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

/* The node at @path under @root, or NULL when any step is missing. */
const cJSON *json_path_resolve(const cJSON *root, const char *path);

/* The node as text for comparing with a row: strings as they are, numbers
 * in decimal, anything else printed as JSON; NULL for NULL. g_free. */
char *json_path_text(const cJSON *node);
