/*
 * fill_mask.h — values as the consent popup shows them: recognisable to
 * their owner, useless to anyone else.
 *
 * Owns: the masking rules ("•••• 4242" for card numbers, "a•••@example.org"
 * for emails, the last two digits of phone numbers, the first letter of each
 * word elsewhere; dates and short codes fully masked).
 * Never: returns the value itself for anything longer than a bullet.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A masked copy of @value planned for a field of autocomplete @type, newly
 * allocated. */
char *fill_mask_value(const char *type, const char *value);

G_END_DECLS
