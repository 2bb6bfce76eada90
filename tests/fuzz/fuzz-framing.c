/*
 * fuzz-framing.c — the frame reader and writer against a model of the format.
 *
 * Input: two bytes choosing the incoming limit (little-endian; 0 means the
 * default of 1 MiB), then the byte stream a browser would write to the
 * host's stdin. The stream is put in a memfd and read with framing_read()
 * until it ends or fails. A ten-line model of the format predicts every
 * outcome — each frame's bytes, a clean end, or which of truncated_header,
 * truncated_message and too_large — and the harness aborts on any
 * difference. Every frame read is written back with framing_write() and the
 * bytes written must equal the bytes consumed.
 */
#include "fuzz.h"

#include "errors.h"
#include "framing.h"

#include <glib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int input_fd = -1;
static int output_fd = -1;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    input_fd = memfd_create("fuzz-framing-in", MFD_CLOEXEC);
    output_fd = memfd_create("fuzz-framing-out", MFD_CLOEXEC);
    g_assert(input_fd >= 0 && output_fd >= 0);
    return 0;
}

static void reset_fd(int fd, const uint8_t *data, size_t size)
{
    g_assert(ftruncate(fd, 0) == 0);
    g_assert(pwrite(fd, data, size, 0) == (ssize_t)size);
    g_assert(lseek(fd, 0, SEEK_SET) == 0);
}

/* What the model expects at @at in @stream of @size bytes. */
typedef struct {
    FramingStatus status;
    int code;      /* the error code when FRAMING_FAILED */
    size_t length; /* the body length when FRAMING_MESSAGE */
} Expected;

static Expected model_next(const uint8_t *stream, size_t size, size_t at, size_t limit)
{
    size_t left = size - at;
    if (left == 0)
        return (Expected){FRAMING_END, 0, 0};
    if (left < 4)
        return (Expected){FRAMING_FAILED, KEYFILL_ERROR_TRUNCATED_HEADER, 0};
    uint32_t prefix;
    memcpy(&prefix, stream + at, 4);
    if (prefix > limit)
        return (Expected){FRAMING_FAILED, KEYFILL_ERROR_TOO_LARGE, 0};
    if (left - 4 < prefix)
        return (Expected){FRAMING_FAILED, KEYFILL_ERROR_TRUNCATED_MESSAGE, 0};
    return (Expected){FRAMING_MESSAGE, 0, prefix};
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    size_t limit = (size_t)data[0] | (size_t)data[1] << 8;
    if (limit == 0)
        limit = FRAMING_DEFAULT_MAX_INCOMING;
    const uint8_t *stream = data + 2;
    size_t stream_size = size - 2;

    reset_fd(input_fd, stream, stream_size);
    reset_fd(output_fd, NULL, 0);
    g_autoptr(FramingReader) reader = framing_reader_new(input_fd, limit);
    g_assert(reader != NULL);

    size_t at = 0;
    for (;;) {
        Expected expected = model_next(stream, stream_size, at, limit);
        const char *message = NULL;
        size_t length = 0;
        g_autoptr(GError) error = NULL;
        FramingStatus status = framing_read(reader, &message, &length, &error);
        g_assert_cmpint(status, ==, expected.status);
        if (status == FRAMING_END) {
            g_assert_no_error(error);
            /* The end stays the end. */
            g_assert_cmpint(framing_read(reader, &message, &length, NULL), ==, FRAMING_END);
            break;
        }
        if (status == FRAMING_FAILED) {
            g_assert_error(error, KEYFILL_ERROR, expected.code);
            g_assert(g_utf8_validate(error->message, -1, NULL));
            break;
        }
        g_assert_no_error(error);
        g_assert_cmpuint(length, ==, expected.length);
        g_assert(message[length] == '\0');
        g_assert(memcmp(message, stream + at + 4, length) == 0);
        at += 4 + length;

        /* Write it back: only frames the browsers accept are written. */
        gboolean wrote = framing_write(output_fd, message, length, &error);
        g_assert_cmpint(wrote, ==, length <= FRAMING_MAX_OUTGOING);
    }

    /* What was written back is exactly what was consumed. */
    off_t written = lseek(output_fd, 0, SEEK_CUR);
    g_assert_cmpint(written, ==, (off_t)at);
    if (at > 0) {
        g_autofree uint8_t *copy = g_malloc(at);
        g_assert(pread(output_fd, copy, at, 0) == (ssize_t)at);
        g_assert(memcmp(copy, stream, at) == 0);
    }
    return 0;
}
