/*
 * fill_select.c — option matching.
 *
 * DESIGN: every matcher walks the options once and feeds the ones that mean
 * the value to a Pick, which remembers the first and turns ambiguous when a
 * later one carries a different value. Options with an empty value are the
 * "Please choose" rows and never match.
 */
#include "fill_select.h"

#include <string.h>

typedef struct {
    const FillField *field;
    int chosen; /* option index, FILL_SELECT_NONE or FILL_SELECT_AMBIGUOUS */
} Pick;

static void pick_offer(Pick *pick, size_t option)
{
    if (pick->chosen == FILL_SELECT_AMBIGUOUS)
        return;
    if (pick->chosen == FILL_SELECT_NONE) {
        pick->chosen = (int)option;
        return;
    }
    if (strcmp(pick->field->options[pick->chosen].value, pick->field->options[option].value) != 0)
        pick->chosen = FILL_SELECT_AMBIGUOUS;
}

static gboolean selectable(const FillOption *option)
{
    return option->value != NULL && *option->value != '\0';
}

/* The entity an option names: by its visible text, else by its value. */
static int option_entity(const FillOption *option, const FillVocab *vocab,
                         const char *const *ignore)
{
    int id = fill_vocab_resolve(vocab, option->text, ignore);
    return id != FILL_VOCAB_NONE ? id : fill_vocab_resolve(vocab, option->value, ignore);
}

int fill_select_by_vocab(const FillField *field, const FillVocab *vocab, int id,
                         const char *const *ignore)
{
    g_return_val_if_fail(field != NULL && vocab != NULL, FILL_SELECT_NONE);
    Pick pick = {field, FILL_SELECT_NONE};
    for (size_t i = 0; i < field->n_options; i++) {
        if (selectable(&field->options[i]) &&
            option_entity(&field->options[i], vocab, ignore) == id)
            pick_offer(&pick, i);
    }
    return pick.chosen;
}

int fill_select_by_spelling(const FillField *field, const char *const *spellings)
{
    g_return_val_if_fail(field != NULL && spellings != NULL, FILL_SELECT_NONE);
    g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func(g_free);
    for (const char *const *s = spellings; *s != NULL; s++) {
        char *key = fill_norm_text(*s);
        if (*key != '\0')
            g_ptr_array_add(wanted, key);
        else
            g_free(key);
    }
    Pick pick = {field, FILL_SELECT_NONE};
    for (size_t i = 0; i < field->n_options && wanted->len > 0; i++) {
        if (!selectable(&field->options[i]))
            continue;
        g_autofree char *text = fill_norm_text(field->options[i].text);
        g_autofree char *value = fill_norm_text(field->options[i].value);
        for (guint w = 0; w < wanted->len; w++) {
            if (strcmp(text, wanted->pdata[w]) == 0 || strcmp(value, wanted->pdata[w]) == 0) {
                pick_offer(&pick, i);
                break;
            }
        }
    }
    return pick.chosen;
}

/* The number @text is written as ("07" → 7, " 2030 " → 2030), with its
 * digit count, or -1 when it is not just digits. */
static int plain_number(const char *text, int *digits)
{
    g_autofree char *trimmed = g_strstrip(g_strdup(text != NULL ? text : ""));
    gsize length = strlen(trimmed);
    if (length == 0 || length > 4)
        return -1;
    for (gsize i = 0; i < length; i++) {
        if (!g_ascii_isdigit(trimmed[i]))
            return -1;
    }
    *digits = (int)length;
    return (int)g_ascii_strtoll(trimmed, NULL, 10);
}

static gboolean number_means(const char *text, int number, gboolean year, gboolean *numeric)
{
    int digits = 0;
    int n = plain_number(text, &digits);
    *numeric = n >= 0;
    if (n < 0)
        return FALSE;
    if (year && digits == 2)
        return n == number % 100;
    if (year)
        return digits == 4 && n == number;
    return n == number;
}

int fill_select_by_number(const FillField *field, int number, gboolean year)
{
    g_return_val_if_fail(field != NULL, FILL_SELECT_NONE);
    Pick pick = {field, FILL_SELECT_NONE};
    for (size_t i = 0; i < field->n_options; i++) {
        const FillOption *option = &field->options[i];
        gboolean numeric = FALSE;
        if (!selectable(option))
            continue;
        if (number_means(option->text, number, year, &numeric) ||
            (!numeric && number_means(option->value, number, year, &numeric)))
            pick_offer(&pick, i);
    }
    return pick.chosen;
}

static const GRegex *dial_in_text(void)
{
    static GRegex *regex;
    return fill_norm_regex(&regex, 0,
                           "^\\s*\\+?\\s*([0-9]{1,4})\\s*$|\\+\\s*([0-9]{1,4})(?![0-9])");
}

/* The calling code an option shows, newly allocated, or NULL: "+44"
 * anywhere in its text, a text of just digits, or a value "+44". A value of
 * plain digits is not one: country lists often number their options. */
static char *option_dial(const FillOption *option)
{
    const char *sources[] = {option->text, option->value};
    for (gsize s = 0; s < G_N_ELEMENTS(sources); s++) {
        g_autoptr(GMatchInfo) match = NULL;
        if (sources[s] == NULL || !g_regex_match(dial_in_text(), sources[s], 0, &match))
            continue;
        g_autofree char *whole = g_match_info_fetch(match, 1);
        g_autofree char *inner = g_match_info_fetch(match, 2);
        if (s == 1 && strchr(sources[s], '+') == NULL)
            return NULL;
        return g_strdup(whole != NULL && *whole != '\0' ? whole : inner);
    }
    return NULL;
}

int fill_select_by_dial_code(const FillField *field, const GeoCountry *country,
                             const char *calling_code)
{
    g_return_val_if_fail(field != NULL && country != NULL && calling_code != NULL,
                         FILL_SELECT_NONE);
    const FillVocab *vocab = geo_country_vocab();
    int country_id = (int)(country - geo_countries);
    const char *const ignore[] = {calling_code, NULL};
    Pick by_code = {field, FILL_SELECT_NONE};
    Pick by_code_and_country = {field, FILL_SELECT_NONE};
    gboolean any_code = FALSE;
    for (size_t i = 0; i < field->n_options; i++) {
        const FillOption *option = &field->options[i];
        g_autofree char *dial = selectable(option) ? option_dial(option) : NULL;
        if (dial == NULL)
            continue;
        any_code = TRUE;
        if (strcmp(dial, calling_code) != 0)
            continue;
        pick_offer(&by_code, i);
        if (option_entity(option, vocab, ignore) == country_id)
            pick_offer(&by_code_and_country, i);
    }
    if (!any_code) /* a plain country list */
        return fill_select_by_vocab(field, vocab, country_id, NULL);
    if (by_code.chosen != FILL_SELECT_AMBIGUOUS)
        return by_code.chosen;
    return by_code_and_country.chosen;
}
