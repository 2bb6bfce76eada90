/*
 * classify.c — the `classify` command: field descriptors in, field types out.
 *
 * {"type": "classify", "fields": [descriptor, ...]} →
 * {"fields": [{"index", "type", "section", "evidence": ["label:en:first name"]}]}
 * The work is in host/classify.c; this file only reads and shapes JSON.
 */
#include "commands.h"

#include "../classify.h"
#include "../descriptor.h"
#include "../jsonfield.h"

cJSON *command_classify(HostContext *context, const cJSON *request, GError **error)
{
    const cJSON *fields = jsonfield_array(request, "fields", DESCRIPTOR_MAX_FIELDS, FALSE, error);
    if (fields == NULL)
        return NULL;
    g_autoptr(DescriptorList) list = descriptor_list_parse(fields, error);
    if (list == NULL)
        return NULL;
    g_autoptr(ClassifyResult) classified = classify_fields(list);

    cJSON *result = cJSON_CreateObject();
    cJSON *out = cJSON_AddArrayToObject(result, "fields");
    for (guint i = 0; i < classified->n_fields; i++) {
        const ClassifiedField *field = &classified->fields[i];
        cJSON *item = cJSON_CreateObject();
        cJSON_AddNumberToObject(item, "index", (double)field->index);
        cJSON_AddStringToObject(item, "type", field->type);
        cJSON_AddStringToObject(item, "section", field->section != NULL ? field->section : "");
        cJSON *evidence = cJSON_AddArrayToObject(item, "evidence");
        for (guint e = 0; e < field->n_evidence; e++) {
            g_autofree char *text =
                g_strconcat(field->evidence[e].source, ":", field->evidence[e].detail, NULL);
            cJSON_AddItemToArray(evidence, cJSON_CreateString(text));
        }
        cJSON_AddItemToArray(out, item);
    }
    return result;
}
