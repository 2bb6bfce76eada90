/*
 * caller.c — recognising the browser's caller arguments.
 */
#include "caller.h"

#include "buildconfig.h"
#include "errors.h"

#include <string.h>

#define CHROME_ORIGIN_PREFIX "chrome-extension://"

/* A Chromium extension id is 32 letters from a to p. */
static gboolean is_chromium_id(const char *id, size_t length)
{
    if (length != 32)
        return FALSE;
    for (size_t i = 0; i < length; i++) {
        if (id[i] < 'a' || id[i] > 'p')
            return FALSE;
    }
    return TRUE;
}

Caller *caller_from_argv(int argc, char *const *argv)
{
    Caller *caller = g_new0(Caller, 1);
    caller->browser = CALLER_BROWSER_UNKNOWN;
    if (argc < 2 || argv[1] == NULL)
        return caller;

    const char *first = argv[1];
    if (g_str_has_prefix(first, CHROME_ORIGIN_PREFIX)) {
        const char *id = first + strlen(CHROME_ORIGIN_PREFIX);
        size_t length = strcspn(id, "/");
        /* Only "chrome-extension://<id>" with an optional single trailing "/". */
        if (is_chromium_id(id, length) && (id[length] == '\0' || strcmp(id + length, "/") == 0)) {
            caller->browser = CALLER_BROWSER_CHROMIUM;
            caller->extension_id = g_strndup(id, length);
        }
        return caller;
    }

    if (argc >= 3 && argv[2] != NULL && *argv[2] != '\0' && g_str_has_suffix(first, ".json")) {
        caller->browser = CALLER_BROWSER_FIREFOX;
        caller->extension_id = g_strdup(argv[2]);
    }
    return caller;
}

gboolean caller_is_allowed(const Caller *caller, const KeyfillConfig *config, GError **error)
{
    g_return_val_if_fail(caller != NULL && config != NULL, FALSE);

    const char *id = caller->extension_id;
    if (id != NULL) {
        if (caller->browser == CALLER_BROWSER_CHROMIUM &&
            strcmp(id, KEYFILL_CHROMIUM_EXTENSION_ID) == 0)
            return TRUE;
        if (caller->browser == CALLER_BROWSER_FIREFOX &&
            strcmp(id, KEYFILL_FIREFOX_EXTENSION_ID) == 0)
            return TRUE;
        for (char **allowed = config->allowed_extensions; *allowed != NULL; allowed++) {
            if (strcmp(id, *allowed) == 0)
                return TRUE;
        }
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_CALLER_REFUSED,
                    "The extension \"%s\" is not Keyfill. If you trust it, add its id to "
                    "allowed-extensions in %s.",
                    id, config->path);
        return FALSE;
    }
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_CALLER_REFUSED,
                "keyfill-host was started without a browser caller. Browsers start it "
                "themselves; to manage your data from a terminal, use the keyfill command.");
    return FALSE;
}

void caller_free(Caller *caller)
{
    if (caller == NULL)
        return;
    g_free(caller->extension_id);
    g_free(caller);
}
