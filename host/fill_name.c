/*
 * fill_name.c — name spellings.
 *
 * DESIGN: the order of a full name follows the person, not the site: a
 * Japanese customer writes 山田 太郎 on a Japanese or a French page. The
 * persona's address country says whose convention applies; a label that
 * spells out the order ("Nachname, Vorname", 氏名) overrides it.
 */
#include "fill_name.h"

#include "validate.h"

#include <string.h>

static const char *name_part(const cJSON *name, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(name, key);
    return cJSON_IsString(item) && item->valuestring != NULL ? item->valuestring : "";
}

/* Joins the non-empty @parts with @separator; newly allocated, or NULL. */
static char *join_parts(const char *const *parts, gsize n, const char *separator)
{
    GString *out = g_string_new(NULL);
    for (gsize i = 0; i < n; i++) {
        if (parts[i] == NULL || *parts[i] == '\0')
            continue;
        if (out->len > 0)
            g_string_append(out, separator);
        g_string_append(out, parts[i]);
    }
    if (out->len == 0) {
        g_string_free(out, TRUE);
        return NULL;
    }
    return g_string_free(out, FALSE);
}

static const GRegex *family_first_label(void)
{
    static GRegex *regex;
    return fill_norm_regex(&regex, G_REGEX_CASELESS,
                           "姓名|氏名|お名前|성명|이름|vezetéknév|cognome\\s+(e\\s+)?nome");
}

/* "Last name, First name": the family name first, then a comma. */
static const GRegex *family_comma_label(void)
{
    static GRegex *regex;
    return fill_norm_regex(
        &regex, G_REGEX_CASELESS,
        "(last|family)\\s*name\\s*,\\s*(first|given)|surname\\s*,\\s*(first|fore|given)|"
        "nachname\\s*,\\s*vorname|nom\\s*,\\s*prénom|apellidos?\\s*,\\s*nombre|"
        "cognome\\s*,\\s*nome|achternaam\\s*,\\s*voornaam|nazwisko\\s*,\\s*imi");
}

static gboolean label_matches(const FillField *field, const GRegex *regex)
{
    return (field->hint != NULL && g_regex_match(regex, field->hint, 0, NULL)) ||
           (field->placeholder != NULL && g_regex_match(regex, field->placeholder, 0, NULL));
}

static gboolean in_list(const char *country, const char *list)
{
    return country != NULL && strlen(country) == 2 && strstr(list, country) != NULL;
}

/* TRUE when every letter of @text is Han, Hiragana, Katakana or Hangul. */
static gboolean is_cjk(const char *text)
{
    gboolean any = FALSE;
    for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
        GUnicodeScript script = g_unichar_get_script(g_utf8_get_char(p));
        if (script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
            script == G_UNICODE_SCRIPT_KATAKANA || script == G_UNICODE_SCRIPT_HANGUL)
            any = TRUE;
        else if (g_unichar_isalpha(g_utf8_get_char(p)))
            return FALSE;
    }
    return any;
}

void fill_name_full(const FillField *field, const cJSON *name, const char *country,
                    FillCandidates *out)
{
    g_return_if_fail(field != NULL && out != NULL);
    const char *given = name_part(name, "given");
    const char *additional = name_part(name, "additional"), *family = name_part(name, "family");
    const char *full = name_part(name, "full");

    g_autofree char *derived = validate_derive_full_name(name); /* as the store derives it */
    if (*full != '\0' && g_strcmp0(full, derived) != 0) {
        fill_candidates_add(out, "custom", full); /* the user's own spelling */
        return;
    }
    if (label_matches(field, family_comma_label())) {
        const char *given_parts[] = {given, additional};
        g_autofree char *given_names = join_parts(given_parts, 2, " ");
        const char *comma[] = {family, given_names};
        fill_candidates_take(out, "family-comma-given", join_parts(comma, 2, ", "));
        return;
    }
    gboolean family_first =
        label_matches(field, family_first_label()) || in_list(country, "JP CN TW KR HU");
    if (family_first) {
        gboolean tight = in_list(country, "CN TW KR") && is_cjk(family) && is_cjk(given);
        const char *eastern[] = {family, given, additional};
        fill_candidates_take(out, "family-first",
                             join_parts(eastern, G_N_ELEMENTS(eastern), tight ? "" : " "));
        const char *short_eastern[] = {family, given};
        fill_candidates_take(out, "family-first-short",
                             join_parts(short_eastern, 2, tight ? "" : " "));
        return;
    }
    fill_candidates_add(out, "full", derived);
    const char *no_prefix[] = {given, additional, family};
    fill_candidates_take(out, "given-family-middle", join_parts(no_prefix, 3, " "));
    const char *short_name[] = {given, family};
    fill_candidates_take(out, "given-family", join_parts(short_name, 2, " "));
}

static const GRegex *initial_label(void)
{
    static GRegex *regex;
    return fill_norm_regex(&regex, G_REGEX_CASELESS,
                           "initial|\\bm\\.?\\s?i\\b|inicial|iniziale|initiale");
}

void fill_name_additional(const FillField *field, const char *additional, FillCandidates *out)
{
    g_return_if_fail(field != NULL && out != NULL);
    if (additional == NULL || *additional == '\0')
        return;
    const char *end = g_utf8_next_char(additional);
    g_autofree char *initial = g_strndup(additional, (gsize)(end - additional));
    gboolean wants_initial =
        (field->hint != NULL && g_regex_match(initial_label(), field->hint, 0, NULL)) ||
        (field->maxlength >= 0 && field->maxlength <= 2);
    if (wants_initial) {
        fill_candidates_add(out, "initial", initial);
        return;
    }
    fill_candidates_add(out, "full", additional);
}

gboolean fill_name_split_holder(const char *holder, char **given, char **family)
{
    g_return_val_if_fail(given != NULL && family != NULL, FALSE);
    if (holder == NULL)
        return FALSE;
    g_autofree char *trimmed = g_strstrip(g_strdup(holder));
    char *space = strrchr(trimmed, ' ');
    if (space == NULL)
        return FALSE;
    *family = g_strdup(space + 1);
    *space = '\0';
    *given = g_strdup(g_strchomp(trimmed));
    return TRUE;
}

/* One row per honorific; a spelling shared by two (German "Frau" is Mrs and
 * Ms) is ambiguous and matched only by its exact spelling. */
static const char *const honorifics[] = {
    "Mr|Mister|Herr|Hr|M|Monsieur|Sr|Señor|Senhor|Sig|Signor|Signore|Dhr|De heer|Pan|Bay|"
    "Господин|Г-н|様",
    "Mrs|Missus|Frau|Fr|Mme|Madame|Sra|Señora|Senhora|Sig.ra|Signora|Mevr|Mevrouw|Pani|Bayan|"
    "Госпожа|Г-жа",
    "Ms|Frau|Mme|Madame",
    "Miss|Mlle|Mademoiselle|Srta|Señorita|Signorina|Fräulein|Juffrouw|Panna",
    "Mx",
    "Dr|Doctor|Doktor|Docteur|Dott|Dottore|Dottoressa|Doutor|Doutora|Doctora",
    "Prof|Professor|Professeur|Profesor|Professore|Professora",
};

const FillVocab *fill_name_honorific_vocab(void)
{
    static FillVocab *vocab;
    if (g_once_init_enter(&vocab)) {
        FillVocab *built = fill_vocab_new();
        for (gsize i = 0; i < G_N_ELEMENTS(honorifics); i++)
            fill_vocab_add(built, (int)i, honorifics[i]);
        g_once_init_leave(&vocab, built);
    }
    return vocab;
}
