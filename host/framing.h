/*
 * framing.h — native-messaging frames on a file descriptor.
 *
 * A frame is a 32-bit length in the machine's byte order followed by that many
 * bytes (UTF-8 JSON, though this module never looks inside). This module owns
 * the byte stream and nothing else: it never parses JSON and never logs.
 *
 * DESIGN: the reader keeps one buffer for the life of the host and grows it
 * only up to the incoming limit, which is checked before any allocation, so a
 * hostile length prefix cannot make the host allocate. The writer refuses
 * frames larger than the browsers accept toward an extension.
 */
#pragma once

#include <glib.h>
#include <stddef.h>

G_BEGIN_DECLS

/* Incoming limit when the config sets none: 1 MiB. */
#define FRAMING_DEFAULT_MAX_INCOMING ((size_t)1024 * 1024)
/* Hard ceiling for the configurable incoming limit: 64 MiB. */
#define FRAMING_MAX_INCOMING_CEILING ((size_t)64 * 1024 * 1024)
/* Chrome and Firefox drop host-to-extension messages larger than this. */
#define FRAMING_MAX_OUTGOING ((size_t)1000000)

typedef enum {
    FRAMING_MESSAGE, /* a whole frame was read */
    FRAMING_END,     /* the stream ended cleanly between frames */
    FRAMING_FAILED,  /* see the GError: truncated, too large or I/O */
} FramingStatus;

typedef struct FramingReader FramingReader;

/* Creates a reader on @fd that refuses frames longer than @max_incoming bytes.
 * The reader does not own @fd. Free with framing_reader_free(). */
FramingReader *framing_reader_new(int fd, size_t max_incoming);
void framing_reader_free(FramingReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FramingReader, framing_reader_free)

/* Reads the next frame. On FRAMING_MESSAGE, *message points to the body
 * (followed by a NUL byte that is not part of it) and *length holds its size;
 * the body stays valid until the next call. On FRAMING_END nothing is written.
 * On FRAMING_FAILED @error is set to KEYFILL_ERROR_TRUNCATED_HEADER,
 * _TRUNCATED_MESSAGE, _TOO_LARGE or _IO; the stream cannot be resynchronised
 * after that. */
FramingStatus framing_read(FramingReader *reader, const char **message, size_t *length,
                           GError **error);

/* Waits at most @timeout_ms for the next frame to start arriving (or the
 * stream to end). TRUE when it did (or the wait was interrupted: the next
 * framing_read() then blocks as usual), FALSE when the time ran out first.
 * Reads nothing. */
gboolean framing_reader_wait(FramingReader *reader, int timeout_ms);

/* Writes one frame holding @length bytes of @message, retrying short writes.
 * Fails with KEYFILL_ERROR_TOO_LARGE (nothing written) when @length is over
 * FRAMING_MAX_OUTGOING, or KEYFILL_ERROR_IO. */
gboolean framing_write(int fd, const char *message, size_t length, GError **error);

G_END_DECLS
