/*
 * fill_field.c — the planner's view of parsed descriptors, and applying a
 * classification to it.
 */
#include "fill_field.h"

#include "errors.h"
#include "jsonfield.h"

#include <string.h>

void fill_field_set_free(FillFieldSet *set)
{
    if (set == NULL)
        return;
    g_free(set->fields);
    g_string_chunk_free(set->hints);
    g_free(set);
}

/* The label sources that describe the field itself. "preceding" and
 * "legend" describe its neighbourhood and would mislead format hints. */
static const DescriptorText hint_sources[] = {
    DESCRIPTOR_TEXT_LABEL,           DESCRIPTOR_TEXT_FOR,
    DESCRIPTOR_TEXT_ENCLOSING,       DESCRIPTOR_TEXT_ARIA_LABEL,
    DESCRIPTOR_TEXT_ARIA_LABELLEDBY, DESCRIPTOR_TEXT_TITLE,
    DESCRIPTOR_TEXT_COLUMN,
};

static const char *join_hint(const Descriptor *descriptor, GStringChunk *chunk)
{
    g_autoptr(GString) hint = g_string_new(NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(hint_sources); i++) {
        const char *text = descriptor->text[hint_sources[i]];
        if (*text != '\0' && strstr(hint->str, text) == NULL)
            g_string_append_printf(hint, "%s%s", hint->len > 0 ? " | " : "", text);
    }
    return g_string_chunk_insert(chunk, hint->str);
}

FillFieldSet *fill_field_set_new(const DescriptorList *list)
{
    g_return_val_if_fail(list != NULL, NULL);
    FillFieldSet *set = g_new0(FillFieldSet, 1);
    set->fields = g_new0(FillField, MAX(list->n_fields, 1));
    set->hints = g_string_chunk_new(1024);
    for (guint i = 0; i < list->n_fields; i++) {
        const Descriptor *descriptor = &list->fields[i];
        set->fields[i] = (FillField){
            .index = descriptor->index,
            .type = "",
            .section = "",
            .tag = descriptor->tag,
            .input_type = descriptor->type,
            .name = descriptor->text[DESCRIPTOR_TEXT_NAME],
            .id = descriptor->text[DESCRIPTOR_TEXT_ID],
            .hint = join_hint(descriptor, set->hints),
            .placeholder = descriptor->text[DESCRIPTOR_TEXT_PLACEHOLDER],
            .pattern = descriptor->pattern,
            .maxlength = descriptor->maxlength,
            .visible = descriptor->visible,
            .disabled = descriptor->disabled,
            .readonly = descriptor->readonly,
            .options = descriptor->options,
            .n_options = descriptor->n_options,
        };
    }
    set->n_fields = list->n_fields;
    return set;
}

void fill_field_set_apply(FillFieldSet *set, const ClassifyResult *result)
{
    g_return_if_fail(set != NULL && result != NULL && result->n_fields == set->n_fields);
    for (size_t i = 0; i < set->n_fields; i++) {
        set->fields[i].type = result->fields[i].type;
        set->fields[i].section = result->fields[i].section;
    }
}

static gboolean read_string(const cJSON *object, const char *key, const char **out, GError **error)
{
    g_autoptr(GError) local = NULL;
    const char *value =
        jsonfield_optional_string(object, key, DESCRIPTOR_MAX_ATTRIBUTE, "", &local);
    if (local != NULL) {
        g_propagate_error(error, g_steal_pointer(&local));
        return FALSE;
    }
    *out = value;
    return TRUE;
}

gboolean fill_field_set_classify(FillFieldSet *set, const cJSON *classified, GError **error)
{
    g_return_val_if_fail(set != NULL, FALSE);
    if (!cJSON_IsArray(classified) || cJSON_GetArraySize(classified) > FILL_MAX_FIELDS) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                    "The field \"classified\" must be the \"fields\" array of a classify "
                    "reply (at most %d entries).",
                    FILL_MAX_FIELDS);
        return FALSE;
    }
    /* Read everything first: on failure no field is changed. */
    g_autofree const char **types = g_new0(const char *, set->n_fields + 1);
    g_autofree const char **sections = g_new0(const char *, set->n_fields + 1);
    const cJSON *entry;
    cJSON_ArrayForEach(entry, classified)
    {
        gint64 index = 0;
        const char *type = "", *section = "";
        if (!cJSON_IsObject(entry)) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                        "Each entry of \"classified\" must be an object {\"index\", "
                        "\"type\", \"section\"}.");
            return FALSE;
        }
        if (!jsonfield_int(entry, "index", 0, G_MAXINT32, FALSE, &index, error) ||
            !read_string(entry, "type", &type, error) ||
            !read_string(entry, "section", &section, error))
            return FALSE;
        gsize i = 0;
        while (i < set->n_fields && set->fields[i].index != index)
            i++;
        if (i == set->n_fields) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                        "The classification names field %" G_GINT64_FORMAT
                        ", which is not among the "
                        "descriptors. Send the descriptors and their classification together.",
                        index);
            return FALSE;
        }
        types[i] = type;
        sections[i] = section;
    }
    for (gsize i = 0; i < set->n_fields; i++) {
        if (types[i] != NULL) {
            set->fields[i].type = types[i];
            set->fields[i].section = sections[i];
        }
    }
    return TRUE;
}
