/*
 * caller.h — who launched the host, and may they use it?
 *
 * Browsers tell a native-messaging host which extension started it:
 *   Chrome/Chromium:  argv[1] = "chrome-extension://<id>/"
 *   Firefox:          argv[1] = path of the host manifest, argv[2] = add-on id
 * The host serves only Keyfill's own extension ids (fixed by the "key" and the
 * gecko id in extension/manifest.json) and ids the user added to the config.
 * This module only decides; main.c refuses and logs.
 */
#pragma once

#include "config.h"

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
    CALLER_BROWSER_UNKNOWN,
    CALLER_BROWSER_CHROMIUM,
    CALLER_BROWSER_FIREFOX,
} CallerBrowser;

typedef struct {
    CallerBrowser browser;
    char *extension_id; /* as the browser named it; NULL when argv names none */
} Caller;

/* Reads the caller from the argument vector a browser passes. Never fails:
 * an unrecognised shape gives CALLER_BROWSER_UNKNOWN. */
Caller *caller_from_argv(int argc, char *const *argv);

/* TRUE when @caller is a Keyfill extension or listed in @config. Otherwise
 * FALSE with KEYFILL_ERROR_CALLER_REFUSED naming the caller. */
gboolean caller_is_allowed(const Caller *caller, const KeyfillConfig *config, GError **error);

void caller_free(Caller *caller);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Caller, caller_free)

G_END_DECLS
