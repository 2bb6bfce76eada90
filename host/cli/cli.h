/*
 * cli.h — the keyfill command-line tool's shared pieces.
 *
 * keyfill manages the same store the host uses. Each group of subcommands
 * lives in its own file under host/cli/ and registers a CliCommand in the
 * table in main.c. A subcommand returns an exit status: 0 on success, 1 when
 * the action failed (the message already printed), 2 on a usage error.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef int (*CliHandler)(int argc, char **argv);

typedef struct {
    const char *name;    /* first word after "keyfill" */
    CliHandler handler;  /* receives argv starting at the subcommand name */
    const char *summary; /* one line for "keyfill help" */
} CliCommand;

/* Prints "keyfill: <message>" on stderr; used once per failure. */
void cli_report(const GError *error);

/* The absolute path of the keyfill-host binary that belongs to this keyfill
 * (the one beside it). g_free. */
char *cli_host_path(void);

/* browser.c */
int cli_install_browser(int argc, char **argv);
int cli_doctor(int argc, char **argv);

/* consent.c */
int cli_consent(int argc, char **argv);

/* audit.c */
int cli_audit(int argc, char **argv);

G_END_DECLS
