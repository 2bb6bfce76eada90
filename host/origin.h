/*
 * origin.h — web origins (scheme, host, port) in one canonical spelling.
 *
 * Consent and the audit log are keyed by the origin of the top-level page as
 * the browser reports it for the sender tab. Two spellings of one origin must
 * never give two consents, so every origin is normalised here before it is
 * stored or compared: scheme and host lowercased, the default port dropped,
 * a trailing "/" dropped. Anything that is not an origin (a path, a query, a
 * fragment, user info, a non-web scheme, a malformed host) is refused rather
 * than trimmed: the browser reports origins, so anything else is a bug or an
 * attack. IDN hosts are taken as the browser gives them (ASCII "xn--" form);
 * this module never converts them.
 *
 * This module does no I/O and never logs.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longest origin accepted, in bytes (scheme + 253-byte host + port). */
#define ORIGIN_MAX_LENGTH 300

/* Returns the canonical form of @text ("https://shop.example",
 * "http://localhost:8080"), g_free. On failure NULL with
 * KEYFILL_ERROR_BAD_ORIGIN naming what is wrong (never echoing more than a
 * short prefix of the input). */
char *origin_normalize(const char *text, GError **error);

/* TRUE when the canonical @origin is a secure context: https, or http on a
 * loopback host (localhost, 127.0.0.1, [::1]). Card data goes only to these. */
gboolean origin_is_secure(const char *origin);

G_END_DECLS
