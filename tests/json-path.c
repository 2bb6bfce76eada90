/*
 * json-path.c — see json-path.h.
 */
#include "json-path.h"

#include <string.h>

const cJSON *json_path_resolve(const cJSON *root, const char *path)
{
    const cJSON *node = root;
    const char *p = path;
    while (node != NULL && *p != '\0') {
        if (*p == '.') {
            p++;
        } else if (*p == '[') {
            char *end = NULL;
            gint64 index = g_ascii_strtoll(p + 1, &end, 10);
            g_assert_true(end != NULL && *end == ']');
            node = cJSON_GetArrayItem(node, (int)index);
            p = end + 1;
        } else {
            gsize length = strcspn(p, ".[");
            g_autofree char *key = g_strndup(p, length);
            node = cJSON_GetObjectItemCaseSensitive(node, key);
            p += length;
        }
    }
    return node;
}

char *json_path_text(const cJSON *node)
{
    if (node == NULL)
        return NULL;
    if (cJSON_IsString(node))
        return g_strdup(node->valuestring);
    if (cJSON_IsNumber(node))
        return g_strdup_printf("%d", node->valueint);
    char *printed = cJSON_PrintUnformatted(node);
    g_autofree char *copy = g_strdup(printed);
    cJSON_free(printed);
    return g_steal_pointer(&copy);
}
