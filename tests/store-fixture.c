/*
 * store-fixture.c — a fresh store per test.
 */
#include "store-fixture.h"

#include "json-path.h"
#include "jsonfield.h"
#include "keyring-session.h"

void store_fixture_set_up(StoreFixture *f, gconstpointer data)
{
    f->dir = keyring_session_scratch();
    f->path = g_build_filename(f->dir, "keyfill.db", NULL);
    g_autoptr(GError) error = NULL;
    f->store = store_open(f->path, &error);
    g_assert_no_error(error);
}

void store_fixture_tear_down(StoreFixture *f, gconstpointer data)
{
    store_free(f->store);
    g_free(f->path);
    g_free(f->dir);
}

void store_fixture_reopen(StoreFixture *f)
{
    store_free(f->store);
    g_autoptr(GError) error = NULL;
    f->store = store_open(f->path, &error);
    g_assert_no_error(error);
}

char *store_fixture_put_sample(Store *store)
{
    g_autoptr(cJSON) persona = keyring_session_sample_persona();
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GError) error = NULL;
    char *id = store_put_persona(store, persona, warnings, &error);
    g_assert_no_error(error);
    g_assert_nonnull(id);
    g_assert_cmpuint(warnings->len, ==, 0);
    return id;
}

gint64 store_fixture_count(Store *store)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(cJSON) list = store_list_personas(store, &error);
    g_assert_no_error(error);
    return cJSON_GetArraySize(list);
}

const char *store_fixture_at(const cJSON *json, const char *path)
{
    return cJSON_GetStringValue(json_path_resolve(json, path));
}
