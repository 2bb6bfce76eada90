/*
 * store.h — the personal-data store: personas and their emails, phones,
 * addresses and cards, in SQLite, every personal value sealed by the vault.
 *
 * The store owns the database file (WAL, busy timeout with retry, foreign
 * keys, schema migrations from schema.h) and the mapping between the
 * canonical persona JSON (docs/protocol.md, "Persona JSON") and sealed
 * columns. Only ids, foreign keys, ordering, flags and timestamps are stored
 * in the clear; everything a person typed is sealed with its row identity as
 * associated data. The store never writes a personal value to the database
 * in plaintext, never logs, never creates a new key for a store that already
 * holds data (KEY_MISSING instead), and never stores a card security code
 * (fields it does not know are dropped).
 *
 * Ids are opaque strings (16 random hex characters) assigned by the store.
 * A put with an id the store does not know fails with NOT_FOUND: to insert,
 * leave "id" out. Every write is one transaction; several writes can be made
 * one with store_transaction_begin() (e.g. an import).
 *
 * Cards: "number" leaves the store only when asked with reveal; otherwise the
 * card carries "number_masked" ("•••• 4242"). A put of a card that has an id
 * but no "number" keeps the stored number (so a masked listing can be edited
 * and saved back).
 */
#pragma once

#include "vault.h"

#include <cjson/cJSON.h>
#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Limits on what one persona may hold (a reply must stay under 1 MB). */
#define STORE_MAX_PERSONAS 200
#define STORE_MAX_ITEMS 20 /* per kind (emails, phones, ...) per persona */
#define STORE_MAX_TEXT 512 /* bytes in one text field */
#define STORE_MAX_ADDRESS_LINES 6
#define STORE_ID_LENGTH 16 /* hex characters in an id */

typedef struct Store Store;

/* The sub-items a persona holds; the names are the persona JSON arrays'
 * singular forms and the protocol command prefixes. */
typedef enum {
    STORE_ITEM_EMAIL,
    STORE_ITEM_PHONE,
    STORE_ITEM_ADDRESS,
    STORE_ITEM_CARD,
} StoreItemKind;

/* What hello and doctor may learn about a store without creating anything. */
typedef enum {
    STORE_KEYRING_UNLOCKED,
    STORE_KEYRING_LOCKED,
    STORE_KEYRING_UNAVAILABLE,
    STORE_KEYRING_KEY_MISSING,
    STORE_KEYRING_WRONG_KEY,
} StoreKeyringState;

typedef struct {
    char *path;                /* the database path probed */
    gboolean exists;           /* the database file exists */
    StoreKeyringState keyring; /* what opening it would meet */
    gint64 personas;           /* number of personas, -1 when unknown */
} StoreProbe;

/* The database path: $KEYFILL_DB when set and non-empty, else
 * $XDG_DATA_HOME/keyfill/keyfill.db. g_free. */
char *store_default_path(void);

/* Opens the store at @path (NULL: store_default_path()), creating the folder,
 * the database and the key on first use, migrating the schema and finishing
 * an interrupted rekey. Returns NULL with: KEYRING_UNAVAILABLE,
 * KEYRING_LOCKED, KEY_MISSING (the store holds data but its key item is gone),
 * WRONG_KEY (the key in the keyring is not this store's), STORE_TOO_NEW,
 * STORE_CORRUPT or STORE_FAILED. */
Store *store_open(const char *path, GError **error);

/* Looks at the store at @path (NULL: default) without creating a file, a key
 * or a keyring item and without prompting. Never fails. Free with
 * store_probe_free(). */
StoreProbe *store_probe(const char *path);
void store_probe_free(StoreProbe *probe);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(StoreProbe, store_probe_free)

/* "unlocked", "locked", "unavailable", "key_missing" or "wrong_key". */
const char *store_keyring_state_name(StoreKeyringState state);

/* The path the store was opened from. Owned by the store. */
const char *store_path(const Store *store);

/* The open database, for modules that keep their own tables in it (consent,
 * audit); they add their tables through schema.c migrations and must seal
 * personal values with store_vault(). Owned by the store. */
sqlite3 *store_db(Store *store);

/* The store's vault (for vault_seal/vault_open/vault_derive_subkey). Owned by
 * the store; valid until store_free() or store_rekey(). */
const Vault *store_vault(Store *store);

/* Groups the following writes into one transaction (nesting is allowed:
 * inner writes become savepoints). STORE_FAILED when the database stays busy
 * past the retry budget. */
gboolean store_transaction_begin(Store *store, GError **error);
/* Commits the outermost transaction. On failure it is rolled back. */
gboolean store_transaction_commit(Store *store, GError **error);
/* Rolls back the outermost transaction. Never fails. */
void store_transaction_rollback(Store *store);

/* Returns a JSON array of all personas in order, card numbers masked. NULL
 * with TAMPERED, STORE_FAILED. Caller owns (cJSON_Delete). */
cJSON *store_list_personas(Store *store, GError **error);

/* Returns one persona (card numbers only with @reveal), or NULL with
 * NOT_FOUND, TAMPERED or STORE_FAILED. Caller owns. */
cJSON *store_get_persona(Store *store, const char *id, gboolean reveal, GError **error);

/* Inserts (@persona has no "id") or replaces (it has one) a whole persona,
 * sub-items included: items with an id are updated, items without one are
 * added, stored items missing from @persona are removed. @persona is first
 * validated and normalised in place by validate_persona(); warnings (g_free'd
 * strings, e.g. "card 1 has expired") are appended to @warnings when it is
 * not NULL. On success @persona carries the assigned ids and the returned
 * string is its id (g_free). On failure nothing is written and NULL is
 * returned with: the validation error, NOT_FOUND (unknown id),
 * LIMIT_EXCEEDED, WRONG_TYPE, STORE_FAILED. */
char *store_put_persona(Store *store, cJSON *persona, GPtrArray *warnings, GError **error);

/* Deletes a persona and all its items. NOT_FOUND when unknown. When the
 * default persona is deleted, the first remaining one becomes the default. */
gboolean store_delete_persona(Store *store, const char *id, GError **error);

/* Makes @id the default persona (and no other). NOT_FOUND when unknown. */
gboolean store_set_default_persona(Store *store, const char *id, GError **error);

/* Parses "email", "phone", "address" or "card" into *@kind. */
gboolean store_item_kind_from_name(const char *name, StoreItemKind *kind);
/* "email", "phone", "address" or "card". */
const char *store_item_kind_name(StoreItemKind kind);
/* The persona JSON array holding items of @kind: "emails", "phones",
 * "addresses" or "cards". */
const char *store_item_kind_array(StoreItemKind kind);

/* Adds (@item has no "id") or updates one sub-item of persona @persona_id;
 * the whole persona is validated as in store_put_persona(). On success @item
 * is normalised and carries its id; returns the item id (g_free). */
char *store_put_item(Store *store, StoreItemKind kind, const char *persona_id, cJSON *item,
                     GPtrArray *warnings, GError **error);

/* Removes one sub-item. @persona_id may be NULL to find the item in any
 * persona. NOT_FOUND when unknown. */
gboolean store_delete_item(Store *store, StoreItemKind kind, const char *persona_id,
                           const char *item_id, GError **error);

/* Returns a JSON array of every card, masked, each with a "persona" field
 * naming its persona id. Caller owns. */
cJSON *store_list_cards(Store *store, GError **error);

/* Finds a stored card by its number through the keyed index (no decryption of
 * other cards). On success writes g_malloc'd ids to *@persona_id and
 * *@card_id; NOT_FOUND when no card has that number. */
gboolean store_find_card(Store *store, const char *number, char **persona_id, char **card_id,
                         GError **error);

/* Replaces the store key: a new key is saved to the keyring as "pending",
 * every sealed value and index is re-encrypted in one transaction together
 * with the new key check value, and only after the commit the pending key
 * becomes the current one. A crash before the commit leaves the old key in
 * force; a crash after it is finished by the next store_open(), which finds
 * that the pending key matches the database. Fails with the keyring errors,
 * TAMPERED or STORE_FAILED; on failure the old key stays in force. */
gboolean store_rekey(Store *store, GError **error);

/* Closes the database and wipes the key; accepts NULL. */
void store_free(Store *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Store, store_free)

G_END_DECLS
