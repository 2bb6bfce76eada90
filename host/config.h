/*
 * config.h — the user's Keyfill settings.
 *
 * Read once at start from the file named by $KEYFILL_CONFIG, or else
 * $XDG_CONFIG_HOME/keyfill/config.ini (a GKeyFile). A missing file means
 * defaults; a present but unreadable or malformed file is an error, because
 * silently ignoring a setting such as an allowed caller would surprise the
 * user. This module never touches the store or the keyring.
 *
 *   [host]
 *   # extra extension ids that may use the host (a Chrome/Chromium id or
 *   # a Firefox add-on id), separated by ';'
 *   allowed-extensions=abcdefghijklmnopabcdefghijklmnop;me@example.org
 *   # largest request accepted, in bytes (default 1048576)
 *   max-message-bytes=1048576
 *   # seconds without a request after which a running host closes the store
 *   # and forgets its key (read from the keyring again on next need);
 *   # 0 = after every request (default 60)
 *   key-idle-seconds=60
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
    char *path;                 /* the file read, or that would have been read */
    char **allowed_extensions;  /* NULL-terminated, never NULL */
    gsize max_message_bytes;
    guint key_idle_seconds;
} KeyfillConfig;

/* key-idle-seconds when the config sets none, and its ceiling (a day). */
#define CONFIG_DEFAULT_KEY_IDLE_SECONDS 60u
#define CONFIG_MAX_KEY_IDLE_SECONDS 86400u

/* Loads the config. Returns a config with defaults when no file exists, or
 * NULL with KEYFILL_ERROR_CONFIG when the file exists but is unusable. */
KeyfillConfig *config_load(GError **error);

/* The path config_load() reads: $KEYFILL_CONFIG or the XDG default. g_free. */
char *config_default_path(void);

void config_free(KeyfillConfig *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KeyfillConfig, config_free)

G_END_DECLS
