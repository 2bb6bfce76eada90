/*
 * jsonfield.c — type-checked field access for request handlers.
 */
#include "jsonfield.h"

#include "errors.h"

#include <math.h>
#include <string.h>

static const cJSON *lookup(const cJSON *object, const char *key, gboolean optional,
                           gboolean *absent, GError **error)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    *absent = item == NULL || cJSON_IsNull(item);
    if (*absent && !optional)
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_MISSING_FIELD,
                    "The request has no \"%s\" field, which this command needs.", key);
    return *absent ? NULL : item;
}

static void set_wrong_type(const char *key, const char *wanted, GError **error)
{
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE, "The field \"%s\" must be %s.", key,
                wanted);
}

const char *jsonfield_optional_string(const cJSON *object, const char *key, size_t max_length,
                                      const char *fallback, GError **error)
{
    gboolean absent;
    const cJSON *item = lookup(object, key, TRUE, &absent, error);
    if (absent)
        return fallback;
    return jsonfield_check_string(item, key, max_length, error);
}

const char *jsonfield_check_string(const cJSON *item, const char *key, size_t max_length,
                                   GError **error)
{
    if (!cJSON_IsString(item) || item->valuestring == NULL) {
        set_wrong_type(key, "a string", error);
        return NULL;
    }
    if (strlen(item->valuestring) > max_length) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "The field \"%s\" is longer than %zu bytes.", key, max_length);
        return NULL;
    }
    return item->valuestring;
}

const char *jsonfield_string(const cJSON *object, const char *key, size_t max_length,
                             GError **error)
{
    gboolean absent;
    if (lookup(object, key, FALSE, &absent, error) == NULL)
        return NULL;
    return jsonfield_optional_string(object, key, max_length, NULL, error);
}

gboolean jsonfield_int(const cJSON *object, const char *key, gint64 min, gint64 max,
                       gboolean optional, gint64 *out, GError **error)
{
    gboolean absent;
    const cJSON *item = lookup(object, key, optional, &absent, error);
    if (absent)
        return optional;
    return jsonfield_check_int(item, key, min, max, out, error);
}

gboolean jsonfield_check_int(const cJSON *item, const char *key, gint64 min, gint64 max,
                             gint64 *out, GError **error)
{
    double value = cJSON_IsNumber(item) ? item->valuedouble : NAN;
    if (!isfinite(value) || value != floor(value)) {
        set_wrong_type(key, "a whole number", error);
        return FALSE;
    }
    if (value < (double)min || value > (double)max) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT,
                    "The field \"%s\" must be between %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT
                    ".",
                    key, min, max);
        return FALSE;
    }
    *out = (gint64)value;
    return TRUE;
}

gboolean jsonfield_bool(const cJSON *object, const char *key, gboolean optional, gboolean *out,
                        GError **error)
{
    gboolean absent;
    const cJSON *item = lookup(object, key, optional, &absent, error);
    if (absent)
        return optional;
    return jsonfield_check_bool(item, key, out, error);
}

gboolean jsonfield_check_bool(const cJSON *item, const char *key, gboolean *out, GError **error)
{
    if (!cJSON_IsBool(item)) {
        set_wrong_type(key, "true or false", error);
        return FALSE;
    }
    *out = cJSON_IsTrue(item);
    return TRUE;
}

const cJSON *jsonfield_array(const cJSON *object, const char *key, int max_items, gboolean optional,
                             GError **error)
{
    gboolean absent;
    const cJSON *item = lookup(object, key, optional, &absent, error);
    if (absent)
        return NULL;
    return jsonfield_check_array(item, key, max_items, error);
}

const cJSON *jsonfield_check_array(const cJSON *item, const char *key, int max_items,
                                   GError **error)
{
    if (!cJSON_IsArray(item)) {
        set_wrong_type(key, "an array", error);
        return NULL;
    }
    int count = 0;
    for (const cJSON *child = item->child; child != NULL; child = child->next) {
        if (++count > max_items) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                        "The field \"%s\" has more than %d items.", key, max_items);
            return NULL;
        }
    }
    return item;
}

const cJSON *jsonfield_object(const cJSON *object, const char *key, gboolean optional,
                              GError **error)
{
    gboolean absent;
    const cJSON *item = lookup(object, key, optional, &absent, error);
    if (absent)
        return NULL;
    return jsonfield_check_object(item, key, error);
}

const cJSON *jsonfield_check_object(const cJSON *item, const char *key, GError **error)
{
    if (!cJSON_IsObject(item)) {
        set_wrong_type(key, "an object", error);
        return NULL;
    }
    return item;
}
