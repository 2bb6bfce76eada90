/*
 * month_names.h — how people write the twelve months.
 *
 * Owns: the month vocabulary (numbers, names and abbreviations in the
 * classifier's languages), used to pick an option of a month select.
 * Never: decides a date format; that is fill_format's job.
 */
#pragma once

#include "fill_norm.h"

G_BEGIN_DECLS

/* The vocabulary whose entity ids are month numbers 1..12: "1", "01",
 * "January", "Jan", "Januar", "janv.", "1月", "1월", ... Built on first use,
 * lives for the process. */
const FillVocab *month_names_vocab(void);

G_END_DECLS
