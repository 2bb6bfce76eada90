/*
 * jsonprint.c — JSON printed for the wire, as cJSON prints it, without
 * printf.
 *
 * DESIGN: see jsonprint.h. A number is turned into raw text only when
 * "%1.15g" would print its plain decimal digits: integral, magnitude below
 * 10^15 (from there on %g switches to an exponent), and not -0 (which %g
 * prints as "-0").
 */
#include "jsonprint.h"

#include <math.h>
#include <string.h>

#define PLAIN_INTEGER_LIMIT 1e15

/* The decimal text of @value (|@value| < 10^15) as new cJSON memory. */
static char *integer_text(gint64 value)
{
    char digits[24];
    gsize at = sizeof digits;
    digits[--at] = '\0';
    guint64 magnitude = value < 0 ? (guint64)(-value) : (guint64)value;
    do {
        digits[--at] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0);
    if (value < 0)
        digits[--at] = '-';
    char *text = cJSON_malloc(sizeof digits - at);
    if (text != NULL)
        memcpy(text, digits + at, sizeof digits - at);
    return text;
}

/* Turns the integral numbers of @node, its siblings after it and all their
 * children into raw values. */
static void integers_as_text(cJSON *node)
{
    for (; node != NULL; node = node->next) {
        if (node->child != NULL)
            integers_as_text(node->child);
        if (!cJSON_IsNumber(node))
            continue;
        double value = node->valuedouble;
        if (!(fabs(value) < PLAIN_INTEGER_LIMIT) || value != (double)(gint64)value ||
            (value == 0 && signbit(value)))
            continue;
        char *text = integer_text((gint64)value);
        if (text == NULL)
            continue; /* out of memory: cJSON prints it */
        node->type = cJSON_Raw | (node->type & cJSON_StringIsConst);
        node->valuestring = text;
    }
}

char *jsonprint_compact(cJSON *json, size_t *length)
{
    g_return_val_if_fail(json != NULL && length != NULL, NULL);

    /* only @json and its children: its siblings are not printed */
    if (json->child != NULL)
        integers_as_text(json->child);
    if (cJSON_IsNumber(json)) {
        cJSON *next = json->next;
        json->next = NULL;
        integers_as_text(json);
        json->next = next;
    }
    char *printed = cJSON_PrintUnformatted(json);
    g_assert(printed != NULL); /* only fails on allocation failure */
    *length = strlen(printed);
    char *copy = g_memdup2(printed, *length + 1);
    cJSON_free(printed);
    return copy;
}
