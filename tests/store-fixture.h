/*
 * store-fixture.h — a real store in a scratch folder, for tests of the
 * modules that keep tables in it (consent, audit). The key goes to the
 * keyring of tests/with-keyring; the folder and everything in it is removed
 * at tear-down.
 */
#pragma once

#include "store.h"

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
    char *dir;    /* the scratch folder */
    char *path;   /* its keyfill.db */
    Store *store; /* open on @path */
} StoreFixture;

/* g_test_add() set-up and tear-down functions. */
void store_fixture_set_up(StoreFixture *fixture, gconstpointer data);
void store_fixture_tear_down(StoreFixture *fixture, gconstpointer data);

G_END_DECLS
