/*
 * test-consent.c — the consent model through its C API on a real store:
 * origins, groups, checks, requests and answers (allow once, always, deny,
 * always deny, cards asking each time, expiry, replay, another site), revoke,
 * site and card settings, and the audit entries each step writes.
 */
#include "audit-trail.h"
#include "store-fixture.h"
#include "audit.h"
#include "auditquery.h"
#include "consentrequest.h"
#include "errors.h"
#include "origin.h"

#include <string.h>

#define SITE "https://shop.example"
#define PERSONA "0123456789abcdef"

/* ---- origins and groups (no store) ------------------------------------- */

static const struct {
    const char *input;
    const char *canonical; /* NULL: refused */
} origin_rows[] = {
    {"https://shop.example", "https://shop.example"},
    {"https://Shop.EXAMPLE", "https://shop.example"},
    {"HTTPS://shop.example/", "https://shop.example"},
    {"https://shop.example:443", "https://shop.example"},
    {"https://shop.example:8443", "https://shop.example:8443"},
    {"http://shop.example:80", "http://shop.example"},
    {"http://localhost:8080", "http://localhost:8080"},
    {"https://xn--bcher-kva.example", "https://xn--bcher-kva.example"},
    {"http://127.0.0.1:3000", "http://127.0.0.1:3000"},
    {"https://[::1]:8443", "https://[::1]:8443"},
    {"https://[2001:DB8::1]", "https://[2001:db8::1]"},
    {"https://shop.example/cart", NULL},
    {"https://shop.example?x=1", NULL},
    {"https://shop.example#top", NULL},
    {"https://user@shop.example", NULL},
    {"https://bücher.example", NULL},
    {"ftp://shop.example", NULL},
    {"chrome-extension://iceljohmipnjghdnlgkldoicbgkapcab", NULL},
    {"shop.example", NULL},
    {"https://", NULL},
    {"https://shop..example", NULL},
    {"https://-shop.example", NULL},
    {"https://shop.example:0", NULL},
    {"https://shop.example:65536", NULL},
    {"https://shop.example:08443", NULL},
    {"https://shop.example:", NULL},
    {"https://shop example", NULL},
    {"https://[::1", NULL},
    {"https://[fe80::1%25eth0]", NULL},
    {"", NULL},
};

static void test_origins(void)
{
    for (gsize i = 0; i < G_N_ELEMENTS(origin_rows); i++) {
        g_autoptr(GError) error = NULL;
        g_autofree char *canonical = origin_normalize(origin_rows[i].input, &error);
        g_test_message("%s", origin_rows[i].input);
        g_assert_cmpstr(canonical, ==, origin_rows[i].canonical);
        if (canonical == NULL)
            g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_BAD_ORIGIN);
    }
    g_autofree char *long_host = g_strnfill(ORIGIN_MAX_LENGTH, 'a');
    g_autofree char *too_long = g_strconcat("https://", long_host, NULL);
    g_assert_null(origin_normalize(too_long, NULL));

    g_assert_true(origin_is_secure("https://shop.example"));
    g_assert_true(origin_is_secure("http://localhost:8080"));
    g_assert_true(origin_is_secure("http://127.0.0.1"));
    g_assert_false(origin_is_secure("http://shop.example"));
    g_assert_false(origin_is_secure("http://localhost.evil.example"));
}

static const struct {
    const char *group;
    gboolean valid;
    gboolean card;
} group_rows[] = {
    {"name", TRUE, FALSE},
    {"email", TRUE, FALSE},
    {"phone", TRUE, FALSE},
    {"shipping_address", TRUE, FALSE},
    {"billing_address", TRUE, FALSE},
    {"birthday", TRUE, FALSE},
    {"card:abc123", TRUE, TRUE},
    {"card:", FALSE, TRUE},
    {"card:a b", FALSE, TRUE},
    {"cards", FALSE, FALSE},
    {"Name", FALSE, FALSE},
    {"address", FALSE, FALSE},
    {"", FALSE, FALSE},
};

static void test_groups(void)
{
    for (gsize i = 0; i < G_N_ELEMENTS(group_rows); i++) {
        g_autoptr(GError) error = NULL;
        g_assert_cmpint(consent_group_validate(group_rows[i].group, &error), ==,
                        group_rows[i].valid);
        if (!group_rows[i].valid)
            g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_BAD_CONSENT_GROUP);
        else
            g_assert_cmpint(consent_group_is_card(group_rows[i].group), ==, group_rows[i].card);
    }
    ConsentDecision decision;
    g_autoptr(GError) error = NULL;
    g_assert_true(consent_decision_from_name("always_deny", &decision, &error));
    g_assert_cmpint(decision, ==, CONSENT_ALWAYS_DENY);
    g_assert_false(consent_decision_from_name("maybe", &decision, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_BAD_CONSENT_DECISION);
}

static const struct {
    const char *type;
    const char *section;
    const char *group; /* NULL: releases nothing */
} field_rows[] = {
    {"given-name", "shipping", "name"},
    {"family-name", "", "name"},
    {"organization", "billing", "name"},
    {"email", "contact", "email"},
    {"tel", "", "phone"},
    {"tel-local-suffix", "shipping", "phone"},
    {"bday-month", "", "birthday"},
    {"street-address", "shipping", "shipping_address"},
    {"address-line2", "billing", "billing_address"},
    {"postal-code", "", "shipping_address"},
    {"address-level1", "section-2", "shipping_address"},
    {"country-name", "billing", "billing_address"},
    {"cc-number", "card", "card:c1"},
    {"cc-exp-year", "billing", "card:c1"},
    {"cc-name", "", "card:c1"},
    {"cc-csc", "card", NULL},
    {"username", "", NULL},
    {"", "", NULL},
    {"tel-extension", "", "phone"},
};

static void test_field_groups(void)
{
    for (gsize i = 0; i < G_N_ELEMENTS(field_rows); i++) {
        g_autofree char *group =
            consent_group_for_field(field_rows[i].type, field_rows[i].section, "c1");
        g_assert_cmpstr(group, ==, field_rows[i].group);
        if (group != NULL)
            g_assert_true(consent_group_validate(group, NULL));
    }
    g_assert_null(consent_group_for_field("cc-number", "card", NULL));
    g_assert_null(consent_group_for_field("cc-number", "card", "not an id"));
}

/* ---- with a store ------------------------------------------------------ */

typedef StoreFixture Fixture;

/* The verdict of each group in @groups for SITE and PERSONA. */
static ConsentCheck *check(Fixture *fixture, const char *const *groups)
{
    g_autoptr(GError) error = NULL;
    ConsentCheck *result = consent_check(fixture->store, SITE, PERSONA, groups, &error);
    g_assert_no_error(error);
    return result;
}

static ConsentVerdict verdict(Fixture *fixture, const char *group)
{
    const char *groups[] = {group, NULL};
    g_autoptr(ConsentCheck) result = check(fixture, groups);
    return consent_check_verdict(result, group);
}

/* Saves a request for @groups (field i for group i) from @origin. */
static char *ask(Fixture *fixture, const char *origin, const char *const *groups, gint ttl)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(ConsentRequest) request = consent_request_new(origin, PERSONA, &error);
    g_assert_no_error(error);
    g_assert_true(consent_request_add_frame(request, origin, &error));
    for (gint i = 0; groups[i] != NULL; i++)
        g_assert_true(consent_request_add_field(request, groups[i], i, &error));
    g_assert_true(consent_request_save(fixture->store, request, ttl, &error));
    g_assert_no_error(error);
    g_assert_cmpuint(strlen(request->id), ==, CONSENT_REQUEST_ID_LENGTH);
    return g_strdup(request->id);
}

static ConsentAnswer *answer_one(Fixture *fixture, const char *id, const char *origin,
                                 const char *group, ConsentDecision decision, gint64 expires_in,
                                 GError **error)
{
    ConsentChoice choice = {group, decision};
    return consent_answer(fixture->store, id, origin, &choice, 1, expires_in, error);
}

/* The kinds and decisions of the audit entries after @after, oldest first,
 * as "kind/decision" joined by spaces. */
static char *trail_after(Fixture *fixture, gint64 after)
{
    g_autoptr(GError) error = NULL;
    AuditQuery query = {.cursor = after, .oldest_first = TRUE, .limit = AUDIT_PAGE_MAX};
    g_autoptr(cJSON) page = auditquery_list(fixture->store, &query, &error);
    g_assert_no_error(error);
    return audit_trail(cJSON_GetObjectItem(page, "entries"));
}

static void test_allow_once_asks_again(Fixture *fixture, gconstpointer data)
{
    const char *groups[] = {"name", "email", NULL};
    g_autoptr(ConsentCheck) first = check(fixture, groups);
    g_assert_true(consent_check_needs_request(first));

    g_autofree char *id = ask(fixture, SITE, groups, 0);
    ConsentChoice choices[] = {{"name", CONSENT_ALLOW_ONCE}, {"email", CONSENT_DENY}};
    g_autoptr(GError) error = NULL;
    g_autoptr(ConsentAnswer) answer =
        consent_answer(fixture->store, id, "https://SHOP.example:443", choices, 2, 0, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(answer->allowed->len, ==, 1);
    ConsentGroupFields *allowed = answer->allowed->pdata[0];
    g_assert_cmpstr(allowed->group, ==, "name");
    g_assert_cmpint(g_array_index(allowed->fields, gint, 0), ==, 0);
    g_assert_cmpuint(answer->denied->len, ==, 1);
    g_assert_cmpstr(answer->denied->pdata[0], ==, "email");

    g_assert_cmpint(verdict(fixture, "name"), ==, CONSENT_VERDICT_ASK);
    g_assert_cmpint(verdict(fixture, "email"), ==, CONSENT_VERDICT_ASK);
    g_autofree char *trail = trail_after(fixture, 0);
    g_assert_cmpstr(trail, ==, "consent_grant/allow_once denial/deny");
}

static void test_always_and_always_deny(Fixture *fixture, gconstpointer data)
{
    const char *groups[] = {"name", "phone", "birthday", NULL};
    g_autofree char *id = ask(fixture, SITE, groups, 0);
    ConsentChoice choices[] = {{"name", CONSENT_ALWAYS_ALLOW},
                               {"phone", CONSENT_ALWAYS_DENY}}; /* birthday left out: deny */
    g_autoptr(GError) error = NULL;
    g_autoptr(ConsentAnswer) answer =
        consent_answer(fixture->store, id, SITE, choices, 2, 0, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(answer->allowed->len, ==, 1);
    g_assert_cmpuint(answer->denied->len, ==, 2);

    g_autoptr(ConsentCheck) next = check(fixture, groups);
    g_assert_cmpint(consent_check_verdict(next, "name"), ==, CONSENT_VERDICT_ALLOWED);
    g_assert_cmpint(consent_check_verdict(next, "phone"), ==, CONSENT_VERDICT_DENIED);
    g_assert_cmpint(consent_check_verdict(next, "birthday"), ==, CONSENT_VERDICT_ASK);
    /* Another persona has consented to nothing. */
    const char *name_only[] = {"name", NULL};
    g_autoptr(ConsentCheck) other =
        consent_check(fixture->store, SITE, "fedcba9876543210", name_only, &error);
    g_assert_cmpint(consent_check_verdict(other, "name"), ==, CONSENT_VERDICT_ASK);

    g_autofree char *trail = trail_after(fixture, 0);
    g_assert_cmpstr(trail, ==,
                    "consent_grant/always_allow denial/deny denial/always_deny "
                    "denial/always_deny");

    /* Changing a stored decision is audited as a change. */
    const char *phone[] = {"phone", NULL};
    g_autofree char *again = ask(fixture, SITE, phone, 0);
    g_autoptr(ConsentAnswer) changed =
        answer_one(fixture, again, SITE, "phone", CONSENT_ALWAYS_ALLOW, 0, &error);
    g_assert_no_error(error);
    g_assert_cmpint(verdict(fixture, "phone"), ==, CONSENT_VERDICT_ALLOWED);
    g_autofree char *change_trail = trail_after(fixture, 4);
    g_assert_cmpstr(change_trail, ==, "consent_change/always_allow consent_grant/always_allow");
}

static void test_cards_ask_each_time(Fixture *fixture, gconstpointer data)
{
    const char *card[] = {"card:c1", NULL};
    g_autofree char *id = ask(fixture, SITE, card, 0);
    g_autoptr(GError) error = NULL;
    g_autoptr(ConsentAnswer) answer =
        answer_one(fixture, id, SITE, "card:c1", CONSENT_ALWAYS_ALLOW, 0, &error);
    g_assert_no_error(error);
    g_assert_cmpint(verdict(fixture, "card:c1"), ==, CONSENT_VERDICT_ASK);

    g_assert_true(consent_set_card_asks(fixture->store, "c1", FALSE, &error));
    g_assert_cmpint(verdict(fixture, "card:c1"), ==, CONSENT_VERDICT_ALLOWED);
    g_assert_true(consent_set_card_asks(fixture->store, "c1", TRUE, &error));
    g_assert_cmpint(verdict(fixture, "card:c1"), ==, CONSENT_VERDICT_ASK);
    g_assert_no_error(error);

    /* Asked again and allowed always again: a grant, not a change. */
    g_autofree char *again = ask(fixture, SITE, card, 0);
    g_autoptr(ConsentAnswer) renewed =
        answer_one(fixture, again, SITE, "card:c1", CONSENT_ALWAYS_ALLOW, 0, &error);
    g_assert_no_error(error);
    g_autofree char *trail = trail_after(fixture, 0);
    g_assert_cmpstr(trail, ==,
                    "consent_grant/always_allow consent_change/- consent_change/- "
                    "consent_grant/always_allow");

    /* Card data is never asked for by a plain-http page or frame. */
    g_autoptr(ConsentRequest) insecure =
        consent_request_new("http://shop.example", PERSONA, &error);
    g_assert_true(consent_request_add_field(insecure, "card:c1", 3, &error));
    g_assert_false(consent_request_save(fixture->store, insecure, 0, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INSECURE_ORIGIN);
    g_clear_error(&error);
    g_autoptr(ConsentRequest) frame = consent_request_new(SITE, PERSONA, &error);
    g_assert_true(consent_request_add_frame(frame, "http://pay.example", &error));
    g_assert_true(consent_request_add_field(frame, "card:c1", 3, &error));
    g_assert_false(consent_request_save(fixture->store, frame, 0, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INSECURE_ORIGIN);
}

static void test_request_refusals(Fixture *fixture, gconstpointer data)
{
    const char *groups[] = {"email", NULL};
    g_autofree char *id = ask(fixture, SITE, groups, 0);
    g_autoptr(GError) error = NULL;

    /* Another site: refused, and the request stays answerable. */
    g_assert_null(
        answer_one(fixture, id, "https://evil.example", "email", CONSENT_ALLOW_ONCE, 0, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_CONSENT_REQUEST_WRONG_SITE);
    g_clear_error(&error);
    g_assert_null(answer_one(fixture, id, SITE, "phone", CONSENT_ALLOW_ONCE, 0, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_CONSENT_GROUP_NOT_REQUESTED);
    g_clear_error(&error);
    g_assert_null(answer_one(fixture, "0123", SITE, "email", CONSENT_ALLOW_ONCE, 0, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_CONSENT_REQUEST_UNKNOWN);
    g_clear_error(&error);
    g_assert_null(answer_one(fixture, id, "not an origin", "email", CONSENT_ALLOW_ONCE, 0, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_BAD_ORIGIN);
    g_clear_error(&error);

    g_autoptr(ConsentAnswer) answer =
        answer_one(fixture, id, SITE, "email", CONSENT_ALLOW_ONCE, 0, &error);
    g_assert_no_error(error);
    /* Answered twice. */
    g_assert_null(answer_one(fixture, id, SITE, "email", CONSENT_ALLOW_ONCE, 0, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_CONSENT_REQUEST_USED);
    g_clear_error(&error);

    /* Too late. */
    g_autofree char *short_lived = ask(fixture, SITE, groups, 1);
    g_usleep(1100 * 1000);
    g_assert_null(answer_one(fixture, short_lived, SITE, "email", CONSENT_ALLOW_ONCE, 0, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_CONSENT_REQUEST_EXPIRED);

    /* Only the one real answer reached the audit log. */
    g_autofree char *trail = trail_after(fixture, 0);
    g_assert_cmpstr(trail, ==, "consent_grant/allow_once");
}

static void test_stored_consent_expires(Fixture *fixture, gconstpointer data)
{
    const char *groups[] = {"shipping_address", NULL};
    g_autofree char *id = ask(fixture, SITE, groups, 0);
    g_autoptr(GError) error = NULL;
    g_autoptr(ConsentAnswer) answer =
        answer_one(fixture, id, SITE, "shipping_address", CONSENT_ALWAYS_ALLOW, 1, &error);
    g_assert_no_error(error);
    g_assert_cmpint(verdict(fixture, "shipping_address"), ==, CONSENT_VERDICT_ALLOWED);
    g_usleep(1100 * 1000);
    g_assert_cmpint(verdict(fixture, "shipping_address"), ==, CONSENT_VERDICT_ASK);
    g_autofree char *trail = trail_after(fixture, 0);
    g_assert_cmpstr(trail, ==, "consent_grant/always_allow consent_expire/always_allow");
}

static void test_revoke_and_list(Fixture *fixture, gconstpointer data)
{
    const char *groups[] = {"name", "email", NULL};
    g_autofree char *id = ask(fixture, SITE, groups, 0);
    ConsentChoice choices[] = {{"name", CONSENT_ALWAYS_ALLOW}, {"email", CONSENT_ALWAYS_ALLOW}};
    g_autoptr(GError) error = NULL;
    g_autoptr(ConsentAnswer) answer =
        consent_answer(fixture->store, id, SITE, choices, 2, 0, &error);
    g_assert_no_error(error);

    g_autoptr(cJSON) page = consent_list(fixture->store, NULL, 0, 1, &error);
    g_assert_no_error(error);
    const cJSON *first = cJSON_GetArrayItem(cJSON_GetObjectItem(page, "consents"), 0);
    g_assert_cmpstr(cJSON_GetObjectItem(first, "group")->valuestring, ==, "name");
    g_assert_true(cJSON_IsNull(cJSON_GetObjectItem(first, "expires")));
    g_assert_cmpstr(cJSON_GetObjectItem(page, "next_cursor")->valuestring, ==,
                    "1"); /* one more page */

    g_assert_cmpint(consent_revoke(fixture->store,
                                   (gint64)cJSON_GetObjectItem(first, "id")->valuedouble, NULL,
                                   &error),
                    ==, 1);
    g_assert_cmpint(verdict(fixture, "name"), ==, CONSENT_VERDICT_ASK);
    g_assert_cmpint(verdict(fixture, "email"), ==, CONSENT_VERDICT_ALLOWED);
    g_assert_cmpint(consent_revoke(fixture->store, 0, "https://shop.example/", &error), ==, 1);
    g_assert_cmpint(verdict(fixture, "email"), ==, CONSENT_VERDICT_ASK);
    g_assert_cmpint(consent_revoke(fixture->store, 0, SITE, &error), ==, 0);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_CONSENT_NOT_FOUND);
    g_autofree char *trail = trail_after(fixture, 0);
    g_assert_cmpstr(trail, ==,
                    "consent_grant/always_allow consent_revoke/always_allow "
                    "consent_revoke/always_allow");
}

static void test_site_persona(Fixture *fixture, gconstpointer data)
{
    g_autoptr(GError) error = NULL;
    g_assert_null(consent_site_persona(fixture->store, SITE, &error));
    g_assert_no_error(error);
    g_assert_true(
        consent_set_site_persona(fixture->store, "https://SHOP.example", PERSONA, &error));
    g_autofree char *persona = consent_site_persona(fixture->store, SITE, &error);
    g_assert_cmpstr(persona, ==, PERSONA);
    g_assert_true(consent_set_site_persona(fixture->store, SITE, NULL, &error));
    g_assert_null(consent_site_persona(fixture->store, SITE, &error));
    g_assert_false(consent_set_site_persona(fixture->store, SITE, "not a persona", &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT);
}

static void test_limits(Fixture *fixture, gconstpointer data)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(ConsentRequest) request = consent_request_new(SITE, PERSONA, &error);
    for (gint i = 0; i < CONSENT_MAX_FIELDS; i++)
        g_assert_true(consent_request_add_field(request, "name", i, &error));
    g_assert_false(consent_request_add_field(request, "email", 0, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED);
    g_clear_error(&error);
    g_assert_false(consent_request_add_field(request, "email", -1, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT);
    g_clear_error(&error);
    for (gint i = 0; i < CONSENT_MAX_FRAMES; i++) {
        g_autofree char *frame = g_strdup_printf("https://f%d.example", i);
        g_assert_true(consent_request_add_frame(request, frame, &error));
    }
    g_assert_true(consent_request_add_frame(request, "https://f0.example", &error)); /* dup */
    g_assert_false(consent_request_add_frame(request, "https://f99.example", &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_LIMIT_EXCEEDED);
    g_clear_error(&error);

    g_autoptr(ConsentRequest) empty = consent_request_new(SITE, PERSONA, &error);
    g_assert_false(consent_request_save(fixture->store, empty, 0, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INVALID_ARGUMENT);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/consent/origins", test_origins);
    g_test_add_func("/consent/groups", test_groups);
    g_test_add_func("/consent/field-groups", test_field_groups);
#define ADD(path, func)                                                                            \
    g_test_add(path, Fixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)
    ADD("/consent/allow-once-asks-again", test_allow_once_asks_again);
    ADD("/consent/always-and-always-deny", test_always_and_always_deny);
    ADD("/consent/cards-ask-each-time", test_cards_ask_each_time);
    ADD("/consent/request-refusals", test_request_refusals);
    ADD("/consent/stored-consent-expires", test_stored_consent_expires);
    ADD("/consent/revoke-and-list", test_revoke_and_list);
    ADD("/consent/site-persona", test_site_persona);
    ADD("/consent/limits", test_limits);
    return g_test_run();
}
