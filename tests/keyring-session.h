/*
 * keyring-session.h — throwaway keyring sessions and helper children for the
 * vault and store tests.
 *
 * Tests that touch the keyring must never see the user's: a test binary
 * calls keyring_session_ensure() first, which re-executes it inside
 * tests/with-keyring unless it already runs in such a session. Keyring
 * states that cannot be undone inside the shared session (no Secret Service,
 * a locked collection) run in a child: the same test binary started with
 * "--helper NAME ARG" in a session of its own. The sample persona those
 * tests store comes from here too.
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

/* The password tests/with-keyring unlocks its keyring with. */
#define KEYRING_SESSION_PASSWORD "keyfill-test-password"

/* A helper run in a child: returns the child's exit status. */
typedef int (*KeyringSessionHelper)(const char *arg);

typedef struct {
    const char *name;
    KeyringSessionHelper run;
} KeyringSessionHelperEntry;

/* Re-executes the program under tests/with-keyring unless
 * $KEYFILL_TEST_SESSION is set; then, when argv is "--helper NAME ARG", runs
 * that helper from @helpers and exits with its status. Returns only when the
 * caller should run its tests. */
void keyring_session_ensure(int argc, char **argv, const KeyringSessionHelperEntry *helpers,
                            gsize n_helpers);

/* A new empty folder for one test (under the session's temporary folder,
 * which is removed with the session). g_free. */
char *keyring_session_scratch(void);

/* The sample persona of tests/data/persona-ada.json (the brief's canonical
 * example, as a user would type it). cJSON_Delete. */
cJSON *keyring_session_sample_persona(void);

/* Where a child runs. */
typedef enum {
    KEYRING_SESSION_SAME,       /* in this session, with its keyring */
    KEYRING_SESSION_NEW,        /* in a new throwaway session with its own keyring */
    KEYRING_SESSION_NO_SERVICE, /* on a private bus where no Secret Service exists */
} KeyringSessionKind;

/* Runs this binary's helper @name with @arg in a child of @kind and returns
 * its exit status (-1 when it did not exit normally). The child's stdout and
 * stderr are passed to the test log. */
int keyring_session_run_helper(KeyringSessionKind kind, const char *name, const char *arg);

/* Starts helper @name with @arg in this session without waiting; returns its
 * pid for keyring_session_wait(). */
GPid keyring_session_spawn_helper(const char *name, const char *arg);

/* Waits for @pid and returns its exit status (-1 when killed). */
int keyring_session_wait(GPid pid);

G_END_DECLS
