/*
 * fill_rules.h — the contract between the fill planner (fill.c) and its
 * rules (fill_rules.c): what a rule sees of the plan in progress, and the
 * table from autocomplete token to where the value comes from and how it is
 * spelled.
 *
 * Owns: FillPlanner, FillBlock, FillTarget and the rule table.
 * Never: used outside fill.c and fill_rules.c (the planner's state is not an
 * API), never decides whether a field may be filled at all (visibility,
 * origin, consent are the planner's gates).
 */
#pragma once

#include "fill.h"
#include "fill_format.h"
#include "fill_phone.h"

#include <cjson/cJSON.h>

G_BEGIN_DECLS

/* An address block: one section's address fields. */
typedef struct {
    const char *section;
    const cJSON *address; /* NULL: the block stays empty, for @missing */
    FillReason missing;
    gboolean split_number; /* the block has a house-number field */
    char *street;          /* line 1 without its number, when split */
    char *number;          /* the house number, when split */
    int last_line;         /* highest address-line-N present, 0 for none */
} FillBlock;

typedef struct {
    const FillField *fields;
    size_t n_fields;
    const cJSON *persona;
    const FillChoice *choice;
    const cJSON *card;
    const cJSON *shipping; /* the chosen (or default) addresses; NULL for none */
    const cJSON *billing;
    const cJSON *email;
    FillPhone phone;
    gboolean phone_ok;
    const char *home_country; /* alpha-2 of the default address, or NULL */
    FillBlock *blocks;        /* at most one per field */
    size_t n_blocks;
    gboolean *house_number; /* per field */
    const char **sections;  /* per field: effective section */
} FillPlanner;

/* What one rule sees of the field it spells. */
typedef struct {
    const FillField *field;
    const char *type;
    const FillBlock *block; /* the field's address block, or NULL */
} FillTarget;

typedef enum {
    FILL_NEEDS_NOTHING,
    FILL_NEEDS_ADDRESS, /* the field's block must have an address */
    FILL_NEEDS_CARD,    /* card data: a card, and a secure origin */
} FillNeeds;

typedef void (*FillTextRule)(const FillPlanner *p, const FillTarget *t, FillCandidates *out);
typedef int (*FillSelectRule)(const FillPlanner *p, const FillTarget *t);

typedef struct {
    const char *type;
    FillNeeds needs;
    FillTextRule text;
    FillSelectRule select; /* NULL: a select is matched against the text spellings */
} FillRule;

/* The rule for autocomplete token @type ("house-number" is Keyfill's own
 * token for a street number box), or NULL when Keyfill never fills it. */
const FillRule *fill_rules_find(const char *type);

/* The string at @key of @object, "" when absent or not a string. Borrowed. */
const char *fill_rules_string(const cJSON *object, const char *key);

/* The number at @key of @object in 0..9999, 0 when absent. */
int fill_rules_int(const cJSON *object, const char *key);

/* The persona's birthday (canonical YYYY-MM-DD); FALSE when absent or not
 * a real date. */
gboolean fill_rules_birthday(const cJSON *persona, int *year, int *month, int *day);

G_END_DECLS
