/*
 * errors.c — the table from error code to wire name.
 *
 * The wire names are a public contract with the extension and with users'
 * scripts: rows are only ever appended. docs/protocol.md explains each one.
 */
#include "errors.h"

G_DEFINE_QUARK(keyfill-error-quark, keyfill_error)

typedef struct {
    int code;
    const char *wire_name;
} ErrorName;

static const ErrorName error_names[] = {
    {KEYFILL_ERROR_INTERNAL, "internal"},
    {KEYFILL_ERROR_BAD_JSON, "bad_json"},
    {KEYFILL_ERROR_NOT_AN_OBJECT, "not_an_object"},
    {KEYFILL_ERROR_MISSING_FIELD, "missing_field"},
    {KEYFILL_ERROR_WRONG_TYPE, "wrong_type"},
    {KEYFILL_ERROR_UNKNOWN_COMMAND, "unknown_command"},
    {KEYFILL_ERROR_TOO_LARGE, "too_large"},
    {KEYFILL_ERROR_TRUNCATED_HEADER, "truncated_header"},
    {KEYFILL_ERROR_TRUNCATED_MESSAGE, "truncated_message"},
    {KEYFILL_ERROR_IO, "io_error"},
    {KEYFILL_ERROR_CALLER_REFUSED, "caller_refused"},
    {KEYFILL_ERROR_BAD_UTF8, "bad_utf8"},
    {KEYFILL_ERROR_LIMIT_EXCEEDED, "limit_exceeded"},
    {KEYFILL_ERROR_CONFIG, "bad_config"},
    {KEYFILL_ERROR_INVALID_ARGUMENT, "invalid_argument"},
    {KEYFILL_ERROR_EMPTY_MESSAGE, "empty_message"},
    {KEYFILL_ERROR_NUL_IN_STRING, "nul_in_string"},

    /* vault and store: 100-199 */
    {KEYFILL_ERROR_KEYRING_UNAVAILABLE, "keyring_unavailable"},
    {KEYFILL_ERROR_KEYRING_LOCKED, "keyring_locked"},
    {KEYFILL_ERROR_KEY_MISSING, "key_missing"},
    {KEYFILL_ERROR_WRONG_KEY, "wrong_key"},
    {KEYFILL_ERROR_TAMPERED, "tampered"},
    {KEYFILL_ERROR_STORE_FAILED, "store_failed"},
    {KEYFILL_ERROR_NOT_FOUND, "not_found"},
    {KEYFILL_ERROR_STORE_TOO_NEW, "store_too_new"},
    {KEYFILL_ERROR_STORE_CORRUPT, "store_corrupt"},
    {KEYFILL_ERROR_KEYRING_FAILED, "keyring_failed"},
    /* validation, import and export: 150-199 */
    {KEYFILL_ERROR_INVALID_PERSONA, "invalid_persona"},
    {KEYFILL_ERROR_INVALID_CARD_NUMBER, "invalid_card_number"},
    {KEYFILL_ERROR_INVALID_CARD_EXPIRY, "invalid_card_expiry"},
    {KEYFILL_ERROR_INVALID_EMAIL, "invalid_email"},
    {KEYFILL_ERROR_INVALID_PHONE, "invalid_phone"},
    {KEYFILL_ERROR_INVALID_POSTAL_CODE, "invalid_postal_code"},
    {KEYFILL_ERROR_INVALID_COUNTRY, "invalid_country"},
    {KEYFILL_ERROR_INVALID_DATE, "invalid_date"},
    {KEYFILL_ERROR_IMPORT_MALFORMED, "import_malformed"},
    {KEYFILL_ERROR_IMPORT_UNSUPPORTED, "import_unsupported"},
    {KEYFILL_ERROR_WRONG_PASSPHRASE, "wrong_passphrase"},
    {KEYFILL_ERROR_PASSPHRASE_REQUIRED, "passphrase_required"},
    {KEYFILL_ERROR_PASSPHRASE_TOO_SHORT, "passphrase_too_short"},

    /* field classification: 200-299 */
    {KEYFILL_ERROR_BAD_DESCRIPTOR, "bad_descriptor"},

    /* fill planning: 300-399 */
    {KEYFILL_ERROR_CONSENT_REQUIRED, "consent_required"},
    {KEYFILL_ERROR_NO_PERSONA, "no_persona"},

    /* consent and audit: 400-499 */
    {KEYFILL_ERROR_BAD_ORIGIN, "bad_origin"},
    {KEYFILL_ERROR_BAD_CONSENT_GROUP, "bad_consent_group"},
    {KEYFILL_ERROR_BAD_CONSENT_DECISION, "bad_consent_decision"},
    {KEYFILL_ERROR_CONSENT_REQUEST_UNKNOWN, "consent_request_unknown"},
    {KEYFILL_ERROR_CONSENT_REQUEST_WRONG_SITE, "consent_request_wrong_site"},
    {KEYFILL_ERROR_CONSENT_REQUEST_USED, "consent_request_used"},
    {KEYFILL_ERROR_CONSENT_REQUEST_EXPIRED, "consent_request_expired"},
    {KEYFILL_ERROR_CONSENT_GROUP_NOT_REQUESTED, "consent_group_not_requested"},
    {KEYFILL_ERROR_INSECURE_ORIGIN, "insecure_origin"},
    {KEYFILL_ERROR_CONSENT_NOT_FOUND, "consent_not_found"},
    {KEYFILL_ERROR_AUDIT_TAMPERED, "audit_tampered"},
    {KEYFILL_ERROR_BAD_CURSOR, "bad_cursor"},
    {KEYFILL_ERROR_BAD_AUDIT_FIELD, "bad_audit_field"},
    {KEYFILL_ERROR_CONSENT_ANSWER_STALE, "consent_answer_stale"},
};

const char *keyfill_error_wire_name(int code)
{
    for (gsize i = 0; i < G_N_ELEMENTS(error_names); i++) {
        if (error_names[i].code == code)
            return error_names[i].wire_name;
    }
    return "internal";
}

void keyfill_error_foreach(void (*func)(int code, const char *wire_name, void *user_data),
                           void *user_data)
{
    g_return_if_fail(func != NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(error_names); i++)
        func(error_names[i].code, error_names[i].wire_name, user_data);
}
