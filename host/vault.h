/*
 * vault.h — the store key and everything done with it.
 *
 * The vault owns the 256-bit store key: it finds it in the Secret Service
 * (libsecret, schema "org.keyfill.StoreKey", attributes "store-id" and
 * "state"), keeps it in sodium_malloc memory that is wiped and freed with the
 * vault, and uses it only through derived subkeys: one to seal values
 * (XChaCha20-Poly1305-IETF), one for keyed index hashes, one for the key check
 * value, and named subkeys for other modules (the audit log's MAC chain).
 * vault.c is the ONLY file that ever sees the raw key; it never writes the key
 * anywhere but the keyring and never falls back to plaintext.
 *
 * The vault never blocks on the user: it never asks the keyring to unlock
 * (no prompt), it reports KEYRING_LOCKED instead.
 *
 * Sealed format (version 1):
 *   0x01 || 24-byte random nonce || ciphertext of the padded value || 16-byte tag
 * The associated data is the value's identity — store id, table, column and
 * row id — so a ciphertext copied into another row, column or store fails to
 * open with KEYFILL_ERROR_TAMPERED.
 *
 * Keyring items: the key of a store is the item with attributes
 * {store-id: <id>, state: "current"}. During `keyfill rekey` the new key is
 * first saved as {state: "pending"}; store.c promotes it only after the
 * database commit (see store_rekey() for the crash-safety argument).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bytes added to a plaintext by vault_seal(), besides padding. */
#define VAULT_SEAL_OVERHEAD (1 + 24 + 16)
/* Plaintexts are padded (ISO/IEC 7816-4) to a multiple of this many bytes so
 * that a ciphertext's size does not tell a value's exact length. */
#define VAULT_SEAL_BLOCK 32
/* Size of a key check value, an index hash and a derived subkey. */
#define VAULT_HASH_BYTES 32
/* Longest store id accepted (the store uses 32 hex characters). */
#define VAULT_STORE_ID_MAX 64
/* Largest plaintext vault_seal() accepts. */
#define VAULT_PLAINTEXT_MAX (1024 * 1024)

typedef struct Vault Vault;

/* Which keyring item a vault is read from or saved to. */
typedef enum {
    VAULT_SLOT_CURRENT,
    VAULT_SLOT_PENDING,
} VaultSlot;

/* What the keyring can tell without a key being created (for hello/doctor). */
typedef enum {
    VAULT_KEYRING_UNLOCKED,    /* Secret Service reachable, default collection unlocked */
    VAULT_KEYRING_LOCKED,      /* reachable, but the collection is locked */
    VAULT_KEYRING_UNAVAILABLE, /* no Secret Service on the session bus */
} VaultKeyringState;

/* Returns the state of the user's keyring without prompting, unlocking or
 * creating anything. Never fails: an unreachable service is UNAVAILABLE. */
VaultKeyringState vault_keyring_probe(void);

/* Loads the key of @store_id from @slot. Returns a new vault, or NULL with:
 *   KEYRING_UNAVAILABLE  no Secret Service on the bus;
 *   KEYRING_LOCKED       the item (or the default collection) is locked;
 *   KEY_MISSING          no such item (the caller decides whether that is
 *                        fine; it never creates one here);
 *   KEYRING_FAILED       the item holds no valid key or D-Bus failed. */
Vault *vault_load(const char *store_id, VaultSlot slot, GError **error);

/* Creates a fresh random key for @store_id, in memory only. Never fails. */
Vault *vault_generate(const char *store_id);

/* Saves the key of @vault to the keyring under @slot, replacing an item with
 * the same store id and slot. Fails with KEYRING_UNAVAILABLE, KEYRING_LOCKED
 * (never prompts) or KEYRING_FAILED. */
gboolean vault_save(const Vault *vault, VaultSlot slot, GError **error);

/* Deletes the keyring item of @store_id in @slot; a missing item is success.
 * Fails with KEYRING_UNAVAILABLE, KEYRING_LOCKED or KEYRING_FAILED. */
gboolean vault_forget(const char *store_id, VaultSlot slot, GError **error);

/* The store id the vault belongs to. Owned by the vault. */
const char *vault_store_id(const Vault *vault);

/* Writes the key check value of @vault into @out (VAULT_HASH_BYTES). The
 * store keeps it to tell "this database belongs to another key". It reveals
 * nothing about the key. */
void vault_key_check(const Vault *vault, guint8 out[VAULT_HASH_BYTES]);

/* TRUE when @check (of @length bytes) is the key check value of @vault
 * (compared in constant time). */
gboolean vault_key_check_matches(const Vault *vault, const guint8 *check, gsize length);

/* Seals @length bytes of @plaintext (at most VAULT_PLAINTEXT_MAX) for the row
 * identity (@table, @column, @row_id). Returns a g_malloc'd buffer (its size,
 * the padded length + VAULT_SEAL_OVERHEAD, in *@sealed_length). Never fails. */
guint8 *vault_seal(const Vault *vault, const char *table, const char *column, const char *row_id,
                   const void *plaintext, gsize length, gsize *sealed_length);

/* A decrypted value: bytes followed by a NUL (so text is a C string), in
 * sodium_malloc memory; vault_plain_free() wipes it. */
typedef char VaultPlain;

/* Opens a value sealed by vault_seal() for the same identity. Returns a
 * VaultPlain of *@plain_length bytes. On failure NULL with TAMPERED: wrong
 * version byte, short input, or failed authentication (changed bytes,
 * another row/column/store, another key). */
VaultPlain *vault_open(const Vault *vault, const char *table, const char *column,
                       const char *row_id, const guint8 *sealed, gsize sealed_length,
                       gsize *plain_length, GError **error);

/* Wipes and frees a buffer returned by vault_open(); accepts NULL. */
void vault_plain_free(VaultPlain *plain);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VaultPlain, vault_plain_free)

/* Keyed hash of @data for an index column: equal inputs under the same key and
 * @purpose give equal hashes, nothing else can be learnt. @purpose is a short
 * constant naming the index ("card-number"). Writes VAULT_HASH_BYTES. */
void vault_index_hash(const Vault *vault, const char *purpose, const void *data, gsize length,
                      guint8 out[VAULT_HASH_BYTES]);

/* Derives a 32-byte subkey for another module. @purpose is 1-8 ASCII bytes
 * ("audit"); distinct purposes give independent keys. The caller wipes @out
 * with sodium_memzero() when done. A rekey changes every subkey. */
void vault_derive_subkey(const Vault *vault, const char *purpose, guint8 out[VAULT_HASH_BYTES]);

/* Wipes the key and frees the vault; accepts NULL. */
void vault_free(Vault *vault);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Vault, vault_free)

G_END_DECLS
