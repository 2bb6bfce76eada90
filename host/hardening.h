/*
 * hardening.h — what a process holding keys and personal values does to its
 * own process state before it reads anything.
 *
 * The host and the keyfill tool both hold the store key and decrypted
 * values in memory. This module makes sure that memory never lands in a core
 * file and cannot be read by another process of the same user through
 * ptrace or /proc/<pid>/mem. It owns process-wide settings only: it never
 * touches the store, the keyring or stdio, and never logs.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the core-file size limit to 0 (soft and hard, so a child cannot raise
 * it again) and marks the process not dumpable (no core file whatever the
 * limit, no ptrace attach and no /proc/<pid>/mem for same-user processes).
 * Fails with KEYFILL_ERROR_INTERNAL when the kernel refuses either; the
 * caller decides whether to go on. Safe to call more than once. */
gboolean hardening_apply(GError **error);

/* TRUE when this process can produce no core file: its core limit is 0 and
 * it is not dumpable. Used by tests and `keyfill doctor`. */
gboolean hardening_is_applied(void);

G_END_DECLS
