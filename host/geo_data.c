/*
 * geo_data.c — lookups over the generated country and region tables, and
 * the postal code shapes of the countries that write a separator.
 *
 * DESIGN: the vocabularies are compiled at build time into constant data
 * (geo_vocab.h), so lookups need no lock and a new process builds nothing.
 */
#include "geo_data.h"

#include "geo_vocab.h"

#include <string.h>

const GeoCountry *geo_country_by_code(const char *code)
{
    if (code == NULL)
        return NULL;
    gsize length = strnlen(code, 4);
    if (length != 2 && length != 3)
        return NULL;
    for (gsize i = 0; i < geo_countries_count; i++) {
        const char *own = length == 2 ? geo_countries[i].alpha2 : geo_countries[i].alpha3;
        if (g_ascii_strcasecmp(own, code) == 0)
            return &geo_countries[i];
    }
    return NULL;
}

const FillVocab *geo_country_vocab(void)
{
    return &geo_vocab_countries;
}

/* The first '|'-separated name of @names, newly allocated. */
static char *first_name(const char *names)
{
    const char *bar = strchr(names, '|');
    return bar != NULL ? g_strndup(names, (gsize)(bar - names)) : g_strdup(names);
}

char *geo_country_display_name(const GeoCountry *country)
{
    g_return_val_if_fail(country != NULL, NULL);
    return first_name(country->names);
}

const FillVocab *geo_region_vocab(const char *alpha2)
{
    for (gsize c = 0; alpha2 != NULL && c < geo_vocab_region_countries_count; c++) {
        if (g_ascii_strcasecmp(alpha2, geo_vocab_region_countries[c]) == 0)
            return &geo_vocab_regions[c];
    }
    return NULL;
}

const GeoRegion *geo_region_find(const char *alpha2, const char *text)
{
    const FillVocab *vocab = geo_region_vocab(alpha2);
    if (vocab == NULL || text == NULL)
        return NULL;
    int id = fill_vocab_resolve(vocab, text, NULL);
    return id >= 0 ? &geo_regions[id] : NULL;
}

char *geo_region_display_name(const GeoRegion *region)
{
    g_return_val_if_fail(region != NULL, NULL);
    return first_name(region->names);
}

/* Where a country puts the separator in its postal codes. The shape is
 * matched against the compact code; @split counts characters from the start
 * (from the end when negative). */
typedef struct {
    const char *country;
    const char *shape;
    int split;
    const char *separator;
    const char *why;
} PostalRule;

static const PostalRule postal_rules[] = {
    {"CA", "^[A-Z][0-9][A-Z][0-9][A-Z][0-9]$", 3, " ", "forward sortation area, local unit"},
    {"GB", "^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$", -3, " ", "outward code, inward code"},
    {"NL", "^[0-9]{4}[A-Z]{2}$", 4, " ", "1234 AB"},
    {"BR", "^[0-9]{8}$", 5, "-", "CEP 01310-100"},
    {"JP", "^[0-9]{7}$", 3, "-", "〒100-0001"},
    {"PL", "^[0-9]{5}$", 2, "-", "00-950"},
    {"PT", "^[0-9]{7}$", 4, "-", "1000-001"},
    {"SE", "^[0-9]{5}$", 3, " ", "114 55"},
    {"CZ", "^[0-9]{5}$", 3, " ", "110 00"},
    {"SK", "^[0-9]{5}$", 3, " ", "811 01"},
    {"GR", "^[0-9]{5}$", 3, " ", "105 57"},
    {"US", "^[0-9]{9}$", 5, "-", "ZIP+4 20500-0003; five-digit ZIPs stay as they are"},
    {"IE", "^[A-Z0-9]{7}$", 3, " ", "Eircode D02 X285"},
};

char *geo_postal_compact(const char *postal_code)
{
    GString *out = g_string_new(NULL);
    for (const char *p = postal_code != NULL ? postal_code : ""; *p != '\0'; p++) {
        if (*p != ' ' && *p != '-')
            g_string_append_c(out, g_ascii_toupper(*p));
    }
    return g_string_free(out, FALSE);
}

char *geo_postal_format(const char *alpha2, const char *postal_code)
{
    g_return_val_if_fail(postal_code != NULL, NULL);
    g_autofree char *compact = geo_postal_compact(postal_code);
    for (gsize i = 0; alpha2 != NULL && i < G_N_ELEMENTS(postal_rules); i++) {
        const PostalRule *rule = &postal_rules[i];
        if (g_ascii_strcasecmp(rule->country, alpha2) != 0)
            continue;
        if (!g_regex_match_simple(rule->shape, compact, 0, 0))
            break;
        gsize length = strlen(compact);
        gsize at = rule->split >= 0 ? (gsize)rule->split : length - (gsize)(-rule->split);
        return g_strdup_printf("%.*s%s%s", (int)at, compact, rule->separator, compact + at);
    }
    g_autofree char *trimmed = g_strstrip(g_strdup(postal_code));
    return g_ascii_strup(trimmed, -1);
}
