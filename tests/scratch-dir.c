/*
 * scratch-dir.c — removing a test's scratch folder.
 */
#include "scratch-dir.h"

#include <glib/gstdio.h>

void scratch_dir_remove(const char *path)
{
    g_chmod(path, 0700);
    if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
        g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
        const char *name;
        while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
            g_autofree char *child = g_build_filename(path, name, NULL);
            scratch_dir_remove(child);
        }
        g_rmdir(path);
    } else {
        g_unlink(path);
    }
}
