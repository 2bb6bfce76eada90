/*
 * cli.h — the keyfill command-line tool's shared pieces.
 *
 * keyfill manages the same store the host uses. Each group of subcommands
 * lives in its own file under host/cli/ and registers a CliCommand in the
 * table in main.c. A subcommand returns an exit status: 0 on success, 1 when
 * the action failed (the message already printed), 2 on a usage error.
 */
#pragma once

#include "../jsonfield.h"
#include "../store.h"

#include <cjson/cJSON.h>
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

/* --- session.c: what store subcommands share --- */

/* Uses @path as the store for this run (the global --db option). */
void cli_set_db_path(const char *path);

/* The store path chosen by --db, or NULL for $KEYFILL_DB or the default. */
const char *cli_db_path(void);

/* An option context with @entries plus --db, for one subcommand. */
GOptionContext *cli_option_context(const char *parameters, const char *summary,
                                   const GOptionEntry *entries);

/* Parses the options; 0, or 2 after printing the usage error. */
int cli_parse(GOptionContext *context, int *argc, char ***argv);

/* Prints "keyfill: <message>" and returns 2 (a usage error). */
int cli_usage(const char *format, ...) G_GNUC_PRINTF(1, 2);

/* Opens the store chosen by --db, $KEYFILL_DB or the default path. */
Store *cli_open_store(GError **error);

/* TRUE when stdin and stderr are terminals, so keyfill may ask questions. */
gboolean cli_is_interactive(void);

/* Asks @question on the terminal and reads one line (without echo when
 * @secret). g_malloc'd; free secrets with cli_secret_free(). */
char *cli_prompt(const char *question, gboolean secret, GError **error);

/* @value when given, else the answer to @question in a terminal, else
 * MISSING_FIELD naming @question. */
char *cli_value_or_prompt(const char *value, const char *question, gboolean secret, GError **error);

/* Wipes and frees a string that held a secret; accepts NULL. */
void cli_secret_free(char *secret);
typedef char CliSecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CliSecret, cli_secret_free)

/* The persona whose id or label (case-insensitive) is @reference, or the
 * default persona when @reference is NULL; card numbers only with @reveal.
 * NOT_FOUND, or INVALID_ARGUMENT when several labels match. Caller owns. */
cJSON *cli_find_persona(Store *store, const char *reference, gboolean reveal, GError **error);

/* Prints @json indented on stdout (the print buffer is wiped afterwards). */
void cli_print_json(const cJSON *json);

/* Prints each warning as "keyfill: warning: ..." on stderr. */
void cli_print_warnings(const GPtrArray *warnings);

/* Zeroes every string in @json (before freeing revealed values). */
void cli_wipe_json(cJSON *json);

/* cli_wipe_json() then cJSON_Delete(); accepts NULL. */
void cli_json_free_wiped(cJSON *json);
typedef cJSON CliRevealed;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CliRevealed, cli_json_free_wiped)

/* Runs the verb named by argv[1] from @verbs (argv then starts at the verb),
 * or prints the verbs of @group. */
int cli_dispatch(const char *group, const CliCommand *verbs, gsize n_verbs, int argc, char **argv);

int cli_rekey(int argc, char **argv);

/* persona.c */
int cli_persona(int argc, char **argv);

/* items.c */
/* One line describing @item of @kind: id, label and its value (a card's
 * number masked unless @item holds the revealed "number"). g_free. */
char *cli_item_summary(StoreItemKind kind, const cJSON *item);
int cli_address(int argc, char **argv);
int cli_phone(int argc, char **argv);
int cli_email(int argc, char **argv);
int cli_card(int argc, char **argv);

/* transfer.c */
int cli_import(int argc, char **argv);
int cli_export(int argc, char **argv);

/* browser.c */
int cli_install_browser(int argc, char **argv);
int cli_doctor(int argc, char **argv);

/* consent.c */
int cli_consent(int argc, char **argv);

/* audit.c */
int cli_audit(int argc, char **argv);

G_END_DECLS
