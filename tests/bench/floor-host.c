/*
 * floor-host.c — the floor for bench-host: the least a native-messaging host
 * can do. It reads frames (4-byte native-endian length + body) from stdin and
 * answers each with one fixed small frame, then exits 0 at end of input.
 *
 * It links only libc and parses nothing, so its cold start and round trip are
 * what starting a process and moving the bytes through two pipes cost on this
 * machine at this moment. bench-host reports every keyfill-host figure as a
 * ratio to this program's figure for the same message, measured in the same
 * run, because the machine is shared and absolute times drift.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FLOOR_MAX_MESSAGE ((uint32_t)64 * 1024 * 1024)

static const char reply[] = "{\"id\":1,\"ok\":true,\"result\":{}}";

static int read_all(void *buffer, size_t length)
{
    char *at = buffer;
    while (length > 0) {
        ssize_t got = read(STDIN_FILENO, at, length);
        if (got <= 0)
            return -1;
        at += got;
        length -= (size_t)got;
    }
    return 0;
}

static int write_all(const void *buffer, size_t length)
{
    const char *at = buffer;
    while (length > 0) {
        ssize_t put = write(STDOUT_FILENO, at, length);
        if (put <= 0)
            return -1;
        at += put;
        length -= (size_t)put;
    }
    return 0;
}

int main(void)
{
    char *body = NULL;
    size_t capacity = 0;
    for (;;) {
        uint32_t length;
        if (read_all(&length, sizeof length) != 0)
            break;
        if (length > FLOOR_MAX_MESSAGE)
            return 1;
        if (length > capacity) {
            char *grown = realloc(body, length);
            if (grown == NULL)
                return 1;
            body = grown;
            capacity = length;
        }
        if (read_all(body, length) != 0)
            return 1;
        char frame[sizeof(uint32_t) + sizeof reply - 1];
        uint32_t out = sizeof reply - 1;
        memcpy(frame, &out, sizeof out);
        memcpy(frame + sizeof out, reply, sizeof reply - 1);
        if (write_all(frame, sizeof frame) != 0)
            return 1;
    }
    free(body);
    return 0;
}
