/*
 * audit-trail.c — audit entries as one comparable line.
 */
#include "audit-trail.h"

char *audit_trail(const cJSON *entries)
{
    GString *trail = g_string_new(NULL);
    const cJSON *entry;
    cJSON_ArrayForEach(entry, entries)
    {
        const cJSON *decision = cJSON_GetObjectItem(entry, "decision");
        g_string_append_printf(trail, "%s%s/%s", trail->len > 0 ? " " : "",
                               cJSON_GetStringValue(cJSON_GetObjectItem(entry, "kind")),
                               cJSON_IsString(decision) ? decision->valuestring : "-");
    }
    return g_string_free(trail, FALSE);
}
