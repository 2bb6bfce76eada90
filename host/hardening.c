/*
 * hardening.c — no core files and no same-user ptrace for processes that
 * hold secrets.
 *
 * Both settings are needed: RLIMIT_CORE 0 alone is undone by a core_pattern
 * that pipes to a helper (systemd-coredump, apport ignore the limit), and
 * PR_SET_DUMPABLE 0 alone leaves the limit to children. Neither can fail for
 * an unprivileged process lowering its own limits, so a failure is reported
 * as a bug.
 */
#include "hardening.h"

#include "errors.h"

#include <errno.h>
#include <sys/prctl.h>
#include <sys/resource.h>

gboolean hardening_apply(GError **error)
{
    struct rlimit none = {0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0) {
        int saved = errno;
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INTERNAL,
                    "Could not turn off core files (%s). Report this as a Keyfill bug.",
                    g_strerror(saved));
        return FALSE;
    }
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
        int saved = errno;
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_INTERNAL,
                    "Could not protect the process memory from debuggers (%s). Report this as "
                    "a Keyfill bug.",
                    g_strerror(saved));
        return FALSE;
    }
    return TRUE;
}

gboolean hardening_is_applied(void)
{
    struct rlimit limit;
    if (getrlimit(RLIMIT_CORE, &limit) != 0)
        return FALSE;
    return limit.rlim_cur == 0 && limit.rlim_max == 0 && prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
}
