/*
 * fuzz-import.c — every importer: Firefox JSON, Bitwarden JSON, CSV and
 * Keyfill's own export, plain and sealed.
 *
 * Input: one byte choosing the importer (its value modulo 5: 0 Firefox,
 * 1 Bitwarden, 2 CSV, 3 Keyfill without a passphrase, 4 Keyfill with the
 * passphrase FUZZ_PASSPHRASE), then the file's bytes. One harness for the
 * four formats keeps CI's bounded run short; the corpus seeds each format
 * (tests/fuzz/corpus/import/<format>-*).
 *
 * A sealed export names its own key-derivation cost, up to 1 GiB and
 * argon2id's "sensitive" ops; inputs asking for more than the minimum cost
 * are skipped in mode 4 so that one input cannot take seconds (the bounds
 * themselves are tested in tests/test-importer.c).
 *
 * Invariants: a result is a JSON array of at most IMPORTER_PERSONAS_MAX
 * personas, each of which validate_persona() accepts again unchanged in
 * shape, none holding a card security code under any key; a refusal is a
 * KEYFILL_ERROR with a UTF-8 message; warnings are UTF-8.
 */
#include "fuzz.h"

#include "errors.h"
#include "importer.h"
#include "jsonfield.h"
#include "validate.h"

#include <glib.h>
#include <sodium.h>
#include <string.h>

#define FUZZ_PASSPHRASE "fuzz-passphrase"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    g_assert(sodium_init() >= 0);
    return 0;
}

/* No key anywhere in @json names a card security code. */
static void check_no_security_code(const cJSON *json)
{
    static const char *const forbidden[] = {"csc", "cvc", "cvv", "cvv2", "code", "security_code",
                                            "securityCode", "cc-csc"};
    for (const cJSON *item = json; item != NULL; item = item->next) {
        for (gsize f = 0; item->string != NULL && f < G_N_ELEMENTS(forbidden); f++) {
            if (g_ascii_strcasecmp(item->string, forbidden[f]) == 0)
                g_error("an imported persona holds a \"%s\"", item->string);
        }
        check_no_security_code(item->child);
    }
}

/* TRUE when the sealed export in @data asks for more than the cheapest key
 * derivation. */
static gboolean costly_kdf(const char *data, size_t length)
{
    g_autoptr(cJSON) envelope = cJSON_ParseWithLength(data, length);
    const cJSON *ops = cJSON_GetObjectItemCaseSensitive(envelope, "opslimit");
    const cJSON *mem = cJSON_GetObjectItemCaseSensitive(envelope, "memlimit");
    return (cJSON_IsNumber(ops) && ops->valuedouble > crypto_pwhash_OPSLIMIT_MIN) ||
           (cJSON_IsNumber(mem) && mem->valuedouble > crypto_pwhash_MEMLIMIT_MIN);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const ImporterFormat formats[] = {IMPORTER_FIREFOX, IMPORTER_BITWARDEN, IMPORTER_CSV,
                                             IMPORTER_KEYFILL, IMPORTER_KEYFILL};
    guint mode = data[0] % G_N_ELEMENTS(formats);
    const char *file = (const char *)data + 1;
    size_t length = size - 1;
    const char *passphrase = mode == 4 ? FUZZ_PASSPHRASE : NULL;
    if (mode == 4 && costly_kdf(file, length))
        return 0;

    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GError) error = NULL;
    g_autoptr(cJSON) personas =
        importer_parse(formats[mode], file, length, passphrase, warnings, &error);
    for (guint w = 0; w < warnings->len; w++)
        g_assert(g_utf8_validate(warnings->pdata[w], -1, NULL));
    if (personas == NULL) {
        g_assert(error != NULL && error->domain == KEYFILL_ERROR);
        g_assert(error->code != KEYFILL_ERROR_INTERNAL);
        if (error->message[0] == '\0' || !g_utf8_validate(error->message, -1, NULL)) {
            g_autofree char *shown = g_strescape(error->message, NULL);
            g_error("refusal message empty or not UTF-8: \"%s\"", shown);
        }
        return 0;
    }
    g_assert_no_error(error);
    g_assert(cJSON_IsArray(personas));
    g_assert_cmpint(cJSON_GetArraySize(personas), <=, IMPORTER_PERSONAS_MAX);
    check_no_security_code(personas->child);

    const cJSON *persona;
    cJSON_ArrayForEach(persona, personas)
    {
        g_assert(cJSON_IsObject(persona));
        g_autoptr(cJSON) again = cJSON_Duplicate(persona, TRUE);
        g_autoptr(GError) invalid = NULL;
        if (!validate_persona(again, NULL, &invalid))
            g_error("an imported persona fails validation again: %s", invalid->message);
    }
    return 0;
}
