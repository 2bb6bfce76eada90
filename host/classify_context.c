/*
 * classify_context.c — passes 2 and 3 of the classifier: neighbours and
 * sections.
 *
 * A field alone often says too little: "Month" could be a birthday or a card
 * expiry, "Name" a first name or the card holder's. These passes look at the
 * fields around each one, in document order within a form, and never undo a
 * decision made by the control type or an autocomplete attribute ("fixed").
 * Like classify.c, this file does no I/O and sees no value.
 */
#include "classify_private.h"

#include <string.h>

/* Fields further apart than this are not one group (a date, a card). */
#define NEIGHBOURHOOD 4

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
    classify_add_evidence(&cx->out[i], "context", rule);
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

/* Empties the @n date boxes of @run that nothing fixed, saying @why. */
static void clear_date_run(Context *cx, const gint *run, gint n, const char *why)
{
    for (gint k = 0; k < n; k++) {
        if (!cx->states[run[k]].fixed)
            set_concept(cx, run[k], CONCEPT_NONE, why);
    }
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
        float birth = 0, birth_words = 0, expiry = 0, dependant = 0, document = 0;
        for (gint k = 0; k < n; k++) {
            const FieldState *s = &cx->states[run[k]];
            ClassifyConcept c = s->concept;
            has_day |= c == HINT_DAY || c == CONCEPT_BDAY_DAY;
            has_pending |= c == HINT_MONTH || c == HINT_YEAR || c == HINT_DAY;
            birth = MAX(birth, s->birth + (s->options == OPTIONS_YEARS_PAST ? 3 : 0));
            birth_words = MAX(birth_words, s->birth);
            expiry = MAX(expiry, s->expiry + (s->options == OPTIONS_YEARS_FUTURE ? 3 : 0));
            dependant = MAX(dependant, s->dependant);
            document = MAX(document, s->document);
        }
        if (!has_pending || n < 2) {
            /* a lone year or month says nothing about whose date it is */
            i = run[n - 1];
            continue;
        }
        gboolean is_birth;
        /* Past years say a birth date, not whose: only words weigh against
         * words naming someone else ("Due date or child's birthday"). */
        if (dependant > 0 && dependant >= birth_words * VETO_SHARE) {
            clear_date_run(cx, run, n, "someone-else's-date");
            i = run[n - 1];
            continue;
        }
        /* A document's expiry or issue date ("Passport expiration date"
         * over month and year) is neither the card's nor the user's birth. */
        if (document > 0 && birth_words == 0) {
            clear_date_run(cx, run, n, "document-date");
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
                set_concept(cx, run[k], to, is_birth ? "birth-date-parts" : "exp-month-year-pair");
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

/* A bare "Name" beside a given or family name is the other part: "Name,
 * Last name" (the first is the given name), "Vorname, Name" or "Prénom, Nom"
 * (the family name), "Nom, Prénom" or "Cognome, Nome" in either order. */
static ClassifyConcept other_part(ClassifyConcept part)
{
    return part == CONCEPT_GIVEN_NAME    ? CONCEPT_FAMILY_NAME
           : part == CONCEPT_FAMILY_NAME ? CONCEPT_GIVEN_NAME
                                         : CONCEPT_NONE;
}

/* Evidence this strong names the whole name ("Full name", "Ad Soyad",
 * "Фамилия, имя, отчество"), not a bare "Name" that is the other part. */
#define WHOLE_NAME_STRENGTH 8.0f

/* The name part @s stands for: its type, or a weak name it was not filled
 * with alone. */
static ClassifyConcept name_part(const FieldState *s)
{
    return s->concept != CONCEPT_NONE ? s->concept : s->weak_name;
}

static gboolean is_bare_name(const FieldState *s)
{
    return name_part(s) == CONCEPT_NAME && !s->fixed && s->name_strength < WHOLE_NAME_STRENGTH;
}

/* @s becomes @part; a weak name is confirmed by its neighbour. */
static void pair_part(Context *cx, gint i, ClassifyConcept part)
{
    if (cx->states[i].concept != part)
        set_concept(cx, i, part, "name-beside-its-other-part");
}

static void resolve_name_pairs(Context *cx)
{
    for (gint i = 0; i < (gint)cx->list->n_fields; i++) {
        if (cx->states[i].skip)
            continue;
        gint j = neighbour(cx, i, 1);
        if (j >= 0 && cx->states[j].concept == CONCEPT_ADDITIONAL_NAME)
            j = neighbour(cx, j, 1);
        if (j < 0)
            continue;
        FieldState *a = &cx->states[i], *b = &cx->states[j];
        if (a->concept == CONCEPT_NONE && b->concept == CONCEPT_NONE)
            continue; /* two weak names confirm nothing */
        ClassifyConcept pa = name_part(a), pb = name_part(b);
        if (is_bare_name(a) && other_part(pb) != CONCEPT_NONE) {
            pair_part(cx, i, other_part(pb));
            pair_part(cx, j, pb);
        } else if (is_bare_name(b) && other_part(pa) != CONCEPT_NONE) {
            pair_part(cx, j, other_part(pa));
            pair_part(cx, i, pa);
        } else if (other_part(pa) != CONCEPT_NONE && pb == other_part(pa)) {
            pair_part(cx, i, pa); /* "Nome" weak beside "Cognome": both parts */
            pair_part(cx, j, pb);
        }
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
        gboolean others_free =
            (b == CONCEPT_NONE || b == CONCEPT_TEL) && (c == CONCEPT_NONE || c == CONCEPT_TEL);
        if (!phone || !others_free || cx->states[j].fixed || cx->states[k].fixed)
            continue;
        if (!cx->states[i].fixed)
            set_concept(cx, i, CONCEPT_TEL_AREA_CODE, "phone-3-3-4");
        set_concept(cx, j, CONCEPT_TEL_LOCAL_PREFIX, "phone-3-3-4");
        set_concept(cx, k, CONCEPT_TEL_LOCAL_SUFFIX, "phone-3-3-4");
        i = k;
    }
}

/* A box followed by a list of mail domains ("name" [@outlook.com v]) asks
 * for the name of a mailbox being created, not the user's address: an
 * e-mail there would be rejected, and any other value is a guess. The mail
 * providers' own sign-up forms use this shape in every language. */
static void resolve_new_mailboxes(Context *cx)
{
    for (gint i = 0; i < (gint)cx->list->n_fields; i++) {
        gint next = neighbour(cx, i, 1);
        if (cx->states[i].skip || next < 0 || cx->states[next].options != OPTIONS_MAIL_DOMAINS)
            continue;
        if (cx->list->fields[i].tag == DESCRIPTOR_TAG_INPUT &&
            cx->states[i].concept != CONCEPT_NONE)
            set_concept(cx, i, CONCEPT_NONE, "name-of-a-new-mailbox");
    }
}

/* A form whose only fillable field is an e-mail, under words of password
 * recovery ("Forgot password?", "Password recovery"), is an account's
 * recovery form: the address typed there is the account's identifier, the
 * password manager's business. Keyfill fills checkout and sign-up forms.
 * A sign-up or newsletter form beside such a link asks for more than the
 * e-mail or has no recovery words of its own, and is left to the rules. */
static void resolve_recovery(Context *cx)
{
    for (gint i = 0; i < (gint)cx->list->n_fields; i++) {
        if (cx->states[i].concept != CONCEPT_EMAIL || cx->states[i].recovery <= 0)
            continue;
        const Descriptor *field = &cx->list->fields[i];
        gboolean alone = TRUE;
        for (gint j = 0; j < (gint)cx->list->n_fields && alone; j++) {
            const Descriptor *other = &cx->list->fields[j];
            if (j == i || other->frame != field->frame || other->form != field->form)
                continue;
            alone = cx->states[j].concept == CONCEPT_NONE && other->tag != DESCRIPTOR_TAG_SELECT &&
                    !(other->tag == DESCRIPTOR_TAG_INPUT && strcmp(other->type, "password") == 0);
        }
        if (alone)
            set_concept(cx, i, CONCEPT_NONE, "password-recovery-form");
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
void classify_context_sections(Context *cx, GStringChunk *strings)
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

void classify_context_resolve(Context *cx)
{
    resolve_dates(cx);
    resolve_name_pairs(cx);
    resolve_card_names(cx);
    resolve_phone_parts(cx);
    resolve_new_mailboxes(cx);
    resolve_recovery(cx);
}
