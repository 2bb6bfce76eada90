/*
 * dynlib.h — a system library loaded at first use into a table of functions.
 *
 * The host starts anew for each one-off browser message, and the libraries
 * only some messages need (libsecret with GIO, SQLite) are loaded when first
 * needed rather than at every start: secretlib.c and sqlitelib.c each keep a
 * table whose fields have the types of the library's own prototypes, and
 * fill it here. Owns only dlopen/dlsym; knows nothing of the libraries.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One function of a table: its symbol and its field's offset. */
typedef struct {
    const char *name;
    gsize offset;
} DynlibFunction;

/* dlopen()s @soname (the loader's usual search) for the whole process and
 * stores the address of each of @functions[0..@n) in @table at its offset.
 * Returns NULL on success, or a new message saying what is missing (the
 * table is then partly filled and must not be used). */
char *dynlib_load(const char *soname, const DynlibFunction *functions, gsize n, gpointer table);

G_END_DECLS
