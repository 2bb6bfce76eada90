/*
 * classify.h — what each field of a form wants, and the evidence for it.
 *
 * Given the descriptors of a frame's fields, the classifier returns for each
 * one an autocomplete token from the WHATWG vocabulary (or "" when Keyfill
 * must not fill it), the section it belongs to (shipping, billing, contact,
 * card, an author's section-* name or section-N) and a few short evidence
 * strings saying which rule decided ("autocomplete", "label:en:first name",
 * "options:months", "context:exp-month-year-pair").
 *
 * It must never do I/O, never see a value (descriptors carry none) and never
 * fail on any input the descriptor parser accepted. Whether a field is
 * visible does not change its type: the fill planner skips invisible ones.
 *
 * DESIGN: three passes, each linear in the number of fields. (1) Each field
 * alone: its control type, then a valid autocomplete attribute (which wins),
 * then heuristic scores from the rule tables (classify_rules.c) over its label
 * texts, attributes, input type and select options, with negative evidence
 * able to veto. (2) Neighbours: month+year pairs, first+last name pairs,
 * 3/3/4 phone parts, names inside a card block. (3) Sections.
 */
#pragma once

#include "descriptor.h"

#include <glib.h>

G_BEGIN_DECLS

/* Most evidence strings reported per field. */
#define CLASSIFY_MAX_EVIDENCE 4

typedef struct {
    const char *source; /* static: "autocomplete", "label", "placeholder", "name", "id",
                           "title", "context", "type", "options", "control" */
    const char *detail; /* static or owned by the rules: "en:first name", "months" */
} ClassifyEvidence;

typedef struct {
    gint64 index;        /* the descriptor's index */
    const char *type;    /* static autocomplete token, "" for none */
    const char *section; /* owned by the ClassifyResult */
    guint n_evidence;
    ClassifyEvidence evidence[CLASSIFY_MAX_EVIDENCE];
} ClassifiedField;

typedef struct {
    ClassifiedField *fields; /* one per descriptor, same order */
    guint n_fields;
    /* private */
    GStringChunk *strings;
} ClassifyResult;

/* Classifies every field of @list. Never fails; never returns NULL. */
ClassifyResult *classify_fields(const DescriptorList *list);

/* Frees @result; NULL is allowed. */
void classify_result_free(ClassifyResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ClassifyResult, classify_result_free)

G_END_DECLS
