/*
 * classify.c — field types from descriptors: per field, then neighbours, then
 * sections. See classify.h for the contract and the design.
 */
#include "classify.h"

#include "autocomplete.h"
#include "classify_rules.h"
#include "text_normalize.h"

#include <string.h>

/* A heuristic type needs at least this score (a label word of weight 4, or
 * an attribute word of weight 5) to be filled. */
#define MIN_SCORE 4.0f
/* Negative evidence vetoes a type when it reaches this share of the type's
 * score. Below 1 on purpose: a wrong fill is worse than a missed one. */
#define VETO_SHARE 0.8f

/* How much each descriptor text counts, and which rules read it. Texts in
 * one group count once (a label[for] and an aria-label saying the same). */
typedef struct {
    DescriptorText text;
    RuleSource rules;
    float weight;
    const char *source; /* evidence source name */
    int group;
} TextSource;

enum { GROUP_LABEL, GROUP_TITLE, GROUP_PLACEHOLDER, GROUP_ATTRIBUTE, GROUP_CONTEXT, N_GROUPS };

static const TextSource text_sources[] = {
    {DESCRIPTOR_TEXT_LABEL, RULE_LABEL, 1.0f, "label", GROUP_LABEL},
    {DESCRIPTOR_TEXT_FOR, RULE_LABEL, 1.0f, "label", GROUP_LABEL},
    {DESCRIPTOR_TEXT_ENCLOSING, RULE_LABEL, 1.0f, "label", GROUP_LABEL},
    {DESCRIPTOR_TEXT_ARIA_LABEL, RULE_LABEL, 1.0f, "aria", GROUP_LABEL},
    {DESCRIPTOR_TEXT_ARIA_LABELLEDBY, RULE_LABEL, 1.0f, "aria", GROUP_LABEL},
    {DESCRIPTOR_TEXT_TITLE, RULE_LABEL, 0.7f, "title", GROUP_TITLE},
    {DESCRIPTOR_TEXT_PLACEHOLDER, RULE_PLACEHOLDER, 0.9f, "placeholder", GROUP_PLACEHOLDER},
    {DESCRIPTOR_TEXT_NAME, RULE_ATTRIBUTE, 0.8f, "name", GROUP_ATTRIBUTE},
    {DESCRIPTOR_TEXT_ID, RULE_ATTRIBUTE, 0.8f, "id", GROUP_ATTRIBUTE},
    {DESCRIPTOR_TEXT_PRECEDING, RULE_CONTEXT, 0.4f, "context", GROUP_CONTEXT},
    {DESCRIPTOR_TEXT_COLUMN, RULE_CONTEXT, 0.4f, "context", GROUP_CONTEXT},
    {DESCRIPTOR_TEXT_LEGEND, RULE_CONTEXT, 0.4f, "context", GROUP_CONTEXT},
};

/* A negative in the visible label this strong overrules even an
 * autocomplete attribute (a weight-10 rule in a placeholder scores 9). */
#define DECISIVE_NEGATIVE 9.0f

/* Tokens Keyfill never fills even when the author asks for them. A company
 * box is as often an employer's or a gift recipient's as the user's own, and
 * is optional everywhere it appears; filling the persona's organization
 * there is more often wrong than helpful. One row here changes the policy. */
static const ClassifyConcept not_filled[] = {
    CONCEPT_ORGANIZATION,
};

/* When a field has no label or placeholder, the text just before it is
 * probably its label: read it as one, at this weight. */
#define PRECEDING_AS_LABEL_WEIGHT 0.6f

/* Controls that never take a personal value. */
static const char *const unfillable_types[] = {
    "hidden", "submit", "button", "checkbox", "radio", "file", "image",
    "reset", "password", "range", "color", "search",
};

typedef struct {
    float score[CONCEPT_COUNT];
    const char *source[CONCEPT_COUNT]; /* evidence of the best contribution */
    const char *detail[CONCEPT_COUNT];
    float best[CONCEPT_COUNT];
    float label_negative; /* negative score from what the user reads */
    float label_positive;
    float label_best[CONCEPT_COUNT]; /* per concept, from label and placeholder */
} Scores;

typedef enum { SECTION_HINT_NONE, SECTION_HINT_SHIPPING, SECTION_HINT_BILLING } SectionHint;

/* What the first pass learns about one field. */
typedef struct {
    ClassifyConcept concept; /* a token concept, a pending HINT_* or CONCEPT_NONE */
    gboolean fixed;          /* decided by control type or autocomplete */
    gboolean skip;           /* never fillable: not part of any neighbourhood */
    OptionsKind options;
    float birth, expiry, card, dependant;
    SectionHint section_hint;
    char *author_section; /* from autocomplete section-*, in the result's chunk */
} FieldState;

void classify_result_free(ClassifyResult *result)
{
    if (result == NULL)
        return;
    g_free(result->fields);
    if (result->strings != NULL)
        g_string_chunk_free(result->strings);
    g_free(result);
}

static void add_evidence(ClassifiedField *out, const char *source, const char *detail)
{
    if (source == NULL || detail == NULL || out->n_evidence == CLASSIFY_MAX_EVIDENCE)
        return;
    for (guint i = 0; i < out->n_evidence; i++) {
        if (strcmp(out->evidence[i].source, source) == 0 &&
            strcmp(out->evidence[i].detail, detail) == 0)
            return;
    }
    out->evidence[out->n_evidence++] = (ClassifyEvidence){source, detail};
}

static void add_score(Scores *scores, ClassifyConcept concept, float value, const char *source,
                      const char *detail)
{
    scores->score[concept] += value;
    if (value > scores->best[concept]) {
        scores->best[concept] = value;
        scores->source[concept] = source;
        scores->detail[concept] = detail;
    }
}

/* ---- pass 1: one field alone ---- */

static gboolean is_unfillable_type(const Descriptor *field)
{
    if (field->tag != DESCRIPTOR_TAG_INPUT)
        return FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(unfillable_types); i++) {
        if (strcmp(field->type, unfillable_types[i]) == 0)
            return TRUE;
    }
    return FALSE;
}

/* Scores one group of texts: per concept the strongest rule counts once. */
static void score_group(const Descriptor *field, int group, Scores *scores, GString *buffer,
                        gboolean *any_text)
{
    float group_best[CONCEPT_COUNT] = {0};
    const char *group_source[CONCEPT_COUNT] = {NULL};
    const char *group_detail[CONCEPT_COUNT] = {NULL};
    const char *seen[G_N_ELEMENTS(text_sources)];
    guint n_seen = 0;

    for (gsize s = 0; s < G_N_ELEMENTS(text_sources); s++) {
        const TextSource *source = &text_sources[s];
        if (source->group != group)
            continue;
        const char *text = field->text[source->text];
        if (text[0] == '\0')
            continue;
        gboolean duplicate = FALSE;
        for (guint k = 0; k < n_seen && !duplicate; k++)
            duplicate = strcmp(seen[k], text) == 0;
        if (duplicate)
            continue;
        seen[n_seen++] = text;
        text_normalize(text, buffer);
        if (buffer->len > 1)
            *any_text = TRUE;
        RuleMatch matches[RULE_MAX_MATCHES];
        guint n = classify_rules_match(buffer->str, buffer->len, source->rules, matches);
        for (guint m = 0; m < n; m++) {
            ClassifyConcept concept = matches[m].rule->concept;
            float value = source->weight * matches[m].rule->weight;
            if (value > group_best[concept]) {
                group_best[concept] = value;
                group_source[concept] = source->source;
                group_detail[concept] = matches[m].evidence;
            }
        }
    }
    float positive = 0;
    for (int c = 1; c < CONCEPT_COUNT; c++) {
        if (group_best[c] > 0)
            add_score(scores, c, group_best[c], group_source[c], group_detail[c]);
        if (c < CONCEPT_N_TOKENS)
            positive = MAX(positive, group_best[c]);
    }
    if (group == GROUP_LABEL || group == GROUP_PLACEHOLDER) {
        for (int c = 1; c < CONCEPT_COUNT; c++)
            scores->label_best[c] = MAX(scores->label_best[c], group_best[c]);
        scores->label_negative = MAX(scores->label_negative, group_best[CONCEPT_NEGATIVE]);
        scores->label_positive = MAX(scores->label_positive, positive);
    }
}

/* The preceding text read as a label, for fields that have none. */
static void score_preceding_as_label(const Descriptor *field, Scores *scores, GString *buffer)
{
    const char *text = field->text[DESCRIPTOR_TEXT_PRECEDING];
    if (text[0] == '\0')
        return;
    text_normalize(text, buffer);
    RuleMatch matches[RULE_MAX_MATCHES];
    guint n = classify_rules_match(buffer->str, buffer->len, RULE_LABEL, matches);
    float best[CONCEPT_COUNT] = {0};
    const char *detail[CONCEPT_COUNT] = {NULL};
    for (guint m = 0; m < n; m++) {
        ClassifyConcept concept = matches[m].rule->concept;
        float value = PRECEDING_AS_LABEL_WEIGHT * matches[m].rule->weight;
        if (value > best[concept]) {
            best[concept] = value;
            detail[concept] = matches[m].evidence;
        }
    }
    if (best[CONCEPT_NEGATIVE] > 0)
        return; /* the text before may belong to another field: never veto from it */
    for (int c = 1; c < CONCEPT_COUNT; c++) {
        if (best[c] > 0)
            add_score(scores, c, best[c], "preceding", detail[c]);
    }
}

/* TRUE when no token, hint or negative has any score yet. */
static gboolean nothing_known(const Scores *scores)
{
    for (int c = CONCEPT_NONE + 1; c < CONCEPT_COUNT; c++) {
        if (c != HINT_SHIPPING && c != HINT_BILLING && c != HINT_CARD && scores->score[c] > 0)
            return FALSE;
    }
    return TRUE;
}

static const char *options_name(OptionsKind kind)
{
    switch (kind) {
    case OPTIONS_MONTHS: return "months";
    case OPTIONS_DAYS: return "days";
    case OPTIONS_YEARS_FUTURE: return "future-years";
    case OPTIONS_YEARS_PAST: return "past-years";
    case OPTIONS_COUNTRIES: return "countries";
    case OPTIONS_REGIONS: return "regions";
    case OPTIONS_DIAL_CODES: return "dial-codes";
    case OPTIONS_UNKNOWN: break;
    }
    return "unknown";
}

/* Evidence from the control itself: input type, inputmode, options. */
static void score_control(const Descriptor *field, FieldState *state, Scores *scores)
{
    if (field->tag == DESCRIPTOR_TAG_INPUT) {
        if (strcmp(field->type, "email") == 0)
            add_score(scores, CONCEPT_EMAIL, 9, "type", "email");
        else if (strcmp(field->type, "tel") == 0)
            add_score(scores, CONCEPT_TEL, 3, "type", "tel");
        else if (strcmp(field->type, "month") == 0)
            add_score(scores, HINT_EXPIRY, 5, "type", "month");
        if (strcmp(field->inputmode, "email") == 0)
            add_score(scores, CONCEPT_EMAIL, 6, "inputmode", "email");
    }
    if (field->tag != DESCRIPTOR_TAG_SELECT)
        return;
    state->options = classify_rules_options(field->options, field->n_options);
    const char *name = options_name(state->options);
    switch (state->options) {
    case OPTIONS_MONTHS:
        add_score(scores, HINT_MONTH, 8, "options", name);
        break;
    case OPTIONS_DAYS:
        add_score(scores, HINT_DAY, 8, "options", name);
        break;
    case OPTIONS_YEARS_FUTURE:
        add_score(scores, HINT_YEAR, 8, "options", name); /* whose year: see resolve_dates */
        break;
    case OPTIONS_YEARS_PAST:
        add_score(scores, HINT_YEAR, 8, "options", name);
        break;
    case OPTIONS_COUNTRIES:
        add_score(scores, CONCEPT_COUNTRY, 8, "options", name);
        break;
    case OPTIONS_REGIONS:
        add_score(scores, CONCEPT_ADDRESS_LEVEL1, 8, "options", name);
        break;
    case OPTIONS_DIAL_CODES:
        add_score(scores, CONCEPT_TEL_COUNTRY_CODE, 8, "options", name);
        break;
    case OPTIONS_UNKNOWN:
        break;
    }
}

/* The strongest of the parts @a (a concept) and @b: TRUE when @a beats @b
 * clearly enough to stand alone. */
static gboolean dominates(float a, float b)
{
    return a > 0 && a >= 1.5f * b;
}

/* The visible label offers both: "Mobile number or email". */
static gboolean says_email_or_phone(const Scores *s)
{
    return s->label_best[CONCEPT_EMAIL] > 0 && s->label_best[CONCEPT_TEL] > 0;
}

/* Combines hints into tokens: an expiry month, a birth year, a card name. */
static void combine_hints(Scores *s)
{
    float *v = s->score;
    float month = v[HINT_MONTH], year = v[HINT_YEAR], day = v[HINT_DAY];
    float expiry = v[HINT_EXPIRY], birth = v[HINT_BIRTH];

    if (expiry > 0 && expiry >= birth) {
        if (dominates(month, year))
            add_score(s, CONCEPT_CC_EXP_MONTH, expiry + month, s->source[HINT_MONTH],
                      s->detail[HINT_MONTH]);
        else if (dominates(year, month))
            add_score(s, CONCEPT_CC_EXP_YEAR, expiry + year, s->source[HINT_YEAR],
                      s->detail[HINT_YEAR]);
        else /* neither part, or both: "MM/YY" in one box */
            add_score(s, CONCEPT_CC_EXP, expiry + MAX(month, year), s->source[HINT_EXPIRY],
                      s->detail[HINT_EXPIRY]);
    } else if (birth > 0 && v[HINT_FULL_DATE] > 0) {
        add_score(s, CONCEPT_BDAY, birth + v[HINT_FULL_DATE], s->source[HINT_FULL_DATE],
                  s->detail[HINT_FULL_DATE]);
    } else if (birth > 0) {
        float others_of_day = MAX(month, year), others_of_month = MAX(day, year),
              others_of_year = MAX(day, month);
        if (dominates(day, others_of_day))
            add_score(s, CONCEPT_BDAY_DAY, birth + day, s->source[HINT_DAY], s->detail[HINT_DAY]);
        else if (dominates(month, others_of_month))
            add_score(s, CONCEPT_BDAY_MONTH, birth + month, s->source[HINT_MONTH],
                      s->detail[HINT_MONTH]);
        else if (dominates(year, others_of_year))
            add_score(s, CONCEPT_BDAY_YEAR, birth + year, s->source[HINT_YEAR],
                      s->detail[HINT_YEAR]);
        else /* the whole date in one box */
            add_score(s, CONCEPT_BDAY, birth + MAX(day, MAX(month, year)), s->source[HINT_BIRTH],
                      s->detail[HINT_BIRTH]);
    }
    if (v[HINT_COUNTRY_CODE] > 0) {
        ClassifyConcept to = v[HINT_PHONE_CONTEXT] > 0 || v[CONCEPT_TEL_COUNTRY_CODE] > 0
                                 ? CONCEPT_TEL_COUNTRY_CODE
                                 : CONCEPT_COUNTRY;
        add_score(s, to, v[HINT_COUNTRY_CODE], s->source[HINT_COUNTRY_CODE],
                  s->detail[HINT_COUNTRY_CODE]);
    }
    /* "Name" beside card words in the field's own texts: the card holder. */
    if (v[HINT_CARD] > 0 && v[CONCEPT_NAME] > 0 && v[CONCEPT_NAME] >= v[CONCEPT_GIVEN_NAME] &&
        v[CONCEPT_NAME] >= v[CONCEPT_FAMILY_NAME])
        add_score(s, CONCEPT_CC_NAME, v[CONCEPT_NAME] + v[HINT_CARD], s->source[CONCEPT_NAME],
                  s->detail[CONCEPT_NAME]);
    /* "E-mail or phone": one box for either. An e-mail address cannot be
     * mistaken for anything else, so it is the safer value. */
    if (says_email_or_phone(s) && v[CONCEPT_EMAIL] < v[CONCEPT_TEL] + 1)
        add_score(s, CONCEPT_EMAIL, v[CONCEPT_TEL] + 1 - v[CONCEPT_EMAIL], "context",
                  "email-or-phone");
}

/* The best token (or pending date hint) of @s, with its score. */
static ClassifyConcept best_concept(const Scores *s, float *best_score)
{
    static const ClassifyConcept pending[] = {HINT_MONTH, HINT_YEAR, HINT_DAY};
    ClassifyConcept best = CONCEPT_NONE;
    float top = 0;
    for (int c = CONCEPT_NONE + 1; c < CONCEPT_N_TOKENS; c++) {
        if (s->score[c] > top) {
            top = s->score[c];
            best = c;
        }
    }
    for (gsize i = 0; i < G_N_ELEMENTS(pending); i++) {
        /* A bare month or year only counts when nothing better is known. */
        if (s->score[pending[i]] > top) {
            top = s->score[pending[i]];
            best = pending[i];
        }
    }
    *best_score = top;
    return best;
}

/* Decides from the autocomplete attribute; TRUE when it settles the field. */
static gboolean decide_by_autocomplete(const Descriptor *field, const Autocomplete *ac,
                                       FieldState *state, ClassifiedField *out,
                                       const Scores *scores)
{
    if (ac->kind != AUTOCOMPLETE_FIELD)
        return FALSE;
    if (strcmp(ac->field, "one-time-code") == 0 ||
        (strcmp(ac->field, "username") != 0 && strcmp(ac->field, "new-password") != 0 &&
         strcmp(ac->field, "current-password") != 0 &&
         classify_concept_from_token(ac->field) == CONCEPT_NONE)) {
        /* Valid, but a value Keyfill does not hold (nickname, sex, url...). */
        state->concept = CONCEPT_NONE;
        state->fixed = TRUE;
        add_evidence(out, "autocomplete", ac->field);
        return TRUE;
    }
    if (strcmp(ac->field, "username") == 0 || strcmp(ac->field, "new-password") == 0 ||
        strcmp(ac->field, "current-password") == 0)
        return FALSE; /* handled by the caller: heuristics, restricted */

    /* A box whose visible label names something we must never fill
     * ("Username / Email", "Promo code") stays empty whatever the attribute
     * claims: authors copy autocomplete values between fields. */
    if (scores->label_negative >= DECISIVE_NEGATIVE &&
        scores->label_negative >= scores->label_positive) {
        state->concept = CONCEPT_NONE;
        state->fixed = TRUE;
        add_evidence(out, scores->source[CONCEPT_NEGATIVE], scores->detail[CONCEPT_NEGATIVE]);
        add_evidence(out, "autocomplete", "overruled-by-label");
        return TRUE;
    }
    ClassifyConcept concept = classify_concept_from_token(ac->field);
    for (gsize i = 0; i < G_N_ELEMENTS(not_filled); i++) {
        if (concept == not_filled[i]) {
            state->concept = CONCEPT_NONE;
            state->fixed = TRUE;
            add_evidence(out, "autocomplete", ac->field);
            add_evidence(out, "policy", "not-filled");
            return TRUE;
        }
    }
    /* The attribute names the family; the labels may name the part more
     * precisely (autocomplete="name" on a box labelled "First name"), or
     * offer the safer of two contact values. */
    if (concept == CONCEPT_TEL && says_email_or_phone(scores)) {
        concept = CONCEPT_EMAIL;
        add_evidence(out, "context", "email-or-phone");
    } else if (concept == CONCEPT_NAME) {
        const float *v = scores->score;
        if (v[CONCEPT_GIVEN_NAME] > v[CONCEPT_FAMILY_NAME] && v[CONCEPT_GIVEN_NAME] >= MIN_SCORE)
            concept = CONCEPT_GIVEN_NAME;
        else if (v[CONCEPT_FAMILY_NAME] > v[CONCEPT_GIVEN_NAME] &&
                 v[CONCEPT_FAMILY_NAME] >= MIN_SCORE)
            concept = CONCEPT_FAMILY_NAME;
    }
    state->concept = concept;
    state->fixed = TRUE;
    add_evidence(out, "autocomplete", ac->field);
    if (ac->hint != NULL)
        state->section_hint =
            strcmp(ac->hint, "shipping") == 0 ? SECTION_HINT_SHIPPING : SECTION_HINT_BILLING;
    return TRUE;
}

static void classify_one(const Descriptor *field, FieldState *state, ClassifiedField *out,
                         GStringChunk *strings, GString *buffer)
{
    out->index = field->index;
    out->type = "";
    state->concept = CONCEPT_NONE;

    if (is_unfillable_type(field)) {
        state->skip = TRUE;
        state->fixed = TRUE;
        add_evidence(out, "control", field->type);
        return;
    }

    Scores scores;
    memset(&scores, 0, sizeof scores);
    gboolean any_label = FALSE, any_placeholder = FALSE, unused = FALSE;
    score_group(field, GROUP_LABEL, &scores, buffer, &any_label);
    score_group(field, GROUP_TITLE, &scores, buffer, &unused);
    score_group(field, GROUP_PLACEHOLDER, &scores, buffer, &any_placeholder);
    score_group(field, GROUP_ATTRIBUTE, &scores, buffer, &unused);
    if (nothing_known(&scores))
        score_preceding_as_label(field, &scores, buffer);
    score_group(field, GROUP_CONTEXT, &scores, buffer, &unused);
    score_control(field, state, &scores);
    combine_hints(&scores);

    state->birth = scores.score[HINT_BIRTH];
    state->expiry = scores.score[HINT_EXPIRY];
    state->card = scores.score[HINT_CARD];
    state->dependant = scores.score[HINT_DEPENDANT];
    if (scores.score[HINT_SHIPPING] > scores.score[HINT_BILLING])
        state->section_hint = SECTION_HINT_SHIPPING;
    else if (scores.score[HINT_BILLING] > 0)
        state->section_hint = SECTION_HINT_BILLING;

    Autocomplete ac;
    autocomplete_parse(field->autocomplete, &ac);
    if (ac.kind == AUTOCOMPLETE_FIELD && ac.section[0] != '\0') {
        char section[AUTOCOMPLETE_MAX_SECTION + 16];
        g_snprintf(section, sizeof section, "section-%s", ac.section);
        state->author_section = g_string_chunk_insert_const(strings, section);
    }
    if (decide_by_autocomplete(field, &ac, state, out, &scores))
        return;

    float top;
    ClassifyConcept best = best_concept(&scores, &top);
    if (ac.kind == AUTOCOMPLETE_FIELD) {
        /* username / new-password / current-password on a non-password box:
         * often a site's trick against browser autofill. Only an e-mail
         * address is plausible in a login name. */
        add_evidence(out, "autocomplete", ac.field);
        if (strcmp(ac.field, "username") == 0 && best != CONCEPT_EMAIL) {
            state->fixed = TRUE;
            return;
        }
    }
    if (best == CONCEPT_NONE || top < MIN_SCORE) {
        if (scores.score[CONCEPT_NEGATIVE] > 0)
            add_evidence(out, scores.source[CONCEPT_NEGATIVE], scores.detail[CONCEPT_NEGATIVE]);
        return;
    }
    /* What the user reads decides when it speaks; attributes and context
     * may only veto a type the visible label does not confirm. */
    float negative = scores.score[CONCEPT_NEGATIVE];
    gboolean label_says_no =
        scores.label_negative > 0 && scores.label_negative >= scores.label_positive;
    gboolean label_says_yes = scores.label_positive > 0 && scores.label_negative == 0;
    if (label_says_no || (!label_says_yes && negative >= top * VETO_SHARE)) {
        add_evidence(out, scores.source[CONCEPT_NEGATIVE], scores.detail[CONCEPT_NEGATIVE]);
        state->fixed = TRUE;
        return;
    }
    state->concept = best;
    add_evidence(out, scores.source[best], scores.detail[best]);
    if (best == CONCEPT_CC_EXP_MONTH || best == CONCEPT_CC_EXP_YEAR || best == CONCEPT_CC_EXP)
        add_evidence(out, scores.source[HINT_EXPIRY], scores.detail[HINT_EXPIRY]);
    else if (best >= CONCEPT_BDAY && best <= CONCEPT_BDAY_YEAR)
        add_evidence(out, scores.source[HINT_BIRTH], scores.detail[HINT_BIRTH]);
}

/* ---- pass 2: neighbours ---- */

/* Fields further apart than this are not one group (a date, a card). */
#define NEIGHBOURHOOD 4

typedef struct {
    const DescriptorList *list;
    FieldState *states;
    ClassifiedField *out;
} Context;

/* The next (@step = 1) or previous (-1) fillable field of the same form and
 * frame after @i, or -1. */
static gint neighbour(const Context *cx, gint i, gint step)
{
    const Descriptor *field = &cx->list->fields[i];
    for (gint j = i + step; j >= 0 && j < (gint)cx->list->n_fields; j += step) {
        const Descriptor *other = &cx->list->fields[j];
        if (other->frame != field->frame || other->form != field->form)
            return -1;
        if (!cx->states[j].skip)
            return j;
    }
    return -1;
}

static void set_concept(Context *cx, gint i, ClassifyConcept concept, const char *rule)
{
    cx->states[i].concept = concept;
    add_evidence(&cx->out[i], "context", rule);
}

static gboolean is_card_token(ClassifyConcept c)
{
    return c == CONCEPT_CC_NUMBER || c == CONCEPT_CC_EXP || c == CONCEPT_CC_EXP_MONTH ||
           c == CONCEPT_CC_EXP_YEAR || c == CONCEPT_CC_CSC || c == CONCEPT_CC_NAME;
}

static gboolean is_date_part(ClassifyConcept c)
{
    return c == HINT_MONTH || c == HINT_YEAR || c == HINT_DAY || c == CONCEPT_BDAY_DAY ||
           c == CONCEPT_BDAY_MONTH || c == CONCEPT_BDAY_YEAR || c == CONCEPT_CC_EXP_MONTH ||
           c == CONCEPT_CC_EXP_YEAR;
}

/* A card field within NEIGHBOURHOOD fillable fields of @i. */
static gboolean near_card(const Context *cx, gint i)
{
    for (gint step = -1; step <= 1; step += 2) {
        gint j = i;
        for (int k = 0; k < NEIGHBOURHOOD; k++) {
            j = neighbour(cx, j, step);
            if (j < 0)
                break;
            if (is_card_token(cx->states[j].concept))
                return TRUE;
        }
    }
    return FALSE;
}

/* Month, day and year boxes side by side: a birth date or a card expiry. */
static void resolve_dates(Context *cx)
{
    for (gint i = 0; i < (gint)cx->list->n_fields; i++) {
        FieldState *first = &cx->states[i];
        if (first->skip || !is_date_part(first->concept))
            continue;
        gint run[3] = {i, -1, -1};
        gint n = 1;
        for (gint j = neighbour(cx, i, 1); j >= 0 && n < 3 && is_date_part(cx->states[j].concept);
             j = neighbour(cx, j, 1))
            run[n++] = j;
        gboolean has_day = FALSE, has_pending = FALSE;
        float birth = 0, expiry = 0, dependant = 0;
        for (gint k = 0; k < n; k++) {
            const FieldState *s = &cx->states[run[k]];
            ClassifyConcept c = s->concept;
            has_day |= c == HINT_DAY || c == CONCEPT_BDAY_DAY;
            has_pending |= c == HINT_MONTH || c == HINT_YEAR || c == HINT_DAY;
            birth = MAX(birth, s->birth + (s->options == OPTIONS_YEARS_PAST ? 3 : 0));
            expiry = MAX(expiry, s->expiry + (s->options == OPTIONS_YEARS_FUTURE ? 3 : 0));
            dependant = MAX(dependant, s->dependant);
        }
        if (!has_pending || n < 2) {
            /* a lone year or month says nothing about whose date it is */
            i = run[n - 1];
            continue;
        }
        gboolean is_birth;
        if (dependant > 0 && dependant >= birth) {
            for (gint k = 0; k < n; k++) {
                if (!cx->states[run[k]].fixed)
                    set_concept(cx, run[k], CONCEPT_NONE, "someone-else's-date");
            }
            i = run[n - 1];
            continue;
        }
        if (birth > expiry || has_day)
            is_birth = TRUE;
        else if (expiry > birth || near_card(cx, i))
            is_birth = FALSE;
        else {
            i = run[n - 1];
            continue; /* nothing says whose date this is: leave it */
        }
        for (gint k = 0; k < n; k++) {
            FieldState *s = &cx->states[run[k]];
            ClassifyConcept to = s->concept;
            if (s->fixed)
                continue;
            if (s->concept == HINT_MONTH)
                to = is_birth ? CONCEPT_BDAY_MONTH : CONCEPT_CC_EXP_MONTH;
            else if (s->concept == HINT_YEAR)
                to = is_birth ? CONCEPT_BDAY_YEAR : CONCEPT_CC_EXP_YEAR;
            else if (s->concept == HINT_DAY)
                to = is_birth ? CONCEPT_BDAY_DAY : CONCEPT_NONE;
            if (to != s->concept)
                set_concept(cx, run[k], to,
                            is_birth ? "birth-date-parts" : "exp-month-year-pair");
        }
        i = run[n - 1];
    }
    /* A month, day or year that nothing explained stays empty. */
    for (guint i = 0; i < cx->list->n_fields; i++) {
        ClassifyConcept c = cx->states[i].concept;
        if (c == HINT_MONTH || c == HINT_YEAR || c == HINT_DAY)
            cx->states[i].concept = CONCEPT_NONE;
    }
}

/* "Name" then "Last name": the first is the given name; "First name" then
 * "Name": the second is the family name. */
static void resolve_name_pairs(Context *cx)
{
    for (gint i = 0; i < (gint)cx->list->n_fields; i++) {
        FieldState *s = &cx->states[i];
        if (s->skip)
            continue;
        gint j = neighbour(cx, i, 1);
        if (j >= 0 && cx->states[j].concept == CONCEPT_ADDITIONAL_NAME)
            j = neighbour(cx, j, 1);
        if (j < 0)
            continue;
        FieldState *next = &cx->states[j];
        if (s->concept == CONCEPT_NAME && !s->fixed && next->concept == CONCEPT_FAMILY_NAME)
            set_concept(cx, i, CONCEPT_GIVEN_NAME, "name-before-family-name");
        else if (s->concept == CONCEPT_GIVEN_NAME && next->concept == CONCEPT_NAME && !next->fixed)
            set_concept(cx, j, CONCEPT_FAMILY_NAME, "name-after-given-name");
    }
}

/* A name just before the card number, between card fields, or labelled
 * with card words is the card holder's. A name after the card fields and
 * before an address is the billing name, not the holder's. */
#define CARD_WORDS_IN_LABEL 4.0f

static void resolve_card_names(Context *cx)
{
    for (gint i = 0; i < (gint)cx->list->n_fields; i++) {
        FieldState *s = &cx->states[i];
        if (s->fixed)
            continue;
        ClassifyConcept to = s->concept == CONCEPT_NAME          ? CONCEPT_CC_NAME
                             : s->concept == CONCEPT_GIVEN_NAME  ? CONCEPT_CC_GIVEN_NAME
                             : s->concept == CONCEPT_FAMILY_NAME ? CONCEPT_CC_FAMILY_NAME
                                                                 : CONCEPT_NONE;
        if (to == CONCEPT_NONE)
            continue;
        gint before = neighbour(cx, i, -1), after = neighbour(cx, i, 1);
        /* Look past the other half of a first/last pair. */
        if (before >= 0 && (cx->states[before].concept == CONCEPT_GIVEN_NAME ||
                            cx->states[before].concept == CONCEPT_CC_GIVEN_NAME))
            before = neighbour(cx, before, -1);
        if (after >= 0 && cx->states[after].concept == CONCEPT_FAMILY_NAME)
            after = neighbour(cx, after, 1);
        gboolean card_before = before >= 0 && is_card_token(cx->states[before].concept);
        gboolean card_after = after >= 0 && is_card_token(cx->states[after].concept);
        if (card_after || (card_before && after < 0) || s->card >= CARD_WORDS_IN_LABEL)
            set_concept(cx, i, to, "name-in-card-block");
    }
}

/* Three boxes of 3, 3 and 4 digits: a North American number in parts. */
static void resolve_phone_parts(Context *cx)
{
    for (gint i = 0; i < (gint)cx->list->n_fields; i++) {
        gint j = neighbour(cx, i, 1);
        gint k = j >= 0 ? neighbour(cx, j, 1) : -1;
        if (k < 0)
            break;
        const Descriptor *f = cx->list->fields;
        if (f[i].maxlength != 3 || f[j].maxlength != 3 || f[k].maxlength != 4)
            continue;
        if (f[i].tag != DESCRIPTOR_TAG_INPUT || f[j].tag != DESCRIPTOR_TAG_INPUT ||
            f[k].tag != DESCRIPTOR_TAG_INPUT)
            continue;
        ClassifyConcept a = cx->states[i].concept, b = cx->states[j].concept,
                        c = cx->states[k].concept;
        gboolean phone = a == CONCEPT_TEL || a == CONCEPT_TEL_AREA_CODE;
        gboolean others_free = (b == CONCEPT_NONE || b == CONCEPT_TEL) &&
                               (c == CONCEPT_NONE || c == CONCEPT_TEL);
        if (!phone || !others_free || cx->states[j].fixed || cx->states[k].fixed)
            continue;
        if (!cx->states[i].fixed)
            set_concept(cx, i, CONCEPT_TEL_AREA_CODE, "phone-3-3-4");
        set_concept(cx, j, CONCEPT_TEL_LOCAL_PREFIX, "phone-3-3-4");
        set_concept(cx, k, CONCEPT_TEL_LOCAL_SUFFIX, "phone-3-3-4");
        i = k;
    }
}

/* ---- pass 3: sections ---- */

typedef enum {
    FAMILY_OTHER,
    FAMILY_NAME,
    FAMILY_ADDRESS,
    FAMILY_CONTACT,
    FAMILY_CARD,
} ConceptFamily;

static ConceptFamily family_of(ClassifyConcept c)
{
    if (c >= CONCEPT_NAME && c <= CONCEPT_FAMILY_NAME)
        return FAMILY_NAME;
    if (c >= CONCEPT_EMAIL && c <= CONCEPT_TEL_EXTENSION)
        return FAMILY_CONTACT;
    if (c >= CONCEPT_ORGANIZATION && c <= CONCEPT_COUNTRY_NAME)
        return FAMILY_ADDRESS;
    if (c >= CONCEPT_CC_NAME && c <= CONCEPT_CC_TYPE)
        return FAMILY_CARD;
    return FAMILY_OTHER;
}

/* Numbers the blocks of each form: a block ends when a name or address type
 * it already holds appears again (a second address block) or the form
 * changes. Then names each block by its hints. */
static void assign_sections(Context *cx, GStringChunk *strings)
{
    guint n = cx->list->n_fields;
    g_autofree guint *block = g_new0(guint, MAX(n, 1));
    guint current = 0;
    gboolean seen[CONCEPT_N_TOKENS] = {FALSE};
    gint64 form = G_MININT64, frame = G_MININT64;
    for (guint i = 0; i < n; i++) {
        const Descriptor *f = &cx->list->fields[i];
        ClassifyConcept c = cx->states[i].concept;
        if (f->form != form || f->frame != frame) {
            form = f->form;
            frame = f->frame;
            memset(seen, 0, sizeof seen);
            current++;
        }
        if (c > CONCEPT_NONE && c < CONCEPT_N_TOKENS) {
            ConceptFamily family = family_of(c);
            gboolean repeats = seen[c] && (family == FAMILY_ADDRESS || family == FAMILY_NAME);
            if (repeats) {
                memset(seen, 0, sizeof seen);
                current++;
            }
            seen[c] = TRUE;
        }
        block[i] = current;
    }

    /* Per block: its hints and whether it holds an address. */
    g_autofree int *shipping = g_new0(int, current + 2);
    g_autofree int *billing = g_new0(int, current + 2);
    g_autofree gboolean *address = g_new0(gboolean, current + 2);
    for (guint i = 0; i < n; i++) {
        const FieldState *s = &cx->states[i];
        if (s->concept <= CONCEPT_NONE || s->concept >= CONCEPT_N_TOKENS)
            continue;
        shipping[block[i]] += s->section_hint == SECTION_HINT_SHIPPING;
        billing[block[i]] += s->section_hint == SECTION_HINT_BILLING;
        address[block[i]] |= family_of(s->concept) == FAMILY_ADDRESS;
    }
    guint number = 0, numbered_block = 0;
    for (guint i = 0; i < n; i++) {
        const FieldState *s = &cx->states[i];
        ClassifiedField *out = &cx->out[i];
        guint b = block[i];
        if (s->concept <= CONCEPT_NONE || s->concept >= CONCEPT_N_TOKENS) {
            out->section = "";
        } else if (s->author_section != NULL) {
            out->section = s->author_section;
        } else if (s->concept > CONCEPT_NONE && family_of(s->concept) == FAMILY_CARD) {
            out->section = "card";
        } else if (shipping[b] > billing[b]) {
            out->section = "shipping";
        } else if (billing[b] > 0) {
            out->section = "billing";
        } else if (!address[b]) {
            out->section = "contact";
        } else {
            if (b != numbered_block) {
                number++;
                numbered_block = b;
            }
            char name[32];
            g_snprintf(name, sizeof name, "section-%u", number);
            out->section = g_string_chunk_insert_const(strings, name);
        }
    }
}

ClassifyResult *classify_fields(const DescriptorList *list)
{
    g_return_val_if_fail(list != NULL, NULL);
    ClassifyResult *result = g_new0(ClassifyResult, 1);
    result->n_fields = list->n_fields;
    result->fields = g_new0(ClassifiedField, MAX(list->n_fields, 1));
    result->strings = g_string_chunk_new(256);
    g_autofree FieldState *states = g_new0(FieldState, MAX(list->n_fields, 1));
    g_autoptr(GString) buffer = g_string_sized_new(256);

    for (guint i = 0; i < list->n_fields; i++)
        classify_one(&list->fields[i], &states[i], &result->fields[i], result->strings, buffer);

    Context cx = {list, states, result->fields};
    resolve_dates(&cx);
    resolve_name_pairs(&cx);
    resolve_card_names(&cx);
    resolve_phone_parts(&cx);
    assign_sections(&cx, result->strings);

    for (guint i = 0; i < list->n_fields; i++)
        result->fields[i].type = classify_concept_token(states[i].concept);
    return result;
}
