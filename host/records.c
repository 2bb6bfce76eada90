/*
 * records.c — persona JSON ⇄ sealed rows, driven by field tables.
 *
 * DESIGN: each table is described once (TableSpec): which JSON key maps to
 * which column and how the value is encoded before sealing (text as UTF-8,
 * integers as decimal text, address lines as a JSON array). Reading, writing
 * and shape checks all walk the same tables, so adding a field is one row
 * here plus a migration in schema.c. Every value is sealed with the identity
 * (table, column, row id); ids, positions and flags stay plain.
 */
#include "records.h"

#include "errors.h"
#include "schema.h"

#include <sodium.h>
#include <string.h>

/* Longest id accepted in JSON (ours are STORE_ID_LENGTH; anything longer is
 * certainly not ours and not worth a query). */
#define RECORDS_ID_MAX 64
/* Integers the store keeps (expiry month and year) fit easily. */
#define RECORDS_INT_MIN 0
#define RECORDS_INT_MAX 100000

typedef enum {
    VALUE_TEXT,
    VALUE_INT,
    VALUE_LINES,
} ValueKind;

typedef struct {
    const char *column;
    const char *parent; /* JSON object holding the field ("name"), or NULL */
    const char *key;
    ValueKind kind;
} FieldSpec;

typedef struct {
    const char *table;
    const char *array; /* the persona JSON array; NULL for the persona itself */
    const FieldSpec *fields;
    gsize n_fields;
} TableSpec;

static const FieldSpec persona_fields[] = {
    {"label", NULL, "label", VALUE_TEXT},
    {"name_prefix", "name", "prefix", VALUE_TEXT},
    {"name_given", "name", "given", VALUE_TEXT},
    {"name_additional", "name", "additional", VALUE_TEXT},
    {"name_family", "name", "family", VALUE_TEXT},
    {"name_full", "name", "full", VALUE_TEXT},
    {"organization", NULL, "organization", VALUE_TEXT},
    {"birthday", NULL, "birthday", VALUE_TEXT},
};

static const FieldSpec email_fields[] = {
    {"label", NULL, "label", VALUE_TEXT},
    {"address", NULL, "address", VALUE_TEXT},
};

static const FieldSpec phone_fields[] = {
    {"label", NULL, "label", VALUE_TEXT},
    {"country", NULL, "country", VALUE_TEXT},
    {"number", NULL, "number", VALUE_TEXT},
};

static const FieldSpec address_fields[] = {
    {"label", NULL, "label", VALUE_TEXT},
    {"lines", NULL, "lines", VALUE_LINES},
    {"city", NULL, "city", VALUE_TEXT},
    {"region", NULL, "region", VALUE_TEXT},
    {"postal_code", NULL, "postal_code", VALUE_TEXT},
    {"country", NULL, "country", VALUE_TEXT},
};

static const FieldSpec card_fields[] = {
    {"nickname", NULL, "nickname", VALUE_TEXT}, {"holder", NULL, "holder", VALUE_TEXT},
    {"number", NULL, "number", VALUE_TEXT},     {"exp_month", NULL, "exp_month", VALUE_INT},
    {"exp_year", NULL, "exp_year", VALUE_INT},  {"network", NULL, "network", VALUE_TEXT},
};

static const TableSpec persona_table = {"personas", NULL, persona_fields,
                                        G_N_ELEMENTS(persona_fields)};

/* Indexed by StoreItemKind. */
static const TableSpec item_tables[] = {
    [STORE_ITEM_EMAIL] = {"emails", "emails", email_fields, G_N_ELEMENTS(email_fields)},
    [STORE_ITEM_PHONE] = {"phones", "phones", phone_fields, G_N_ELEMENTS(phone_fields)},
    [STORE_ITEM_ADDRESS] = {"addresses", "addresses", address_fields, G_N_ELEMENTS(address_fields)},
    [STORE_ITEM_CARD] = {"cards", "cards", card_fields, G_N_ELEMENTS(card_fields)},
};

const char *records_array_name(StoreItemKind kind)
{
    g_return_val_if_fail(kind < G_N_ELEMENTS(item_tables), NULL);
    return item_tables[kind].array;
}

gboolean records_fail(sqlite3 *db, const char *what, GError **error)
{
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_STORE_FAILED,
                "Keyfill could not %s in its database (%s). Check free disk space and that the "
                "database file is writable, then retry.",
                what, sqlite3_errmsg(db));
    return FALSE;
}

sqlite3_stmt *records_prepare(sqlite3 *db, const char *sql, GError **error)
{
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, NULL) != SQLITE_OK) {
        records_fail(db, "prepare a query", error);
        return NULL;
    }
    return statement;
}

char *records_new_id(void)
{
    guint8 bytes[STORE_ID_LENGTH / 2];
    randombytes_buf(bytes, sizeof bytes);
    char hex[STORE_ID_LENGTH + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return g_strdup(hex);
}

static void set_corrupt(const char *table, const char *column, GError **error)
{
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_STORE_CORRUPT,
                "A stored value (%s.%s) opened but is not in the expected form. Restore the "
                "database from a backup or re-import your last Keyfill export.",
                table, column);
}

/* ---- shape checks ---- */

static gboolean check_field(const cJSON *value, const FieldSpec *field, const char *where,
                            GError **error)
{
    if (value == NULL || cJSON_IsNull(value))
        return TRUE;
    const char *path_sep = where[0] != '\0' ? "." : "";
    switch (field->kind) {
    case VALUE_TEXT:
        if (!cJSON_IsString(value) || value->valuestring == NULL)
            goto wrong_type;
        if (strlen(value->valuestring) > STORE_MAX_TEXT)
            goto too_long;
        return TRUE;
    case VALUE_INT:
        /* Range first: casting an out-of-range double is undefined. */
        if (!cJSON_IsNumber(value) || !(value->valuedouble >= RECORDS_INT_MIN) ||
            value->valuedouble > RECORDS_INT_MAX ||
            value->valuedouble != (double)(gint64)value->valuedouble)
            goto wrong_type;
        return TRUE;
    case VALUE_LINES: {
        if (!cJSON_IsArray(value))
            goto wrong_type;
        if (cJSON_GetArraySize(value) > STORE_MAX_ADDRESS_LINES) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                        "The field \"%s%s%s\" has more than %d lines.", where, path_sep, field->key,
                        STORE_MAX_ADDRESS_LINES);
            return FALSE;
        }
        const cJSON *line;
        cJSON_ArrayForEach(line, value)
        {
            if (!cJSON_IsString(line) || line->valuestring == NULL)
                goto wrong_type;
            if (strlen(line->valuestring) > STORE_MAX_TEXT)
                goto too_long;
        }
        return TRUE;
    }
    }
    g_assert_not_reached();

wrong_type:
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE, "The field \"%s%s%s\" must be %s.",
                where, path_sep, field->key,
                field->kind == VALUE_TEXT  ? "a string"
                : field->kind == VALUE_INT ? "a whole number"
                                           : "an array of strings");
    return FALSE;
too_long:
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                "The field \"%s%s%s\" is longer than %d bytes.", where, path_sep, field->key,
                STORE_MAX_TEXT);
    return FALSE;
}

/* The object a field lives in (@object itself or its @parent member); NULL
 * when the parent is absent. */
static const cJSON *field_holder(const cJSON *object, const FieldSpec *field)
{
    if (field->parent == NULL)
        return object;
    const cJSON *parent = cJSON_GetObjectItemCaseSensitive(object, field->parent);
    return cJSON_IsObject(parent) ? parent : NULL;
}

static gboolean check_object(const cJSON *object, const TableSpec *spec, const char *where,
                             GError **error)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(object, "id");
    if (id != NULL && !cJSON_IsNull(id) &&
        (!cJSON_IsString(id) || id->valuestring == NULL ||
         strlen(id->valuestring) > RECORDS_ID_MAX)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                    "The field \"%s%sid\" must be an id string given by the store.", where,
                    where[0] != '\0' ? "." : "");
        return FALSE;
    }
    for (gsize i = 0; i < spec->n_fields; i++) {
        const FieldSpec *field = &spec->fields[i];
        if (field->parent != NULL) {
            const cJSON *parent = cJSON_GetObjectItemCaseSensitive(object, field->parent);
            if (parent != NULL && !cJSON_IsNull(parent) && !cJSON_IsObject(parent)) {
                g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                            "The field \"%s\" must be an object.", field->parent);
                return FALSE;
            }
        }
        const cJSON *holder = field_holder(object, field);
        g_autofree char *path =
            field->parent != NULL
                ? g_strdup_printf("%s%s%s", where, where[0] != '\0' ? "." : "", field->parent)
                : g_strdup(where);
        if (holder != NULL &&
            !check_field(cJSON_GetObjectItemCaseSensitive(holder, field->key), field, path, error))
            return FALSE;
    }
    return TRUE;
}

gboolean records_check_shape(const cJSON *persona, GError **error)
{
    g_return_val_if_fail(persona != NULL, FALSE);
    if (!cJSON_IsObject(persona)) {
        g_set_error_literal(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                            "A persona must be a JSON object.");
        return FALSE;
    }
    if (!check_object(persona, &persona_table, "", error))
        return FALSE;
    const cJSON *is_default = cJSON_GetObjectItemCaseSensitive(persona, "is_default");
    if (is_default != NULL && !cJSON_IsNull(is_default) && !cJSON_IsBool(is_default)) {
        g_set_error_literal(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                            "The field \"is_default\" must be true or false.");
        return FALSE;
    }
    for (gsize k = 0; k < G_N_ELEMENTS(item_tables); k++) {
        const TableSpec *spec = &item_tables[k];
        const cJSON *array = cJSON_GetObjectItemCaseSensitive(persona, spec->array);
        if (array == NULL || cJSON_IsNull(array))
            continue;
        if (!cJSON_IsArray(array)) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                        "The field \"%s\" must be an array.", spec->array);
            return FALSE;
        }
        if (cJSON_GetArraySize(array) > STORE_MAX_ITEMS) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                        "A persona holds at most %d %s.", STORE_MAX_ITEMS, spec->array);
            return FALSE;
        }
        int index = 0;
        const cJSON *item;
        cJSON_ArrayForEach(item, array)
        {
            g_autofree char *where = g_strdup_printf("%s[%d]", spec->array, index++);
            if (!cJSON_IsObject(item)) {
                g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                            "The field \"%s\" must be an object.", where);
                return FALSE;
            }
            if (!check_object(item, spec, where, error))
                return FALSE;
        }
    }
    return TRUE;
}

/* ---- reading ---- */

/* "SELECT <prefix>, c1, c2, ... FROM <table> WHERE <where>". g_free. */
static char *select_sql(const TableSpec *spec, const char *prefix, const char *where)
{
    g_autoptr(GString) sql = g_string_new("SELECT ");
    g_string_append(sql, prefix);
    for (gsize i = 0; i < spec->n_fields; i++)
        g_string_append_printf(sql, ", %s", spec->fields[i].column);
    g_string_append_printf(sql, " FROM %s WHERE %s", spec->table, where);
    return g_string_free(g_steal_pointer(&sql), FALSE);
}

/* Adds the opened value to @holder under @field's key. */
static gboolean decode_value(cJSON *holder, const FieldSpec *field, const TableSpec *spec,
                             const char *plain, gsize length, GError **error)
{
    switch (field->kind) {
    case VALUE_TEXT:
        if (!g_utf8_validate_len(plain, length, NULL) || strlen(plain) != length)
            break;
        cJSON_AddStringToObject(holder, field->key, plain);
        return TRUE;
    case VALUE_INT: {
        char *end = NULL;
        gint64 number = g_ascii_strtoll(plain, &end, 10);
        if (length == 0 || end != plain + length || number < RECORDS_INT_MIN ||
            number > RECORDS_INT_MAX)
            break;
        cJSON_AddNumberToObject(holder, field->key, (double)number);
        return TRUE;
    }
    case VALUE_LINES: {
        cJSON *lines = cJSON_ParseWithLength(plain, length);
        if (!cJSON_IsArray(lines)) {
            cJSON_Delete(lines);
            break;
        }
        cJSON_AddItemToObject(holder, field->key, lines);
        return TRUE;
    }
    }
    set_corrupt(spec->table, field->column, error);
    return FALSE;
}

/* Opens the sealed columns starting at @first of the current row of
 * @statement into @object. */
static gboolean read_fields(const Vault *vault, const TableSpec *spec, sqlite3_stmt *statement,
                            int first, const char *id, cJSON *object, GError **error)
{
    for (gsize i = 0; i < spec->n_fields; i++) {
        const FieldSpec *field = &spec->fields[i];
        int column = first + (int)i;
        if (sqlite3_column_type(statement, column) == SQLITE_NULL)
            continue;
        const guint8 *sealed = sqlite3_column_blob(statement, column);
        gsize sealed_length = (gsize)sqlite3_column_bytes(statement, column);
        gsize length = 0;
        g_autoptr(VaultPlain) plain = vault_open(vault, spec->table, field->column, id, sealed,
                                                 sealed_length, &length, error);
        if (plain == NULL)
            return FALSE;
        cJSON *holder = object;
        if (field->parent != NULL) {
            holder = cJSON_GetObjectItemCaseSensitive(object, field->parent);
            if (holder == NULL)
                holder = cJSON_AddObjectToObject(object, field->parent);
        }
        if (!decode_value(holder, field, spec, plain, length, error))
            return FALSE;
    }
    return TRUE;
}

/* Replaces a card's "number" by "number_masked" ("•••• 4242"). */
static void mask_card(cJSON *card)
{
    const cJSON *number = cJSON_GetObjectItemCaseSensitive(card, "number");
    if (!cJSON_IsString(number))
        return;
    const char *digits = number->valuestring;
    gsize length = strlen(digits);
    g_autofree char *masked = g_strdup_printf("•••• %s", length > 4 ? digits + length - 4 : digits);
    cJSON_DeleteItemFromObjectCaseSensitive(card, "number");
    cJSON_AddStringToObject(card, "number_masked", masked);
}

static gboolean read_items(sqlite3 *db, const Vault *vault, StoreItemKind kind,
                           const char *persona_id, gboolean reveal, cJSON *persona, GError **error)
{
    const TableSpec *spec = &item_tables[kind];
    g_autofree char *sql = select_sql(spec, "id", "persona_id = ?1 ORDER BY position, id");
    g_autoptr(sqlite3_stmt) statement = records_prepare(db, sql, error);
    if (statement == NULL)
        return FALSE;
    sqlite3_bind_text(statement, 1, persona_id, -1, SQLITE_STATIC);
    cJSON *array = cJSON_AddArrayToObject(persona, spec->array);
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(statement, 0);
        cJSON *item = cJSON_CreateObject();
        cJSON_AddItemToArray(array, item);
        cJSON_AddStringToObject(item, "id", id);
        if (!read_fields(vault, spec, statement, 1, id, item, error))
            return FALSE;
        if (kind == STORE_ITEM_CARD && !reveal)
            mask_card(item);
    }
    if (rc != SQLITE_DONE)
        return records_fail(db, "read a persona's items", error);
    return TRUE;
}

cJSON *records_read_persona(sqlite3 *db, const Vault *vault, const char *id, gboolean reveal,
                            gboolean *full_is_custom, GError **error)
{
    g_return_val_if_fail(db != NULL && vault != NULL && id != NULL, NULL);

    g_autofree char *sql = select_sql(&persona_table, "is_default, full_is_custom", "id = ?1");
    g_autoptr(sqlite3_stmt) statement = records_prepare(db, sql, error);
    if (statement == NULL)
        return NULL;
    sqlite3_bind_text(statement, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(statement);
    if (rc == SQLITE_DONE) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_NOT_FOUND,
                    "There is no persona with id \"%.64s\". List the personas to see their ids.",
                    id);
        return NULL;
    }
    if (rc != SQLITE_ROW) {
        records_fail(db, "read a persona", error);
        return NULL;
    }
    g_autoptr(cJSON) persona = cJSON_CreateObject();
    cJSON_AddStringToObject(persona, "id", id);
    cJSON_AddBoolToObject(persona, "is_default", sqlite3_column_int(statement, 0) != 0);
    cJSON_AddObjectToObject(persona, "name");
    if (!read_fields(vault, &persona_table, statement, 2, id, persona, error))
        return NULL;
    gboolean custom = sqlite3_column_int(statement, 1) != 0;
    for (gsize k = 0; k < G_N_ELEMENTS(item_tables); k++) {
        if (!read_items(db, vault, (StoreItemKind)k, id, reveal, persona, error))
            return NULL;
    }
    if (full_is_custom != NULL)
        *full_is_custom = custom;
    return g_steal_pointer(&persona);
}

GPtrArray *records_persona_ids(sqlite3 *db, GError **error)
{
    g_autoptr(sqlite3_stmt) statement =
        records_prepare(db, "SELECT id FROM personas ORDER BY position, id", error);
    if (statement == NULL)
        return NULL;
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func(g_free);
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW)
        g_ptr_array_add(ids, g_strdup((const char *)sqlite3_column_text(statement, 0)));
    if (rc != SQLITE_DONE) {
        records_fail(db, "list the personas", error);
        return NULL;
    }
    return g_steal_pointer(&ids);
}

/* ---- writing ---- */

/* The index column and purpose of (@table, @column), if it has one. */
static const SchemaSealedColumn *find_index(const char *table, const char *column)
{
    gsize count;
    const SchemaSealedColumn *columns = schema_sealed_columns(&count);
    for (gsize i = 0; i < count; i++) {
        if (columns[i].index_column != NULL && strcmp(columns[i].table, table) == 0 &&
            strcmp(columns[i].column, column) == 0)
            return &columns[i];
    }
    return NULL;
}

/* Binds the sealed form of @value (and its index hash) to @statement. */
static void bind_sealed(sqlite3_stmt *statement, int parameter, const Vault *vault,
                        const TableSpec *spec, const FieldSpec *field, const char *id,
                        const cJSON *value, const SchemaSealedColumn *index, int index_parameter)
{
    if (value == NULL || cJSON_IsNull(value)) {
        sqlite3_bind_null(statement, parameter);
        if (index != NULL)
            sqlite3_bind_null(statement, index_parameter);
        return;
    }
    char number[32];
    char *printed = NULL;
    const char *bytes;
    switch (field->kind) {
    case VALUE_TEXT:
        bytes = value->valuestring;
        break;
    case VALUE_INT:
        g_snprintf(number, sizeof number, "%" G_GINT64_FORMAT, (gint64)value->valuedouble);
        bytes = number;
        break;
    case VALUE_LINES:
        printed = cJSON_PrintUnformatted(value);
        bytes = printed;
        break;
    default:
        g_assert_not_reached();
    }
    gsize length = strlen(bytes);
    gsize sealed_length = 0;
    guint8 *sealed =
        vault_seal(vault, spec->table, field->column, id, bytes, length, &sealed_length);
    sqlite3_bind_blob64(statement, parameter, sealed, sealed_length, g_free);
    if (index != NULL) {
        guint8 *hash = g_malloc(VAULT_HASH_BYTES);
        vault_index_hash(vault, index->index_purpose, bytes, length, hash);
        sqlite3_bind_blob64(statement, index_parameter, hash, VAULT_HASH_BYTES, g_free);
    }
    sodium_memzero(number, sizeof number);
    if (printed != NULL) {
        sodium_memzero(printed, length);
        cJSON_free(printed);
    }
}

/* Seals every field of @spec from @object into row @id. */
static gboolean write_fields(sqlite3 *db, const Vault *vault, const TableSpec *spec, const char *id,
                             const cJSON *object, GError **error)
{
    g_autoptr(GString) sql = g_string_new(NULL);
    g_string_append_printf(sql, "UPDATE %s SET ", spec->table);
    int parameter = 1;
    for (gsize i = 0; i < spec->n_fields; i++) {
        const FieldSpec *field = &spec->fields[i];
        g_string_append_printf(sql, "%s%s = ?%d", i > 0 ? ", " : "", field->column, parameter++);
        const SchemaSealedColumn *index = find_index(spec->table, field->column);
        if (index != NULL)
            g_string_append_printf(sql, ", %s = ?%d", index->index_column, parameter++);
    }
    g_string_append_printf(sql, " WHERE id = ?%d", parameter);
    g_autoptr(sqlite3_stmt) statement = records_prepare(db, sql->str, error);
    if (statement == NULL)
        return FALSE;

    parameter = 1;
    for (gsize i = 0; i < spec->n_fields; i++) {
        const FieldSpec *field = &spec->fields[i];
        const cJSON *holder = field_holder(object, field);
        const cJSON *value =
            holder != NULL ? cJSON_GetObjectItemCaseSensitive(holder, field->key) : NULL;
        const SchemaSealedColumn *index = find_index(spec->table, field->column);
        bind_sealed(statement, parameter, vault, spec, field, id, value, index, parameter + 1);
        parameter += index != NULL ? 2 : 1;
    }
    sqlite3_bind_text(statement, parameter, id, -1, SQLITE_STATIC);
    if (sqlite3_step(statement) != SQLITE_DONE)
        return records_fail(db, "save a value", error);
    return TRUE;
}

static void set_id(cJSON *object, const char *id)
{
    cJSON_DeleteItemFromObjectCaseSensitive(object, "id");
    cJSON_AddStringToObject(object, "id", id);
}

/* Runs @sql with text parameters ?1.. (@text) and an integer ?N+1 when
 * @number >= 0. */
static gboolean run(sqlite3 *db, const char *sql, const char *const *text, gsize n_text,
                    gint64 number, const char *what, GError **error)
{
    g_autoptr(sqlite3_stmt) statement = records_prepare(db, sql, error);
    if (statement == NULL)
        return FALSE;
    for (gsize i = 0; i < n_text; i++)
        sqlite3_bind_text(statement, (int)i + 1, text[i], -1, SQLITE_STATIC);
    if (number >= 0)
        sqlite3_bind_int64(statement, (int)n_text + 1, number);
    if (sqlite3_step(statement) != SQLITE_DONE)
        return records_fail(db, what, error);
    return TRUE;
}

static GHashTable *stored_item_ids(sqlite3 *db, const TableSpec *spec, const char *persona_id,
                                   GError **error)
{
    g_autofree char *sql = g_strdup_printf("SELECT id FROM %s WHERE persona_id = ?1", spec->table);
    g_autoptr(sqlite3_stmt) statement = records_prepare(db, sql, error);
    if (statement == NULL)
        return NULL;
    sqlite3_bind_text(statement, 1, persona_id, -1, SQLITE_STATIC);
    g_autoptr(GHashTable) ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW)
        g_hash_table_add(ids, g_strdup((const char *)sqlite3_column_text(statement, 0)));
    if (rc != SQLITE_DONE) {
        records_fail(db, "read a persona's items", error);
        return NULL;
    }
    return g_steal_pointer(&ids);
}

static gboolean sync_items(sqlite3 *db, const Vault *vault, const TableSpec *spec,
                           const char *persona_id, cJSON *persona, GError **error)
{
    g_autoptr(GHashTable) stored = stored_item_ids(db, spec, persona_id, error);
    if (stored == NULL)
        return FALSE;
    g_autofree char *insert = g_strdup_printf(
        "INSERT INTO %s (id, persona_id, position) VALUES (?1, ?2, ?3)", spec->table);
    g_autofree char *update =
        g_strdup_printf("UPDATE %s SET position = ?2 WHERE id = ?1", spec->table);
    g_autofree char *remove = g_strdup_printf("DELETE FROM %s WHERE id = ?1", spec->table);

    cJSON *found = cJSON_GetObjectItemCaseSensitive(persona, spec->array);
    cJSON *array = cJSON_IsArray(found) ? found : NULL;
    gint64 position = 0;
    cJSON *item;
    cJSON_ArrayForEach(item, array)
    {
        const cJSON *given = cJSON_GetObjectItemCaseSensitive(item, "id");
        g_autofree char *id = NULL;
        if (cJSON_IsString(given)) {
            if (!g_hash_table_remove(stored, given->valuestring)) {
                g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_NOT_FOUND,
                            "The persona has no %s item with id \"%.64s\" (or it is listed "
                            "twice). Leave \"id\" out to add a new one.",
                            spec->array, given->valuestring);
                return FALSE;
            }
            id = g_strdup(given->valuestring);
            const char *params[] = {id};
            if (!run(db, update, params, 1, position, "update an item", error))
                return FALSE;
        } else {
            id = records_new_id();
            const char *params[] = {id, persona_id};
            if (!run(db, insert, params, 2, position, "add an item", error))
                return FALSE;
            set_id(item, id);
        }
        if (!write_fields(db, vault, spec, id, item, error))
            return FALSE;
        position++;
    }

    GHashTableIter iter;
    gpointer leftover;
    g_hash_table_iter_init(&iter, stored);
    while (g_hash_table_iter_next(&iter, &leftover, NULL)) {
        const char *params[] = {leftover};
        if (!run(db, remove, params, 1, -1, "remove an item", error))
            return FALSE;
    }
    return TRUE;
}

gboolean records_write_persona(sqlite3 *db, const Vault *vault, cJSON *persona, const char *id,
                               gboolean is_new, gboolean full_is_custom, GError **error)
{
    g_return_val_if_fail(db != NULL && vault != NULL && persona != NULL && id != NULL, FALSE);

    gint64 now = g_get_real_time() / G_USEC_PER_SEC;
    g_autofree char *flags = g_strdup_printf("%d", full_is_custom ? 1 : 0);
    const char *params[] = {id, flags};
    gboolean written =
        is_new ? run(db,
                     "INSERT INTO personas (id, full_is_custom, created, updated, position) "
                     "VALUES (?1, ?2, ?3, ?3, "
                     "(SELECT COALESCE(MAX(position), 0) + 1 FROM personas))",
                     params, 2, now, "add a persona", error)
               : run(db, "UPDATE personas SET full_is_custom = ?2, updated = ?3 WHERE id = ?1",
                     params, 2, now, "update a persona", error);
    if (!written || !write_fields(db, vault, &persona_table, id, persona, error))
        return FALSE;
    set_id(persona, id);
    for (gsize k = 0; k < G_N_ELEMENTS(item_tables); k++) {
        if (!sync_items(db, vault, &item_tables[k], id, persona, error))
            return FALSE;
    }
    return TRUE;
}

gint64 records_count_personas(sqlite3 *db)
{
    g_return_val_if_fail(db != NULL, -1);
    sqlite3_stmt *statement = NULL;
    gint64 count = -1;
    if (sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM personas", -1, &statement, NULL) ==
            SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW)
        count = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    return count;
}
