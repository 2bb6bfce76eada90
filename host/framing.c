/*
 * framing.c — reading and writing native-messaging frames.
 *
 * Never parses JSON, never logs: errors go back to the caller as GErrors.
 */
#include "framing.h"

#include "errors.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

struct FramingReader {
    int fd;
    size_t max_incoming;
    char *buffer; /* reused for every frame; capacity includes the NUL */
    size_t capacity;
};

FramingReader *framing_reader_new(int fd, size_t max_incoming)
{
    g_return_val_if_fail(fd >= 0, NULL);
    g_return_val_if_fail(max_incoming > 0 && max_incoming <= FRAMING_MAX_INCOMING_CEILING, NULL);

    FramingReader *reader = g_new0(FramingReader, 1);
    reader->fd = fd;
    reader->max_incoming = max_incoming;
    return reader;
}

void framing_reader_free(FramingReader *reader)
{
    if (reader == NULL)
        return;
    /* The buffer held requests that may carry personal values. */
    if (reader->buffer != NULL)
        explicit_bzero(reader->buffer, reader->capacity);
    g_free(reader->buffer);
    g_free(reader);
}

/* Reads up to @wanted bytes, looping over short reads and EINTR. Returns the
 * number read, which is less than @wanted only at end of stream, or -1 with
 * @error set on an I/O failure. */
static gssize read_fully(int fd, char *into, size_t wanted, GError **error)
{
    size_t done = 0;
    while (done < wanted) {
        ssize_t got = read(fd, into + done, wanted - done);
        if (got == 0)
            break;
        if (got < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IO,
                        "Reading from the browser failed (%s). Restart the browser and try again.",
                        g_strerror(saved));
            return -1;
        }
        done += (size_t)got;
    }
    return (gssize)done;
}

gboolean framing_reader_wait(FramingReader *reader, int timeout_ms)
{
    g_return_val_if_fail(reader != NULL && timeout_ms >= 0, TRUE);
    struct pollfd wanted = {.fd = reader->fd, .events = POLLIN};
    /* The reader reads whole frames and nothing beyond them, so nothing of
     * the next frame can be waiting in its buffer: the descriptor says it. */
    return poll(&wanted, 1, timeout_ms) != 0;
}

FramingStatus framing_read(FramingReader *reader, const char **message, size_t *length,
                           GError **error)
{
    g_return_val_if_fail(reader != NULL, FRAMING_FAILED);
    g_return_val_if_fail(message != NULL && length != NULL, FRAMING_FAILED);

    uint32_t prefix = 0;
    gssize got = read_fully(reader->fd, (char *)&prefix, sizeof prefix, error);
    if (got < 0)
        return FRAMING_FAILED;
    if (got == 0)
        return FRAMING_END;
    if ((size_t)got < sizeof prefix) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_TRUNCATED_HEADER,
                    "The message stream ended after %zd of the 4 length bytes. "
                    "The browser closed the connection mid-message; try the action again.",
                    got);
        return FRAMING_FAILED;
    }

    size_t body_length = prefix;
    if (body_length > reader->max_incoming) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_TOO_LARGE,
                    "A message of %zu bytes is over the limit of %zu bytes. "
                    "Fill a smaller form, or raise max-message-bytes in the Keyfill config.",
                    body_length, reader->max_incoming);
        return FRAMING_FAILED;
    }

    if (body_length + 1 > reader->capacity) {
        /* Grow to the next power of two (bounded by the limit) to make
         * repeated growth rare; old contents are not needed. */
        size_t capacity = 4096;
        while (capacity < body_length + 1)
            capacity *= 2;
        capacity = MIN(capacity, reader->max_incoming + 1);
        if (reader->buffer != NULL)
            explicit_bzero(reader->buffer, reader->capacity);
        g_free(reader->buffer);
        reader->buffer = g_malloc(capacity);
        reader->capacity = capacity;
    }

    got = read_fully(reader->fd, reader->buffer, body_length, error);
    if (got < 0)
        return FRAMING_FAILED;
    if ((size_t)got < body_length) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_TRUNCATED_MESSAGE,
                    "The message stream ended after %zd of %zu announced bytes. "
                    "The browser closed the connection mid-message; try the action again.",
                    got, body_length);
        return FRAMING_FAILED;
    }
    reader->buffer[body_length] = '\0';
    *message = reader->buffer;
    *length = body_length;
    return FRAMING_MESSAGE;
}

gboolean framing_write(int fd, const char *message, size_t length, GError **error)
{
    g_return_val_if_fail(fd >= 0, FALSE);
    g_return_val_if_fail(message != NULL || length == 0, FALSE);

    if (length > FRAMING_MAX_OUTGOING) {
        g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_TOO_LARGE,
                    "A reply of %zu bytes is over the browsers' limit of %zu bytes.", length,
                    FRAMING_MAX_OUTGOING);
        return FALSE;
    }

    uint32_t prefix = (uint32_t)length;
    struct iovec parts[2] = {
        {.iov_base = &prefix, .iov_len = sizeof prefix},
        {.iov_base = (void *)message, .iov_len = length},
    };
    struct iovec *next = parts;
    int remaining_parts = 2;
    while (remaining_parts > 0) {
        ssize_t wrote = writev(fd, next, remaining_parts);
        if (wrote < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            g_set_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IO,
                        "Writing to the browser failed (%s). The browser may have closed the "
                        "connection; try the action again.",
                        g_strerror(saved));
            return FALSE;
        }
        size_t left = (size_t)wrote;
        while (remaining_parts > 0 && left >= next->iov_len) {
            left -= next->iov_len;
            next++;
            remaining_parts--;
        }
        if (remaining_parts > 0) {
            next->iov_base = (char *)next->iov_base + left;
            next->iov_len -= left;
        }
    }
    return TRUE;
}
