/*
 * fill_address.c — street lines and house numbers.
 *
 * DESIGN: house numbers sit before the street in English, French and
 * Japanese-romanised addresses, and after it in German, Dutch, Italian,
 * Spanish, Polish, Scandinavian and Turkish ones. The parser accepts either
 * end but only when the other end does not also look like a number: "12
 * Street 5" is left whole.
 */
#include "fill_address.h"

#include "fill_norm.h"

#include <string.h>

/* Label words for a house number, per language; names and ids written the
 * way developers do (house_number, hausnr, street-number). */
static const GRegex *house_number_words(void)
{
    static GRegex *regex;
    return fill_norm_regex(
        &regex, G_REGEX_CASELESS,
        "house\\s*(no|nr|number|num)|street\\s*(no|number)|building\\s*(no|number)|"
        "hausnummer|haus\\s*-?\\s*nr|hausnr|^\\s*nr\\.?\\s*$|^\\s*no\\.?\\s*$|"
        "^\\s*n[º°o]\\.?\\s*$|^\\s*(numéro|numero|número)\\s*$|numéro de (rue|voie)|"
        "número (da casa|de casa|exterior)|numero civico|huisnummer|huisnr|"
        "numer\\s*(domu|budynku)|nr\\s*domu|husnummer|gatunummer|kapı\\s*no|"
        "номер\\s*дома|^\\s*дом\\s*$|番地|번지|"
        "house_?number|housenumber|street_?number|streetnumber|house_?no");
}

/* "Street and house number", "Straße / Hausnr.": one box for both. */
static const GRegex *street_and_number_words(void)
{
    static GRegex *regex;
    return fill_norm_regex(
        &regex, G_REGEX_CASELESS,
        "(street|straße|strasse|str\\.?|rue|calle|via|straat|ulica|gata|gatan|sokak|"
        "улица)\\s*(?:[&+/,]|\\s(?:und|and|y|e|en|i|och|og|ve|и)\\s)\\s*\\S");
}

gboolean fill_address_is_house_number(const FillField *field)
{
    g_return_val_if_fail(field != NULL, FALSE);
    const char *texts[] = {field->hint, field->placeholder, field->name, field->id};
    gboolean number = FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(texts); i++) {
        if (texts[i] == NULL || *texts[i] == '\0')
            continue;
        if (g_regex_match(street_and_number_words(), texts[i], 0, NULL))
            return FALSE;
        number |= g_regex_match(house_number_words(), texts[i], 0, NULL);
    }
    return number;
}

/* A house number: digits, an optional letter, an optional range or part
 * ("12", "12a", "12 a", "12-14", "10/B"). */
#define HOUSE_NUMBER "[0-9]{1,5}(?:\\s?[a-zA-Z])?(?:\\s?[-/]\\s?[0-9a-zA-Z]{1,5})?"

static const GRegex *number_first(void)
{
    static GRegex *regex;
    return fill_norm_regex(&regex, 0, "^\\s*(" HOUSE_NUMBER ")\\s*,?\\s+(\\D.*?)\\s*$");
}

static const GRegex *number_last(void)
{
    static GRegex *regex;
    return fill_norm_regex(&regex, 0, "^\\s*(.*?\\D)\\s*,?\\s+(" HOUSE_NUMBER ")\\s*$");
}

gboolean fill_address_split_street(const char *line, char **street, char **number)
{
    g_return_val_if_fail(street != NULL && number != NULL, FALSE);
    if (line == NULL)
        return FALSE;
    g_autoptr(GMatchInfo) first = NULL;
    g_autoptr(GMatchInfo) last = NULL;
    gboolean at_start = g_regex_match(number_first(), line, 0, &first);
    gboolean at_end = g_regex_match(number_last(), line, 0, &last);
    if (at_start == at_end)
        return FALSE; /* no number, or one at both ends */
    if (at_start) {
        *number = g_match_info_fetch(first, 1);
        *street = g_match_info_fetch(first, 2);
    } else {
        *street = g_match_info_fetch(last, 1);
        *number = g_match_info_fetch(last, 2);
    }
    return TRUE;
}

char *fill_address_join(const char *const *lines, size_t n_lines, size_t first,
                        const char *separator)
{
    g_return_val_if_fail(separator != NULL, NULL);
    GString *joined = NULL;
    for (size_t i = first; i < n_lines; i++) {
        if (lines[i] == NULL || *lines[i] == '\0')
            continue;
        if (joined == NULL)
            joined = g_string_new(lines[i]);
        else
            g_string_append_printf(joined, "%s%s", separator, lines[i]);
    }
    return joined != NULL ? g_string_free(joined, FALSE) : NULL;
}
