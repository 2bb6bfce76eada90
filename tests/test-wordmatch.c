/*
 * test-wordmatch.c — the multi-pattern matcher finds every occurrence.
 */
#include "wordmatch.h"

#include <string.h>

static void on_match(guint pattern, gsize end, gpointer user_data)
{
    g_string_append_printf(user_data, "%u@%zu ", pattern, end);
}

static void test_overlaps(void)
{
    static const char *const patterns[] = {" name ", " first name ", "name", "he",
                                           "she",    "hers",         "名前", "前"};
    g_autoptr(WordMatcher) m = word_matcher_new(patterns, G_N_ELEMENTS(patterns));
    g_assert_nonnull(m);
    g_autoptr(GString) found = g_string_new(NULL);
    word_matcher_scan(m, " first name ", 12, on_match, found);
    /* "name" ends at byte 11, " first name " and " name " at 12 (longest first) */
    g_assert_cmpstr(found->str, ==, "2@11 1@12 0@12 ");
    g_string_truncate(found, 0);
    word_matcher_scan(m, "ushers", 6, on_match, found);
    g_assert_cmpstr(found->str, ==, "4@4 3@4 5@6 ");
    g_string_truncate(found, 0);
    const char *cjk = "お名前";
    word_matcher_scan(m, cjk, strlen(cjk), on_match, found);
    g_assert_cmpstr(found->str, ==, "6@9 7@9 ");
    g_string_truncate(found, 0);
    word_matcher_scan(m, "nothing here?", 13, on_match, found);
    g_assert_cmpstr(found->str, ==, "3@10 "); /* the "he" of "here" */
}

static void test_limit(void)
{
    /* More distinct prefix bytes than states: refused, not overflowed. */
    g_autofree char *huge = g_strnfill(WORDMATCH_MAX_STATES + 10, 'a');
    const char *patterns[] = {huge};
    WordMatcher *m = word_matcher_new(patterns, 1);
    g_assert_null(m);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/wordmatch/overlaps", test_overlaps);
    g_test_add_func("/wordmatch/limit", test_limit);
    return g_test_run();
}
