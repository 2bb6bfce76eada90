/*
 * autocomplete.c — parsing the autofill detail tokens of an autocomplete value.
 */
#include "autocomplete.h"

#include <string.h>

/* Every autofill field name of the standard. CONTACT marks the ones that a
 * home/work/mobile/fax/pager modifier may precede. */
enum { PLAIN = 0, CONTACT = 1 };
static const struct {
    const char *name;
    int kind;
} field_names[] = {
    {"name", PLAIN},
    {"honorific-prefix", PLAIN},
    {"given-name", PLAIN},
    {"additional-name", PLAIN},
    {"family-name", PLAIN},
    {"honorific-suffix", PLAIN},
    {"nickname", PLAIN},
    {"username", PLAIN},
    {"new-password", PLAIN},
    {"current-password", PLAIN},
    {"one-time-code", PLAIN},
    {"organization-title", PLAIN},
    {"organization", PLAIN},
    {"street-address", PLAIN},
    {"address-line1", PLAIN},
    {"address-line2", PLAIN},
    {"address-line3", PLAIN},
    {"address-level4", PLAIN},
    {"address-level3", PLAIN},
    {"address-level2", PLAIN},
    {"address-level1", PLAIN},
    {"country", PLAIN},
    {"country-name", PLAIN},
    {"postal-code", PLAIN},
    {"cc-name", PLAIN},
    {"cc-given-name", PLAIN},
    {"cc-additional-name", PLAIN},
    {"cc-family-name", PLAIN},
    {"cc-number", PLAIN},
    {"cc-exp", PLAIN},
    {"cc-exp-month", PLAIN},
    {"cc-exp-year", PLAIN},
    {"cc-csc", PLAIN},
    {"cc-type", PLAIN},
    {"transaction-currency", PLAIN},
    {"transaction-amount", PLAIN},
    {"language", PLAIN},
    {"bday", PLAIN},
    {"bday-day", PLAIN},
    {"bday-month", PLAIN},
    {"bday-year", PLAIN},
    {"sex", PLAIN},
    {"url", PLAIN},
    {"photo", PLAIN},
    {"tel", CONTACT},
    {"tel-country-code", CONTACT},
    {"tel-national", CONTACT},
    {"tel-area-code", CONTACT},
    {"tel-local", CONTACT},
    {"tel-local-prefix", CONTACT},
    {"tel-local-suffix", CONTACT},
    {"tel-extension", CONTACT},
    {"email", CONTACT},
    {"impp", CONTACT},
};

static const char *const contact_modifiers[] = {"home", "work", "mobile", "fax", "pager"};

/* Most tokens a valid value can have: section, hint, contact, field, webauthn. */
#define MAX_TOKENS 5

/* Tokens are lower-cased while they are split, so plain comparisons do. */
static const char *find_static(const char *const *list, gsize n, const char *token)
{
    for (gsize i = 0; i < n; i++) {
        if (list[i][0] == token[0] && strcmp(list[i], token) == 0)
            return list[i];
    }
    return NULL;
}

static int find_field(const char *token)
{
    for (gsize i = 0; i < G_N_ELEMENTS(field_names); i++) {
        if (field_names[i].name[0] == token[0] && strcmp(field_names[i].name, token) == 0)
            return (int)i;
    }
    return -1;
}

void autocomplete_parse(const char *value, Autocomplete *out)
{
    g_return_if_fail(out != NULL);
    memset(out, 0, sizeof *out);
    out->kind = AUTOCOMPLETE_ABSENT;
    if (value == NULL)
        return;

    /* Split into at most MAX_TOKENS + 1 tokens without allocating. */
    char buffer[256];
    const char *tokens[MAX_TOKENS + 1];
    int n = 0;
    gsize used = 0;
    for (const char *p = value; *p != '\0';) {
        while (*p != '\0' && g_ascii_isspace(*p))
            p++;
        if (*p == '\0')
            break;
        const char *start = p;
        while (*p != '\0' && !g_ascii_isspace(*p))
            p++;
        gsize length = (gsize)(p - start);
        if (n == MAX_TOKENS + 1 || used + length + 1 > sizeof buffer) {
            out->kind = AUTOCOMPLETE_INVALID;
            return;
        }
        for (gsize k = 0; k < length; k++)
            buffer[used + k] = g_ascii_tolower(start[k]);
        buffer[used + length] = '\0';
        tokens[n++] = buffer + used;
        used += length + 1;
    }
    if (n == 0)
        return;
    if (n == 1 && strcmp(tokens[0], "on") == 0) {
        out->kind = AUTOCOMPLETE_ON;
        return;
    }
    if (n == 1 && strcmp(tokens[0], "off") == 0) {
        out->kind = AUTOCOMPLETE_OFF;
        return;
    }

    out->kind = AUTOCOMPLETE_INVALID;
    int last = n - 1;
    gboolean webauthn = strcmp(tokens[last], "webauthn") == 0;
    if (webauthn)
        last--;
    if (last < 0)
        return;
    int field = find_field(tokens[last]);
    if (field < 0)
        return;
    int i = last - 1;
    const char *contact = NULL;
    if (i >= 0 && field_names[field].kind == CONTACT) {
        contact = find_static(contact_modifiers, G_N_ELEMENTS(contact_modifiers), tokens[i]);
        if (contact != NULL)
            i--;
    }
    const char *hint = NULL;
    if (i >= 0 && strcmp(tokens[i], "shipping") == 0) {
        hint = "shipping";
        i--;
    } else if (i >= 0 && strcmp(tokens[i], "billing") == 0) {
        hint = "billing";
        i--;
    }
    const char *section = NULL;
    if (i >= 0 && strncmp(tokens[i], "section-", 8) == 0) {
        section = tokens[i] + 8;
        i--;
    }
    if (i >= 0)
        return; /* tokens left over: not the grammar */

    out->kind = AUTOCOMPLETE_FIELD;
    out->field = field_names[field].name;
    out->hint = hint;
    out->contact = contact;
    out->webauthn = webauthn;
    if (section != NULL) {
        g_strlcpy(out->section, section, sizeof out->section);
    }
}
