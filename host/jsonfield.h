/*
 * jsonfield.h — type-checked access to fields of a request object.
 *
 * Every handler reads its cJSON input through these functions so that a
 * missing or wrongly typed field becomes the same clear error everywhere
 * (missing_field, wrong_type, limit_exceeded). They never log and never copy.
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cJSON, cJSON_Delete)

/* Returns the string at @key, or NULL with MISSING_FIELD / WRONG_TYPE set.
 * Strings longer than @max_length bytes fail with LIMIT_EXCEEDED. The result
 * belongs to @object. */
const char *jsonfield_string(const cJSON *object, const char *key, size_t max_length,
                             GError **error);

/* Like jsonfield_string(), but an absent or null field returns @fallback
 * without error. */
const char *jsonfield_optional_string(const cJSON *object, const char *key, size_t max_length,
                                      const char *fallback, GError **error);

/* Reads an integer in [@min, @max] into *@out. An absent field is
 * MISSING_FIELD unless @optional, in which case *@out is left as it is and
 * TRUE is returned. */
gboolean jsonfield_int(const cJSON *object, const char *key, gint64 min, gint64 max,
                       gboolean optional, gint64 *out, GError **error);

/* Reads a boolean into *@out; absent fields behave as in jsonfield_int(). */
gboolean jsonfield_bool(const cJSON *object, const char *key, gboolean optional, gboolean *out,
                        GError **error);

/* Returns the array at @key holding at most @max_items items, or NULL with an
 * error. With @optional, an absent field returns NULL without error. */
const cJSON *jsonfield_array(const cJSON *object, const char *key, int max_items, gboolean optional,
                             GError **error);

/* Returns the object at @key, or NULL with an error. With @optional, an absent
 * field returns NULL without error. */
const cJSON *jsonfield_object(const cJSON *object, const char *key, gboolean optional,
                              GError **error);

/* The same checks on an item already in hand (when walking an object's
 * members once instead of looking each key up): @key only names the field
 * in error messages. A null or absent item is the caller's business. */
const char *jsonfield_check_string(const cJSON *item, const char *key, size_t max_length,
                                   GError **error);
gboolean jsonfield_check_int(const cJSON *item, const char *key, gint64 min, gint64 max,
                             gint64 *out, GError **error);
gboolean jsonfield_check_bool(const cJSON *item, const char *key, gboolean *out, GError **error);
const cJSON *jsonfield_check_array(const cJSON *item, const char *key, int max_items,
                                   GError **error);
const cJSON *jsonfield_check_object(const cJSON *item, const char *key, GError **error);

G_END_DECLS
