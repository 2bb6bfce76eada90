/*
 * main.c — keyfill, the command line for the Keyfill store.
 *
 * Dispatches the first word to a subcommand from the table below. It never
 * prints a personal value unless a subcommand was asked to (--reveal).
 */
#include "cli.h"

#include "../errors.h"
#include "../buildconfig.h"
#include "../hardening.h"

#include <stdio.h>
#include <string.h>

static int cli_help(int argc, char **argv);
static int cli_version(int argc, char **argv);

static const CliCommand commands[] = {
    {"install-browser", cli_install_browser,
     "install-browser [chrome|chromium|firefox|all]  register the host with your browsers"},
    {"doctor", cli_doctor, "doctor  check the host, browser registration, keyring and store"},
    {"persona", cli_persona, "persona add|edit|list|show|remove|default  manage personas"},
    {"address", cli_address, "address add|edit|remove|list  postal addresses of a persona"},
    {"phone", cli_phone, "phone add|edit|remove|list  phone numbers of a persona"},
    {"email", cli_email, "email add|edit|remove|list  e-mail addresses of a persona"},
    {"card", cli_card, "card add|edit|remove|list  payment cards of a persona (masked)"},
    {"import", cli_import, "import --from firefox|bitwarden|csv|keyfill FILE  import personas"},
    {"export", cli_export, "export --out FILE [--plaintext]  export, sealed with a passphrase"},
    {"rekey", cli_rekey, "rekey  give the store a new key and re-encrypt everything"},
    {"consent", cli_consent,
     "consent list|revoke [--site ORIGIN] [--id ID] [--all]  the consents given to sites"},
    {"audit", cli_audit,
     "audit list|export|verify|retention  read, export and check the audit log"},
    {"version", cli_version, "version  print the Keyfill version"},
    {"help", cli_help, "help  show this list"},
};

void cli_report(const GError *error)
{
    g_printerr("keyfill: %s\n", error->message);
}

char *cli_host_path(void)
{
    g_autofree char *self = g_file_read_link("/proc/self/exe", NULL);
    g_autofree char *dir = self != NULL ? g_path_get_dirname(self) : g_get_current_dir();
    return g_build_filename(dir, "keyfill-host", NULL);
}

static int cli_help(int argc, char **argv)
{
    printf("usage: keyfill [--db PATH] <command> [options]\n\ncommands:\n");
    for (gsize i = 0; i < G_N_ELEMENTS(commands); i++)
        printf("  %s\n", commands[i].summary);
    printf("\nRun 'keyfill <command> --help' for the options of a command.\n");
    return 0;
}

static int cli_version(int argc, char **argv)
{
    printf("keyfill %s\n", KEYFILL_VERSION);
    return 0;
}

int main(int argc, char **argv)
{
    /* The tool reads keys and personal values: no core file, no ptrace. */
    g_autoptr(GError) error = NULL;
    if (!hardening_apply(&error)) {
        g_printerr("keyfill: %s\n", error->message);
        return 1;
    }

    /* The global --db PATH (or --db=PATH) before the command. */
    while (argc >= 2 && g_str_has_prefix(argv[1], "--db")) {
        if (strcmp(argv[1], "--db") == 0 && argc >= 3) {
            cli_set_db_path(argv[2]);
            argc -= 2, argv += 2;
        } else if (g_str_has_prefix(argv[1], "--db=")) {
            cli_set_db_path(argv[1] + strlen("--db="));
            argc -= 1, argv += 1;
        } else {
            g_printerr("keyfill: --db needs a path.\n");
            return 2;
        }
    }
    if (argc < 2) {
        cli_help(argc, argv);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return cli_help(argc, argv);
    if (strcmp(argv[1], "--version") == 0)
        return cli_version(argc, argv);
    for (gsize i = 0; i < G_N_ELEMENTS(commands); i++) {
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].handler(argc - 1, argv + 1);
    }
    g_printerr("keyfill: unknown command \"%s\". Run 'keyfill help' for the list.\n", argv[1]);
    return 2;
}
