/*
 * geo_vocab.h — the country and region vocabularies, compiled at build time.
 *
 * Every name, alias and code of the ~250 countries (geo_countries.c, in a
 * dozen languages) and of the regions of eight countries (geo_regions.c)
 * goes through fill_norm_text() into a FillVocab. Building them costs about
 * 32 M instructions and 1 MiB of heap, more than everything else a host
 * process does for its first fill, so it is done at BUILD time:
 * host/tools/gen-geo-vocab.c calls the builders below and writes sorted
 * constant arrays (geo_vocab_data.c in the build tree) that geo_data.c hands
 * out. The unit tests build them again and compare.
 *
 * No I/O, no values of a persona.
 */
#pragma once

#include "fill_norm.h"

G_BEGIN_DECLS

/* The countries with a region table, in the order of geo_vocab_regions. */
extern const char *const geo_vocab_region_countries[];
extern const gsize geo_vocab_region_countries_count;

/* Built at build time (generated geo_vocab_data.c): every country name,
 * alias and code (ids index geo_countries), and the regions of each of
 * geo_vocab_region_countries (ids index geo_regions). */
extern const FillVocab geo_vocab_countries;
extern const FillVocab geo_vocab_regions[];

/* Builds the country vocabulary now; free with fill_vocab_free(). */
FillVocab *geo_vocab_build_countries(void);

/* Builds the vocabulary of the regions of @alpha2 (names, codes and
 * "CC-code" forms) now; free with fill_vocab_free(). */
FillVocab *geo_vocab_build_regions(const char *alpha2);

G_END_DECLS
