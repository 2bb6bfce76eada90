/*
 * errors.h — the one error vocabulary of Keyfill.
 *
 * Every runtime failure in the host and the `keyfill` tool is a GError in the
 * KEYFILL_ERROR domain with one of the codes below. Each code has a stable
 * snake_case wire name (sent to the extension in error replies, documented in
 * docs/protocol.md). The enum is append-only: never renumber, never reuse a
 * retired number. Codes are grouped in ranges so that modules grow without
 * colliding:
 *   1-99     host core (framing, protocol, caller check, config)
 *   100-199  vault and store (keyring, encryption, SQLite, validation, import)
 *   200-299  field classification
 *   300-399  fill planning
 *   400-499  consent and audit
 *
 * The message of a GError says what happened and what the user can do next;
 * it never contains a personal value.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KEYFILL_ERROR (keyfill_error_quark())
GQuark keyfill_error_quark(void);

typedef enum {
    /* host core */
    KEYFILL_ERROR_INTERNAL = 1,          /* a bug: should never reach a user */
    KEYFILL_ERROR_BAD_JSON = 2,          /* request is not valid JSON */
    KEYFILL_ERROR_NOT_AN_OBJECT = 3,     /* request is JSON but not an object */
    KEYFILL_ERROR_MISSING_FIELD = 4,     /* a required field is absent */
    KEYFILL_ERROR_WRONG_TYPE = 5,        /* a field has the wrong JSON type */
    KEYFILL_ERROR_UNKNOWN_COMMAND = 6,   /* "type" names no command */
    KEYFILL_ERROR_TOO_LARGE = 7,         /* a message or reply is over its size limit */
    KEYFILL_ERROR_TRUNCATED_HEADER = 8,  /* stream ended inside a length prefix */
    KEYFILL_ERROR_TRUNCATED_MESSAGE = 9, /* stream ended inside a message body */
    KEYFILL_ERROR_IO = 10,               /* read or write on stdio failed */
    KEYFILL_ERROR_CALLER_REFUSED = 11,   /* the browser caller is not a Keyfill extension */
    KEYFILL_ERROR_BAD_UTF8 = 12,         /* message bytes are not UTF-8 */
    KEYFILL_ERROR_LIMIT_EXCEEDED = 13,   /* too many items, too long, too deep */
    KEYFILL_ERROR_CONFIG = 14,           /* the config file cannot be read */
    KEYFILL_ERROR_INVALID_ARGUMENT = 15, /* a field has the right type but a bad value */
    KEYFILL_ERROR_EMPTY_MESSAGE = 16,    /* a frame of length zero */
    KEYFILL_ERROR_NUL_IN_STRING = 17,    /* a JSON string holds \u0000 */

    /* vault and store: 100-199 */
    KEYFILL_ERROR_KEYRING_UNAVAILABLE = 100, /* no Secret Service on the session bus */
    KEYFILL_ERROR_KEYRING_LOCKED = 101,      /* the keyring collection is locked */
    KEYFILL_ERROR_KEY_MISSING = 102,         /* the store has data but its key item is gone */
    KEYFILL_ERROR_WRONG_KEY = 103,           /* the keyring's key does not open this store */
    KEYFILL_ERROR_TAMPERED = 104,            /* a sealed value failed authentication */
    KEYFILL_ERROR_STORE_FAILED = 105,        /* SQLite could not read or write the store */
    KEYFILL_ERROR_NOT_FOUND = 106,           /* no persona or item with that id */
    KEYFILL_ERROR_STORE_TOO_NEW = 107,       /* the store was written by a newer Keyfill */
    KEYFILL_ERROR_STORE_CORRUPT = 108,       /* the store's own bookkeeping is inconsistent */
    KEYFILL_ERROR_KEYRING_FAILED = 109,      /* the keyring answered with an unexpected error */
    /* validation, import and export: 150-199 */
    KEYFILL_ERROR_INVALID_PERSONA = 150,     /* a persona field is missing, mistyped or unknown */
    KEYFILL_ERROR_INVALID_CARD_NUMBER = 151, /* bad digits, checksum or length for the network */
    KEYFILL_ERROR_INVALID_CARD_EXPIRY = 152, /* month not 1-12 or year out of range */
    KEYFILL_ERROR_INVALID_EMAIL = 153,       /* not a usable e-mail address */
    KEYFILL_ERROR_INVALID_PHONE = 154,       /* cannot be made an E.164 number */
    KEYFILL_ERROR_INVALID_POSTAL_CODE = 155, /* does not match the country's format */
    KEYFILL_ERROR_INVALID_COUNTRY = 156,     /* not an ISO 3166-1 alpha-2 code */
    KEYFILL_ERROR_INVALID_DATE = 157,        /* birthday not a real YYYY-MM-DD date */
    KEYFILL_ERROR_IMPORT_MALFORMED = 158,    /* import file cannot be parsed; names line/item */
    KEYFILL_ERROR_IMPORT_UNSUPPORTED = 159,  /* import file of an unknown format or version */
    KEYFILL_ERROR_WRONG_PASSPHRASE = 160,    /* export cannot be opened: passphrase or damage */
    KEYFILL_ERROR_PASSPHRASE_REQUIRED = 161, /* no passphrase given where one is needed */
    KEYFILL_ERROR_PASSPHRASE_TOO_SHORT = 162, /* export passphrase under the minimum length */

    /* field classification: 200-299 */
    KEYFILL_ERROR_BAD_DESCRIPTOR = 200,  /* a field descriptor has an impossible value */

    /* fill planning: 300-399 */
    KEYFILL_ERROR_CONSENT_REQUIRED = 300, /* retired: fill.plan now asks (codes are never reused) */
    KEYFILL_ERROR_NO_PERSONA = 301,       /* the store holds no persona to fill with */

    /* consent and audit: 400-499 */
    KEYFILL_ERROR_BAD_ORIGIN = 400,               /* not a web origin (scheme://host[:port]) */
    KEYFILL_ERROR_BAD_CONSENT_GROUP = 401,        /* not a known data group */
    KEYFILL_ERROR_BAD_CONSENT_DECISION = 402,     /* not allow_once/always_allow/deny/always_deny */
    KEYFILL_ERROR_CONSENT_REQUEST_UNKNOWN = 403,  /* no pending consent request with that id */
    KEYFILL_ERROR_CONSENT_REQUEST_WRONG_SITE = 404, /* the request was made for another site */
    KEYFILL_ERROR_CONSENT_REQUEST_USED = 405,     /* the request was already answered */
    KEYFILL_ERROR_CONSENT_REQUEST_EXPIRED = 406,  /* the request was answered too late */
    KEYFILL_ERROR_CONSENT_GROUP_NOT_REQUESTED = 407, /* an answer names a group not asked for */
    KEYFILL_ERROR_INSECURE_ORIGIN = 408,          /* card data asked for by a non-secure page */
    KEYFILL_ERROR_CONSENT_NOT_FOUND = 409,        /* no stored consent matches */
    KEYFILL_ERROR_AUDIT_TAMPERED = 410,           /* the audit chain does not verify */
    KEYFILL_ERROR_BAD_CURSOR = 411,               /* a paging cursor that this host did not make */
    KEYFILL_ERROR_BAD_AUDIT_FIELD = 412,          /* an audit field that is not a plain token */
    KEYFILL_ERROR_CONSENT_ANSWER_STALE = 413, /* what a question showed changed before the answer */
} KeyfillError;

/* The wire name of @code ("bad_json"), or "internal" for an unknown code.
 * The returned string is static. */
const char *keyfill_error_wire_name(int code);

/* Calls @func for every known code, in numeric order; used by tests and docs
 * checks to prove that every code has a unique name. */
void keyfill_error_foreach(void (*func)(int code, const char *wire_name, void *user_data),
                           void *user_data);

G_END_DECLS
