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
    printf("usage: keyfill <command> [options]\n\ncommands:\n");
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
