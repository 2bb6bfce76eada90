/*
 * classify.c — field types from descriptors: per field, then neighbours, then
 * sections. See classify.h for the contract and the design.
 */
#include "classify.h"

#include "autocomplete.h"
#include "classify_private.h"
#include "text_normalize.h"

#include <string.h>

/* A heuristic type needs at least this score (a label word of weight 4, or
 * an attribute word of weight 5) to be filled. */
#define MIN_SCORE 4.0f

/* How much each descriptor text counts, and which rules read it. Texts in
 * one group count once (a label[for] and an aria-label saying the same). */
typedef struct {
    DescriptorText text;
    RuleSource rules;
    float weight;
    const char *source; /* evidence source name */
    int group;
} TextSource;

enum { GROUP_LABEL, GROUP_TITLE, GROUP_PLACEHOLDER, GROUP_ATTRIBUTE, GROUP_CONTEXT };

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

/* What a select can hold: values from a list. A select never takes an
 * e-mail address, a phone number or a name, whatever its label says. */
static const ClassifyConcept select_concepts[] = {
    CONCEPT_COUNTRY,
    CONCEPT_COUNTRY_NAME,
    CONCEPT_ADDRESS_LEVEL1,
    CONCEPT_ADDRESS_LEVEL2,
    CONCEPT_CC_EXP_MONTH,
    CONCEPT_CC_EXP_YEAR,
    CONCEPT_CC_EXP,
    CONCEPT_CC_TYPE,
    CONCEPT_BDAY_DAY,
    CONCEPT_BDAY_MONTH,
    CONCEPT_BDAY_YEAR,
    CONCEPT_TEL_COUNTRY_CODE,
    CONCEPT_HONORIFIC_PREFIX,
    HINT_MONTH,
    HINT_YEAR,
    HINT_DAY,
};

/* What a textarea can hold: a whole postal address. */
static const ClassifyConcept textarea_concepts[] = {
    CONCEPT_STREET_ADDRESS,
};

/* A name or name part scoring this much, below MIN_SCORE, is kept as a weak
 * name: filled only beside a decided other part (classify_context.c), as a
 * bare "Nome" read from the text before a box next to "Cognome". */
#define WEAK_NAME_SCORE 2.5f

/* When a field has no label or placeholder, the text just before it is
 * probably its label: read it as one, at this weight. */
#define PRECEDING_AS_LABEL_WEIGHT 0.6f

/* Controls that never take a personal value. */
static const char *const unfillable_types[] = {
    "hidden", "submit", "button", "checkbox", "radio",  "file",
    "image",  "reset",  "range",  "color",    "search",
};

/* A masked box holds a password, a PIN or a code, with one exception: card
 * forms often mask the security code. Such a box is classified like any
 * other and kept only when it comes out as cc-csc (an autocomplete
 * attribute, or card-code words with nothing against them); anything else
 * in it stays empty. Keyfill stores no security code, so naming the field
 * only tells the fill planner which box the user must type in. */
static gboolean is_masked(const Descriptor *field)
{
    return field->tag == DESCRIPTOR_TAG_INPUT && strcmp(field->type, "password") == 0;
}

typedef struct {
    float score[CONCEPT_COUNT];
    const char *source[CONCEPT_COUNT]; /* evidence of the best contribution */
    const char *detail[CONCEPT_COUNT];
    float best[CONCEPT_COUNT];
    float label_negative; /* negative score from what the user reads */
    float label_positive;
    float label_best[CONCEPT_COUNT]; /* per concept, from label and placeholder */
    float legend_dependant; /* someone else named by the fieldset's legend */
} Scores;

void classify_result_free(ClassifyResult *result)
{
    if (result == NULL)
        return;
    g_free(result->fields);
    if (result->strings != NULL)
        g_string_chunk_free(result->strings);
    g_free(result);
}

void classify_add_evidence(ClassifiedField *out, const char *source, const char *detail)
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

static gboolean in_list(ClassifyConcept concept, const ClassifyConcept *list, gsize n)
{
    for (gsize i = 0; i < n; i++) {
        if (list[i] == concept)
            return TRUE;
    }
    return FALSE;
}

/* FALSE when @field's kind of control cannot take a @concept value. */
static gboolean control_can_hold(const Descriptor *field, ClassifyConcept concept)
{
    if (field->tag == DESCRIPTOR_TAG_SELECT)
        return in_list(concept, select_concepts, G_N_ELEMENTS(select_concepts));
    if (field->tag == DESCRIPTOR_TAG_TEXTAREA)
        return in_list(concept, textarea_concepts, G_N_ELEMENTS(textarea_concepts));
    return TRUE;
}

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

/* Where the last segment of a name written as a path begins
 * ("shippingAddress.customFields.field_41", "billing[address][zip]"), or 0
 * for a plain name. */
static gsize last_path_segment(const char *text)
{
    gsize start = 0;
    for (gsize i = 0; text[i] != '\0'; i++) {
        if ((text[i] == '.' || text[i] == '[') && text[i + 1] != '\0' && text[i + 1] != ']')
            start = i + 1;
    }
    return start;
}

/* In @text (a name or id attribute), the byte offset of its last path
 * segment in the normalised text, or 0. The segments before name the object
 * the field belongs to (the shipping address, the customer): a type they
 * name is not the field's own ("shippingAddress.customFields.field_41" is no
 * street address), though their hints and negatives still count
 * ("giftRecipient[email]"). */
static gsize container_end(const char *text, GString *buffer)
{
    gsize segment = last_path_segment(text);
    if (segment == 0)
        return 0;
    g_autofree char *prefix = g_strndup(text, segment);
    text_normalize(prefix, buffer);
    return buffer->len > 0 ? buffer->len - 1 : 0;
}

/* Scores one group of texts: per concept the strongest rule counts once. */
static void score_group(const Descriptor *field, int group, Scores *scores, GString *buffer)
{
    /* the concepts this group found, each with its strongest rule */
    struct {
        ClassifyConcept concept;
        float value;
        const char *source;
        const char *detail;
    } hits[RULE_MAX_MATCHES * 2];
    guint n_hits = 0;
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
        gsize container = group == GROUP_ATTRIBUTE ? container_end(text, buffer) : 0;
        text_normalize(text, buffer);
        RuleMatch matches[RULE_MAX_MATCHES];
        guint n = classify_rules_match(buffer->str, buffer->len, source->rules, matches);
        for (guint m = 0; m < n; m++) {
            ClassifyConcept concept = matches[m].concept;
            if (concept < CONCEPT_N_TOKENS && matches[m].start < container)
                continue;
            float value = source->weight * matches[m].weight;
            if (concept == HINT_DEPENDANT && source->text == DESCRIPTOR_TEXT_LEGEND)
                scores->legend_dependant = MAX(scores->legend_dependant, value);
            guint h = 0;
            while (h < n_hits && hits[h].concept != concept)
                h++;
            if (h == n_hits) {
                if (n_hits == G_N_ELEMENTS(hits))
                    continue;
                hits[n_hits++].value = 0;
                hits[h].concept = concept;
            }
            if (value > hits[h].value) {
                hits[h].value = value;
                hits[h].source = source->source;
                hits[h].detail = matches[m].evidence;
            }
        }
    }
    gboolean visible = group == GROUP_LABEL || group == GROUP_PLACEHOLDER;
    for (guint h = 0; h < n_hits; h++) {
        ClassifyConcept c = hits[h].concept;
        add_score(scores, c, hits[h].value, hits[h].source, hits[h].detail);
        if (!visible)
            continue;
        scores->label_best[c] = MAX(scores->label_best[c], hits[h].value);
        if (c == CONCEPT_NEGATIVE || c == HINT_DEPENDANT)
            scores->label_negative = MAX(scores->label_negative, hits[h].value);
        else if (c < CONCEPT_N_TOKENS)
            scores->label_positive = MAX(scores->label_positive, hits[h].value);
    }
}

/* Hints that name a type by themselves once combined: a date part, an
 * expiry, a birth ("Card number Expiry month": the label is "Expiry month"). */
static gboolean names_date(ClassifyConcept c)
{
    return c == HINT_MONTH || c == HINT_YEAR || c == HINT_DAY || c == HINT_FULL_DATE ||
           c == HINT_EXPIRY || c == HINT_BIRTH;
}

/* Where the last phrase naming a type begins in @normalized: the start of
 * its last token match, extended over token matches that run into it
 * without a word break (CJK words: 邮箱 + 地址) — or, when date words follow
 * that token, the first of them. Latin matches share the space between
 * words, so one that ends there belongs to an earlier phrase. 0 when no
 * token is named. */
static guint16 last_phrase_start(const char *normalized, const RuleMatch *matches, guint n)
{
    guint16 start = 0, token_end = 0;
    for (guint m = 0; m < n; m++) {
        if (matches[m].concept < CONCEPT_N_TOKENS && matches[m].start >= start) {
            start = matches[m].start;
            token_end = matches[m].end;
        }
    }
    guint16 date = G_MAXUINT16;
    for (guint m = 0; m < n; m++) {
        if (names_date(matches[m].concept) && matches[m].start + 1 >= token_end &&
            token_end > 0)
            date = MIN(date, matches[m].start);
    }
    if (date != G_MAXUINT16)
        return date;
    for (gboolean grew = TRUE; grew && normalized[start] != ' ';) {
        grew = FALSE;
        for (guint m = 0; m < n; m++) {
            if (matches[m].concept < CONCEPT_N_TOKENS && matches[m].start < start &&
                matches[m].end >= start) {
                start = matches[m].start;
                grew = TRUE;
            }
        }
    }
    return start;
}

/* The preceding text read as a label, for fields that have none. Only its
 * last phrase counts: the text nearest the field is its label, and what
 * comes before belongs to earlier fields or headings ("Name on card Credit
 * card number" before the number box): what comes before the last phrase
 * naming a type is dropped; hints after it stay ("Card number Expiry
 * month"), and so does a text naming no type ("Mois d'expiration"). */
static void score_preceding_as_label(const Descriptor *field, Scores *scores, GString *buffer)
{
    const char *text = field->text[DESCRIPTOR_TEXT_PRECEDING];
    if (text[0] == '\0')
        return;
    text_normalize(text, buffer);
    RuleMatch matches[RULE_MAX_MATCHES];
    guint n = classify_rules_match(buffer->str, buffer->len, RULE_LABEL, matches);
    guint16 phrase = last_phrase_start(buffer->str, matches, n);
    float best[CONCEPT_COUNT] = {0};
    const char *detail[CONCEPT_COUNT] = {NULL};
    for (guint m = 0; m < n; m++) {
        ClassifyConcept concept = matches[m].concept;
        if (concept != CONCEPT_NEGATIVE && concept != HINT_MESSAGE && matches[m].start < phrase)
            continue; /* an earlier field's label, not this field's */
        float value = PRECEDING_AS_LABEL_WEIGHT * matches[m].weight;
        if (value > best[concept]) {
            best[concept] = value;
            detail[concept] = matches[m].evidence;
        }
    }
    float positive = 0;
    for (int c = CONCEPT_NONE + 1; c < CONCEPT_N_TOKENS; c++)
        positive = MAX(positive, best[c]);
    if ((best[CONCEPT_NEGATIVE] > 0 && best[CONCEPT_NEGATIVE] >= positive) ||
        best[HINT_MESSAGE] > 0)
        return; /* the text before may belong to another field: never veto from
                 * it, and a validation message speaks of the field before; a
                 * weak negative the phrase's own type outweighs ("Mahalle,
                 * cadde, sokak") is part of that type's label */
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
    case OPTIONS_MONTHS:
        return "months";
    case OPTIONS_DAYS:
        return "days";
    case OPTIONS_YEARS_FUTURE:
        return "future-years";
    case OPTIONS_YEARS_PAST:
        return "past-years";
    case OPTIONS_COUNTRIES:
        return "countries";
    case OPTIONS_REGIONS:
        return "regions";
    case OPTIONS_DIAL_CODES:
        return "dial-codes";
    case OPTIONS_MAIL_DOMAINS:
        return "mail-domains";
    case OPTIONS_UNKNOWN:
        break;
    }
    return "unknown";
}

/* TRUE when the texts name a token other than a telephone part more
 * strongly than a telephone. */
static gboolean texts_name_other_than_tel(const Scores *scores)
{
    for (int c = CONCEPT_NONE + 1; c < CONCEPT_N_TOKENS; c++) {
        gboolean tel_part = c >= CONCEPT_TEL && c <= CONCEPT_TEL_EXTENSION;
        if (!tel_part && scores->score[c] > scores->score[CONCEPT_TEL])
            return TRUE;
    }
    return FALSE;
}

/* Evidence from the control itself: input type, inputmode, options. */
static void score_control(const Descriptor *field, FieldState *state, Scores *scores)
{
    if (field->tag == DESCRIPTOR_TAG_INPUT) {
        if (strcmp(field->type, "email") == 0)
            add_score(scores, CONCEPT_EMAIL, 9, "type", "email");
        else if (strcmp(field->type, "tel") == 0 && !texts_name_other_than_tel(scores))
            /* type=tel asks for a numeric keyboard, and sites use it for
             * every number (postal codes, card numbers, security codes): it
             * supports a phone, never outvotes a label naming another type. */
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
    case OPTIONS_MAIL_DOMAINS: /* see resolve_new_mailboxes */
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

    /* A passport's or a licence's expiry is not a card's; Keyfill holds no
     * document, so such a date names nothing (resolve_dates likewise). */
    if (v[HINT_DOCUMENT] > 0)
        expiry = 0;
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

/* Account tokens that sites also put on ordinary boxes to stop browser
 * autofill: they do not decide, the labels do (see classify_one). */
static const char *const deferred_tokens[] = {"username", "new-password", "current-password"};

static gboolean is_deferred_token(const char *token)
{
    for (gsize i = 0; i < G_N_ELEMENTS(deferred_tokens); i++) {
        if (strcmp(deferred_tokens[i], token) == 0)
            return TRUE;
    }
    return FALSE;
}

/* Decides from the autocomplete attribute; TRUE when it settles the field. */
static gboolean decide_by_autocomplete(const Autocomplete *ac, FieldState *state,
                                       ClassifiedField *out, const Scores *scores)
{
    if (ac->kind != AUTOCOMPLETE_FIELD || is_deferred_token(ac->field))
        return FALSE;
    if (classify_concept_from_token(ac->field) == CONCEPT_NONE) {
        /* Valid, but a value Keyfill does not hold (one-time-code, nickname,
         * sex, url...). */
        state->concept = CONCEPT_NONE;
        state->fixed = TRUE;
        classify_add_evidence(out, "autocomplete", ac->field);
        return TRUE;
    }

    /* A box whose visible label names something we must never fill
     * ("Username / Email", "Promo code") stays empty whatever the attribute
     * claims: authors copy autocomplete values between fields. */
    if (scores->label_negative >= DECISIVE_NEGATIVE &&
        scores->label_negative >= scores->label_positive) {
        state->concept = CONCEPT_NONE;
        state->fixed = TRUE;
        classify_add_evidence(out, scores->source[CONCEPT_NEGATIVE],
                              scores->detail[CONCEPT_NEGATIVE]);
        classify_add_evidence(out, "autocomplete", "overruled-by-label");
        return TRUE;
    }
    ClassifyConcept concept = classify_concept_from_token(ac->field);
    for (gsize i = 0; i < G_N_ELEMENTS(not_filled); i++) {
        if (concept == not_filled[i]) {
            state->concept = CONCEPT_NONE;
            state->fixed = TRUE;
            classify_add_evidence(out, "autocomplete", ac->field);
            classify_add_evidence(out, "policy", "not-filled");
            return TRUE;
        }
    }
    /* The attribute names the family; the labels may name the part more
     * precisely (autocomplete="name" on a box labelled "First name"), or
     * offer the safer of two contact values. */
    if (concept == CONCEPT_TEL && says_email_or_phone(scores)) {
        concept = CONCEPT_EMAIL;
        classify_add_evidence(out, "context", "email-or-phone");
    } else if (concept == CONCEPT_NAME) {
        const float *v = scores->score;
        if (v[CONCEPT_GIVEN_NAME] > v[CONCEPT_FAMILY_NAME] && v[CONCEPT_GIVEN_NAME] >= MIN_SCORE)
        concept = CONCEPT_GIVEN_NAME;
        else if (v[CONCEPT_FAMILY_NAME] > v[CONCEPT_GIVEN_NAME] &&
                 v[CONCEPT_FAMILY_NAME] >= MIN_SCORE) concept = CONCEPT_FAMILY_NAME;
    }
    state->concept = concept;
    state->fixed = TRUE;
    classify_add_evidence(out, "autocomplete", ac->field);
    if (ac->hint != NULL)
        state->section_hint =
            strcmp(ac->hint, "shipping") == 0 ? SECTION_HINT_SHIPPING : SECTION_HINT_BILLING;
    return TRUE;
}

static void classify_text(const Descriptor *field, FieldState *state, ClassifiedField *out,
                          GStringChunk *strings, GString *buffer)
{
    out->index = field->index;
    out->type = "";
    state->concept = CONCEPT_NONE;

    if (is_unfillable_type(field)) {
        state->skip = TRUE;
        state->fixed = TRUE;
        classify_add_evidence(out, "control", field->type);
        return;
    }

    Scores scores;
    memset(&scores, 0, sizeof scores);
    score_group(field, GROUP_LABEL, &scores, buffer);
    score_group(field, GROUP_TITLE, &scores, buffer);
    score_group(field, GROUP_PLACEHOLDER, &scores, buffer);
    score_group(field, GROUP_ATTRIBUTE, &scores, buffer);
    if (nothing_known(&scores))
        score_preceding_as_label(field, &scores, buffer);
    score_group(field, GROUP_CONTEXT, &scores, buffer);
    score_control(field, state, &scores);
    combine_hints(&scores);

    state->birth = scores.score[HINT_BIRTH];
    state->expiry = scores.score[HINT_EXPIRY];
    state->card = scores.score[HINT_CARD];
    state->dependant = scores.score[HINT_DEPENDANT];
    state->recovery = scores.score[HINT_RECOVERY];
    state->document = scores.score[HINT_DOCUMENT];
    state->name_strength = scores.best[CONCEPT_NAME];
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
    if (decide_by_autocomplete(&ac, state, out, &scores))
        return;

    float top;
    ClassifyConcept best = best_concept(&scores, &top);
    if (ac.kind == AUTOCOMPLETE_FIELD) {
        /* username / new-password / current-password on a non-password box:
         * often a site's trick against browser autofill. Only an e-mail
         * address is plausible in a login name. */
        classify_add_evidence(out, "autocomplete", ac.field);
        if (strcmp(ac.field, "username") == 0 && best != CONCEPT_EMAIL) {
            state->fixed = TRUE;
            return;
        }
    }
    if (best == CONCEPT_NONE || top < MIN_SCORE) {
        if (scores.score[CONCEPT_NEGATIVE] > 0)
            classify_add_evidence(out, scores.source[CONCEPT_NEGATIVE],
                                  scores.detail[CONCEPT_NEGATIVE]);
        else if ((best == CONCEPT_NAME || best == CONCEPT_GIVEN_NAME ||
                  best == CONCEPT_FAMILY_NAME) &&
                 top >= WEAK_NAME_SCORE && scores.score[HINT_DEPENDANT] == 0 &&
                 field->tag == DESCRIPTOR_TAG_INPUT && !is_masked(field)) {
            state->weak_name = best;
            classify_add_evidence(out, scores.source[best], scores.detail[best]);
        }
        return;
    }
    /* What the user reads decides when it speaks; attributes and context
     * may only veto a type the visible label does not confirm. Words naming
     * someone else ("Child's date of birth", "Spouse's first name") veto
     * like a negative: the value asked for is not the user's. So does a
     * legend naming someone else: every box of an "Emergency contact" or
     * "Tell a friend" fieldset asks for that person's details, however
     * plainly each is labelled ("Name", "Phone"). */
    float negative = MAX(scores.score[CONCEPT_NEGATIVE], scores.score[HINT_DEPENDANT]);
    gboolean label_says_no =
        (scores.label_negative > 0 && scores.label_negative >= scores.label_positive) ||
        scores.legend_dependant > 0;
    gboolean label_says_yes = scores.label_positive > 0 && scores.label_negative == 0;
    if (label_says_no || (!label_says_yes && negative >= top * VETO_SHARE)) {
        ClassifyConcept veto = scores.score[CONCEPT_NEGATIVE] >= scores.score[HINT_DEPENDANT]
                                   ? CONCEPT_NEGATIVE
                                   : HINT_DEPENDANT;
        classify_add_evidence(out, scores.source[veto], scores.detail[veto]);
        state->fixed = TRUE;
        return;
    }
    if (!control_can_hold(field, best)) {
        classify_add_evidence(out, "control", field->type);
        state->fixed = TRUE;
        return;
    }
    state->concept = best;
    classify_add_evidence(out, scores.source[best], scores.detail[best]);
    if (best == CONCEPT_CC_EXP_MONTH || best == CONCEPT_CC_EXP_YEAR || best == CONCEPT_CC_EXP)
        classify_add_evidence(out, scores.source[HINT_EXPIRY], scores.detail[HINT_EXPIRY]);
    else if (best >= CONCEPT_BDAY && best <= CONCEPT_BDAY_YEAR)
        classify_add_evidence(out, scores.source[HINT_BIRTH], scores.detail[HINT_BIRTH]);
}

static void classify_one(const Descriptor *field, FieldState *state, ClassifiedField *out,
                         GStringChunk *strings, GString *buffer)
{
    classify_text(field, state, out, strings, buffer);
    if (is_masked(field) && state->concept != CONCEPT_CC_CSC) {
        state->concept = CONCEPT_NONE;
        state->skip = TRUE;
        state->fixed = TRUE;
        out->n_evidence = 0;
        classify_add_evidence(out, "control", field->type);
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
    classify_context_resolve(&cx);
    classify_context_sections(&cx, result->strings);

    for (guint i = 0; i < list->n_fields; i++)
        result->fields[i].type = classify_concept_token(states[i].concept);
    return result;
}
