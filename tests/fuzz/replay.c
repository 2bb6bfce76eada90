/*
 * replay.c — replays a harness's inputs without libFuzzer.
 *
 *   replay-<name> DIR...
 *
 * Feeds every regular file of each DIR (in name order; names starting with
 * '.' are skipped) to LLVMFuzzerTestOneInput, so the seed corpus and every
 * past crash run as an ordinary `meson test` under any compiler and
 * sanitizer. A DIR that does not exist is an error, except the second and
 * later ones (a harness may have no regressions yet); a run that replays no
 * input at all fails, so a misplaced corpus cannot pass silently.
 */
#include "fuzz.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

static gint compare_names(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

/* Replays the files of @path; returns how many, or -1 when @path is missing. */
static int replay_dir(const char *path)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(GDir) dir = g_dir_open(path, 0, &error);
    if (dir == NULL)
        return -1;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while ((name = g_dir_read_name(dir)) != NULL) {
        if (name[0] != '.')
            g_ptr_array_add(names, g_strdup(name));
    }
    g_ptr_array_sort(names, compare_names);

    int replayed = 0;
    for (guint i = 0; i < names->len; i++) {
        g_autofree char *file = g_build_filename(path, names->pdata[i], NULL);
        if (!g_file_test(file, G_FILE_TEST_IS_REGULAR))
            continue;
        g_autofree char *contents = NULL;
        gsize length = 0;
        if (!g_file_get_contents(file, &contents, &length, &error)) {
            fprintf(stderr, "replay: %s\n", error->message);
            exit(1);
        }
        /* An exact-size copy, as libFuzzer gives: an over-read past the
         * input is caught by AddressSanitizer instead of hitting the NUL
         * that g_file_get_contents appends. */
        g_autofree uint8_t *input = g_memdup2(contents, length > 0 ? length : 1);
        printf("replay: %s (%zu bytes)\n", file, length);
        fflush(stdout);
        LLVMFuzzerTestOneInput(input, length);
        replayed++;
    }
    return replayed;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR [REGRESSION_DIR...]\n", argv[0]);
        return 2;
    }
    LLVMFuzzerInitialize(&argc, &argv);
    int total = 0;
    for (int i = 1; i < argc; i++) {
        int replayed = replay_dir(argv[i]);
        if (replayed < 0 && i == 1) {
            fprintf(stderr, "replay: the corpus directory %s is missing\n", argv[i]);
            return 1;
        }
        if (replayed > 0)
            total += replayed;
    }
    if (total == 0) {
        fprintf(stderr, "replay: no input found\n");
        return 1;
    }
    printf("replay: %d inputs replayed without failure\n", total);
    return 0;
}
