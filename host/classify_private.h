/*
 * classify_private.h — what the classifier's passes share (private to
 * classify.c and classify_context.c).
 */
#pragma once

#include "classify.h"
#include "classify_rules.h"

G_BEGIN_DECLS

/* Negative evidence vetoes a type when it reaches this share of the type's
 * score. Below 1 on purpose: a wrong fill is worse than a missed one. */
#define VETO_SHARE 0.8f

typedef enum { SECTION_HINT_NONE, SECTION_HINT_SHIPPING, SECTION_HINT_BILLING } SectionHint;

/* What the first pass learns about one field. */
typedef struct {
    ClassifyConcept concept; /* a token concept, a pending HINT_* or CONCEPT_NONE */
    gboolean fixed;          /* decided by control type or autocomplete */
    gboolean skip;           /* never fillable: not part of any neighbourhood */
    OptionsKind options;
    float birth, expiry, card, dependant, recovery;
    float document; /* an identity document named: an expiry is its, not a card's */
    float name_strength;        /* the strongest single piece of evidence for "name" */
    ClassifyConcept weak_name;  /* a name part too weakly named to fill alone (a bare
                                 * "Nome" before the box), or CONCEPT_NONE */
    SectionHint section_hint;
    char *author_section; /* from autocomplete section-*, in the result's chunk */
} FieldState;

/* The whole form, as the neighbourhood passes see it. */
typedef struct {
    const DescriptorList *list;
    FieldState *states;
    ClassifiedField *out;
} Context;

/* Adds evidence to @out unless it is already there or the list is full;
 * NULL @source or @detail is ignored. */
void classify_add_evidence(ClassifiedField *out, const char *source, const char *detail);

/* Pass 2: month/year pairs, name pairs, card-holder names, 3/3/4 phones.
 * Turns pending HINT_MONTH/YEAR/DAY into tokens or CONCEPT_NONE. */
void classify_context_resolve(Context *cx);

/* Pass 3: the section of every field, names copied into @strings. */
void classify_context_sections(Context *cx, GStringChunk *strings);

G_END_DECLS
