/*
 * importer.c — Firefox, Bitwarden, CSV and Keyfill files to personas.
 *
 * DESIGN: each format maps its records to pieces of canonical persona JSON;
 * every piece is validated on its own right away (validate_persona on a
 * small wrapper), so an error names the record it came from ("items[4]:
 * cards[0].number: ..."). Pieces are then assembled into personas (CSV rows
 * with the same "persona" value merge; cards go to the persona whose name
 * matches the card holder) and each assembled persona is validated again
 * for the per-persona limits. Column and field mappings are tables.
 */
#include "importer.h"

#include "card.h"
#include "csv.h"
#include "errors.h"
#include "exportfile.h"
#include "jsonfield.h"
#include "validate.h"

#include <math.h>
#include <string.h>

typedef struct {
    const char *name;
    ImporterFormat format;
} FormatName;

static const FormatName format_names[] = {
    {"firefox", IMPORTER_FIREFOX},
    {"bitwarden", IMPORTER_BITWARDEN},
    {"csv", IMPORTER_CSV},
    {"keyfill", IMPORTER_KEYFILL},
};

gboolean importer_format_from_name(const char *name, ImporterFormat *format)
{
    g_return_val_if_fail(name != NULL && format != NULL, FALSE);
    for (gsize i = 0; i < G_N_ELEMENTS(format_names); i++) {
        if (strcmp(format_names[i].name, name) == 0) {
            *format = format_names[i].format;
            return TRUE;
        }
    }
    return FALSE;
}

/* --- building personas ------------------------------------------------------ */

/* Sets @key to @value when @value has text. */
void importer_put_text(cJSON *object, const char *key, const char *value)
{
    if (value == NULL)
        return;
    g_autofree char *trimmed = g_strstrip(g_strdup(value));
    if (*trimmed != '\0')
        cJSON_AddStringToObject(object, key, trimmed);
}

/* The string at @key of a source record, or NULL when absent or not text. */
const char *importer_text(const cJSON *record, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(record, key);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* A month or year that a source stores as a number or as digits; -1 when
 * absent or empty, -2 when not a whole number. */
static gint64 source_number(const cJSON *record, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(record, key);
    if (item == NULL || cJSON_IsNull(item))
        return -1;
    if (cJSON_IsNumber(item))
        return item->valuedouble >= 0 && item->valuedouble <= 9999 &&
                       item->valuedouble == floor(item->valuedouble)
                   ? (gint64)item->valuedouble
                   : -2;
    if (!cJSON_IsString(item))
        return -2;
    g_autofree char *text = g_strstrip(g_strdup(item->valuestring));
    if (*text == '\0')
        return -1;
    guint64 value;
    if (strlen(text) > 4 || !g_ascii_string_to_unsigned(text, 10, 0, 9999, &value, NULL))
        return -2;
    return (gint64)value;
}

/* Adds @entry (owned) to the array @key of @persona, creating it. */
void importer_add_entry(cJSON *persona, const char *key, cJSON *entry)
{
    cJSON *list = cJSON_GetObjectItemCaseSensitive(persona, key);
    if (list == NULL)
        list = cJSON_AddArrayToObject(persona, key);
    cJSON_AddItemToArray(list, entry);
}

/* Validates @persona, prefixing its error and its warnings with @where. */
gboolean importer_validate_piece(cJSON *persona, const char *where, GPtrArray *warnings,
                                 GError **error)
{
    g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func(g_free);
    if (!validate_persona(persona, own, error)) {
        g_prefix_error(error, "%s: ", where);
        return FALSE;
    }
    for (guint i = 0; warnings != NULL && i < own->len; i++)
        g_ptr_array_add(warnings,
                        g_strdup_printf("%s: %s", where, (char *)g_ptr_array_index(own, i)));
    return TRUE;
}

/* Validates a lone card (owned by the caller, normalised in place). The
 * card itself is lent to a wrapper persona and taken back: a cJSON reference
 * would share the card's list of members, and normalising a first member
 * (holder, number) would leave the card pointing at the freed one. */
static gboolean validate_card_piece(cJSON *card, const char *where, GPtrArray *warnings,
                                    GError **error)
{
    g_autoptr(cJSON) wrapper = cJSON_CreateObject();
    cJSON_AddStringToObject(wrapper, "label", "card");
    cJSON *cards = cJSON_AddArrayToObject(wrapper, "cards");
    cJSON_AddItemToArray(cards, card);
    gboolean valid = importer_validate_piece(wrapper, where, warnings, error);
    cJSON_DetachItemViaPointer(cards, card);
    return valid;
}

static const char *persona_full_name(const cJSON *persona)
{
    return importer_text(cJSON_GetObjectItemCaseSensitive(persona, "name"), "full");
}

/* Gives @card (owned) to the persona whose full name is the card holder's;
 * else to the only persona; else to a persona labelled @fallback_label. */
static void attach_card(cJSON *personas, cJSON *card, const char *fallback_label)
{
    const char *holder = importer_text(card, "holder");
    g_autofree char *holder_key = holder != NULL ? g_utf8_casefold(holder, -1) : NULL;
    cJSON *persona, *target = NULL;
    cJSON_ArrayForEach(persona, personas)
    {
        const char *full = persona_full_name(persona);
        g_autofree char *full_key = full != NULL ? g_utf8_casefold(full, -1) : NULL;
        if (target == NULL && holder_key != NULL && g_strcmp0(full_key, holder_key) == 0)
            target = persona;
    }
    if (target == NULL && cJSON_GetArraySize(personas) == 1)
        target = cJSON_GetArrayItem(personas, 0);
    cJSON_ArrayForEach(persona, personas)
    {
        if (target == NULL && g_strcmp0(importer_text(persona, "label"), fallback_label) == 0)
            target = persona;
    }
    if (target == NULL) {
        target = cJSON_CreateObject();
        cJSON_AddStringToObject(target, "label", fallback_label);
        cJSON_AddItemToArray(personas, target);
    }
    importer_add_entry(target, "cards", card);
}

/* Renames repeated labels "Home", "Home (2)", ...; validates every persona
 * as a whole (the per-persona limits) and checks the persona count. */
static gboolean finish(cJSON *personas, GError **error)
{
    if (cJSON_GetArraySize(personas) > IMPORTER_PERSONAS_MAX) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "The file holds more than %d personas, more than a store keeps. Split it "
                    "and import the parts; nothing was imported.",
                    IMPORTER_PERSONAS_MAX);
        return FALSE;
    }
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    int index = 0;
    cJSON *persona;
    cJSON_ArrayForEach(persona, personas)
    {
        const char *label = importer_text(persona, "label");
        g_autofree char *unique = g_strdup(label != NULL ? label : "");
        for (int n = 2; g_hash_table_contains(seen, unique); n++) {
            g_free(unique);
            unique = g_strdup_printf("%s (%d)", label, n);
        }
        if (label != NULL && strcmp(unique, label) != 0)
            cJSON_ReplaceItemInObjectCaseSensitive(persona, "label", cJSON_CreateString(unique));
        g_hash_table_add(seen, g_steal_pointer(&unique));
        g_autofree char *where = g_strdup_printf("persona %d of the file", ++index);
        if (!importer_validate_piece(persona, where, NULL, error))
            return FALSE;
    }
    return TRUE;
}

/* Parses a JSON object, naming the line of a syntax error. */
static cJSON *parse_json(const char *data, gsize length, const char *what, GError **error)
{
    const char *end = NULL;
    cJSON *document = cJSON_ParseWithLengthOpts(data, length, &end, FALSE);
    if (document != NULL && cJSON_IsObject(document))
        return document;
    cJSON_Delete(document);
    int line = 1;
    for (const char *p = data; end != NULL && p < end && p < data + length; p++)
        line += *p == '\n';
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_MALFORMED,
                "line %d: the file is not a valid %s JSON object. Check that you chose the "
                "right file and --from format; nothing was imported.",
                line, what);
    return NULL;
}

static gboolean item_not_object(GError **error, const char *where)
{
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_MALFORMED,
                "%s: is not a JSON object. The file is damaged; nothing was imported.", where);
    return FALSE;
}

/* The array @key of @document (absent: NULL without error). */
static const cJSON *source_array(const cJSON *document, const char *key, GError **error)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(document, key);
    if (list == NULL || cJSON_IsArray(list))
        return list;
    g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_MALFORMED,
                "\"%s\" is not an array. The file is damaged; nothing was imported.", key);
    return NULL;
}

/* A card from a record, through @keys: {holder, number, month, year, nickname}. */
static cJSON *card_from(const cJSON *record, const char *const keys[5], const char *nickname)
{
    cJSON *card = cJSON_CreateObject();
    importer_put_text(card, "holder", importer_text(record, keys[0]));
    importer_put_text(card, "number", importer_text(record, keys[1]));
    gint64 month = source_number(record, keys[2]), year = source_number(record, keys[3]);
    if (month != -1)
        cJSON_AddNumberToObject(card, "exp_month", (double)month);
    if (year != -1)
        cJSON_AddNumberToObject(card, "exp_year", (double)year);
    importer_put_text(card, "nickname", nickname);
    return card;
}

/* Where a format keeps the parts of one identity (NULL: it has no such field). */
typedef struct {
    const char *prefix, *given, *additional, *family;
    const char *full; /* used only when the parts are all empty */
    const char *organization, *email, *phone;
    const char *lines[3]; /* street fields; each may hold several lines split by \n */
    const char *city, *region, *postal_code, *country;
} IdentityMap;

/* A persona (without label) from one source record, through @map. The
 * phone's country is the address's: sources keep one country per record. */
static cJSON *persona_from_record(const cJSON *record, const IdentityMap *map)
{
    cJSON *persona = cJSON_CreateObject();
    cJSON *name = cJSON_AddObjectToObject(persona, "name");
    importer_put_text(name, "prefix",
                      map->prefix != NULL ? importer_text(record, map->prefix) : NULL);
    importer_put_text(name, "given", importer_text(record, map->given));
    importer_put_text(name, "additional", importer_text(record, map->additional));
    importer_put_text(name, "family", importer_text(record, map->family));
    if (cJSON_GetArraySize(name) == 0 && map->full != NULL)
        importer_put_text(name, "full", importer_text(record, map->full));
    importer_put_text(persona, "organization", importer_text(record, map->organization));
    const char *country = importer_text(record, map->country);
    cJSON *email = cJSON_CreateObject();
    importer_put_text(email, "address", importer_text(record, map->email));
    cJSON *phone = cJSON_CreateObject();
    importer_put_text(phone, "number", importer_text(record, map->phone));
    if (cJSON_GetArraySize(phone) > 0)
        importer_put_text(phone, "country", country);
    cJSON *address = cJSON_CreateObject();
    cJSON *lines = cJSON_CreateArray();
    for (gsize i = 0; i < G_N_ELEMENTS(map->lines) && map->lines[i] != NULL; i++) {
        const char *text = importer_text(record, map->lines[i]);
        g_auto(GStrv) split = g_strsplit(text != NULL ? text : "", "\n", -1);
        for (int l = 0; split[l] != NULL; l++) {
            g_strstrip(split[l]);
            if (*split[l] != '\0')
                cJSON_AddItemToArray(lines, cJSON_CreateString(split[l]));
        }
    }
    if (cJSON_GetArraySize(lines) > 0)
        cJSON_AddItemToObject(address, "lines", lines);
    else
        cJSON_Delete(lines);
    importer_put_text(address, "city", importer_text(record, map->city));
    importer_put_text(address, "region", importer_text(record, map->region));
    importer_put_text(address, "postal_code", importer_text(record, map->postal_code));
    importer_put_text(address, "country", country);
    cJSON *entries[] = {email, phone, address};
    const char *keys[] = {"emails", "phones", "addresses"};
    for (gsize i = 0; i < G_N_ELEMENTS(entries); i++) {
        if (cJSON_GetArraySize(entries[i]) > 0)
            importer_add_entry(persona, keys[i], entries[i]);
        else
            cJSON_Delete(entries[i]);
    }
    return persona;
}

/* Labels @persona (taken), validates it as the record @where and appends it. */
static gboolean add_persona(cJSON *personas, cJSON *persona, const char *label, const char *where,
                            GPtrArray *warnings, GError **error)
{
    g_autoptr(cJSON) owned = persona;
    importer_put_text(owned, "label", label);
    if (!importer_validate_piece(owned, where, warnings, error))
        return FALSE;
    cJSON_AddItemToArray(personas, g_steal_pointer(&owned));
    return TRUE;
}

/* --- Firefox autofill-profiles.json ------------------------------------------ */

static const IdentityMap firefox_map = {
    .prefix = NULL,
    .given = "given-name",
    .additional = "additional-name",
    .family = "family-name",
    .full = "name",
    .organization = "organization",
    .email = "email",
    .phone = "tel",
    .lines = {"street-address"},
    .city = "address-level2",
    .region = "address-level1",
    .postal_code = "postal-code",
    .country = "country",
};

static gboolean firefox_address(const cJSON *record, const char *where, cJSON *personas,
                                GPtrArray *warnings, GError **error)
{
    if (!cJSON_IsObject(record))
        return item_not_object(error, where);
    g_autoptr(cJSON) persona = persona_from_record(record, &firefox_map);
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(persona, "name");
    g_autofree char *derived = validate_derive_full_name(name);
    const char *full = *derived != '\0' ? derived : importer_text(name, "full");
    const char *organization = importer_text(persona, "organization");
    g_autofree char *label = full != NULL && *full != '\0' ? g_strdup(full)
                             : organization != NULL        ? g_strdup(organization)
                                                           : g_strdup_printf("Firefox %s", where);
    return add_persona(personas, g_steal_pointer(&persona), label, where, warnings, error);
}

static const char *const firefox_card_keys[5] = {"cc-name", "cc-number", "cc-exp-month",
                                                 "cc-exp-year", NULL};

static gboolean firefox_card(const cJSON *record, const char *where, cJSON *personas,
                             GPtrArray *warnings, GError **error)
{
    if (!cJSON_IsObject(record))
        return item_not_object(error, where);
    /* Firefox encrypts card numbers with a key in the user's profile (and OS
     * keyring) and keeps only a masked "************4242" beside it; the
     * number cannot be recovered from the file. */
    const char *number = importer_text(record, "cc-number");
    if (number == NULL || strchr(number, '*') != NULL ||
        cJSON_GetObjectItemCaseSensitive(record, "cc-number-encrypted") != NULL) {
        if (warnings != NULL)
            g_ptr_array_add(warnings,
                            g_strdup_printf("%s: skipped: Firefox keeps this card number "
                                            "encrypted with its own key, so it cannot be "
                                            "imported. Add the card with: keyfill card add",
                                            where));
        return TRUE;
    }
    g_autoptr(cJSON) card = card_from(record, firefox_card_keys, NULL);
    if (!validate_card_piece(card, where, warnings, error))
        return FALSE;
    attach_card(personas, g_steal_pointer(&card), "Firefox cards");
    return TRUE;
}

static gboolean import_firefox(const char *data, gsize length, cJSON *personas, GPtrArray *warnings,
                               GError **error)
{
    g_autoptr(cJSON) document = parse_json(data, length, "Firefox autofill-profiles", error);
    if (document == NULL)
        return FALSE;
    g_autoptr(GError) local = NULL;
    const cJSON *addresses = source_array(document, "addresses", &local);
    const cJSON *cards = local == NULL ? source_array(document, "creditCards", &local) : NULL;
    if (local != NULL) {
        g_propagate_error(error, g_steal_pointer(&local));
        return FALSE;
    }
    if (addresses == NULL && cards == NULL) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_MALFORMED,
                    "The file has neither \"addresses\" nor \"creditCards\", so it is not "
                    "Firefox's autofill-profiles.json; nothing was imported.");
        return FALSE;
    }
    int index = 0;
    const cJSON *record;
    cJSON_ArrayForEach(record, addresses)
    {
        g_autofree char *where = g_strdup_printf("addresses[%d]", index++);
        if (!firefox_address(record, where, personas, warnings, error))
            return FALSE;
    }
    index = 0;
    cJSON_ArrayForEach(record, cards)
    {
        g_autofree char *where = g_strdup_printf("creditCards[%d]", index++);
        if (!firefox_card(record, where, personas, warnings, error))
            return FALSE;
    }
    return TRUE;
}

/* --- Bitwarden JSON export -------------------------------------------------- */

#define BITWARDEN_CARD 3
#define BITWARDEN_IDENTITY 4

static const IdentityMap bitwarden_map = {
    .prefix = "title",
    .given = "firstName",
    .additional = "middleName",
    .family = "lastName",
    .full = NULL,
    .organization = "company",
    .email = "email",
    .phone = "phone",
    .lines = {"address1", "address2", "address3"},
    .city = "city",
    .region = "state",
    .postal_code = "postalCode",
    .country = "country",
};

static gboolean bitwarden_identity(const cJSON *item, const char *where, cJSON *personas,
                                   GPtrArray *warnings, GError **error)
{
    const cJSON *identity = cJSON_GetObjectItemCaseSensitive(item, "identity");
    if (!cJSON_IsObject(identity))
        return item_not_object(error, where);
    /* Keyfill does not keep identity documents: say so rather than drop them. */
    static const char *const unkept[] = {"ssn", "passportNumber", "licenseNumber"};
    for (gsize i = 0; i < G_N_ELEMENTS(unkept); i++) {
        const char *value = importer_text(identity, unkept[i]);
        if (warnings != NULL && value != NULL && *value != '\0')
            g_ptr_array_add(warnings, g_strdup_printf("%s: %s not imported (Keyfill does not "
                                                      "keep identity document numbers)",
                                                      where, unkept[i]));
    }
    const char *item_name = importer_text(item, "name");
    g_autofree char *label = item_name != NULL && *item_name != '\0'
                                 ? g_strdup(item_name)
                                 : g_strdup_printf("Bitwarden %s", where);
    return add_persona(personas, persona_from_record(identity, &bitwarden_map), label, where,
                       warnings, error);
}

static const char *const bitwarden_card_keys[5] = {"cardholderName", "number", "expMonth",
                                                   "expYear", NULL};

/* Reads a card item into @cards (attached after all identities are known).
 * The security code ("code") is never read. */
static gboolean bitwarden_card(const cJSON *item, const char *where, cJSON *cards,
                               GPtrArray *warnings, GError **error)
{
    const cJSON *source = cJSON_GetObjectItemCaseSensitive(item, "card");
    if (!cJSON_IsObject(source))
        return item_not_object(error, where);
    const char *number = importer_text(source, "number");
    if (number == NULL || *number == '\0') {
        if (warnings != NULL)
            g_ptr_array_add(warnings,
                            g_strdup_printf("%s: skipped: the card has no number", where));
        return TRUE;
    }
    g_autoptr(cJSON) card = card_from(source, bitwarden_card_keys, importer_text(item, "name"));
    if (!validate_card_piece(card, where, warnings, error))
        return FALSE;
    cJSON_AddItemToArray(cards, g_steal_pointer(&card));
    return TRUE;
}

static gboolean import_bitwarden(const char *data, gsize length, cJSON *personas,
                                 GPtrArray *warnings, GError **error)
{
    g_autoptr(cJSON) document = parse_json(data, length, "Bitwarden export", error);
    if (document == NULL)
        return FALSE;
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(document, "encrypted"))) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_UNSUPPORTED,
                    "This Bitwarden export is encrypted. Export the vault again as \".json\" "
                    "(not encrypted) and import that file; nothing was imported.");
        return FALSE;
    }
    const cJSON *items = source_array(document, "items", error);
    if (items == NULL) {
        if (error != NULL && *error == NULL)
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_MALFORMED,
                        "The file has no \"items\", so it is not a Bitwarden JSON export; "
                        "nothing was imported.");
        return FALSE;
    }
    g_autoptr(cJSON) cards = cJSON_CreateArray();
    int index = 0, skipped = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, items)
    {
        g_autofree char *where = g_strdup_printf("items[%d]", index++);
        gint64 type = source_number(item, "type");
        if (!cJSON_IsObject(item) || type == -2)
            return item_not_object(error, where);
        gboolean ok = TRUE;
        if (type == BITWARDEN_IDENTITY)
            ok = bitwarden_identity(item, where, personas, warnings, error);
        else if (type == BITWARDEN_CARD)
            ok = bitwarden_card(item, where, cards, warnings, error);
        else
            skipped++;
        if (!ok)
            return FALSE;
    }
    if (skipped > 0 && warnings != NULL)
        g_ptr_array_add(warnings, g_strdup_printf("skipped %d Bitwarden items that are neither "
                                                  "identities nor cards (logins, notes, keys)",
                                                  skipped));
    while (cJSON_GetArraySize(cards) > 0)
        attach_card(personas, cJSON_DetachItemFromArray(cards, 0), "Bitwarden cards");
    return TRUE;
}

/* --- Keyfill export --------------------------------------------------------- */

static const char *const entry_lists[] = {"emails", "phones", "addresses", "cards"};

/* Removes the store's ids so the importing store assigns its own. */
static void strip_ids(cJSON *persona)
{
    cJSON_DeleteItemFromObjectCaseSensitive(persona, "id");
    for (gsize i = 0; i < G_N_ELEMENTS(entry_lists); i++) {
        cJSON *entry;
        cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(persona, entry_lists[i]))
        {
            cJSON_DeleteItemFromObjectCaseSensitive(entry, "id");
        }
    }
}

static gboolean import_keyfill(const char *data, gsize length, const char *passphrase,
                               cJSON *personas, GPtrArray *warnings, GError **error)
{
    g_autoptr(cJSON) exported = exportfile_read(data, length, passphrase, error);
    if (exported == NULL)
        return FALSE;
    int index = 0;
    while (cJSON_GetArraySize(exported) > 0) {
        g_autoptr(cJSON) persona = cJSON_DetachItemFromArray(exported, 0);
        g_autofree char *where = g_strdup_printf("personas[%d]", index++);
        if (!cJSON_IsObject(persona))
            return item_not_object(error, where);
        strip_ids(persona);
        if (!importer_validate_piece(persona, where, warnings, error))
            return FALSE;
        cJSON_AddItemToArray(personas, g_steal_pointer(&persona));
    }
    return TRUE;
}

cJSON *importer_parse(ImporterFormat format, const char *data, gsize length, const char *passphrase,
                      GPtrArray *warnings, GError **error)
{
    g_return_val_if_fail(data != NULL || length == 0, NULL);
    if (length > IMPORTER_FILE_MAX) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED,
                    "The file is larger than %d MiB. Split it and import the parts; nothing "
                    "was imported.",
                    IMPORTER_FILE_MAX / (1024 * 1024));
        return NULL;
    }
    /* Every format is UTF-8 text. Checked once here, so that no reader can
     * put other bytes into a persona or into an error message (which repeats
     * a bad column name, for instance). */
    const char *bad = NULL;
    if (!g_utf8_validate_len(data, length, &bad)) {
        gsize line = 1;
        for (const char *c = data; c < bad; c++)
            line += *c == '\n';
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IMPORT_MALFORMED,
                    "line %" G_GSIZE_FORMAT ": the file is not UTF-8 text (or holds a NUL byte). "
                    "Save it as UTF-8 and import it again; nothing was imported.",
                    line);
        return NULL;
    }
    g_autoptr(cJSON) personas = cJSON_CreateArray();
    gboolean ok = FALSE;
    switch (format) {
    case IMPORTER_FIREFOX:
        ok = import_firefox(data, length, personas, warnings, error);
        break;
    case IMPORTER_BITWARDEN:
        ok = import_bitwarden(data, length, personas, warnings, error);
        break;
    case IMPORTER_CSV:
        ok = csv_import(data, length, personas, warnings, error);
        break;
    case IMPORTER_KEYFILL:
        ok = import_keyfill(data, length, passphrase, personas, warnings, error);
        break;
    }
    if (!ok || !finish(personas, error))
        return NULL;
    return g_steal_pointer(&personas);
}
