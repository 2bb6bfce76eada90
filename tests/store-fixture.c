/*
 * store-fixture.c — set-up and tear-down of a scratch store for tests.
 */
#include "store-fixture.h"

#include <glib/gstdio.h>

void store_fixture_set_up(StoreFixture *fixture, gconstpointer data)
{
    g_autoptr(GError) error = NULL;
    fixture->dir = g_dir_make_tmp("keyfill-store-XXXXXX", &error);
    g_assert_no_error(error);
    fixture->path = g_build_filename(fixture->dir, "keyfill.db", NULL);
    fixture->store = store_open(fixture->path, &error);
    g_assert_no_error(error);
}

void store_fixture_tear_down(StoreFixture *fixture, gconstpointer data)
{
    g_clear_pointer(&fixture->store, store_free);
    g_autoptr(GDir) dir = g_dir_open(fixture->dir, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
        g_autofree char *file = g_build_filename(fixture->dir, name, NULL);
        g_unlink(file);
    }
    g_rmdir(fixture->dir);
    g_clear_pointer(&fixture->path, g_free);
    g_clear_pointer(&fixture->dir, g_free);
}
