/*
 * privileges.c — dropping capabilities with raw system calls (no libcap).
 *
 * Only async-signal-safe calls: it runs between fork and exec.
 */
#include "privileges.h"

#include <linux/capability.h>
#include <linux/securebits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

void privileges_drop_all(gpointer unused)
{
    /* Without NOROOT, a program root starts gets every capability back. */
    if (geteuid() == 0 && prctl(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_NOROOT_LOCKED) != 0)
        abort();
    struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    if (syscall(SYS_capset, &header, data) != 0)
        abort();
}
