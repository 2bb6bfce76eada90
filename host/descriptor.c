/*
 * descriptor.c — parsing and bounding field descriptors.
 */
#include "descriptor.h"

#include "errors.h"
#include "jsonfield.h"

#include <string.h>

/* Keys of the "labels" object, in DescriptorText order. */
static const struct {
    const char *key;
    DescriptorText text;
} label_keys[] = {
    {"for", DESCRIPTOR_TEXT_FOR},
    {"enclosing", DESCRIPTOR_TEXT_ENCLOSING},
    {"aria_label", DESCRIPTOR_TEXT_ARIA_LABEL},
    {"aria_labelledby", DESCRIPTOR_TEXT_ARIA_LABELLEDBY},
    {"placeholder", DESCRIPTOR_TEXT_PLACEHOLDER},
    {"title", DESCRIPTOR_TEXT_TITLE},
    {"preceding", DESCRIPTOR_TEXT_PRECEDING},
    {"column", DESCRIPTOR_TEXT_COLUMN},
    {"legend", DESCRIPTOR_TEXT_LEGEND},
};

static const struct {
    const char *name;
    DescriptorTag tag;
} tag_names[] = {
    {"input", DESCRIPTOR_TAG_INPUT},
    {"select", DESCRIPTOR_TAG_SELECT},
    {"textarea", DESCRIPTOR_TAG_TEXTAREA},
};

void descriptor_list_free(DescriptorList *list)
{
    if (list == NULL)
        return;
    g_free(list->fields);
    g_free(list->option_pool);
    if (list->strings != NULL)
        g_string_chunk_free(list->strings);
    g_free(list);
}

/* Copies an optional string into the chunk; "" when absent. */
static gboolean read_string(DescriptorList *list, const cJSON *object, const char *key,
                            size_t max_length, const char **out, GError **error)
{
    const char *value = jsonfield_optional_string(object, key, max_length, "", error);
    if (value == NULL)
        return FALSE;
    *out = value[0] == '\0' ? "" : g_string_chunk_insert_const(list->strings, value);
    return TRUE;
}

static gboolean read_tag(const cJSON *object, DescriptorTag *out, GError **error)
{
    const char *name = jsonfield_optional_string(object, "tag", 16, "input", error);
    if (name == NULL)
        return FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(tag_names); i++) {
        if (g_ascii_strcasecmp(name, tag_names[i].name) == 0) {
            *out = tag_names[i].tag;
            return TRUE;
        }
    }
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_BAD_DESCRIPTOR,
                "The field \"tag\" must be \"input\", \"select\" or \"textarea\".");
    return FALSE;
}

static gboolean read_labels(DescriptorList *list, const cJSON *object, Descriptor *field,
                            GError **error)
{
    const cJSON *labels = jsonfield_object(object, "labels", TRUE, error);
    if (labels == NULL)
        return error == NULL || *error == NULL;
    for (gsize i = 0; i < G_N_ELEMENTS(label_keys); i++) {
        if (!read_string(list, labels, label_keys[i].key, DESCRIPTOR_MAX_LABEL,
                         &field->text[label_keys[i].text], error)) {
            g_prefix_error(error, "In \"labels\": ");
            return FALSE;
        }
    }
    return TRUE;
}

static gboolean read_options(DescriptorList *list, const cJSON *object, Descriptor *field,
                             guint *pool_used, GError **error)
{
    const cJSON *options = jsonfield_array(object, "options", DESCRIPTOR_MAX_OPTIONS, TRUE, error);
    if (options == NULL)
        return error == NULL || *error == NULL;
    guint count = (guint)cJSON_GetArraySize(options);
    if (count == 0)
        return TRUE;
    if (*pool_used + count > DESCRIPTOR_MAX_TOTAL_OPTIONS) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "The request holds more than %d select options in all; send fewer fields.",
                    DESCRIPTOR_MAX_TOTAL_OPTIONS);
        return FALSE;
    }
    DescriptorOption *out = &list->option_pool[*pool_used];
    guint n = 0;
    const cJSON *option;
    cJSON_ArrayForEach(option, options)
    {
        if (!cJSON_IsObject(option)) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                        "Option %u must be an object {\"value\", \"text\"}.", n);
            return FALSE;
        }
        if (!read_string(list, option, "value", DESCRIPTOR_MAX_OPTION_TEXT, &out[n].value, error) ||
            !read_string(list, option, "text", DESCRIPTOR_MAX_OPTION_TEXT, &out[n].text, error)) {
            g_prefix_error(error, "In option %u: ", n);
            return FALSE;
        }
        n++;
    }
    field->options = out;
    field->n_options = n;
    *pool_used += n;
    return TRUE;
}

static gboolean read_descriptor(DescriptorList *list, const cJSON *object, Descriptor *field,
                                guint *pool_used, GError **error)
{
    if (!cJSON_IsObject(object)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                    "A descriptor must be a JSON object.");
        return FALSE;
    }
    for (int i = 0; i < DESCRIPTOR_N_TEXTS; i++)
        field->text[i] = "";
    field->frame = 0;
    field->form = -1;
    field->maxlength = field->minlength = field->size = -1;
    field->visible = TRUE;
    field->options_total = 0;

    const char *type = NULL;
    if (!jsonfield_int(object, "index", 0, G_MAXINT32, FALSE, &field->index, error) ||
        !jsonfield_int(object, "frame", 0, G_MAXINT32, TRUE, &field->frame, error) ||
        !jsonfield_int(object, "form", -1, G_MAXINT32, TRUE, &field->form, error) ||
        !read_tag(object, &field->tag, error) ||
        !read_string(list, object, "type", DESCRIPTOR_MAX_ATTRIBUTE, &type, error) ||
        !read_string(list, object, "name", DESCRIPTOR_MAX_ATTRIBUTE,
                     &field->text[DESCRIPTOR_TEXT_NAME], error) ||
        !read_string(list, object, "id", DESCRIPTOR_MAX_ATTRIBUTE, &field->text[DESCRIPTOR_TEXT_ID],
                     error) ||
        !read_string(list, object, "label", DESCRIPTOR_MAX_LABEL,
                     &field->text[DESCRIPTOR_TEXT_LABEL], error) ||
        !read_string(list, object, "autocomplete", DESCRIPTOR_MAX_ATTRIBUTE, &field->autocomplete,
                     error) ||
        !read_string(list, object, "pattern", DESCRIPTOR_MAX_ATTRIBUTE, &field->pattern, error) ||
        !read_string(list, object, "inputmode", DESCRIPTOR_MAX_ATTRIBUTE, &field->inputmode,
                     error) ||
        !jsonfield_int(object, "maxlength", -1, G_MAXINT32, TRUE, &field->maxlength, error) ||
        !jsonfield_int(object, "minlength", -1, G_MAXINT32, TRUE, &field->minlength, error) ||
        !jsonfield_int(object, "size", -1, G_MAXINT32, TRUE, &field->size, error) ||
        !jsonfield_bool(object, "value_present", TRUE, &field->value_present, error) ||
        !jsonfield_bool(object, "visible", TRUE, &field->visible, error) ||
        !jsonfield_bool(object, "disabled", TRUE, &field->disabled, error) ||
        !jsonfield_bool(object, "readonly", TRUE, &field->readonly, error) ||
        !jsonfield_int(object, "options_total", 0, G_MAXINT32, TRUE, &field->options_total,
                       error) ||
        !read_labels(list, object, field, error) ||
        !read_options(list, object, field, pool_used, error))
        return FALSE;

    if (field->text[DESCRIPTOR_TEXT_PLACEHOLDER][0] == '\0' &&
        !read_string(list, object, "placeholder", DESCRIPTOR_MAX_LABEL,
                     &field->text[DESCRIPTOR_TEXT_PLACEHOLDER], error))
        return FALSE;

    if (type[0] == '\0')
        type = field->tag == DESCRIPTOR_TAG_SELECT     ? "select-one"
               : field->tag == DESCRIPTOR_TAG_TEXTAREA ? "textarea"
                                                       : "text";
    field->type = g_string_chunk_insert_const(list->strings, type);
    /* The extension lower-cases the type; the host does not rely on it. */
    for (char *p = (char *)field->type; *p != '\0'; p++)
        *p = g_ascii_tolower(*p);
    if (field->options_total < (gint64)field->n_options)
        field->options_total = field->n_options;
    return TRUE;
}

/* Counts the options of every descriptor, bounded, so the pool is sized once. */
static guint count_options(const cJSON *array)
{
    guint total = 0;
    const cJSON *object;
    cJSON_ArrayForEach(object, array)
    {
        const cJSON *options = cJSON_GetObjectItemCaseSensitive(object, "options");
        if (cJSON_IsArray(options)) {
            int n = cJSON_GetArraySize(options);
            total += (guint)MIN(n, DESCRIPTOR_MAX_OPTIONS + 1);
            if (total > DESCRIPTOR_MAX_TOTAL_OPTIONS)
                return DESCRIPTOR_MAX_TOTAL_OPTIONS;
        }
    }
    return total;
}

DescriptorList *descriptor_list_parse(const cJSON *array, GError **error)
{
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    if (array == NULL || !cJSON_IsArray(array)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                    "The field \"fields\" must be an array of field descriptors.");
        return NULL;
    }
    int n = cJSON_GetArraySize(array);
    if (n > DESCRIPTOR_MAX_FIELDS) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "The field \"fields\" holds %d descriptors; at most %d are accepted in one "
                    "request. Send the fields of one form at a time.",
                    n, DESCRIPTOR_MAX_FIELDS);
        return NULL;
    }

    g_autoptr(DescriptorList) list = g_new0(DescriptorList, 1);
    list->strings = g_string_chunk_new(4096);
    list->fields = g_new0(Descriptor, MAX(n, 1));
    list->option_pool = g_new(DescriptorOption, MAX(count_options(array), 1));

    guint pool_used = 0;
    const cJSON *object;
    cJSON_ArrayForEach(object, array)
    {
        Descriptor *field = &list->fields[list->n_fields];
        GError *local = NULL;
        if (!read_descriptor(list, object, field, &pool_used, &local)) {
            g_prefix_error(&local,
                           "Field descriptor %u of the request is not usable: ", list->n_fields);
            g_propagate_error(error, local);
            return NULL;
        }
        list->n_fields++;
    }
    return g_steal_pointer(&list);
}
