/*
 * fuzz-protocol.c — the request gate and every command behind it.
 *
 * Input: one request body, exactly as framing_read() would hand it over
 * (but without the NUL after it, so an over-read is caught). It goes through
 * protocol_handle() with a HostContext like the host's, for Keyfill's own
 * Chromium extension, with no store and no keyring reachable: commands that
 * need them must answer with an error (keyring_unavailable, store_failed),
 * never crash, hang or half-open a store.
 *
 * Invariants checked on every reply: it is valid UTF-8 JSON, an object with
 * "id" and a boolean "ok", no longer than FRAMING_MAX_OUTGOING; its length is
 * what protocol_handle() said; an error has a non-empty message and a code
 * from the wire-name table that is not "internal" (internal is a bug); it
 * is bad_utf8 exactly when GLib finds the request is not UTF-8 (or holds a
 * NUL byte); and when the request was an object its "id" comes back as sent.
 */
#include "fuzz.h"

#include "errors.h"
#include "framing.h"
#include "protocol.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

static HostContext context;
static GHashTable *wire_names;

static void add_wire_name(int code, const char *wire_name, void *user_data)
{
    g_hash_table_add(user_data, (gpointer)wire_name);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    /* A GLib warning or critical from the host's code is a bug (a GError set
     * twice, a failed precondition): abort on it, in replays too. */
    g_log_set_always_fatal(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

    /* Nothing the harness runs may reach a real store or keyring: no D-Bus
     * session, and paths below /dev/null, which nobody (not even root) can
     * create. */
    const char *missing = "/dev/null/keyfill-fuzz";
    g_setenv("HOME", missing, TRUE);
    g_setenv("XDG_DATA_HOME", missing, TRUE);
    g_setenv("XDG_CONFIG_HOME", missing, TRUE);
    g_setenv("XDG_STATE_HOME", missing, TRUE);
    g_setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/keyfill-fuzz-bus", TRUE);

    static char *no_ids[] = {NULL};
    static KeyfillConfig config;
    static Caller caller;
    config = (KeyfillConfig){.path = "/nonexistent/config.ini",
                             .allowed_extensions = no_ids,
                             .max_message_bytes = FRAMING_DEFAULT_MAX_INCOMING};
    caller = (Caller){.browser = CALLER_BROWSER_CHROMIUM,
                      .extension_id = "iceljohmipnjghdnlgkldoicbgkapcab"};
    context = (HostContext){.config = &config,
                            .caller = &caller,
                            .store_path = "/dev/null/keyfill-fuzz/keyfill.db",
                            .store = NULL};

    wire_names = g_hash_table_new(g_str_hash, g_str_equal);
    keyfill_error_foreach(add_wire_name, wire_names);
    return 0;
}

/* The id the reply must carry: the request's id after a JSON round trip
 * (numbers are doubles on both sides of the wire), or null. */
static cJSON *expected_id(const uint8_t *data, size_t size)
{
    g_autoptr(cJSON) request = cJSON_ParseWithLength((const char *)data, size);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(request, "id");
    if (!cJSON_IsObject(request) || id == NULL)
        return cJSON_CreateNull();
    g_autofree char *printed = cJSON_PrintUnformatted(id);
    return cJSON_Parse(printed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t reply_length = 0;
    g_autofree char *reply =
        protocol_handle(&context, (const char *)data, size, &reply_length);
    g_assert(reply != NULL);
    g_assert_cmpuint(reply_length, ==, strlen(reply));
    g_assert_cmpuint(reply_length, <=, FRAMING_MAX_OUTGOING);
    g_assert(g_utf8_validate(reply, (gssize)reply_length, NULL));
    g_assert(context.store == NULL); /* no store can open here */

    g_autoptr(cJSON) parsed = cJSON_ParseWithLength(reply, reply_length);
    g_assert(cJSON_IsObject(parsed));
    const cJSON *ok = cJSON_GetObjectItemCaseSensitive(parsed, "ok");
    g_assert(cJSON_IsBool(ok));
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(parsed, "id");
    g_assert(id != NULL);
    if (cJSON_IsTrue(ok)) {
        g_assert(cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(parsed, "result")));
    } else {
        const cJSON *error = cJSON_GetObjectItemCaseSensitive(parsed, "error");
        const char *code = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(error, "code"));
        const char *message =
            cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(error, "message"));
        g_assert(code != NULL && message != NULL && message[0] != '\0');
        if (!g_hash_table_contains(wire_names, code) || strcmp(code, "internal") == 0)
            g_error("error code \"%s\" (%s) for a fuzzed request", code, message);
    }
    if (size > 0) {
        const char *code = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(parsed, "error"), "code"));
        gboolean bad_utf8 = code != NULL && strcmp(code, "bad_utf8") == 0;
        g_assert(bad_utf8 == !g_utf8_validate_len((const char *)data, size, NULL));
    }

    /* When the id could be read, it comes back as sent. The gate reads it
     * only from a request that passed the UTF-8, JSON and NUL checks, so
     * compare only when the reply got past those. */
    if (!cJSON_IsNull(id)) {
        g_autoptr(cJSON) expected = expected_id(data, size);
        g_assert(expected != NULL);
        /* Compared as printed text, not with cJSON_Compare(): an id object
         * may repeat a key, which the host echoes as sent, and
         * cJSON_Compare() looks every repeat up as the first one. */
        g_autofree char *sent = cJSON_PrintUnformatted(expected);
        g_autofree char *echoed = cJSON_PrintUnformatted(id);
        g_assert_cmpstr(echoed, ==, sent);
    }
    return 0;
}
