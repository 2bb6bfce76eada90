/*
 * protocol.c — envelope checks and dispatch from command name to handler.
 *
 * DESIGN: every request goes through the same gate — UTF-8, JSON, an object,
 * a string "type", a known command — and every failure becomes an error reply
 * carrying the request's id when one could be read. Handlers only ever see
 * well-formed requests and only ever return a result or a GError; this file is
 * the one place that builds envelopes, so the wire shape cannot drift.
 */
#include "protocol.h"

#include "commands/commands.h"
#include "errors.h"
#include "framing.h"
#include "jsonarena.h"
#include "jsonprint.h"
#include "validate.h"

#include <string.h>

static const ProtocolCommand commands[] = {
    {"hello", command_hello},
    {"classify", command_classify},
    {"persona.list", command_persona_list},
    {"persona.get", command_persona_get},
    {"persona.put", command_persona_put},
    {"persona.delete", command_persona_delete},
    {"persona.set_default", command_persona_set_default},
    {"email.put", command_email_put},
    {"email.delete", command_email_delete},
    {"phone.put", command_phone_put},
    {"phone.delete", command_phone_delete},
    {"address.put", command_address_put},
    {"address.delete", command_address_delete},
    {"card.put", command_card_put},
    {"card.delete", command_card_delete},
    {"fill.plan", command_fill_plan},
    {"fill.report", command_fill_report},
    {"classify", command_classify},
    {"consent.answer", command_consent_answer},
    {"consent.list", command_consent_list},
    {"consent.revoke", command_consent_revoke},
    {"consent.site", command_consent_site},
    {"consent.card", command_consent_card},
    {"audit.list", command_audit_list},
    {"audit.export", command_audit_export},
    {"audit.verify", command_audit_verify},
    {"audit.retention", command_audit_retention},
};

cJSON *protocol_command_names(void)
{
    cJSON *names = cJSON_CreateArray();
    for (gsize i = 0; i < G_N_ELEMENTS(commands); i++)
        cJSON_AddItemToArray(names, cJSON_CreateString(commands[i].name));
    return names;
}

static const ProtocolCommand *find_command(const char *name)
{
    for (gsize i = 0; i < G_N_ELEMENTS(commands); i++) {
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    }
    return NULL;
}

/* Adds the request id (or null) to @reply. */
static void add_id(cJSON *reply, const cJSON *id)
{
    cJSON *copy = id != NULL ? cJSON_Duplicate(id, TRUE) : NULL;
    cJSON_AddItemToObject(reply, "id", copy != NULL ? copy : cJSON_CreateNull());
}

char *protocol_error_reply(const cJSON *id, const GError *error, size_t *reply_length)
{
    g_return_val_if_fail(error != NULL && reply_length != NULL, NULL);

    g_autoptr(cJSON) reply = cJSON_CreateObject();
    add_id(reply, id);
    cJSON_AddFalseToObject(reply, "ok");
    cJSON *body = cJSON_AddObjectToObject(reply, "error");
    int code = error->domain == KEYFILL_ERROR ? error->code : KEYFILL_ERROR_INTERNAL;
    cJSON_AddStringToObject(body, "code", keyfill_error_wire_name(code));
    /* Messages quote bounded pieces of the request ("%.64s"), which can cut a
     * multi-byte character; browsers drop a reply that is not UTF-8, so any
     * broken sequence becomes U+FFFD here, once for every error path. */
    g_autofree char *message = g_utf8_make_valid(error->message, -1);
    cJSON_AddStringToObject(body, "message", message);
    /* A rejected persona value: which field, so a page can say it there. */
    g_autofree char *field = validate_error_field(error);
    if (field != NULL)
        cJSON_AddStringToObject(body, "field", field);
    return jsonprint_compact(reply, reply_length);
}

/* g_utf8_validate_len(@text, @length) — valid UTF-8 without NUL bytes — with
 * plain ASCII skipped eight bytes at a time: a request is mostly ASCII, and
 * GLib's check costs ~9 instructions a byte. In valid UTF-8 every byte of a
 * multi-byte character is >= 0x80 and every ASCII byte is a character of its
 * own, so each run of bytes >= 0x80 is checked by GLib on its own. */
static gboolean is_utf8(const char *text, size_t length)
{
    const guint64 ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    const guchar *p = (const guchar *)text, *end = p + length;
    while (p < end) {
        while (end - p >= 8) {
            guint64 word;
            memcpy(&word, p, sizeof word);
            /* any byte >= 0x80, or any NUL byte */
            if ((word & highs) != 0 || ((word - ones) & ~word & highs) != 0)
                break;
            p += 8;
        }
        if (p == end)
            break;
        if (*p == '\0')
            return FALSE;
        if (*p < 0x80) {
            p++;
            continue;
        }
        const guchar *run = p;
        while (p < end && *p >= 0x80)
            p++;
        if (!g_utf8_validate_len((const char *)run, (gsize)(p - run), NULL))
            return FALSE;
    }
    return TRUE;
}

/* TRUE when the JSON text holds an escaped NUL (\u0000) in a string. cJSON
 * would silently cut such a string at the NUL, so "https://a.example\u0000x"
 * would read as another value than the one sent; the request is refused. */
static gboolean has_escaped_nul(const char *message, size_t length)
{
    size_t i = 0;
    while (i + 6 <= length) {
        /* memchr: a form is tens of kilobytes with few backslashes */
        const char *backslash = memchr(message + i, '\\', length - i);
        if (backslash == NULL)
            return FALSE;
        i = (size_t)(backslash - message);
        if (i + 6 <= length && message[i + 1] == 'u' && memcmp(message + i + 2, "0000", 4) == 0)
            return TRUE;
        i += 2; /* skip the escaped character: an escaped backslash then "u0000" is text */
    }
    return FALSE;
}

/* The longest command name an unknown_command message repeats. */
#define UNKNOWN_COMMAND_SHOWN_BYTES 64

/* The first @max_bytes bytes of the UTF-8 string @text at most, cut before a
 * character rather than inside one: a reply must stay UTF-8, or the browser
 * drops it and the extension never learns what went wrong. */
static char *utf8_prefix(const char *text, size_t max_bytes)
{
    size_t length = strlen(text);
    if (length <= max_bytes)
        return g_strdup(text);
    size_t cut = max_bytes;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--;
    return g_strndup(text, cut);
}

/* TRUE when @id prints as at most PROTOCOL_MAX_ID_BYTES bytes of JSON.
 * (Its integers become raw text, which prints the same: jsonprint.h.) */
static gboolean id_fits(cJSON *id)
{
    size_t length = 0;
    g_free(jsonprint_compact(id, &length));
    return length <= PROTOCOL_MAX_ID_BYTES;
}

/* Runs the command named in @request; returns the result or NULL + @error. */
static cJSON *dispatch(HostContext *context, const cJSON *request, GError **error)
{
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(request, "type");
    if (type == NULL) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_MISSING_FIELD,
                    "The request has no \"type\" field naming the command.");
        return NULL;
    }
    if (!cJSON_IsString(type) || type->valuestring == NULL) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_WRONG_TYPE,
                    "The field \"type\" must be a string naming the command.");
        return NULL;
    }
    const ProtocolCommand *command = find_command(type->valuestring);
    if (command == NULL) {
        g_autofree char *shown = utf8_prefix(type->valuestring, UNKNOWN_COMMAND_SHOWN_BYTES);
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_UNKNOWN_COMMAND,
                    "The host has no command \"%s\". The extension may be newer than the "
                    "host: update Keyfill.",
                    shown);
        return NULL;
    }
    return command->handler(context, request, error);
}

/* protocol_handle() inside the request's JSON arena: the request, the
 * result and the reply are not deleted one node at a time, since
 * jsonarena_end() takes all of them back at once. */
static char *handle(HostContext *context, const char *message, size_t length,
                    size_t *reply_length)
{
    g_autoptr(GError) error = NULL;
    cJSON *request = NULL;
    cJSON *id = NULL;

    if (length == 0) {
        g_set_error(&error, KEYFILL_ERROR, KEYFILL_ERROR_EMPTY_MESSAGE,
                    "The message is empty; a request is a JSON object.");
        return protocol_error_reply(NULL, error, reply_length);
    }
    if (!is_utf8(message, length)) {
        g_set_error(&error, KEYFILL_ERROR, KEYFILL_ERROR_BAD_UTF8,
                    "The message is not valid UTF-8.");
        return protocol_error_reply(NULL, error, reply_length);
    }

    const char *end = NULL;
    request = cJSON_ParseWithLengthOpts(message, length, &end, FALSE);
    if (request != NULL) {
        /* Reject trailing bytes after the value, other than white space. */
        while (end < message + length && strchr(" \t\r\n", *end) != NULL && *end != '\0')
            end++;
        if (end != message + length)
            request = NULL;
    }
    if (request == NULL) {
        g_set_error(&error, KEYFILL_ERROR, KEYFILL_ERROR_BAD_JSON,
                    "The message is not valid JSON (or is nested deeper than %d levels).",
                    CJSON_NESTING_LIMIT);
        return protocol_error_reply(NULL, error, reply_length);
    }
    if (has_escaped_nul(message, length)) {
        g_set_error(&error, KEYFILL_ERROR, KEYFILL_ERROR_NUL_IN_STRING,
                    "A string in the message contains a NUL character (\\u0000), which "
                    "Keyfill does not accept.");
        return protocol_error_reply(NULL, error, reply_length);
    }
    if (!cJSON_IsObject(request)) {
        g_set_error(&error, KEYFILL_ERROR, KEYFILL_ERROR_NOT_AN_OBJECT,
                    "The message is JSON but not an object; a request is "
                    "{\"id\": …, \"type\": \"<command>\", …}.");
        return protocol_error_reply(NULL, error, reply_length);
    }
    id = cJSON_GetObjectItemCaseSensitive(request, "id");
    if (id != NULL && !id_fits(id)) {
        g_set_error(&error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "The request id is longer than %d bytes of JSON, and every reply repeats "
                    "it; use a short id such as a number.",
                    PROTOCOL_MAX_ID_BYTES);
        return protocol_error_reply(NULL, error, reply_length);
    }

    cJSON *result = dispatch(context, request, &error);
    if (result == NULL)
        return protocol_error_reply(id, error, reply_length);

    cJSON *reply = cJSON_CreateObject();
    add_id(reply, id);
    cJSON_AddTrueToObject(reply, "ok");
    cJSON_AddItemToObject(reply, "result", result);
    char *printed = jsonprint_compact(reply, reply_length);
    if (*reply_length > FRAMING_MAX_OUTGOING) {
        /* The reply may hold personal values: wipe before freeing. */
        explicit_bzero(printed, *reply_length);
        g_free(printed);
        g_set_error(&error, KEYFILL_ERROR, KEYFILL_ERROR_TOO_LARGE,
                    "The answer would be larger than the browsers' limit of %zu bytes. "
                    "Ask for fewer items (use the command's paging fields).",
                    FRAMING_MAX_OUTGOING);
        return protocol_error_reply(id, error, reply_length);
    }
    return printed;
}

char *protocol_handle(HostContext *context, const char *message, size_t length,
                      size_t *reply_length)
{
    g_return_val_if_fail(message != NULL && reply_length != NULL, NULL);

    /* Every cJSON value of the request dies here; the reply is GLib memory
     * (jsonprint_compact()). */
    jsonarena_begin();
    char *reply = handle(context, message, length, reply_length);
    jsonarena_end();
    return reply;
}
