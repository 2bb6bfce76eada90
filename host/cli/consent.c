/*
 * consent.c — `keyfill consent list|revoke`: the stored per-site consents.
 *
 *   keyfill consent list [--site ORIGIN] [--json]
 *   keyfill consent revoke --id ID
 *   keyfill consent revoke --site ORIGIN --all
 *
 * Revoking writes an audit entry per consent, exactly as the extension's
 * consents page does (both go through consent.c).
 */
#include "cli.h"

#include "../consent.h"
#include "../jsonfield.h"

#include <stdio.h>
#include <string.h>

/* Prints every stored consent (all pages) for @site (NULL: all). */
static int consent_list_all(Store *store, const char *site, gboolean json)
{
    g_autoptr(cJSON) all = cJSON_CreateArray();
    gint64 cursor = 0;
    do {
        g_autoptr(GError) error = NULL;
        g_autoptr(cJSON) page = consent_list(store, site, cursor, CONSENT_LIST_MAX, &error);
        if (page == NULL) {
            cli_report(error);
            return 1;
        }
        cJSON *consents = cJSON_GetObjectItemCaseSensitive(page, "consents");
        cJSON *item;
        while ((item = consents->child) != NULL)
            cJSON_AddItemToArray(all, cJSON_DetachItemViaPointer(consents, item));
        const cJSON *next = cJSON_GetObjectItemCaseSensitive(page, "next_cursor");
        cursor = cJSON_IsString(next) ? g_ascii_strtoll(next->valuestring, NULL, 10) : 0;
    } while (cursor > 0);

    if (json) {
        char *printed = cJSON_Print(all);
        printf("%s\n", printed);
        cJSON_free(printed);
        return 0;
    }
    if (cJSON_GetArraySize(all) == 0) {
        printf("No stored consents%s%s.\n", site != NULL ? " for " : "", site != NULL ? site : "");
        return 0;
    }
    printf("%-6s %-40s %-18s %-22s %-13s %s\n", "ID", "SITE", "PERSONA", "GROUP", "DECISION",
           "EXPIRES");
    const cJSON *item;
    cJSON_ArrayForEach(item, all)
    {
        const cJSON *expires = cJSON_GetObjectItemCaseSensitive(item, "expires");
        printf("%-6.0f %-40s %-18s %-22s %-13s %s\n",
               cJSON_GetObjectItemCaseSensitive(item, "id")->valuedouble,
               cJSON_GetObjectItemCaseSensitive(item, "site")->valuestring,
               cJSON_GetObjectItemCaseSensitive(item, "persona")->valuestring,
               cJSON_GetObjectItemCaseSensitive(item, "group")->valuestring,
               cJSON_GetObjectItemCaseSensitive(item, "decision")->valuestring,
               cJSON_IsString(expires) ? expires->valuestring : "never");
    }
    return 0;
}

int cli_consent(int argc, char **argv)
{
    g_autofree char *site = NULL;
    gint64 id = 0;
    gboolean all = FALSE, json = FALSE;
    GOptionEntry entries[] = {
        {"site", 0, 0, G_OPTION_ARG_STRING, &site, "the site's origin", "ORIGIN"},
        {"id", 0, 0, G_OPTION_ARG_INT64, &id, "one consent (revoke)", "ID"},
        {"all", 0, 0, G_OPTION_ARG_NONE, &all, "every consent of --site (revoke)", NULL},
        {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON (list)", NULL},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) options =
        g_option_context_new("list|revoke — the consents given to sites\n\n"
                             "  keyfill consent list [--site ORIGIN] [--json]\n"
                             "  keyfill consent revoke --id ID\n"
                             "  keyfill consent revoke --site ORIGIN --all");
    g_option_context_add_main_entries(options, entries, NULL);
    g_autoptr(GError) error = NULL;
    if (!g_option_context_parse(options, &argc, &argv, &error)) {
        cli_report(error);
        return 2;
    }
    gboolean list = argc == 2 && strcmp(argv[1], "list") == 0;
    gboolean revoke = argc == 2 && strcmp(argv[1], "revoke") == 0;
    if (!list && !revoke) {
        g_printerr("keyfill: say 'keyfill consent list' or 'keyfill consent revoke'. "
                   "Run 'keyfill consent --help' for the options.\n");
        return 2;
    }
    if (revoke && (id > 0) == (site != NULL && all)) {
        g_printerr("keyfill: name one consent with --id ID, or a whole site with "
                   "--site ORIGIN --all.\n");
        return 2;
    }

    g_autoptr(Store) store = store_open(NULL, &error);
    if (store == NULL) {
        cli_report(error);
        return 1;
    }
    if (list)
        return consent_list_all(store, site, json);
    gint64 revoked = consent_revoke(store, id, id > 0 ? NULL : site, &error);
    if (revoked == 0) {
        cli_report(error);
        return 1;
    }
    printf("Revoked %" G_GINT64_FORMAT " consent%s; the site will ask again.\n", revoked,
           revoked == 1 ? "" : "s");
    return 0;
}
