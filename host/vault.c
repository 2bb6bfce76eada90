/*
 * vault.c — the store key: Secret Service storage, sealing and keyed hashes.
 *
 * DESIGN: the raw key never leaves this file. It is read from the keyring as
 * base64 text (so a user can back it up with `secret-tool lookup`), decoded
 * straight into sodium_malloc memory, and immediately split with crypto_kdf
 * into purpose subkeys; only the subkeys are used afterwards, so a value
 * sealed here, an index hash and the audit MAC key are independent even though
 * they come from one secret. Internal subkeys use KDF id 1 with contexts
 * "kf-seal", "kf-index", "kf-check"; subkeys handed to other modules use KDF
 * id 2 with the module's own context, so no outside name can ever yield an
 * internal key.
 *
 * The keyring is only ever asked non-interactive questions: search without
 * unlocking, read an unlocked item, store into an unlocked collection. A
 * locked item or collection is reported as KEYRING_LOCKED, never unlocked
 * with a prompt: the host runs without a terminal and must not hang a page.
 */
#include "vault.h"

#include "errors.h"
#include "secretlib.h"

#include <sodium.h>
#include <string.h>

#define KEY_BYTES crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
#define SEAL_VERSION 0x01
/* Base64 of a 32-byte key is 44 characters; anything longer is not ours. */
#define KEY_TEXT_MAX 128

G_STATIC_ASSERT(KEY_BYTES == 32 && NONCE_BYTES == 24 && TAG_BYTES == 16);
G_STATIC_ASSERT(VAULT_SEAL_OVERHEAD == 1 + NONCE_BYTES + TAG_BYTES);
G_STATIC_ASSERT(crypto_kdf_KEYBYTES == KEY_BYTES && VAULT_HASH_BYTES == 32);

/* The subkeys, all in one sodium_malloc region. */
typedef struct {
    guint8 master[KEY_BYTES];
    guint8 seal[KEY_BYTES];
    guint8 index[VAULT_HASH_BYTES];
    guint8 check[VAULT_HASH_BYTES];
} VaultKeys;

struct Vault {
    char *store_id;
    VaultKeys *keys; /* sodium_malloc, read-only except while being filled */
};

static const SecretSchema *store_key_schema(void)
{
    static const SecretSchema schema = {
        "org.keyfill.StoreKey",
        SECRET_SCHEMA_NONE,
        {
            {"store-id", SECRET_SCHEMA_ATTRIBUTE_STRING},
            {"state", SECRET_SCHEMA_ATTRIBUTE_STRING},
            {NULL, 0},
        },
        0,
        NULL,
        NULL,
        NULL,
        NULL,
        NULL,
        NULL,
        NULL,
    };
    return &schema;
}

static const char *slot_name(VaultSlot slot)
{
    return slot == VAULT_SLOT_PENDING ? "pending" : "current";
}

static GHashTable *item_attributes(const char *store_id, VaultSlot slot)
{
    GHashTable *attributes = g_hash_table_new(g_str_hash, g_str_equal);
    g_hash_table_insert(attributes, (gpointer) "store-id", (gpointer)store_id);
    g_hash_table_insert(attributes, (gpointer) "state", (gpointer)slot_name(slot));
    return attributes;
}

static void set_unavailable(const GError *cause, GError **error)
{
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_KEYRING_UNAVAILABLE,
                "No keyring (Secret Service) answers on this session's D-Bus (%s). Keyfill keeps "
                "its key only there: log in to a desktop session with GNOME Keyring or KeePassXC's "
                "Secret Service enabled, then try again.",
                cause != NULL ? cause->message : "no default collection");
}

static void set_locked(GError **error)
{
    g_set_error_literal(error, KEYFILL_ERROR, KEYFILL_ERROR_KEYRING_LOCKED,
                        "The keyring that holds Keyfill's key is locked. Unlock it (for example "
                        "with Passwords and Keys / Seahorse, or by logging in again), then retry.");
}

static void set_failed(const char *what, const GError *cause, GError **error)
{
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_KEYRING_FAILED,
                "The keyring failed while %s (%s). Check that the keyring daemon is running "
                "properly, then retry.",
                what, cause != NULL ? cause->message : "unexpected answer");
}

/* The shared Secret Service proxy, or NULL with KEYRING_UNAVAILABLE. Loads
 * libsecret on first use (secretlib.c): only a command that needs the key
 * pays for it. */
static SecretService *connect_service(const SecretLib **lib, GError **error)
{
    const SecretLib *loaded = secretlib_get(error);
    if (loaded == NULL)
        return NULL;
    g_autoptr(GError) local = NULL;
    SecretService *service = loaded->service_get_sync(SECRET_SERVICE_OPEN_SESSION, NULL, &local);
    if (service == NULL) {
        set_unavailable(local, error);
        return NULL;
    }
    *lib = loaded;
    return service;
}

/* After a keyring operation failed with *@error (@error may be NULL): when
 * the conversation with the daemon broke (KEYRING_FAILED; a locked keyring
 * or a missing key is an answer, not a break), drops libsecret's shared
 * connection, whose session is bound to one keyring daemon, so that the
 * next request connects afresh. A daemon restarted or replaced since (a
 * crash, a new login) then costs one failed request, not every request
 * until the browser lets this host go. */
static void forget_broken_service(const SecretLib *lib, GError **error)
{
    if (error != NULL && g_error_matches(*error, KEYFILL_ERROR, KEYFILL_ERROR_KEYRING_FAILED))
        lib->service_disconnect();
}

/* The default collection; NULL with an error when there is none or it is
 * locked (creating or unlocking one would prompt). */
static SecretCollection *writable_collection(const SecretLib *lib, SecretService *service,
                                             GError **error)
{
    g_autoptr(GError) local = NULL;
    g_autoptr(SecretlibCollection) collection = lib->collection_for_alias_sync(
        service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE, NULL, &local);
    if (local != NULL) {
        set_failed("looking up the default keyring", local, error);
        return NULL;
    }
    if (collection == NULL) {
        set_unavailable(NULL, error);
        return NULL;
    }
    if (lib->collection_get_locked(collection)) {
        set_locked(error);
        return NULL;
    }
    return g_steal_pointer(&collection);
}

/* All items of @store_id in @slot (maybe an empty list), or FALSE with an
 * error. Locked items are included, never unlocked. */
static gboolean search_items(const SecretLib *lib, SecretService *service, const char *store_id,
                             VaultSlot slot, GList **items, GError **error)
{
    g_autoptr(GHashTable) attributes = item_attributes(store_id, slot);
    g_autoptr(GError) local = NULL;
    GList *found = lib->service_search_sync(service, store_key_schema(), attributes,
                                            SECRET_SEARCH_ALL, NULL, &local);
    if (local != NULL) {
        g_list_free_full(found, secretlib_unref);
        set_failed("searching for the store key", local, error);
        return FALSE;
    }
    *items = found;
    return TRUE;
}

/* The items come from search_items(), so each is a SecretItem (a plain cast:
 * SECRET_ITEM() would call GObject's type check, linked at start). */
static gboolean any_locked(const SecretLib *lib, GList *items)
{
    for (GList *l = items; l != NULL; l = l->next) {
        if (lib->item_get_locked((SecretItem *)l->data))
            return TRUE;
    }
    return FALSE;
}

static void derive_internal(VaultKeys *keys)
{
    crypto_kdf_derive_from_key(keys->seal, sizeof keys->seal, 1, "kf-seal", keys->master);
    crypto_kdf_derive_from_key(keys->index, sizeof keys->index, 1, "kf-index", keys->master);
    crypto_kdf_derive_from_key(keys->check, sizeof keys->check, 1, "kf-check", keys->master);
}

/* A vault whose master key is still to be filled in by the caller. */
static Vault *vault_new(const char *store_id)
{
    if (sodium_init() < 0)
        g_error("libsodium could not be initialised");
    VaultKeys *keys = sodium_malloc(sizeof *keys);
    if (keys == NULL)
        g_error("sodium_malloc failed: out of locked memory");
    Vault *vault = g_new0(Vault, 1);
    vault->store_id = g_strdup(store_id);
    vault->keys = keys;
    return vault;
}

static void vault_seal_keys(Vault *vault)
{
    derive_internal(vault->keys);
    sodium_mprotect_readonly(vault->keys);
}

Vault *vault_generate(const char *store_id)
{
    g_return_val_if_fail(store_id != NULL && strlen(store_id) <= VAULT_STORE_ID_MAX, NULL);
    Vault *vault = vault_new(store_id);
    crypto_kdf_keygen(vault->keys->master);
    vault_seal_keys(vault);
    return vault;
}

/* Decodes the base64 text of an item into a new vault, or NULL when the item
 * does not hold a 32-byte key. */
static Vault *vault_from_secret(const SecretLib *lib, const char *store_id, SecretValue *value)
{
    gsize length = 0;
    const char *text = lib->value_get(value, &length);
    if (text == NULL || length == 0 || length > KEY_TEXT_MAX)
        return NULL;
    Vault *vault = vault_new(store_id);
    size_t decoded = 0;
    if (sodium_base642bin(vault->keys->master, sizeof vault->keys->master, text, length, NULL,
                          &decoded, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        decoded != KEY_BYTES) {
        vault_free(vault);
        return NULL;
    }
    vault_seal_keys(vault);
    return vault;
}

/* vault_load() once connected. */
static Vault *load_key(const SecretLib *lib, SecretService *service, const char *store_id,
                       VaultSlot slot, GError **error)
{
    g_autolist(SecretlibItem) items = NULL;
    if (!search_items(lib, service, store_id, slot, &items, error))
        return NULL;

    if (any_locked(lib, items)) {
        set_locked(error);
        return NULL;
    }
    if (items == NULL) {
        /* A locked default collection may hide the item: say so rather than
         * sending the user to restore a key that is only locked away. */
        g_autoptr(GError) collection_error = NULL;
        g_autoptr(SecretlibCollection) collection =
            writable_collection(lib, service, &collection_error);
        if (collection == NULL &&
            g_error_matches(collection_error, KEYFILL_ERROR, KEYFILL_ERROR_KEYRING_LOCKED)) {
            g_propagate_error(error, g_steal_pointer(&collection_error));
            return NULL;
        }
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_KEY_MISSING,
                    "The keyring holds no %s Keyfill key for this store (id %s). If you deleted "
                    "it, restore it from a keyring backup; otherwise move the database aside and "
                    "import your last Keyfill export.",
                    slot_name(slot), store_id);
        return NULL;
    }

    SecretItem *item = (SecretItem *)items->data; /* see any_locked() */
    g_autoptr(GError) local = NULL;
    if (!lib->item_load_secret_sync(item, NULL, &local)) {
        set_failed("reading the store key", local, error);
        return NULL;
    }
    SecretValue *value = lib->item_get_secret(item);
    Vault *vault = value != NULL ? vault_from_secret(lib, store_id, value) : NULL;
    if (value != NULL)
        lib->value_unref(value);
    if (vault == NULL)
        set_failed("decoding the store key", NULL, error);
    return vault;
}

Vault *vault_load(const char *store_id, VaultSlot slot, GError **error)
{
    g_return_val_if_fail(store_id != NULL && strlen(store_id) <= VAULT_STORE_ID_MAX, NULL);

    const SecretLib *lib = NULL;
    g_autoptr(SecretlibService) service = connect_service(&lib, error);
    if (service == NULL)
        return NULL;
    Vault *vault = load_key(lib, service, store_id, slot, error);
    if (vault == NULL)
        forget_broken_service(lib, error);
    return vault;
}

gboolean vault_save(const Vault *vault, VaultSlot slot, GError **error)
{
    g_return_val_if_fail(vault != NULL, FALSE);

    const SecretLib *lib = NULL;
    g_autoptr(SecretlibService) service = connect_service(&lib, error);
    if (service == NULL)
        return FALSE;
    g_autoptr(SecretlibCollection) collection = writable_collection(lib, service, error);
    if (collection == NULL) {
        forget_broken_service(lib, error);
        return FALSE;
    }

    const size_t text_size = sodium_base64_ENCODED_LEN(KEY_BYTES, sodium_base64_VARIANT_ORIGINAL);
    char *text = sodium_malloc(text_size);
    if (text == NULL)
        g_error("sodium_malloc failed: out of locked memory");
    sodium_bin2base64(text, text_size, vault->keys->master, KEY_BYTES,
                      sodium_base64_VARIANT_ORIGINAL);
    SecretValue *value = lib->value_new(text, -1, "text/plain");
    sodium_free(text);

    g_autoptr(GHashTable) attributes = item_attributes(vault->store_id, slot);
    g_autofree char *label = g_strdup_printf(
        "Keyfill store key%s (%s)", slot == VAULT_SLOT_PENDING ? ", pending" : "", vault->store_id);
    g_autoptr(GError) local = NULL;
    gboolean stored =
        lib->service_store_sync(service, store_key_schema(), attributes, SECRET_COLLECTION_DEFAULT,
                                label, value, NULL, &local);
    lib->value_unref(value);
    if (!stored) {
        set_failed("saving the store key", local, error);
        forget_broken_service(lib, error);
    }
    return stored;
}

/* vault_forget() once connected. */
static gboolean delete_keys(const SecretLib *lib, SecretService *service, const char *store_id,
                            VaultSlot slot, GError **error)
{
    g_autolist(SecretlibItem) items = NULL;
    if (!search_items(lib, service, store_id, slot, &items, error))
        return FALSE;
    if (any_locked(lib, items)) {
        set_locked(error);
        return FALSE;
    }
    for (GList *l = items; l != NULL; l = l->next) {
        g_autoptr(GError) local = NULL;
        if (!lib->item_delete_sync((SecretItem *)l->data, NULL, &local)) {
            set_failed("deleting an old store key", local, error);
            return FALSE;
        }
    }
    return TRUE;
}

gboolean vault_forget(const char *store_id, VaultSlot slot, GError **error)
{
    g_return_val_if_fail(store_id != NULL, FALSE);

    const SecretLib *lib = NULL;
    g_autoptr(SecretlibService) service = connect_service(&lib, error);
    if (service == NULL)
        return FALSE;
    gboolean deleted = delete_keys(lib, service, store_id, slot, error);
    if (!deleted)
        forget_broken_service(lib, error);
    return deleted;
}

VaultKeyringState vault_keyring_probe(void)
{
    g_autoptr(GError) error = NULL;
    const SecretLib *lib = NULL;
    g_autoptr(SecretlibService) service = connect_service(&lib, &error);
    if (service == NULL)
        return VAULT_KEYRING_UNAVAILABLE;
    g_autoptr(SecretlibCollection) collection = writable_collection(lib, service, &error);
    if (collection != NULL)
        return VAULT_KEYRING_UNLOCKED;
    forget_broken_service(lib, &error);
    return g_error_matches(error, KEYFILL_ERROR, KEYFILL_ERROR_KEYRING_LOCKED)
               ? VAULT_KEYRING_LOCKED
               : VAULT_KEYRING_UNAVAILABLE;
}

const char *vault_store_id(const Vault *vault)
{
    g_return_val_if_fail(vault != NULL, NULL);
    return vault->store_id;
}

void vault_key_check(const Vault *vault, guint8 out[VAULT_HASH_BYTES])
{
    g_return_if_fail(vault != NULL && out != NULL);
    static const char label[] = "keyfill key check v1";
    crypto_generichash_state state;
    crypto_generichash_init(&state, vault->keys->check, VAULT_HASH_BYTES, VAULT_HASH_BYTES);
    crypto_generichash_update(&state, (const guint8 *)label, sizeof label);
    crypto_generichash_update(&state, (const guint8 *)vault->store_id, strlen(vault->store_id) + 1);
    crypto_generichash_final(&state, out, VAULT_HASH_BYTES);
    sodium_memzero(&state, sizeof state);
}

gboolean vault_key_check_matches(const Vault *vault, const guint8 *check, gsize length)
{
    g_return_val_if_fail(vault != NULL, FALSE);
    if (check == NULL || length != VAULT_HASH_BYTES)
        return FALSE;
    guint8 expected[VAULT_HASH_BYTES];
    vault_key_check(vault, expected);
    return sodium_memcmp(expected, check, VAULT_HASH_BYTES) == 0;
}

/* The associated data: every part NUL-terminated so that no two identities
 * share an encoding. */
static GByteArray *associated_data(const Vault *vault, const char *table, const char *column,
                                   const char *row_id)
{
    const char *parts[] = {"keyfill-seal-v1", vault->store_id, table, column, row_id};
    GByteArray *data = g_byte_array_new();
    for (gsize i = 0; i < G_N_ELEMENTS(parts); i++)
        g_byte_array_append(data, (const guint8 *)parts[i], strlen(parts[i]) + 1);
    return data;
}

guint8 *vault_seal(const Vault *vault, const char *table, const char *column, const char *row_id,
                   const void *plaintext, gsize length, gsize *sealed_length)
{
    g_return_val_if_fail(vault != NULL && table != NULL && column != NULL && row_id != NULL, NULL);
    g_return_val_if_fail(plaintext != NULL || length == 0, NULL);
    g_return_val_if_fail(length <= VAULT_PLAINTEXT_MAX && sealed_length != NULL, NULL);

    /* Pad in locked memory: the padded copy holds the plaintext too. */
    gsize padded_size = (length / VAULT_SEAL_BLOCK + 1) * VAULT_SEAL_BLOCK;
    guint8 *padded = sodium_malloc(padded_size);
    if (padded == NULL)
        g_error("sodium_malloc failed: out of locked memory");
    if (length > 0)
        memcpy(padded, plaintext, length);
    size_t padded_length = 0;
    if (sodium_pad(&padded_length, padded, length, VAULT_SEAL_BLOCK, padded_size) != 0)
        g_assert_not_reached();

    g_autoptr(GByteArray) ad = associated_data(vault, table, column, row_id);
    gsize total = padded_length + VAULT_SEAL_OVERHEAD;
    guint8 *sealed = g_malloc(total);
    sealed[0] = SEAL_VERSION;
    randombytes_buf(sealed + 1, NONCE_BYTES);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(sealed + 1 + NONCE_BYTES, &written, padded,
                                               padded_length, ad->data, ad->len, NULL, sealed + 1,
                                               vault->keys->seal);
    sodium_free(padded);
    g_assert(written == padded_length + TAG_BYTES);
    *sealed_length = total;
    return sealed;
}

/* Decrypted values are opened into one guarded, locked page kept for the
 * life of the process when it is free and the value fits; otherwise into a
 * sodium_malloc region of their own. Each sodium_malloc costs an mmap,
 * mprotect and mlock, and each sodium_free an munmap that flushes the TLB of
 * every core (about 0.3 ms apiece on a shared VM): a fill that opens thirty
 * values paid that thirty times. A persona is read one value at a time, so
 * the page is nearly always free. */
#define PLAIN_SCRATCH_BYTES 4096

static struct {
    char *bytes; /* sodium_malloc'd PLAIN_SCRATCH_BYTES, never freed */
    gsize used;  /* bytes to wipe when released */
    gint busy;   /* 1 while handed out */
} plain_scratch;

static char *plain_alloc(gsize size)
{
    if (g_once_init_enter(&plain_scratch.bytes)) {
        char *page = sodium_malloc(PLAIN_SCRATCH_BYTES);
        if (page == NULL)
            g_error("sodium_malloc failed: out of locked memory");
        g_once_init_leave(&plain_scratch.bytes, page);
    }
    if (size <= PLAIN_SCRATCH_BYTES &&
        g_atomic_int_compare_and_exchange(&plain_scratch.busy, 0, 1)) {
        plain_scratch.used = size;
        return plain_scratch.bytes;
    }
    char *plain = sodium_malloc(size);
    if (plain == NULL)
        g_error("sodium_malloc failed: out of locked memory");
    return plain;
}

static void set_tampered(const char *table, const char *column, GError **error)
{
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_TAMPERED,
                "A stored value (%s.%s) failed its integrity check: the database was changed "
                "outside Keyfill or is damaged. Nothing was filled; restore the database from a "
                "backup or re-import your last Keyfill export.",
                table, column);
}

VaultPlain *vault_open(const Vault *vault, const char *table, const char *column,
                       const char *row_id, const guint8 *sealed, gsize sealed_length,
                       gsize *plain_length, GError **error)
{
    g_return_val_if_fail(vault != NULL && table != NULL && column != NULL && row_id != NULL, NULL);
    g_return_val_if_fail(plain_length != NULL, NULL);

    if (sealed == NULL || sealed_length < VAULT_SEAL_OVERHEAD + VAULT_SEAL_BLOCK ||
        sealed[0] != SEAL_VERSION ||
        sealed_length - VAULT_SEAL_OVERHEAD > VAULT_PLAINTEXT_MAX + VAULT_SEAL_BLOCK) {
        set_tampered(table, column, error);
        return NULL;
    }
    gsize padded_length = sealed_length - VAULT_SEAL_OVERHEAD;
    char *plain = plain_alloc(padded_length + 1);
    g_autoptr(GByteArray) ad = associated_data(vault, table, column, row_id);
    unsigned long long opened = 0;
    size_t length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt((guint8 *)plain, &opened, NULL,
                                                   sealed + 1 + NONCE_BYTES,
                                                   sealed_length - 1 - NONCE_BYTES, ad->data,
                                                   ad->len, sealed + 1, vault->keys->seal) != 0 ||
        sodium_unpad(&length, (const guint8 *)plain, padded_length, VAULT_SEAL_BLOCK) != 0) {
        vault_plain_free(plain);
        set_tampered(table, column, error);
        return NULL;
    }
    plain[length] = '\0';
    *plain_length = length;
    return plain;
}

void vault_plain_free(VaultPlain *plain)
{
    if (plain == NULL)
        return;
    if (plain == plain_scratch.bytes) {
        sodium_memzero(plain, plain_scratch.used);
        g_atomic_int_set(&plain_scratch.busy, 0);
        return;
    }
    sodium_free(plain); /* wipes the whole allocation before releasing it */
}

void vault_index_hash(const Vault *vault, const char *purpose, const void *data, gsize length,
                      guint8 out[VAULT_HASH_BYTES])
{
    g_return_if_fail(vault != NULL && purpose != NULL && (data != NULL || length == 0));
    crypto_generichash_state state;
    crypto_generichash_init(&state, vault->keys->index, VAULT_HASH_BYTES, VAULT_HASH_BYTES);
    crypto_generichash_update(&state, (const guint8 *)purpose, strlen(purpose) + 1);
    crypto_generichash_update(&state, data, length);
    crypto_generichash_final(&state, out, VAULT_HASH_BYTES);
    sodium_memzero(&state, sizeof state);
}

void vault_derive_subkey(const Vault *vault, const char *purpose, guint8 out[VAULT_HASH_BYTES])
{
    g_return_if_fail(vault != NULL && purpose != NULL && out != NULL);
    gsize length = strlen(purpose);
    g_return_if_fail(length >= 1 && length <= crypto_kdf_CONTEXTBYTES);
    char context[crypto_kdf_CONTEXTBYTES] = {0};
    memcpy(context, purpose, length);
    crypto_kdf_derive_from_key(out, VAULT_HASH_BYTES, 2, context, vault->keys->master);
}

void vault_free(Vault *vault)
{
    if (vault == NULL)
        return;
    sodium_free(vault->keys); /* wipes */
    g_free(vault->store_id);
    g_free(vault);
}
