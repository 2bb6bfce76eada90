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

/* The members of a descriptor. The parser walks each object's members once
 * and dispatches on the key, instead of looking every key up (a lookup scans
 * the members: a 300-option select would cost 600 scans). */
typedef enum {
    KEY_INDEX,
    KEY_FRAME,
    KEY_FORM,
    KEY_TAG,
    KEY_TYPE,
    KEY_NAME,
    KEY_ID,
    KEY_LABEL,
    KEY_AUTOCOMPLETE,
    KEY_PATTERN,
    KEY_INPUTMODE,
    KEY_PLACEHOLDER,
    KEY_MAXLENGTH,
    KEY_MINLENGTH,
    KEY_SIZE,
    KEY_VALUE_PRESENT,
    KEY_VISIBLE,
    KEY_DISABLED,
    KEY_READONLY,
    KEY_OPTIONS_TOTAL,
    KEY_LABELS,
    KEY_OPTIONS,
    N_KEYS
} DescriptorKey;

static const char *const key_names[N_KEYS] = {
    "index",     "frame",         "form",         "tag",           "type",      "name",
    "id",        "label",         "autocomplete", "pattern",       "inputmode", "placeholder",
    "maxlength", "minlength",     "size",         "value_present", "visible",   "disabled",
    "readonly",  "options_total", "labels",       "options",
};

static int find_key(const char *name)
{
    for (int i = 0; i < N_KEYS; i++) {
        if (key_names[i][0] == name[0] && strcmp(key_names[i], name) == 0)
            return i;
    }
    return -1;
}

/* Copies the string @item into the chunk; "" stays static. */
static gboolean copy_string(DescriptorList *list, const cJSON *item, const char *key,
                            size_t max_length, const char **out, GError **error)
{
    const char *value = jsonfield_check_string(item, key, max_length, error);
    if (value == NULL)
        return FALSE;
    *out = value[0] == '\0' ? "" : g_string_chunk_insert(list->strings, value);
    return TRUE;
}

static gboolean read_tag(const cJSON *item, DescriptorTag *out, GError **error)
{
    const char *name = jsonfield_check_string(item, "tag", 16, error);
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

static gboolean read_labels(DescriptorList *list, const cJSON *item, Descriptor *field,
                            GError **error)
{
    if (jsonfield_check_object(item, "labels", error) == NULL)
        return FALSE;
    const cJSON *member;
    cJSON_ArrayForEach(member, item)
    {
        int k = -1;
        for (gsize i = 0; i < G_N_ELEMENTS(label_keys) && k < 0; i++) {
            if (strcmp(label_keys[i].key, member->string) == 0)
                k = (int)i;
        }
        if (k < 0 || cJSON_IsNull(member))
            continue;
        if (!copy_string(list, member, label_keys[k].key, DESCRIPTOR_MAX_LABEL,
                         &field->text[label_keys[k].text], error)) {
            g_prefix_error(error, "In \"labels\": ");
            return FALSE;
        }
    }
    return TRUE;
}

static gboolean read_option(DescriptorList *list, const cJSON *item, DescriptorOption *out,
                            GError **error)
{
    out->value = out->text = "";
    if (!cJSON_IsObject(item)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                    "It must be an object {\"value\", \"text\"}.");
        return FALSE;
    }
    const cJSON *member;
    cJSON_ArrayForEach(member, item)
    {
        if (cJSON_IsNull(member))
            continue;
        if (strcmp(member->string, "value") == 0 &&
            !copy_string(list, member, "value", DESCRIPTOR_MAX_OPTION_TEXT, &out->value, error))
            return FALSE;
        if (strcmp(member->string, "text") == 0 &&
            !copy_string(list, member, "text", DESCRIPTOR_MAX_OPTION_TEXT, &out->text, error))
            return FALSE;
    }
    return TRUE;
}

static gboolean read_options(DescriptorList *list, const cJSON *item, Descriptor *field,
                             guint *pool_used, GError **error)
{
    if (jsonfield_check_array(item, "options", DESCRIPTOR_MAX_OPTIONS, error) == NULL)
        return FALSE;
    guint count = (guint)cJSON_GetArraySize(item);
    if (*pool_used + count > DESCRIPTOR_MAX_TOTAL_OPTIONS) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "The request holds more than %d select options in all; send fewer fields.",
                    DESCRIPTOR_MAX_TOTAL_OPTIONS);
        return FALSE;
    }
    DescriptorOption *out = &list->option_pool[*pool_used];
    guint n = 0;
    const cJSON *option;
    cJSON_ArrayForEach(option, item)
    {
        if (!read_option(list, option, &out[n], error)) {
            g_prefix_error(error, "Option %u: ", n);
            return FALSE;
        }
        n++;
    }
    field->options = n > 0 ? out : NULL;
    field->n_options = n;
    *pool_used += n;
    return TRUE;
}

/* Reads one member of a descriptor into @field. */
static gboolean read_member(DescriptorList *list, DescriptorKey key, const cJSON *item,
                            Descriptor *field, const char **type, guint *pool_used, GError **error)
{
    const char *name = key_names[key];
    switch (key) {
    case KEY_INDEX:
        return jsonfield_check_int(item, name, 0, G_MAXINT32, &field->index, error);
    case KEY_FRAME:
        return jsonfield_check_int(item, name, 0, G_MAXINT32, &field->frame, error);
    case KEY_FORM:
        return jsonfield_check_int(item, name, -1, G_MAXINT32, &field->form, error);
    case KEY_MAXLENGTH:
        return jsonfield_check_int(item, name, -1, G_MAXINT32, &field->maxlength, error);
    case KEY_MINLENGTH:
        return jsonfield_check_int(item, name, -1, G_MAXINT32, &field->minlength, error);
    case KEY_SIZE:
        return jsonfield_check_int(item, name, -1, G_MAXINT32, &field->size, error);
    case KEY_OPTIONS_TOTAL:
        return jsonfield_check_int(item, name, 0, G_MAXINT32, &field->options_total, error);
    case KEY_VALUE_PRESENT:
        return jsonfield_check_bool(item, name, &field->value_present, error);
    case KEY_VISIBLE:
        return jsonfield_check_bool(item, name, &field->visible, error);
    case KEY_DISABLED:
        return jsonfield_check_bool(item, name, &field->disabled, error);
    case KEY_READONLY:
        return jsonfield_check_bool(item, name, &field->readonly, error);
    case KEY_TAG:
        return read_tag(item, &field->tag, error);
    case KEY_TYPE:
        return copy_string(list, item, name, DESCRIPTOR_MAX_ATTRIBUTE, type, error);
    case KEY_NAME:
        return copy_string(list, item, name, DESCRIPTOR_MAX_ATTRIBUTE,
                           &field->text[DESCRIPTOR_TEXT_NAME], error);
    case KEY_ID:
        return copy_string(list, item, name, DESCRIPTOR_MAX_ATTRIBUTE,
                           &field->text[DESCRIPTOR_TEXT_ID], error);
    case KEY_LABEL:
        return copy_string(list, item, name, DESCRIPTOR_MAX_LABEL,
                           &field->text[DESCRIPTOR_TEXT_LABEL], error);
    case KEY_AUTOCOMPLETE:
        return copy_string(list, item, name, DESCRIPTOR_MAX_ATTRIBUTE, &field->autocomplete, error);
    case KEY_PATTERN:
        return copy_string(list, item, name, DESCRIPTOR_MAX_ATTRIBUTE, &field->pattern, error);
    case KEY_INPUTMODE:
        return copy_string(list, item, name, DESCRIPTOR_MAX_ATTRIBUTE, &field->inputmode, error);
    case KEY_PLACEHOLDER:
        /* labels.placeholder, read in the same walk, wins when both are sent */
        if (field->text[DESCRIPTOR_TEXT_PLACEHOLDER][0] != '\0')
            return jsonfield_check_string(item, name, DESCRIPTOR_MAX_LABEL, error) != NULL;
        return copy_string(list, item, name, DESCRIPTOR_MAX_LABEL,
                           &field->text[DESCRIPTOR_TEXT_PLACEHOLDER], error);
    case KEY_LABELS:
        return read_labels(list, item, field, error);
    case KEY_OPTIONS:
        return read_options(list, item, field, pool_used, error);
    case N_KEYS:
        break;
    }
    g_assert_not_reached();
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
    field->index = -1;
    field->frame = 0;
    field->form = -1;
    field->tag = DESCRIPTOR_TAG_INPUT;
    field->autocomplete = field->pattern = field->inputmode = "";
    field->maxlength = field->minlength = field->size = -1;
    field->visible = TRUE;
    field->options_total = 0;

    const char *type = "";
    guint64 seen = 0; /* bit k: key k was read */
    G_STATIC_ASSERT(N_KEYS <= 64);
    const cJSON *member;
    cJSON_ArrayForEach(member, object)
    {
        int key = find_key(member->string);
        if (key < 0)
            continue; /* a newer extension's key */
        /* JSON.stringify never repeats a key. A repeated one would also be
         * read twice here (the option pool is sized from the first
         * "options" only), so it is refused, null or not. */
        if (seen & ((guint64)1 << key)) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_BAD_DESCRIPTOR,
                        "The descriptor has \"%s\" more than once.", key_names[key]);
            return FALSE;
        }
        seen |= (guint64)1 << key;
        if (cJSON_IsNull(member))
            continue; /* an absent value */
        if (!read_member(list, key, member, field, &type, pool_used, error))
            return FALSE;
    }
    if (field->index < 0) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_MISSING_FIELD,
                    "The descriptor has no \"index\".");
        return FALSE;
    }

    if (type[0] == '\0')
        type = field->tag == DESCRIPTOR_TAG_SELECT     ? "select-one"
               : field->tag == DESCRIPTOR_TAG_TEXTAREA ? "textarea"
                                                       : "text";
    field->type = g_string_chunk_insert(list->strings, type);
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
        const cJSON *options =
            cJSON_IsObject(object) ? cJSON_GetObjectItemCaseSensitive(object, "options") : NULL;
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
    /* A fill map is keyed by index: two fields with one index would make it
     * ambiguous which of them a value is for. */
    g_autoptr(GHashTable) indexes = g_hash_table_new(g_int64_hash, g_int64_equal);
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
        if (!g_hash_table_add(indexes, &field->index)) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                        "Field descriptors %u and another have the same index %" G_GINT64_FORMAT
                        "; each field needs its own. Reload the page and try again.",
                        list->n_fields, field->index);
            return NULL;
        }
        list->n_fields++;
    }
    return g_steal_pointer(&list);
}
