/*
 * fill_field.c — reading descriptors into FillFields, with every limit
 * checked before anything is kept.
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
    g_ptr_array_unref(set->owned);
    g_free(set);
}

/* The label sources that describe the field itself. "preceding" and
 * "legend" describe its neighbourhood and would mislead format hints. */
static const char *const hint_sources[] = {"for",   "enclosing", "aria_label", "aria_labelledby",
                                           "title", "column"};

static gboolean read_string(const cJSON *object, const char *key, const char **out, GError **error)
{
    g_autoptr(GError) local = NULL;
    const char *value = jsonfield_optional_string(object, key, FILL_MAX_STRING, "", &local);
    if (local != NULL) {
        g_propagate_error(error, g_steal_pointer(&local));
        return FALSE;
    }
    *out = value;
    return TRUE;
}

static gboolean read_hint(const cJSON *descriptor, const char *label, GPtrArray *owned,
                          const char **out, GError **error)
{
    const cJSON *labels = jsonfield_object(descriptor, "labels", TRUE, error);
    if (labels == NULL && error != NULL && *error != NULL)
        return FALSE;
    GString *hint = g_string_new(label);
    for (gsize i = 0; labels != NULL && i < G_N_ELEMENTS(hint_sources); i++) {
        const char *text = NULL;
        if (!read_string(labels, hint_sources[i], &text, error)) {
            g_string_free(hint, TRUE);
            return FALSE;
        }
        if (*text != '\0' && strstr(hint->str, text) == NULL)
            g_string_append_printf(hint, "%s%s", hint->len > 0 ? " | " : "", text);
    }
    char *joined = g_string_free(hint, FALSE);
    g_ptr_array_add(owned, joined);
    *out = joined;
    return TRUE;
}

static gboolean read_options(const cJSON *descriptor, FillField *field, GPtrArray *owned,
                             GError **error)
{
    g_autoptr(GError) local = NULL;
    const cJSON *options = jsonfield_array(descriptor, "options", FILL_MAX_OPTIONS, TRUE, &local);
    if (local != NULL) {
        g_propagate_error(error, g_steal_pointer(&local));
        return FALSE;
    }
    int count = options != NULL ? cJSON_GetArraySize(options) : 0;
    if (count == 0)
        return TRUE;
    FillOption *list = g_new0(FillOption, (gsize)count);
    g_ptr_array_add(owned, list);
    int i = 0;
    const cJSON *option;
    cJSON_ArrayForEach(option, options)
    {
        if (!cJSON_IsObject(option)) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                        "Each option of field %d must be an object {\"value\", \"text\"}.",
                        field->index);
            return FALSE;
        }
        if (!read_string(option, "value", &list[i].value, error) ||
            !read_string(option, "text", &list[i].text, error))
            return FALSE;
        i++;
    }
    field->options = list;
    field->n_options = (size_t)count;
    return TRUE;
}

static gboolean read_field(const cJSON *descriptor, FillField *field, GPtrArray *owned,
                           GError **error)
{
    if (!cJSON_IsObject(descriptor)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                    "Each entry of \"fields\" must be a field descriptor object.");
        return FALSE;
    }
    gint64 index = 0, maxlength = -1;
    gboolean visible = TRUE, disabled = FALSE, readonly = FALSE;
    const char *label = "";
    if (!jsonfield_int(descriptor, "index", 0, FILL_MAX_INDEX, FALSE, &index, error) ||
        !jsonfield_int(descriptor, "maxlength", -1, G_MAXINT32, TRUE, &maxlength, error) ||
        !jsonfield_bool(descriptor, "visible", TRUE, &visible, error) ||
        !jsonfield_bool(descriptor, "disabled", TRUE, &disabled, error) ||
        !jsonfield_bool(descriptor, "readonly", TRUE, &readonly, error) ||
        !read_string(descriptor, "tag", &field->tag, error) ||
        !read_string(descriptor, "type", &field->input_type, error) ||
        !read_string(descriptor, "name", &field->name, error) ||
        !read_string(descriptor, "id", &field->id, error) ||
        !read_string(descriptor, "label", &label, error) ||
        !read_string(descriptor, "placeholder", &field->placeholder, error) ||
        !read_string(descriptor, "pattern", &field->pattern, error))
        return FALSE;
    field->index = (int)index;
    field->type = "";
    field->section = "";
    field->maxlength = maxlength;
    field->visible = visible;
    field->disabled = disabled;
    field->readonly = readonly;
    return read_hint(descriptor, label, owned, &field->hint, error) &&
           read_options(descriptor, field, owned, error);
}

gboolean fill_field_set_from_json(const cJSON *descriptors, FillFieldSet **out, GError **error)
{
    g_return_val_if_fail(out != NULL, FALSE);
    if (!cJSON_IsArray(descriptors)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                    "The field \"fields\" must be an array of field descriptors.");
        return FALSE;
    }
    int count = cJSON_GetArraySize(descriptors);
    if (count > FILL_MAX_FIELDS) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "The form has %d fields; Keyfill plans at most %d at a time. Fill the "
                    "form in parts.",
                    count, FILL_MAX_FIELDS);
        return FALSE;
    }
    g_autoptr(FillFieldSet) set = g_new0(FillFieldSet, 1);
    set->owned = g_ptr_array_new_with_free_func(g_free);
    set->fields = g_new0(FillField, (gsize)MAX(count, 1));
    g_autoptr(GHashTable) seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    const cJSON *descriptor;
    cJSON_ArrayForEach(descriptor, descriptors)
    {
        FillField *field = &set->fields[set->n_fields];
        if (!read_field(descriptor, field, set->owned, error))
            return FALSE;
        if (!g_hash_table_add(seen, GINT_TO_POINTER(field->index + 1))) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                        "Two descriptors have the index %d; each field needs its own index. "
                        "Reload the page and try again.",
                        field->index);
            return FALSE;
        }
        set->n_fields++;
    }
    *out = g_steal_pointer(&set);
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
        if (!jsonfield_int(entry, "index", 0, FILL_MAX_INDEX, FALSE, &index, error) ||
            !read_string(entry, "type", &type, error) ||
            !read_string(entry, "section", &section, error))
            return FALSE;
        gsize i = 0;
        while (i < set->n_fields && set->fields[i].index != (int)index)
            i++;
        if (i == set->n_fields) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                        "The classification names field %d, which is not among the "
                        "descriptors. Send the descriptors and their classification together.",
                        (int)index);
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
