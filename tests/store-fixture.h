/*
 * store-fixture.h — a fresh store in a scratch folder of the throwaway
 * keyring session, for the store, storekey and schema tests.
 */
#pragma once

#include "store.h"

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
    char *dir;
    char *path;
    Store *store;
} StoreFixture;

/* g_test_add() set-up and tear-down: opens a new store at @f->path. */
void store_fixture_set_up(StoreFixture *f, gconstpointer data);
void store_fixture_tear_down(StoreFixture *f, gconstpointer data);

/* Closes and opens the store again (asserting success). */
void store_fixture_reopen(StoreFixture *f);

/* Stores the sample persona (tests/data/persona-ada.json), asserting success
 * without warnings; returns its id (g_free). */
char *store_fixture_put_sample(Store *store);

/* The number of personas in @store. */
gint64 store_fixture_count(Store *store);

/* The string at a path such as "cards[0].number" in @json, or NULL. */
const char *store_fixture_at(const cJSON *json, const char *path);

#define STORE_FIXTURE_ADD(path, func)                                                              \
    g_test_add(path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)

G_END_DECLS
