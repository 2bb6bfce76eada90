/*
 * fuzz-classify.c — descriptor parsing and field classification.
 *
 * Input: the JSON text of a "fields" array as the extension sends it with
 * classify (docs/protocol.md). Text the protocol gate would refuse (not
 * UTF-8, not JSON) is skipped: fuzz-protocol covers the gate, and nothing
 * else reaches the descriptor parser. The array goes through
 * descriptor_list_parse() and, when accepted, classify_fields().
 *
 * Invariants: a refusal is one of the documented errors (wrong_type,
 * missing_field, invalid_argument, limit_exceeded, bad_descriptor) with a
 * UTF-8 message; an accepted list has one descriptor per item within the
 * limits of descriptor.h, and the classifier — which must never fail —
 * answers one field per descriptor, in order, with the same index, a type,
 * a section, at most CLASSIFY_MAX_EVIDENCE evidence strings, and the same
 * answer when asked twice.
 */
#include "fuzz.h"

#include "classify.h"
#include "descriptor.h"
#include "errors.h"
#include "jsonfield.h"

#include <glib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    return 0;
}

static void check_refusal(const GError *error)
{
    g_assert(error != NULL && error->domain == KEYFILL_ERROR);
    g_assert(error->code == KEYFILL_ERROR_WRONG_TYPE || error->code == KEYFILL_ERROR_MISSING_FIELD ||
             error->code == KEYFILL_ERROR_INVALID_ARGUMENT ||
             error->code == KEYFILL_ERROR_LIMIT_EXCEEDED ||
             error->code == KEYFILL_ERROR_BAD_DESCRIPTOR);
    g_assert(error->message[0] != '\0' && g_utf8_validate(error->message, -1, NULL));
}

static void check_descriptor(const Descriptor *field)
{
    g_assert(field->type != NULL && field->autocomplete != NULL);
    g_assert(field->pattern != NULL && field->inputmode != NULL);
    for (int t = 0; t < DESCRIPTOR_N_TEXTS; t++) {
        g_assert(field->text[t] != NULL);
        g_assert(g_utf8_validate(field->text[t], -1, NULL));
    }
    g_assert(field->n_options <= DESCRIPTOR_MAX_OPTIONS);
    g_assert((field->n_options == 0) == (field->options == NULL));
    for (guint o = 0; o < field->n_options; o++) {
        g_assert(field->options[o].value != NULL && field->options[o].text != NULL);
        g_assert(strlen(field->options[o].value) <= DESCRIPTOR_MAX_OPTION_TEXT);
        g_assert(strlen(field->options[o].text) <= DESCRIPTOR_MAX_OPTION_TEXT);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!g_utf8_validate_len((const char *)data, size, NULL))
        return 0;
    g_autoptr(cJSON) array = cJSON_ParseWithLength((const char *)data, size);
    if (array == NULL)
        return 0;

    g_autoptr(GError) error = NULL;
    g_autoptr(DescriptorList) list = descriptor_list_parse(array, &error);
    if (list == NULL) {
        check_refusal(error);
        return 0;
    }
    g_assert_no_error(error);
    g_assert(cJSON_IsArray(array));
    g_assert_cmpuint(list->n_fields, ==, (guint)cJSON_GetArraySize(array));
    g_assert_cmpuint(list->n_fields, <=, DESCRIPTOR_MAX_FIELDS);
    for (guint i = 0; i < list->n_fields; i++)
        check_descriptor(&list->fields[i]);

    g_autoptr(ClassifyResult) first = classify_fields(list);
    g_autoptr(ClassifyResult) second = classify_fields(list);
    g_assert(first != NULL && second != NULL);
    g_assert_cmpuint(first->n_fields, ==, list->n_fields);
    for (guint i = 0; i < first->n_fields; i++) {
        const ClassifiedField *field = &first->fields[i];
        g_assert_cmpint(field->index, ==, list->fields[i].index);
        g_assert(field->type != NULL && field->section != NULL);
        g_assert(g_utf8_validate(field->section, -1, NULL));
        g_assert_cmpuint(field->n_evidence, <=, CLASSIFY_MAX_EVIDENCE);
        for (guint e = 0; e < field->n_evidence; e++)
            g_assert(field->evidence[e].source != NULL && field->evidence[e].detail != NULL);
        g_assert_cmpstr(field->type, ==, second->fields[i].type);
        g_assert_cmpstr(field->section, ==, second->fields[i].section);
    }
    return 0;
}
