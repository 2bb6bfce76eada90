/*
 * config.c — loading the user's settings from a GKeyFile.
 */
#include "config.h"

#include "errors.h"
#include "framing.h"

#include <errno.h>
#include <glib/gstdio.h>

char *config_default_path(void)
{
    const char *override = g_getenv("KEYFILL_CONFIG");
    if (override != NULL && *override != '\0')
        return g_strdup(override);
    return g_build_filename(g_get_user_config_dir(), "keyfill", "config.ini", NULL);
}

KeyfillConfig *config_load(GError **error)
{
    g_autoptr(KeyfillConfig) config = g_new0(KeyfillConfig, 1);
    config->path = config_default_path();
    config->max_message_bytes = FRAMING_DEFAULT_MAX_INCOMING;
    config->key_idle_seconds = CONFIG_DEFAULT_KEY_IDLE_SECONDS;

    /* No file is the usual case: settle it before GLib would build an error
     * message for it (g_strerror's locale conversion loads iconv, about
     * 100 KiB of pages in a process that often lives for one message). The
     * error path below still covers a file removed in between. */
    GStatBuf st;
    if (g_stat(config->path, &st) != 0 && errno == ENOENT) {
        config->allowed_extensions = g_new0(char *, 1);
        return g_steal_pointer(&config);
    }

    g_autoptr(GKeyFile) file = g_key_file_new();
    g_autoptr(GError) local_error = NULL;
    if (!g_key_file_load_from_file(file, config->path, G_KEY_FILE_NONE, &local_error)) {
        if (g_error_matches(local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
            config->allowed_extensions = g_new0(char *, 1);
            return g_steal_pointer(&config);
        }
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_CONFIG,
                    "The Keyfill config %s cannot be read: %s. Fix or remove the file.",
                    config->path, local_error->message);
        return NULL;
    }

    config->allowed_extensions =
        g_key_file_get_string_list(file, "host", "allowed-extensions", NULL, NULL);
    if (config->allowed_extensions == NULL)
        config->allowed_extensions = g_new0(char *, 1);
    for (char **id = config->allowed_extensions; *id != NULL; id++)
        g_strstrip(*id);

    if (g_key_file_has_key(file, "host", "max-message-bytes", NULL)) {
        guint64 limit = g_key_file_get_uint64(file, "host", "max-message-bytes", &local_error);
        if (local_error != NULL || limit < 1024 || limit > FRAMING_MAX_INCOMING_CEILING) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_CONFIG,
                        "max-message-bytes in %s must be a number from 1024 to %zu.",
                        config->path, FRAMING_MAX_INCOMING_CEILING);
            return NULL;
        }
        config->max_message_bytes = (gsize)limit;
    }

    if (g_key_file_has_key(file, "host", "key-idle-seconds", NULL)) {
        guint64 seconds = g_key_file_get_uint64(file, "host", "key-idle-seconds", &local_error);
        if (local_error != NULL || seconds > CONFIG_MAX_KEY_IDLE_SECONDS) {
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_CONFIG,
                        "key-idle-seconds in %s must be a number of seconds from 0 to %u.",
                        config->path, CONFIG_MAX_KEY_IDLE_SECONDS);
            return NULL;
        }
        config->key_idle_seconds = (guint)seconds;
    }
    return g_steal_pointer(&config);
}

void config_free(KeyfillConfig *config)
{
    if (config == NULL)
        return;
    g_free(config->path);
    g_strfreev(config->allowed_extensions);
    g_free(config);
}
