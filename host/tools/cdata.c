/*
 * cdata.c — writing C source from the build-time generators.
 */
#include "cdata.h"

#include <stdio.h>

void cdata_append_literal(GString *out, const char *text)
{
    g_string_append_c(out, '"');
    for (const guchar *p = (const guchar *)text; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_printf(out, "\\%c", *p);
        else if (*p < 0x20 || *p >= 0x7F)
            g_string_append_printf(out, "\\%03o", *p);
        else
            g_string_append_c(out, (char)*p);
    }
    g_string_append_c(out, '"');
}

gboolean cdata_write(const char *program, const char *path, const GString *out)
{
    g_autoptr(GError) error = NULL;
    if (!g_file_set_contents(path, out->str, (gssize)out->len, &error)) {
        fprintf(stderr, "%s: %s\n", program, error->message);
        return FALSE;
    }
    return TRUE;
}
