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

    /* field classification: 200-299 */

    /* fill planning: 300-399 */

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
