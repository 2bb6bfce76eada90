/*
 * exportfile.c — writing and reading Keyfill export files.
 *
 * DESIGN: the sealed form is a JSON envelope so that its header (algorithm,
 * cost parameters, salt, nonce) is readable and versioned; the secret part
 * is one secretbox of the plain form. The cost parameters are read back from
 * the file but bounded: a file cannot make Keyfill spend more than
 * crypto_pwhash's SENSITIVE limits (about a gigabyte and some seconds), nor
 * accept weaker ones than its MIN. Tampering with any header field changes
 * the derived key or the nonce and makes secretbox authentication fail.
 */
#include "exportfile.h"

#include "errors.h"
#include "jsonfield.h"

#include <sodium.h>
#include <string.h>

#define FORMAT_PLAIN "keyfill-export"
#define FORMAT_SEALED "keyfill-export-sealed"
#define FORMAT_VERSION 1
#define KDF_NAME "argon2id13"
#define CIPHER_NAME "xsalsa20poly1305"

/* Cost of deriving the key: MODERATE (256 MiB, 3 passes) because an export
 * file may be copied anywhere and attacked offline for a long time. */
#define EXPORT_OPSLIMIT crypto_pwhash_OPSLIMIT_MODERATE
#define EXPORT_MEMLIMIT crypto_pwhash_MEMLIMIT_MODERATE

/* A g_malloc'd buffer that is wiped before it is freed. */
typedef struct {
    char *data;
    gsize length;
} SecretText;

static void secret_text_free(SecretText *text)
{
    if (text == NULL)
        return;
    if (text->data != NULL)
        sodium_memzero(text->data, text->length);
    g_free(text->data);
    g_free(text);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SecretText, secret_text_free)

static SecretText *secret_text_take_cjson(char *printed)
{
    SecretText *text = g_new0(SecretText, 1);
    text->length = strlen(printed);
    text->data = g_memdup2(printed, text->length + 1);
    sodium_memzero(printed, text->length);
    cJSON_free(printed);
    return text;
}

static gboolean derive_key(unsigned char key[crypto_secretbox_KEYBYTES], const char *passphrase,
                           const unsigned char *salt, unsigned long long opslimit, size_t memlimit,
                           GError **error)
{
    if (crypto_pwhash(key, crypto_secretbox_KEYBYTES, passphrase, strlen(passphrase), salt,
                      opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "Not enough memory to derive the export key (%zu MiB needed). Close other "
                    "programs and try again.",
                    memlimit / (1024 * 1024));
        return FALSE;
    }
    return TRUE;
}

static void add_base64(cJSON *object, const char *key, const unsigned char *data, gsize length)
{
    g_autofree char *encoded = g_base64_encode(data, length);
    cJSON_AddStringToObject(object, key, encoded);
}

char *exportfile_write(const cJSON *personas, const char *passphrase, gsize *length, GError **error)
{
    g_return_val_if_fail(cJSON_IsArray(personas) && length != NULL, NULL);
    g_autoptr(cJSON) document = cJSON_CreateObject();
    cJSON_AddStringToObject(document, "format", FORMAT_PLAIN);
    cJSON_AddNumberToObject(document, "version", FORMAT_VERSION);
    /* A reference, not a copy: one fewer heap copy of the values to leave
     * behind. cJSON never modifies a referenced item. */
    cJSON_AddItemReferenceToObject(document, "personas", (cJSON *)personas);
    g_autoptr(SecretText) plain = secret_text_take_cjson(cJSON_Print(document));
    if (plain->length > EXPORTFILE_SIZE_MAX) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "The export would be larger than %d MiB. Remove some personas and try "
                    "again.",
                    EXPORTFILE_SIZE_MAX / (1024 * 1024));
        return NULL;
    }
    if (passphrase == NULL) {
        g_autofree char *out = g_strndup(plain->data, plain->length);
        *length = plain->length;
        return g_steal_pointer(&out);
    }
    if (g_utf8_strlen(passphrase, -1) < EXPORTFILE_PASSPHRASE_MIN ||
        strlen(passphrase) > EXPORTFILE_PASSPHRASE_MAX) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_PASSPHRASE_TOO_SHORT,
                    "The export passphrase must have at least %d characters (and at most %d "
                    "bytes). Choose a longer one.",
                    EXPORTFILE_PASSPHRASE_MIN, EXPORTFILE_PASSPHRASE_MAX);
        return NULL;
    }
    unsigned char salt[crypto_pwhash_SALTBYTES];
    unsigned char nonce[crypto_secretbox_NONCEBYTES];
    unsigned char key[crypto_secretbox_KEYBYTES];
    randombytes_buf(salt, sizeof salt);
    randombytes_buf(nonce, sizeof nonce);
    if (!derive_key(key, passphrase, salt, EXPORT_OPSLIMIT, EXPORT_MEMLIMIT, error))
        return NULL;
    gsize sealed_length = plain->length + crypto_secretbox_MACBYTES;
    g_autofree unsigned char *sealed = g_malloc(sealed_length);
    crypto_secretbox_easy(sealed, (const unsigned char *)plain->data, plain->length, nonce, key);
    sodium_memzero(key, sizeof key);

    g_autoptr(cJSON) envelope = cJSON_CreateObject();
    cJSON_AddStringToObject(envelope, "format", FORMAT_SEALED);
    cJSON_AddNumberToObject(envelope, "version", FORMAT_VERSION);
    cJSON_AddStringToObject(envelope, "kdf", KDF_NAME);
    cJSON_AddNumberToObject(envelope, "opslimit", (double)EXPORT_OPSLIMIT);
    cJSON_AddNumberToObject(envelope, "memlimit", (double)EXPORT_MEMLIMIT);
    add_base64(envelope, "salt", salt, sizeof salt);
    cJSON_AddStringToObject(envelope, "cipher", CIPHER_NAME);
    add_base64(envelope, "nonce", nonce, sizeof nonce);
    add_base64(envelope, "ciphertext", sealed, sealed_length);
    char *printed = cJSON_Print(envelope);
    g_autofree char *out = g_strdup(printed);
    cJSON_free(printed);
    *length = strlen(out);
    return g_steal_pointer(&out);
}

/* Parses @data as a JSON object of at most EXPORTFILE_SIZE_MAX bytes. */
static cJSON *parse_document(const char *data, gsize length, GError **error)
{
    if (length > EXPORTFILE_SIZE_MAX) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "The file is larger than %d MiB, which no Keyfill export is.",
                    EXPORTFILE_SIZE_MAX / (1024 * 1024));
        return NULL;
    }
    cJSON *document = cJSON_ParseWithLength(data, length);
    if (document == NULL || !cJSON_IsObject(document)) {
        cJSON_Delete(document);
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_MALFORMED,
                    "The file is not valid JSON, so it is no Keyfill export (or it was cut "
                    "short). Export the data again; nothing was imported.");
        return NULL;
    }
    return document;
}

gboolean exportfile_is_sealed(const char *data, gsize length)
{
    g_autoptr(cJSON) document = parse_document(data, length, NULL);
    const cJSON *format = cJSON_GetObjectItemCaseSensitive(document, "format");
    return cJSON_IsString(format) && strcmp(format->valuestring, FORMAT_SEALED) == 0;
}

/* Decodes the base64 field @key, which must be exactly @expected bytes long
 * (0: any length up to the file limit). */
static guchar *read_base64(const cJSON *envelope, const char *key, gsize expected, gsize *length,
                           GError **error)
{
    const char *text = jsonfield_string(envelope, key, EXPORTFILE_SIZE_MAX * 2, error);
    if (text == NULL)
        return NULL;
    g_autofree guchar *decoded = g_base64_decode(text, length);
    if (decoded == NULL || (expected != 0 && *length != expected)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_MALFORMED,
                    "The export's \"%s\" is damaged. Export the data again.", key);
        return NULL;
    }
    return g_steal_pointer(&decoded);
}

/* The plain form inside a sealed envelope. */
static SecretText *open_envelope(const cJSON *envelope, const char *passphrase, GError **error)
{
    const char *kdf = jsonfield_string(envelope, "kdf", 64, error);
    const char *cipher = kdf != NULL ? jsonfield_string(envelope, "cipher", 64, error) : NULL;
    if (cipher == NULL)
        return NULL;
    if (strcmp(kdf, KDF_NAME) != 0 || strcmp(cipher, CIPHER_NAME) != 0) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_UNSUPPORTED,
                    "The export uses an algorithm this Keyfill does not know. Update Keyfill.");
        return NULL;
    }
    gint64 opslimit = 0, memlimit = 0;
    if (!jsonfield_int(envelope, "opslimit", crypto_pwhash_OPSLIMIT_MIN,
                       crypto_pwhash_OPSLIMIT_SENSITIVE, FALSE, &opslimit, error) ||
        !jsonfield_int(envelope, "memlimit", crypto_pwhash_MEMLIMIT_MIN,
                       crypto_pwhash_MEMLIMIT_SENSITIVE, FALSE, &memlimit, error)) {
        g_prefix_error(error, "The export's cost parameters are out of range: ");
        return NULL;
    }
    gsize salt_length, nonce_length, sealed_length;
    g_autofree guchar *salt =
        read_base64(envelope, "salt", crypto_pwhash_SALTBYTES, &salt_length, error);
    g_autofree guchar *nonce =
        salt != NULL
            ? read_base64(envelope, "nonce", crypto_secretbox_NONCEBYTES, &nonce_length, error)
            : NULL;
    g_autofree guchar *sealed =
        nonce != NULL ? read_base64(envelope, "ciphertext", 0, &sealed_length, error) : NULL;
    if (sealed == NULL)
        return NULL;
    if (passphrase == NULL) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_PASSPHRASE_REQUIRED,
                    "The export is sealed with a passphrase. Type it when asked, or set "
                    "KEYFILL_EXPORT_PASSPHRASE.");
        return NULL;
    }
    if (sealed_length < crypto_secretbox_MACBYTES) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_MALFORMED,
                    "The export's ciphertext is truncated. Export the data again.");
        return NULL;
    }
    unsigned char key[crypto_secretbox_KEYBYTES];
    if (!derive_key(key, passphrase, salt, (unsigned long long)opslimit, (size_t)memlimit, error))
        return NULL;
    g_autoptr(SecretText) plain = g_new0(SecretText, 1);
    plain->length = sealed_length - crypto_secretbox_MACBYTES;
    plain->data = g_malloc(plain->length + 1);
    int opened =
        crypto_secretbox_open_easy((unsigned char *)plain->data, sealed, sealed_length, nonce, key);
    sodium_memzero(key, sizeof key);
    if (opened != 0) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_PASSPHRASE,
                    "The passphrase does not open this export, or the file was changed. Check "
                    "the passphrase and try again.");
        return NULL;
    }
    plain->data[plain->length] = '\0';
    return g_steal_pointer(&plain);
}

cJSON *exportfile_read(const char *data, gsize length, const char *passphrase, GError **error)
{
    g_return_val_if_fail(data != NULL || length == 0, NULL);
    g_autoptr(cJSON) document = parse_document(data, length, error);
    if (document == NULL)
        return NULL;
    const char *format = jsonfield_optional_string(document, "format", 64, "", NULL);
    gint64 version = 0;
    if (format == NULL ||
        (strcmp(format, FORMAT_PLAIN) != 0 && strcmp(format, FORMAT_SEALED) != 0)) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_MALFORMED,
                    "The file is not a Keyfill export (its \"format\" is not \"%s\"). Choose "
                    "the right --from format.",
                    FORMAT_PLAIN);
        return NULL;
    }
    if (!jsonfield_int(document, "version", 1, G_MAXINT32, FALSE, &version, error))
        return NULL;
    if (version != FORMAT_VERSION) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_UNSUPPORTED,
                    "The export has version %" G_GINT64_FORMAT
                    ", which this Keyfill cannot read. Update Keyfill.",
                    version);
        return NULL;
    }
    if (strcmp(format, FORMAT_SEALED) == 0) {
        g_autoptr(SecretText) plain = open_envelope(document, passphrase, error);
        if (plain == NULL)
            return NULL;
        return exportfile_read(plain->data, plain->length, NULL, error);
    }
    cJSON *personas = cJSON_DetachItemFromObjectCaseSensitive(document, "personas");
    if (!cJSON_IsArray(personas)) {
        cJSON_Delete(personas);
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_MALFORMED,
                    "The export has no \"personas\" array. Export the data again.");
        return NULL;
    }
    return personas;
}
