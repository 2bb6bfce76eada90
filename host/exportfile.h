/*
 * exportfile.h — Keyfill's own export file: personas as JSON, sealed with a
 * passphrase unless the user asked for plaintext.
 *
 * Plain form:  {"format": "keyfill-export", "version": 1, "personas": [...]}
 * Sealed form: {"format": "keyfill-export-sealed", "version": 1,
 *               "kdf": "argon2id13", "opslimit": N, "memlimit": N,
 *               "salt": "<base64>", "cipher": "xsalsa20poly1305",
 *               "nonce": "<base64>", "ciphertext": "<base64>"}
 * where the ciphertext is crypto_secretbox of the plain form under the key
 * crypto_pwhash(argon2id) derives from the passphrase and salt.
 * docs/import-formats.md describes both.
 *
 * This module never reads the store, never prints, and wipes every buffer
 * that held the plain form or the derived key.
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

#define EXPORTFILE_PASSPHRASE_MIN 8            /* characters */
#define EXPORTFILE_PASSPHRASE_MAX 1024         /* bytes */
#define EXPORTFILE_SIZE_MAX (16 * 1024 * 1024) /* bytes in an export file */

/* The export file for the personas in @personas (a JSON array; not
 * modified), sealed with @passphrase or plain when @passphrase is NULL.
 * Returns the file's bytes (g_free; written to *@length) or NULL with
 * PASSPHRASE_TOO_SHORT or LIMIT_EXCEEDED. */
char *exportfile_write(const cJSON *personas, const char *passphrase, gsize *length,
                       GError **error);

/* TRUE when @data looks like a sealed export (so a passphrase is needed). */
gboolean exportfile_is_sealed(const char *data, gsize length);

/* The personas array of the export file @data (caller owns), opening it with
 * @passphrase when it is sealed. NULL with IMPORT_MALFORMED (not an export
 * file, broken JSON), IMPORT_UNSUPPORTED (another version or algorithm),
 * PASSPHRASE_REQUIRED (sealed and @passphrase is NULL) or WRONG_PASSPHRASE
 * (the passphrase is wrong or the file was changed). */
cJSON *exportfile_read(const char *data, gsize length, const char *passphrase, GError **error);

G_END_DECLS
