/*
 * dynlib.c — a system library loaded at first use into a table of functions.
 *
 * DESIGN: RTLD_LAZY (the library's own symbols bind when first called, as
 * for a linked library), RTLD_LOCAL (its symbols stay out of the global
 * scope) and RTLD_NODELETE (the table points into it for the whole
 * process). dlsym on the handle searches the library and its dependencies,
 * so a table may also name a function of a library it brings (GObject for
 * libsecret).
 */
#include "dynlib.h"

#include <dlfcn.h>

char *dynlib_load(const char *soname, const DynlibFunction *functions, gsize n, gpointer table)
{
    g_return_val_if_fail(soname != NULL && functions != NULL && table != NULL, NULL);
    void *handle = dlopen(soname, RTLD_LAZY | RTLD_LOCAL | RTLD_NODELETE);
    if (handle == NULL)
        return g_strdup(dlerror());
    for (gsize i = 0; i < n; i++) {
        void *symbol = dlsym(handle, functions[i].name);
        if (symbol == NULL)
            return g_strdup_printf("%s has no %s", soname, functions[i].name);
        /* POSIX guarantees a function's address converts from void *. */
        *(void **)((char *)table + functions[i].offset) = symbol;
    }
    return NULL;
}
