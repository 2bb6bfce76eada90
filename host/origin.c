/*
 * origin.c — parsing web origins strictly into their canonical spelling.
 *
 * DESIGN: the grammar accepted is deliberately narrow — what a browser
 * reports as a tab's origin and nothing more:
 *   scheme "://" host [":" port] ["/"]
 * with scheme http or https, host a DNS name (LDH labels, "_" tolerated as
 * browsers do), a dotted IPv4 address or a bracketed IPv6 address, and port a
 * decimal number without leading zeros. Errors quote at most 64 bytes of the
 * input so a hostile string cannot flood a message.
 */
#include "origin.h"

#include "errors.h"

#include <string.h>

#define MAX_HOST_LENGTH 253
#define MAX_LABEL_LENGTH 63

typedef struct {
    const char *scheme;
    guint default_port;
} SchemeRow;

/* The schemes whose pages Keyfill fills, with the port a browser omits. */
static const SchemeRow schemes[] = {
    {"https", 443},
    {"http", 80},
};

/* Loopback hosts that browsers treat as secure contexts over plain http. */
static const char *const loopback_hosts[] = {"localhost", "127.0.0.1", "[::1]"};

/* At most this many bytes of a refused origin are quoted back. */
#define QUOTED_ORIGIN_MAX 64

static gboolean fail(GError **error, const char *text, const char *why)
{
    /* Cut by bytes, then mend a character the cut split (U+FFFD). */
    g_autofree char *quoted = g_utf8_make_valid(text, (gssize)strnlen(text, QUOTED_ORIGIN_MAX));
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_BAD_ORIGIN,
                "\"%s\" is not a web origin: %s. An origin looks like "
                "https://shop.example or http://localhost:8080 (no path).",
                quoted, why);
    return FALSE;
}

static gboolean dns_name_valid(const char *host, gsize length)
{
    if (length == 0 || length > MAX_HOST_LENGTH)
        return FALSE;
    gsize label = 0;
    for (gsize i = 0; i < length; i++) {
        char c = host[i];
        if (c == '.') {
            if (label == 0 || host[i - 1] == '-')
                return FALSE;
            label = 0;
            continue;
        }
        if (!(g_ascii_isalnum(c) || c == '-' || c == '_'))
            return FALSE;
        if (c == '-' && label == 0)
            return FALSE;
        if (++label > MAX_LABEL_LENGTH)
            return FALSE;
    }
    return label > 0 && host[length - 1] != '-';
}

/* Parses @port_text (all digits, no leading zero, 1-65535) into *@port. */
static gboolean port_parse(const char *port_text, guint *port)
{
    gsize length = strlen(port_text);
    if (length == 0 || length > 5 || port_text[0] == '0')
        return FALSE;
    guint value = 0;
    for (gsize i = 0; i < length; i++) {
        if (!g_ascii_isdigit(port_text[i]))
            return FALSE;
        value = value * 10 + (guint)(port_text[i] - '0');
    }
    if (value > 65535)
        return FALSE;
    *port = value;
    return TRUE;
}

char *origin_normalize(const char *text, GError **error)
{
    g_return_val_if_fail(text != NULL, NULL);

    gsize length = strlen(text);
    if (length == 0 || length > ORIGIN_MAX_LENGTH) {
        fail(error, text, "empty or too long");
        return NULL;
    }
    for (gsize i = 0; i < length; i++) {
        if ((guchar)text[i] <= 0x20 || (guchar)text[i] >= 0x7f) {
            fail(error, text,
                 "it holds spaces, control or non-ASCII characters "
                 "(browsers report IDN hosts in their xn-- form)");
            return NULL;
        }
    }

    const char *separator = strstr(text, "://");
    if (separator == NULL) {
        fail(error, text, "it has no scheme");
        return NULL;
    }
    g_autofree char *scheme = g_ascii_strdown(text, separator - text);
    const SchemeRow *row = NULL;
    for (gsize i = 0; i < G_N_ELEMENTS(schemes); i++) {
        if (strcmp(scheme, schemes[i].scheme) == 0)
            row = &schemes[i];
    }
    if (row == NULL) {
        fail(error, text, "only http and https pages are filled");
        return NULL;
    }

    g_autofree char *authority = g_strdup(separator + 3);
    gsize authority_length = strlen(authority);
    if (authority_length > 0 && authority[authority_length - 1] == '/')
        authority[--authority_length] = '\0';
    if (strpbrk(authority, "/?#@\\") != NULL) {
        fail(error, text, "it has a path, query, fragment or user name");
        return NULL;
    }

    g_autofree char *host = NULL;
    const char *port_text = NULL;
    if (authority[0] == '[') {
        char *close = strchr(authority, ']');
        if (close == NULL) {
            fail(error, text, "the IPv6 address has no closing bracket");
            return NULL;
        }
        g_autofree char *address = g_strndup(authority + 1, close - authority - 1);
        if (!g_hostname_is_ip_address(address) || strchr(address, ':') == NULL ||
            strchr(address, '%') != NULL) {
            fail(error, text, "the IPv6 address is malformed");
            return NULL;
        }
        host = g_ascii_strdown(authority, close - authority + 1);
        if (close[1] == ':')
            port_text = close + 2;
        else if (close[1] != '\0') {
            fail(error, text, "unexpected characters after the IPv6 address");
            return NULL;
        }
    } else {
        char *colon = strrchr(authority, ':');
        gsize host_length = colon != NULL ? (gsize)(colon - authority) : authority_length;
        if (!dns_name_valid(authority, host_length)) {
            fail(error, text, "the host name is malformed");
            return NULL;
        }
        host = g_ascii_strdown(authority, host_length);
        if (colon != NULL)
            port_text = colon + 1;
    }

    guint port = row->default_port;
    if (port_text != NULL && !port_parse(port_text, &port)) {
        fail(error, text, "the port is not a number from 1 to 65535");
        return NULL;
    }
    if (port == row->default_port)
        return g_strdup_printf("%s://%s", row->scheme, host);
    return g_strdup_printf("%s://%s:%u", row->scheme, host, port);
}

gboolean origin_is_secure(const char *origin)
{
    g_return_val_if_fail(origin != NULL, FALSE);
    if (g_str_has_prefix(origin, "https://"))
        return TRUE;
    if (!g_str_has_prefix(origin, "http://"))
        return FALSE;
    const char *authority = origin + strlen("http://");
    for (gsize i = 0; i < G_N_ELEMENTS(loopback_hosts); i++) {
        gsize host_length = strlen(loopback_hosts[i]);
        if (strncmp(authority, loopback_hosts[i], host_length) == 0 &&
            (authority[host_length] == '\0' || authority[host_length] == ':'))
            return TRUE;
    }
    return FALSE;
}
