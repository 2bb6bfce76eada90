/*
 * test-release.c — the consent flow that releases values (host/release.c),
 * through the real keyfill-host on a real store in a scratch folder with
 * the real keyring of tests/with-keyring: fill.plan asks (masked values
 * only), consent.answer fills exactly what was allowed, stored decisions
 * fill or refuse without asking, card data only on secure origins and only
 * into the frames the question names. After each step the audit log is
 * checked, and no value may appear in it nor anywhere in the database files.
 */
#include "audit-trail.h"
#include "host-process.h"

#include <glib/gstdio.h>
#include <string.h>

#define SITE "https://shop.example"
#define PAY "https://pay.example"
#define FRAMES "[{\"frame\": 0, \"origin\": \"" SITE "\"}, {\"frame\": 1, \"origin\": \"" PAY "\"}]"

static const char persona_json[] =
    "{\"label\": \"Home\", \"is_default\": true,"
    " \"name\": {\"given\": \"Ada\", \"family\": \"Lovelace\"},"
    " \"emails\": [{\"label\": \"personal\", \"address\": \"ada@example.org\"}],"
    " \"phones\": [{\"label\": \"mobile\", \"country\": \"GB\", \"number\": \"+447700900123\"}],"
    " \"addresses\": [{\"label\": \"shipping\", \"lines\": [\"12 Example Street\"],"
    "                 \"city\": \"London\", \"region\": \"\", \"postal_code\": \"SW1A 1AA\","
    "                 \"country\": \"GB\"},"
    "                {\"label\": \"billing\", \"lines\": [\"7 Billing Road\"],"
    "                 \"city\": \"Cambridge\", \"region\": \"\", \"postal_code\": \"CB2 1TN\","
    "                 \"country\": \"GB\"}],"
    " \"cards\": [{\"nickname\": \"Everyday\", \"holder\": \"Ada Lovelace\","
    "             \"number\": \"4242424242424242\", \"exp_month\": 12, \"exp_year\": 2030}]}";

/* A checkout on shop.example with the card fields in a pay.example frame
 * (frame 1), a security code and a hidden e-mail field. */
static const char fields_json[] =
    "\"fields\": ["
    " {\"index\": 0, \"type\": \"text\"}, {\"index\": 1, \"type\": \"text\"},"
    " {\"index\": 2, \"type\": \"email\"}, {\"index\": 3, \"type\": \"tel\"},"
    " {\"index\": 4, \"type\": \"text\"}, {\"index\": 5, \"type\": \"text\"},"
    " {\"index\": 6, \"type\": \"text\"},"
    " {\"index\": 7, \"tag\": \"select\", \"options\": [{\"value\": \"\", \"text\": \"Country\"},"
    "   {\"value\": \"FR\", \"text\": \"France\"}, {\"value\": \"GB\", \"text\": \"United "
    "Kingdom\"}]},"
    " {\"index\": 8, \"type\": \"text\"}, {\"index\": 9, \"type\": \"text\"},"
    " {\"index\": 10, \"frame\": 1, \"type\": \"text\"},"
    " {\"index\": 11, \"frame\": 1, \"type\": \"text\"},"
    " {\"index\": 12, \"frame\": 1, \"type\": \"text\", \"placeholder\": \"MM/YY\"},"
    " {\"index\": 13, \"frame\": 1, \"type\": \"text\"},"
    " {\"index\": 14, \"type\": \"email\", \"visible\": false}],"
    "\"classified\": ["
    " {\"index\": 0, \"type\": \"given-name\", \"section\": \"contact\"},"
    " {\"index\": 1, \"type\": \"family-name\", \"section\": \"contact\"},"
    " {\"index\": 2, \"type\": \"email\", \"section\": \"contact\"},"
    " {\"index\": 3, \"type\": \"tel\", \"section\": \"contact\"},"
    " {\"index\": 4, \"type\": \"street-address\", \"section\": \"shipping\"},"
    " {\"index\": 5, \"type\": \"address-level2\", \"section\": \"shipping\"},"
    " {\"index\": 6, \"type\": \"postal-code\", \"section\": \"shipping\"},"
    " {\"index\": 7, \"type\": \"country\", \"section\": \"shipping\"},"
    " {\"index\": 8, \"type\": \"street-address\", \"section\": \"billing\"},"
    " {\"index\": 9, \"type\": \"postal-code\", \"section\": \"billing\"},"
    " {\"index\": 10, \"type\": \"cc-name\", \"section\": \"card\"},"
    " {\"index\": 11, \"type\": \"cc-number\", \"section\": \"card\"},"
    " {\"index\": 12, \"type\": \"cc-exp\", \"section\": \"card\"},"
    " {\"index\": 13, \"type\": \"cc-csc\", \"section\": \"card\"},"
    " {\"index\": 14, \"type\": \"email\", \"section\": \"contact\"}]";

/* Every value of the persona as the page must receive it. */
static const char *const expected_fill[][2] = {
    {"0", "Ada"},
    {"1", "Lovelace"},
    {"2", "ada@example.org"},
    {"3", "+447700900123"},
    {"4", "12 Example Street"},
    {"5", "London"},
    {"6", "SW1A 1AA"},
    {"7", "GB"},
    {"8", "7 Billing Road"},
    {"9", "CB2 1TN"},
    {"10", "Ada Lovelace"},
    {"11", "4242424242424242"},
    {"12", "12/30"},
};

/* Values that must never appear in a question, the audit log or the
 * database files. */
static const char *const secrets[] = {
    "Lovelace",     "ada@example.org", "7700900123", "Example Street",   "SW1A",      "London",
    "Billing Road", "CB2 1TN",         "Cambridge",  "4242424242424242", "4242 4242", "12/30",
};

typedef struct {
    char *folder;
    char *db;
    char *db_env;
    HostProcess *host;
    char *persona_id;
    char *card_group;
} Fixture;

static void setup(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GError) error = NULL;
    f->folder = g_dir_make_tmp("keyfill-release-XXXXXX", &error);
    g_assert_no_error(error);
    f->db = g_build_filename(f->folder, "keyfill.db", NULL);
    f->db_env = g_strdup_printf("KEYFILL_DB=%s", f->db);
    const char *env[] = {f->db_env, NULL};
    f->host = host_process_start_chromium(env);
    g_autofree char *put =
        g_strdup_printf("{\"id\": 1, \"type\": \"persona.put\", \"persona\": %s}", persona_json);
    g_autoptr(cJSON) reply = host_process_call(f->host, put);
    f->persona_id =
        g_strdup(cJSON_GetStringValue(cJSON_GetObjectItem(host_process_result(reply), "id")));
    g_autofree char *get = g_strdup_printf(
        "{\"id\": 2, \"type\": \"persona.get\", \"persona\": \"%s\"}", f->persona_id);
    g_autoptr(cJSON) got = host_process_call(f->host, get);
    const cJSON *persona = cJSON_GetObjectItem(host_process_result(got), "persona");
    const cJSON *card = cJSON_GetArrayItem(cJSON_GetObjectItem(persona, "cards"), 0);
    f->card_group =
        g_strconcat("card:", cJSON_GetStringValue(cJSON_GetObjectItem(card, "id")), NULL);
}

static void teardown(Fixture *f, gconstpointer data)
{
    (void)data;
    g_assert_cmpint(host_process_finish(f->host, 5000, NULL), ==, 0);
    host_process_free(f->host);
    const char *suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (gsize i = 0; i < G_N_ELEMENTS(suffixes); i++) {
        g_autofree char *path = g_strconcat(f->db, suffixes[i], NULL);
        g_remove(path);
    }
    g_rmdir(f->folder);
    g_free(f->folder);
    g_free(f->db);
    g_free(f->db_env);
    g_free(f->persona_id);
    g_free(f->card_group);
}

/* fill.plan for values on @origin with @frames. */
static cJSON *plan_on(Fixture *f, const char *origin, const char *frames)
{
    return host_process_callf(
        f->host, "{\"id\": 3, \"type\": \"fill.plan\", \"origin\": \"%s\", \"frames\": %s, %s}",
        origin, frames, fields_json);
}

static cJSON *plan(Fixture *f)
{
    return plan_on(f, SITE, FRAMES);
}

/* The question of a fill.plan reply (failing when it released values). */
static const cJSON *question(const cJSON *reply)
{
    const cJSON *result = host_process_result(reply);
    g_assert_null(cJSON_GetObjectItem(result, "fill"));
    const cJSON *consent = cJSON_GetObjectItem(result, "consent");
    g_assert_true(cJSON_IsObject(consent));
    return consent;
}

static const char *request_id(const cJSON *reply)
{
    return cJSON_GetStringValue(cJSON_GetObjectItem(question(reply), "request_id"));
}

/* The asked groups of a question, joined by spaces. */
static char *asked_groups(const cJSON *reply)
{
    GString *text = g_string_new(NULL);
    const cJSON *group;
    cJSON_ArrayForEach(group, cJSON_GetObjectItem(question(reply), "groups"))
    {
        g_string_append_printf(text, "%s%s", text->len > 0 ? " " : "",
                               cJSON_GetStringValue(cJSON_GetObjectItem(group, "group")));
    }
    return g_string_free(text, FALSE);
}

/* consent.answer for @id with @decision for every asked group of @asked,
 * except @other_group, which gets @other_decision; resends the inputs with
 * @frames. */
static cJSON *answer_with(Fixture *f, const cJSON *asked, const char *origin, const char *frames,
                          const char *decision, const char *other_group, const char *other_decision)
{
    g_autoptr(GString) choices = g_string_new(NULL);
    const cJSON *group;
    cJSON_ArrayForEach(group, cJSON_GetObjectItem(question(asked), "groups"))
    {
        const char *name = cJSON_GetStringValue(cJSON_GetObjectItem(group, "group"));
        g_string_append_printf(choices, "%s{\"group\": \"%s\", \"decision\": \"%s\"}",
                               choices->len > 0 ? ", " : "", name,
                               g_strcmp0(name, other_group) == 0 ? other_decision : decision);
    }
    return host_process_callf(f->host,
                              "{\"id\": 4, \"type\": \"consent.answer\", \"request_id\": \"%s\","
                              " \"origin\": \"%s\", \"choices\": [%s], \"frames\": %s, %s}",
                              request_id(asked), origin, choices->str, frames, fields_json);
}

static cJSON *answer(Fixture *f, const cJSON *asked, const char *decision)
{
    return answer_with(f, asked, SITE, FRAMES, decision, NULL, NULL);
}

static const char *fill_value(const cJSON *reply, const char *index)
{
    const cJSON *fill = cJSON_GetObjectItem(host_process_result(reply), "fill");
    g_assert_true(cJSON_IsObject(fill));
    return cJSON_GetStringValue(cJSON_GetObjectItem(fill, index));
}

static const char *reason_at(const cJSON *reply, int index)
{
    const cJSON *skipped;
    cJSON_ArrayForEach(skipped, cJSON_GetObjectItem(host_process_result(reply), "skipped"))
    {
        if (cJSON_GetObjectItem(skipped, "index")->valueint == index)
            return cJSON_GetStringValue(cJSON_GetObjectItem(skipped, "reason"));
    }
    return NULL;
}

/* Every field filled with exactly its value; the code and the hidden field
 * left out. */
static void assert_full_fill(const cJSON *reply)
{
    for (gsize i = 0; i < G_N_ELEMENTS(expected_fill); i++)
        g_assert_cmpstr(fill_value(reply, expected_fill[i][0]), ==, expected_fill[i][1]);
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(host_process_result(reply), "fill")), ==,
                    G_N_ELEMENTS(expected_fill));
    g_assert_cmpstr(reason_at(reply, 13), ==, "never_stored");
    g_assert_cmpstr(reason_at(reply, 14), ==, "hidden");
}

static void assert_no_secret(const char *text)
{
    for (gsize i = 0; i < G_N_ELEMENTS(secrets); i++) {
        if (strstr(text, secrets[i]) != NULL)
            g_error("\"%s\" leaked into: %s", secrets[i], text);
    }
}

static void assert_no_secret_json(const cJSON *json)
{
    g_autofree char *printed = cJSON_PrintUnformatted(json);
    assert_no_secret(printed);
}

/* Audit entries, newest first. */
static cJSON *audit_entries(Fixture *f)
{
    g_autoptr(cJSON) reply =
        host_process_callf(f->host, "{\"id\": 5, \"type\": \"audit.list\", \"limit\": 500}");
    cJSON *entries = cJSON_DetachItemFromObject((cJSON *)host_process_result(reply), "entries");
    assert_no_secret_json(entries);
    return entries;
}

/* The trail of the @n newest audit entries, newest first. */
static char *newest_trail(Fixture *f, int n)
{
    g_autoptr(cJSON) entries = audit_entries(f);
    while (cJSON_GetArraySize(entries) > n)
        cJSON_DeleteItemFromArray(entries, n);
    return audit_trail(entries);
}

static char *joined(const cJSON *array)
{
    GString *text = g_string_new(NULL);
    const cJSON *item;
    cJSON_ArrayForEach(item, array)
        g_string_append_printf(text, "%s%s", text->len > 0 ? " " : "", item->valuestring);
    return g_string_free(text, FALSE);
}

/* The newest "release" entry: its groups, field types and frames. */
static void assert_last_release(Fixture *f, const char *groups, const char *fields,
                                const char *frames)
{
    g_autoptr(cJSON) entries = audit_entries(f);
    const cJSON *entry;
    cJSON_ArrayForEach(entry, entries)
    {
        if (g_strcmp0(cJSON_GetStringValue(cJSON_GetObjectItem(entry, "kind")), "release") != 0)
            continue;
        g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(entry, "site")), ==, SITE);
        g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(entry, "persona")), ==,
                        f->persona_id);
        g_autofree char *got_groups = joined(cJSON_GetObjectItem(entry, "groups"));
        g_autofree char *got_fields = joined(cJSON_GetObjectItem(entry, "fields"));
        g_autofree char *got_frames = joined(cJSON_GetObjectItem(entry, "frames"));
        g_assert_cmpstr(got_groups, ==, groups);
        g_assert_cmpstr(got_fields, ==, fields);
        g_assert_cmpstr(got_frames, ==, frames);
        return;
    }
    g_error("no release entry");
}

/* No value in any database file (the store seals them; the audit log and
 * the pending questions never hold them). */
static void assert_db_clean(Fixture *f)
{
    const char *suffixes[] = {"", "-wal"};
    for (gsize i = 0; i < G_N_ELEMENTS(suffixes); i++) {
        g_autofree char *path = g_strconcat(f->db, suffixes[i], NULL);
        g_autofree char *bytes = NULL;
        gsize length = 0;
        if (!g_file_get_contents(path, &bytes, &length, NULL))
            continue;
        for (gsize s = 0; s < G_N_ELEMENTS(secrets); s++)
            g_assert_null(memmem(bytes, length, secrets[s], strlen(secrets[s])));
    }
}

static char *all_groups(const Fixture *f)
{
    return g_strconcat("name email phone shipping_address billing_address ", f->card_group, NULL);
}

/* ask → allow once → every value; ask again; always → no ask except the
 * card; the card setting off → no ask at all. */
static void test_allow(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(cJSON) asked = plan(f);
    const cJSON *q = question(asked);
    assert_no_secret_json(asked);
    g_assert_cmpint(strlen(request_id(asked)), ==, 32);
    g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(q, "site")), ==, SITE);
    g_assert_nonnull(cJSON_GetStringValue(cJSON_GetObjectItem(q, "expires")));
    const cJSON *persona = cJSON_GetObjectItem(q, "persona");
    g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(persona, "id")), ==, f->persona_id);
    g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(persona, "label")), ==, "Home");
    const cJSON *frames = cJSON_GetObjectItem(q, "frames");
    g_assert_cmpint(cJSON_GetArraySize(frames), ==, 2);
    const cJSON *pay = cJSON_GetArrayItem(frames, 1);
    g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(pay, "origin")), ==, PAY);
    g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(pay, "role")), ==, "payment_provider");
    g_assert_cmpstr(
        cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(frames, 0), "role")), ==,
        "site");
    g_autofree char *groups = asked_groups(asked);
    g_autofree char *expected_groups = all_groups(f);
    g_assert_cmpstr(groups, ==, expected_groups);
    const cJSON *card = cJSON_GetArrayItem(cJSON_GetObjectItem(q, "groups"), 5);
    g_autofree char *card_fields = cJSON_PrintUnformatted(cJSON_GetObjectItem(card, "fields"));
    g_assert_cmpstr(card_fields, ==, "[10,11,12]");
    const cJSON *values = cJSON_GetObjectItem(card, "values");
    g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetObjectItem(values, "11")), ==,
                    "\u2022\u2022\u2022\u2022 4242");
    g_assert_cmpstr(reason_at(asked, 13), ==, "never_stored");
    g_autofree char *no_entries = newest_trail(f, 10);
    g_assert_cmpstr(no_entries, ==, "");

    /* allow once: every value, one release entry */
    g_autoptr(cJSON) once = answer(f, asked, "allow_once");
    assert_full_fill(once);
    g_autoptr(cJSON) fill_frames =
        cJSON_Duplicate(cJSON_GetObjectItem(host_process_result(once), "fill_frames"), TRUE);
    g_autofree char *printed_frames = cJSON_PrintUnformatted(fill_frames);
    g_assert_cmpstr(printed_frames, ==,
                    "[{\"frame\":0,\"origin\":\"" SITE "\"},{\"frame\":1,\"origin\":\"" PAY "\"}]");
    g_autofree char *trail = newest_trail(f, 10);
    g_assert_cmpstr(trail, ==, "release/- consent_grant/allow_once");
    assert_last_release(f, expected_groups,
                        "given-name family-name email tel street-address address-level2 "
                        "postal-code country cc-name cc-number cc-exp",
                        SITE " " PAY);

    /* the same id again is refused; a new plan asks again */
    g_autoptr(cJSON) replay = answer(f, asked, "allow_once");
    host_process_assert_error(replay, "consent_request_used");
    g_autoptr(cJSON) again = plan(f);
    g_autofree char *again_groups = asked_groups(again);
    g_assert_cmpstr(again_groups, ==, expected_groups);

    /* always: the next plan asks only for the card (it asks each time) */
    g_autoptr(cJSON) always = answer(f, again, "always_allow");
    assert_full_fill(always);
    g_autoptr(cJSON) card_only = plan(f);
    g_autofree char *card_groups = asked_groups(card_only);
    g_assert_cmpstr(card_groups, ==, f->card_group);
    const cJSON *already = cJSON_GetObjectItem(question(card_only), "already_allowed");
    g_assert_cmpint(cJSON_GetArraySize(already), ==, 5);
    assert_no_secret_json(card_only);
    g_autoptr(cJSON) card_once = answer(f, card_only, "allow_once");
    assert_full_fill(card_once);
    g_autofree char *card_trail = newest_trail(f, 2);
    g_assert_cmpstr(card_trail, ==, "release/- consent_grant/allow_once");

    /* the card's "ask each time" off: filled without a question */
    g_autoptr(cJSON) setting =
        host_process_callf(f->host,
                           "{\"id\": 6, \"type\": \"consent.card\", \"card_id\": \"%s\","
                           " \"ask_each_time\": false}",
                           f->card_group + strlen("card:"));
    host_process_result(setting);
    g_autoptr(cJSON) direct = plan(f);
    assert_full_fill(direct);
    g_autofree char *direct_trail = newest_trail(f, 2);
    g_assert_cmpstr(direct_trail, ==, "release/- consent_change/-");
    assert_db_clean(f);
}

/* deny → nothing of that group, asked again next time; always deny → not
 * asked, nothing filled; revoke → asked again. */
static void test_deny(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(cJSON) asked = plan(f);
    g_autoptr(cJSON) denied = answer_with(f, asked, SITE, FRAMES, "allow_once", "name", "deny");
    g_assert_null(fill_value(denied, "0"));
    g_assert_null(fill_value(denied, "1"));
    g_assert_cmpstr(reason_at(denied, 0), ==, "not_consented");
    g_assert_cmpstr(reason_at(denied, 1), ==, "not_consented");
    g_assert_cmpstr(fill_value(denied, "2"), ==, "ada@example.org");
    g_autoptr(cJSON) denied_list =
        cJSON_Duplicate(cJSON_GetObjectItem(host_process_result(denied), "denied"), TRUE);
    g_autofree char *denied_groups = joined(denied_list);
    g_assert_cmpstr(denied_groups, ==, "name");
    g_autofree char *trail = newest_trail(f, 3);
    g_assert_cmpstr(trail, ==, "release/- denial/deny consent_grant/allow_once");
    g_autofree char *fields_released =
        g_strconcat("email phone shipping_address billing_address ", f->card_group, NULL);
    assert_last_release(f, fields_released,
                        "email tel street-address address-level2 postal-code country cc-name "
                        "cc-number cc-exp",
                        SITE " " PAY);

    g_autoptr(cJSON) again = plan(f);
    g_autofree char *again_groups = asked_groups(again);
    g_autofree char *expected_groups = all_groups(f);
    g_assert_cmpstr(again_groups, ==, expected_groups);
    g_autoptr(cJSON) never =
        answer_with(f, again, SITE, FRAMES, "allow_once", "email", "always_deny");
    g_assert_cmpstr(reason_at(never, 2), ==, "not_consented");
    g_autoptr(cJSON) without_email = plan(f);
    g_autofree char *left = asked_groups(without_email);
    g_autofree char *expected_left =
        g_strconcat("name phone shipping_address billing_address ", f->card_group, NULL);
    g_assert_cmpstr(left, ==, expected_left);
    g_assert_cmpstr(reason_at(without_email, 2), ==, "not_consented");
    g_autofree char *automatic = newest_trail(f, 1);
    g_assert_cmpstr(automatic, ==, "denial/always_deny");
    /* answering with "always_deny" for everything: nothing filled at all,
     * and no release entry */
    g_autoptr(cJSON) nothing = answer(f, without_email, "always_deny");
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(host_process_result(nothing), "fill")),
                    ==, 0);
    g_autofree char *refused = newest_trail(f, 1);
    g_assert_cmpstr(refused, ==, "denial/always_deny");
    g_autoptr(cJSON) silent = plan(f);
    const cJSON *result = host_process_result(silent);
    g_assert_null(cJSON_GetObjectItem(result, "consent"));
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(result, "fill")), ==, 0);
    g_assert_cmpstr(reason_at(silent, 11), ==, "not_consented");

    /* revoke → asked again */
    g_autoptr(cJSON) revoked =
        host_process_callf(f->host, "{\"id\": 7, \"type\": \"consent.revoke\", \"site\": \"" SITE
                                    "\", \"all\": true}");
    g_assert_cmpint(cJSON_GetObjectItem(host_process_result(revoked), "revoked")->valueint, ==, 6);
    g_autoptr(cJSON) fresh = plan(f);
    g_autofree char *fresh_groups = asked_groups(fresh);
    g_assert_cmpstr(fresh_groups, ==, expected_groups);
    assert_db_clean(f);
}

/* A stored "always" that expires asks again. */
static void test_expiry(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(cJSON) asked = plan(f);
    g_autofree char *choices =
        g_strdup_printf("[{\"group\": \"phone\", \"decision\": \"always_allow\"}]");
    g_autoptr(cJSON) brief =
        host_process_callf(f->host,
                           "{\"id\": 8, \"type\": \"consent.answer\", \"request_id\": "
                           "\"%s\", \"origin\": \"" SITE "\", \"choices\": %s,"
                           " \"expires_in\": 1, \"frames\": " FRAMES ", %s}",
                           request_id(asked), choices, fields_json);
    const cJSON *result = host_process_result(brief);
    g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(result, "fill")), ==, 1);
    g_assert_cmpstr(fill_value(brief, "3"), ==, "+447700900123");
    g_autoptr(cJSON) still = plan(f);
    g_autofree char *without_phone = asked_groups(still);
    g_assert_null(strstr(without_phone, "phone"));
    g_usleep(1100 * 1000);
    g_autoptr(cJSON) expired = plan(f);
    g_autofree char *with_phone = asked_groups(expired);
    g_assert_nonnull(strstr(with_phone, "phone"));
    g_autofree char *trail = newest_trail(f, 1);
    g_assert_cmpstr(trail, ==, "consent_expire/always_allow");
}

/* A question answered from another site, twice, too late, or in another
 * host process. */
static void test_refusals(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(cJSON) asked = plan(f);
    g_autoptr(cJSON) elsewhere = answer_with(
        f, asked, "https://evil.example", "[{\"frame\": 0, \"origin\": \"https://evil.example\"}]",
        "allow_once", NULL, NULL);
    host_process_assert_error(elsewhere, "consent_request_wrong_site");
    assert_no_secret_json(elsewhere);

    /* the question is still open for its own site, in another process */
    const char *env[] = {f->db_env, NULL};
    g_autoptr(HostProcess) other = host_process_start_chromium(env);
    HostProcess *mine = f->host;
    f->host = other;
    g_autoptr(cJSON) crossed = answer(f, asked, "allow_once");
    f->host = mine;
    assert_full_fill(crossed);
    g_assert_cmpint(host_process_finish(other, 5000, NULL), ==, 0);
    g_autoptr(cJSON) twice = answer(f, asked, "allow_once");
    host_process_assert_error(twice, "consent_request_used");

    /* too late: the question's expiry passed (moved back in the database) */
    g_autoptr(cJSON) late = plan(f);
    g_autofree char *sql = g_strdup_printf(
        "UPDATE consent_requests SET expires = 1 WHERE id = '%s'", request_id(late));
    const char *argv[] = {"sqlite3", f->db, sql, NULL};
    int status = 0;
    g_autoptr(GError) error = NULL;
    g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                               NULL, &status, &error));
    g_assert_no_error(error);
    g_assert_cmpint(status, ==, 0);
    g_autoptr(cJSON) too_late = answer(f, late, "allow_once");
    host_process_assert_error(too_late, "consent_request_expired");

    /* a malformed resend is refused before the question is used up */
    g_autoptr(cJSON) bad =
        host_process_callf(f->host,
                           "{\"id\": 9, \"type\": \"consent.answer\", \"request_id\": \"%s\","
                           " \"origin\": \"" SITE "\", \"choices\": [],"
                           " \"fields\": [{\"index\": 1}, {\"index\": 1}]}",
                           request_id(asked));
    host_process_assert_error(bad, "invalid_argument");
    g_autofree char *trail = newest_trail(f, 2);
    g_assert_cmpstr(trail, ==, "release/- consent_grant/allow_once");
}

/* Card data: not on http://shop.example, yes on http://127.0.0.1; not into
 * an http frame; not into a frame the plan or the question does not name. */
static void test_origins_and_frames(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(cJSON) insecure =
        plan_on(f, "http://shop.example", "[{\"frame\": 1, \"origin\": \"http://shop.example\"}]");
    g_autofree char *insecure_groups = asked_groups(insecure);
    g_assert_cmpstr(insecure_groups, ==, "name email phone shipping_address billing_address");
    for (int i = 10; i <= 12; i++)
        g_assert_cmpstr(reason_at(insecure, i), ==, "insecure_origin");

    g_autoptr(cJSON) local = plan_on(f, "http://127.0.0.1:8080",
                                     "[{\"frame\": 1, \"origin\": \"http://127.0.0.1:8080\"}]");
    g_autofree char *local_groups = asked_groups(local);
    g_autofree char *expected_groups = all_groups(f);
    g_assert_cmpstr(local_groups, ==, expected_groups);
    g_autoptr(cJSON) local_fill = answer_with(
        f, local, "http://127.0.0.1:8080",
        "[{\"frame\": 1, \"origin\": \"http://127.0.0.1:8080\"}]", "allow_once", NULL, NULL);
    assert_full_fill(local_fill);

    /* an http payment frame in an https page */
    g_autoptr(cJSON) http_frame =
        plan_on(f, SITE, "[{\"frame\": 1, \"origin\": \"http://pay.example\"}]");
    g_assert_cmpstr(reason_at(http_frame, 11), ==, "insecure_origin");

    /* frame 1 not named at all */
    g_autoptr(cJSON) unnamed = plan_on(f, SITE, "[]");
    for (int i = 10; i <= 12; i++)
        g_assert_cmpstr(reason_at(unnamed, i), ==, "frame_not_named");

    /* the answer's resend moves frame 1 to another origin: the card goes
     * nowhere, the rest is filled */
    g_autoptr(cJSON) asked = plan(f);
    g_autoptr(cJSON) moved =
        answer_with(f, asked, SITE,
                    "[{\"frame\": 0, \"origin\": \"" SITE "\"}, {\"frame\": 1, \"origin\": "
                    "\"https://evil.example\"}]",
                    "allow_once", NULL, NULL);
    for (int i = 10; i <= 12; i++)
        g_assert_cmpstr(reason_at(moved, i), ==, "frame_not_named");
    g_assert_cmpstr(fill_value(moved, "0"), ==, "Ada");
    g_autofree char *moved_frames =
        joined(cJSON_GetObjectItem(host_process_result(moved), "groups"));
    g_assert_null(strstr(moved_frames, "card:"));

    /* frame 0 must be the site */
    g_autoptr(cJSON) wrong_top =
        plan_on(f, SITE, "[{\"frame\": 0, \"origin\": \"https://evil.example\"}]");
    host_process_assert_error(wrong_top, "invalid_argument");
    g_autoptr(cJSON) bad_frame = plan_on(f, SITE, "[{\"frame\": 1, \"origin\": \"pay\"}]");
    host_process_assert_error(bad_frame, "bad_origin");
    assert_db_clean(f);
}

/* The id of item @n of @array ("addresses", "emails") of the persona. */
static char *item_id(Fixture *f, const char *array, int n)
{
    g_autoptr(cJSON) got = host_process_callf(
        f->host, "{\"id\": 10, \"type\": \"persona.get\", \"persona\": \"%s\"}", f->persona_id);
    const cJSON *persona = cJSON_GetObjectItem(host_process_result(got), "persona");
    const cJSON *item = cJSON_GetArrayItem(cJSON_GetObjectItem(persona, array), n);
    return g_strdup(cJSON_GetStringValue(cJSON_GetObjectItem(item, "id")));
}

/* Updates item @json (with its "id") of kind @kind ("address", "email"). */
static void put_item(Fixture *f, const char *kind, const char *json)
{
    g_autoptr(cJSON) reply = host_process_callf(
        f->host, "{\"id\": 11, \"type\": \"%s.put\", \"persona\": \"%s\", \"item\": %s}", kind,
        f->persona_id, json);
    host_process_result(reply);
}

static int audit_count(Fixture *f)
{
    g_autoptr(cJSON) entries = audit_entries(f);
    return cJSON_GetArraySize(entries);
}

/* The masked value a question shows for field @index. */
static const char *shown_value(const cJSON *asked, const char *index)
{
    const cJSON *group;
    cJSON_ArrayForEach(group, cJSON_GetObjectItem(question(asked), "groups"))
    {
        const cJSON *value = cJSON_GetObjectItem(cJSON_GetObjectItem(group, "values"), index);
        if (value != NULL)
            return cJSON_GetStringValue(value);
    }
    return NULL;
}

/* An answer that must be refused as stale: nothing filled, nothing
 * audited. */
static void assert_stale(Fixture *f, cJSON *reply, int entries_before)
{
    host_process_assert_error(reply, "consent_answer_stale");
    g_assert_null(cJSON_GetObjectItem(reply, "result"));
    assert_no_secret_json(reply);
    g_assert_cmpint(audit_count(f), ==, entries_before);
}

/* The question pins the addresses and card it showed: a resend naming
 * another address is refused (and keeps nothing, so the question is still
 * open); the default shipping address changing before the answer does not
 * change what the answer fills. */
static void test_answer_pinned(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autofree char *home = item_id(f, "addresses", 0); /* labelled shipping: the default */
    g_autofree char *other = item_id(f, "addresses", 1);
    g_autoptr(cJSON) asked = plan(f);
    g_autofree char *shown_street = g_strdup(shown_value(asked, "4"));
    int entries = audit_count(f);

    g_autoptr(cJSON) swapped = host_process_callf(
        f->host,
        "{\"id\": 12, \"type\": \"consent.answer\", \"request_id\": \"%s\", \"origin\": \"" SITE
        "\", \"choices\": [{\"group\": \"shipping_address\", \"decision\": \"allow_once\"}],"
        " \"shipping\": \"%s\", \"frames\": " FRAMES ", %s}",
        request_id(asked), other, fields_json);
    assert_stale(f, swapped, entries);

    /* the other address becomes the default shipping address */
    g_autofree char *home_json =
        g_strdup_printf("{\"id\": \"%s\", \"label\": \"old\", \"lines\": [\"12 Example Street\"],"
                        " \"city\": \"London\", \"region\": \"\", \"postal_code\": \"SW1A 1AA\","
                        " \"country\": \"GB\"}",
                        home);
    g_autofree char *other_json =
        g_strdup_printf("{\"id\": \"%s\", \"label\": \"shipping\", \"lines\": [\"7 Billing Road\"],"
                        " \"city\": \"Cambridge\", \"region\": \"\", \"postal_code\": \"CB2 1TN\","
                        " \"country\": \"GB\"}",
                        other);
    put_item(f, "address", home_json);
    put_item(f, "address", other_json);
    g_autoptr(cJSON) now = plan(f);
    g_assert_cmpstr(shown_value(now, "4"), !=, shown_street); /* a new plan takes the other */

    g_autoptr(cJSON) filled = answer(f, asked, "allow_once");
    assert_full_fill(filled); /* 12 Example Street, as shown */
    g_autofree char *trail = newest_trail(f, 2);
    g_assert_cmpstr(trail, ==, "release/- consent_grant/allow_once");
    assert_db_clean(f);
}

/* A value edited, an address deleted or the persona deleted between the
 * question and the answer: the answer is refused with consent_answer_stale,
 * fills nothing and audits nothing. */
static void test_answer_stale(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(cJSON) edited_question = plan(f);
    g_autofree char *email = item_id(f, "emails", 0);
    g_autofree char *email_json = g_strdup_printf(
        "{\"id\": \"%s\", \"label\": \"personal\", \"address\": \"ada@engine.example\"}", email);
    put_item(f, "email", email_json);
    int entries = audit_count(f);
    g_autoptr(cJSON) edited = answer(f, edited_question, "allow_once");
    assert_stale(f, edited, entries);

    g_autoptr(cJSON) deleted_question = plan(f);
    g_autofree char *billing = item_id(f, "addresses", 1);
    g_autoptr(cJSON) removed = host_process_callf(
        f->host, "{\"id\": 13, \"type\": \"address.delete\", \"item_id\": \"%s\"}", billing);
    host_process_result(removed);
    g_autoptr(cJSON) deleted = answer(f, deleted_question, "allow_once");
    assert_stale(f, deleted, entries);

    g_autoptr(cJSON) gone_question = plan(f);
    g_autoptr(cJSON) gone = host_process_callf(
        f->host, "{\"id\": 14, \"type\": \"persona.delete\", \"persona\": \"%s\"}", f->persona_id);
    host_process_result(gone);
    g_autoptr(cJSON) orphan = answer(f, gone_question, "allow_once");
    assert_stale(f, orphan, entries);
    assert_db_clean(f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
#define ADD(path, func) g_test_add(path, Fixture, NULL, setup, func, teardown)
    ADD("/release/allow", test_allow);
    ADD("/release/deny", test_deny);
    ADD("/release/expiry", test_expiry);
    ADD("/release/refusals", test_refusals);
    ADD("/release/origins-and-frames", test_origins_and_frames);
    ADD("/release/answer-pinned", test_answer_pinned);
    ADD("/release/answer-stale", test_answer_stale);
    return g_test_run();
}
