/*
 * scratch-dir.h — removing a test's scratch folder.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Removes @path and everything below it, making read-only folders writable
 * first (fault tests leave some behind); symlinks are removed, never
 * followed. */
void scratch_dir_remove(const char *path);

G_END_DECLS
