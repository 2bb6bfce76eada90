/*
 * privileges.h — making a test (or a child it starts) an ordinary user.
 *
 * CI runs as root, and root ignores file modes and may ptrace anything: a
 * test about a read-only store or a non-dumpable process would pass or fail
 * for the wrong reason. These helpers drop every capability, for good, so
 * that the kernel's ordinary-user checks apply whoever runs the tests.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Drops every capability of the calling process and of every program it
 * starts afterwards (root's programs normally regain them at exec). Safe to
 * call between fork and exec (a GSpawnChildSetupFunc; @unused is ignored).
 * Aborts when the kernel refuses. */
void privileges_drop_all(gpointer unused);

G_END_DECLS
