/*
 * geo_vocab.c — the country and region vocabularies, compiled at build time.
 *
 * DESIGN: see geo_vocab.h. The builders are what the host ran at its first
 * fill before; they now run in host/tools/gen-geo-vocab.c, and at run time
 * a lookup is a binary search over constant data.
 */
#include "geo_vocab.h"

#include "geo_data.h"

#include <string.h>

const char *const geo_vocab_region_countries[] = {"US", "CA", "AU", "DE", "IN", "BR", "MX", "JP"};
const gsize geo_vocab_region_countries_count = G_N_ELEMENTS(geo_vocab_region_countries);

FillVocab *geo_vocab_build_countries(void)
{
    FillVocab *vocab = fill_vocab_new();
    for (gsize i = 0; i < geo_countries_count; i++) {
        const GeoCountry *country = &geo_countries[i];
        fill_vocab_add(vocab, (int)i, country->names);
        fill_vocab_add(vocab, (int)i, country->alpha2);
        fill_vocab_add(vocab, (int)i, country->alpha3);
    }
    return vocab;
}

FillVocab *geo_vocab_build_regions(const char *alpha2)
{
    FillVocab *vocab = fill_vocab_new();
    for (gsize i = 0; i < geo_regions_count; i++) {
        const GeoRegion *region = &geo_regions[i];
        if (strcmp(region->country, alpha2) != 0)
            continue;
        g_autofree char *iso = g_strdup_printf("%s-%s", region->country, region->code);
        fill_vocab_add(vocab, (int)i, region->names);
        fill_vocab_add(vocab, (int)i, region->code);
        fill_vocab_add(vocab, (int)i, iso);
    }
    return vocab;
}
