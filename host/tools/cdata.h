/*
 * cdata.h — writing C source from the build-time generators
 * (gen-classify-matcher.c, gen-geo-vocab.c).
 *
 * Owns only the spelling of values as C: never decides what is generated.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @text as a C string literal: bytes outside printable ASCII as
 * three-digit octal escapes (so the file is plain ASCII whatever the
 * languages, and a digit after an escape is not part of it). */
void cdata_append_literal(GString *out, const char *text);

/* Writes @out to @path; on failure prints why (prefixed with @program) and
 * returns FALSE. */
gboolean cdata_write(const char *program, const char *path, const GString *out);

G_END_DECLS
