/*
 * storekey.h — the binding between a store database and its keyring key.
 *
 * storekey.c reads and writes the store's meta table (store id, key check
 * value), decides which keyring item opens a database (finishing an
 * interrupted rekey), and re-encrypts a database for a new key. Every
 * function works inside the write transaction its caller (store.c) holds and
 * never begins or commits one. It never creates a key for a store that has
 * ever held a sealed value.
 */
#pragma once

#include "store.h"

G_BEGIN_DECLS

/* Inside a write transaction on a migrated database: reads (or on a new
 * store creates) the store id, and returns the vault whose key check value
 * matches the database; a new store gets a new key saved in the keyring.
 * NULL with KEYRING_UNAVAILABLE, KEYRING_LOCKED, KEYRING_FAILED,
 * KEY_MISSING, WRONG_KEY, STORE_CORRUPT or STORE_FAILED. */
Vault *storekey_attach(sqlite3 *db, GError **error);

/* WRONG_KEY when the database's key check value no longer matches @vault
 * (another process re-keyed the store since it was opened). */
gboolean storekey_check(sqlite3 *db, const Vault *vault, GError **error);

/* What opening @db would meet in an unlocked keyring, without creating,
 * saving or promoting anything. *@known is FALSE when the database has no key
 * yet (then the result is meaningless). */
StoreKeyringState storekey_probe(sqlite3 *db, gboolean *known);

/* Inside a write transaction: saves a new key as the pending item,
 * re-encrypts every sealed column and index for it and records its key check
 * value. Returns the new vault; the caller commits, then calls
 * storekey_promote() (or, when the commit fails, storekey_discard_pending()).
 * On failure the pending item is removed and NULL returned. */
Vault *storekey_rekey(sqlite3 *db, const Vault *old, GError **error);

/* Makes the committed new key the current item and removes the pending one.
 * Failures are left for the next storekey_attach() to finish. */
void storekey_promote(const Vault *vault);

/* Removes the pending item of a rekey whose commit failed. */
void storekey_discard_pending(const Vault *vault);

G_END_DECLS
