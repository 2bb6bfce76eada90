/*
 * test-framing.c — frames over a pipe: round trips and every malformed case.
 */
#include "errors.h"
#include "framing.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    int read_end;
    int write_end;
} Pipe;

static void pipe_setup(Pipe *p, gconstpointer data)
{
    int fds[2];
    g_assert_cmpint(pipe(fds), ==, 0);
    p->read_end = fds[0];
    p->write_end = fds[1];
}

static void pipe_teardown(Pipe *p, gconstpointer data)
{
    if (p->read_end >= 0)
        close(p->read_end);
    if (p->write_end >= 0)
        close(p->write_end);
}

static void write_raw(Pipe *p, const void *bytes, size_t length)
{
    g_assert_cmpint(write(p->write_end, bytes, length), ==, (ssize_t)length);
}

static void write_prefix(Pipe *p, uint32_t length)
{
    write_raw(p, &length, sizeof length);
}

static void close_writer(Pipe *p)
{
    close(p->write_end);
    p->write_end = -1;
}

static void test_round_trip(Pipe *p, gconstpointer data)
{
    const char *bodies[] = {"{}", "{\"id\":1,\"type\":\"hello\"}", "[\"é\",\"漢字\"]"};
    g_autoptr(GError) error = NULL;
    for (gsize i = 0; i < G_N_ELEMENTS(bodies); i++)
        g_assert_true(framing_write(p->write_end, bodies[i], strlen(bodies[i]), &error));
    close_writer(p);

    g_autoptr(FramingReader) reader = framing_reader_new(p->read_end, 1024);
    for (gsize i = 0; i < G_N_ELEMENTS(bodies); i++) {
        const char *message;
        size_t length;
        g_assert_cmpint(framing_read(reader, &message, &length, &error), ==, FRAMING_MESSAGE);
        g_assert_no_error(error);
        g_assert_cmpmem(message, length, bodies[i], strlen(bodies[i]));
        g_assert_cmpint(message[length], ==, '\0');
    }
    const char *message = NULL;
    size_t length = 0;
    g_assert_cmpint(framing_read(reader, &message, &length, &error), ==, FRAMING_END);
    g_assert_no_error(error);
}

static void test_native_byte_order(Pipe *p, gconstpointer data)
{
    g_autoptr(GError) error = NULL;
    g_assert_true(framing_write(p->write_end, "abc", 3, &error));
    close_writer(p);
    uint32_t prefix;
    char body[3];
    g_assert_cmpint(read(p->read_end, &prefix, 4), ==, 4);
    g_assert_cmpuint(prefix, ==, 3);
    g_assert_cmpint(read(p->read_end, body, 3), ==, 3);
    g_assert_cmpmem(body, 3, "abc", 3);
}

static void test_empty_stream_is_end(Pipe *p, gconstpointer data)
{
    close_writer(p);
    g_autoptr(FramingReader) reader = framing_reader_new(p->read_end, 1024);
    const char *message;
    size_t length;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(framing_read(reader, &message, &length, &error), ==, FRAMING_END);
    g_assert_no_error(error);
}

static void test_zero_length_frame(Pipe *p, gconstpointer data)
{
    write_prefix(p, 0);
    close_writer(p);
    g_autoptr(FramingReader) reader = framing_reader_new(p->read_end, 1024);
    const char *message;
    size_t length = 99;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(framing_read(reader, &message, &length, &error), ==, FRAMING_MESSAGE);
    g_assert_cmpuint(length, ==, 0);
    g_assert_cmpint(framing_read(reader, &message, &length, &error), ==, FRAMING_END);
}

static void test_truncated_header(Pipe *p, gconstpointer data)
{
    /* One, two and three bytes of a prefix are all "inside the header". */
    for (size_t cut = 1; cut < 4; cut++) {
        Pipe q;
        pipe_setup(&q, NULL);
        uint32_t prefix = 10;
        write_raw(&q, &prefix, cut);
        close_writer(&q);
        g_autoptr(FramingReader) reader = framing_reader_new(q.read_end, 1024);
        const char *message;
        size_t length;
        g_autoptr(GError) error = NULL;
        g_assert_cmpint(framing_read(reader, &message, &length, &error), ==, FRAMING_FAILED);
        g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_TRUNCATED_HEADER);
        pipe_teardown(&q, NULL);
    }
}

static void test_truncated_message(Pipe *p, gconstpointer data)
{
    write_prefix(p, 10);
    write_raw(p, "abcd", 4);
    close_writer(p);
    g_autoptr(FramingReader) reader = framing_reader_new(p->read_end, 1024);
    const char *message;
    size_t length;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(framing_read(reader, &message, &length, &error), ==, FRAMING_FAILED);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_TRUNCATED_MESSAGE);
}

/* The length is checked before anything is allocated or read. */
static void test_limit(Pipe *p, gconstpointer data)
{
    const size_t limit = 2048;
    g_autofree char *body = g_malloc(limit);
    memset(body, 'x', limit);
    g_autoptr(GError) error = NULL;

    /* Exactly at the limit: accepted. */
    write_prefix(p, (uint32_t)limit);
    write_raw(p, body, limit);
    /* One past: refused without reading the body. */
    write_prefix(p, (uint32_t)limit + 1);

    g_autoptr(FramingReader) reader = framing_reader_new(p->read_end, limit);
    const char *message;
    size_t length;
    g_assert_cmpint(framing_read(reader, &message, &length, &error), ==, FRAMING_MESSAGE);
    g_assert_cmpuint(length, ==, limit);
    g_assert_cmpint(framing_read(reader, &message, &length, &error), ==, FRAMING_FAILED);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_TOO_LARGE);
}

static void test_huge_prefix(Pipe *p, gconstpointer data)
{
    write_prefix(p, 0xFFFFFFFFu);
    g_autoptr(FramingReader) reader = framing_reader_new(p->read_end, FRAMING_DEFAULT_MAX_INCOMING);
    const char *message;
    size_t length;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(framing_read(reader, &message, &length, &error), ==, FRAMING_FAILED);
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_TOO_LARGE);
}

/* A writer that trickles bytes one at a time: the reader must assemble the
 * frame from many short reads. */
static gpointer trickle_writer(gpointer data)
{
    Pipe *p = data;
    const char *body = "{\"type\":\"hello\"}";
    uint32_t prefix = (uint32_t)strlen(body);
    g_autoptr(GByteArray) frame = g_byte_array_new();
    g_byte_array_append(frame, (const guint8 *)&prefix, 4);
    g_byte_array_append(frame, (const guint8 *)body, prefix);
    for (guint i = 0; i < frame->len; i++) {
        g_assert_cmpint(write(p->write_end, frame->data + i, 1), ==, 1);
        g_usleep(200);
    }
    close_writer(p);
    return NULL;
}

static void test_short_reads(Pipe *p, gconstpointer data)
{
    GThread *writer = g_thread_new("trickle", trickle_writer, p);
    g_autoptr(FramingReader) reader = framing_reader_new(p->read_end, 1024);
    const char *message;
    size_t length;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(framing_read(reader, &message, &length, &error), ==, FRAMING_MESSAGE);
    g_assert_cmpstr(message, ==, "{\"type\":\"hello\"}");
    g_assert_cmpint(framing_read(reader, &message, &length, &error), ==, FRAMING_END);
    g_thread_join(writer);
}

typedef struct {
    int fd;
    size_t length;
} ReadResult;

/* Reads one frame on its own thread, so a writer can fill the pipe. */
static gpointer read_one_frame(gpointer data)
{
    ReadResult *result = data;
    g_autoptr(FramingReader) reader = framing_reader_new(result->fd, 2 * 1024 * 1024);
    const char *message;
    g_autoptr(GError) error = NULL;
    g_assert_cmpint(framing_read(reader, &message, &result->length, &error), ==, FRAMING_MESSAGE);
    return NULL;
}

static void test_write_limit(Pipe *p, gconstpointer data)
{
    g_autofree char *body = g_malloc(FRAMING_MAX_OUTGOING + 1);
    memset(body, 'y', FRAMING_MAX_OUTGOING + 1);
    g_autoptr(GError) error = NULL;
    g_assert_false(framing_write(p->write_end, body, FRAMING_MAX_OUTGOING + 1, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_TOO_LARGE);
    g_clear_error(&error);

    /* Nothing was written for the refused frame; the largest allowed one goes
     * through whole. */
    ReadResult result = {.fd = p->read_end};
    GThread *reader = g_thread_new("reader", read_one_frame, &result);
    g_assert_true(framing_write(p->write_end, body, FRAMING_MAX_OUTGOING, &error));
    g_assert_no_error(error);
    g_thread_join(reader);
    g_assert_cmpuint(result.length, ==, FRAMING_MAX_OUTGOING);
}

static void test_write_to_closed_pipe(Pipe *p, gconstpointer data)
{
    close(p->read_end);
    p->read_end = -1;
    g_autoptr(GError) error = NULL;
    g_assert_false(framing_write(p->write_end, "{}", 2, &error));
    g_assert_error(error, KEYFILL_ERROR, KEYFILL_ERROR_IO);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    signal(SIGPIPE, SIG_IGN);
#define ADD(path, fn) g_test_add(path, Pipe, NULL, pipe_setup, fn, pipe_teardown)
    ADD("/framing/round-trip", test_round_trip);
    ADD("/framing/native-byte-order", test_native_byte_order);
    ADD("/framing/eof-between-messages", test_empty_stream_is_end);
    ADD("/framing/zero-length", test_zero_length_frame);
    ADD("/framing/eof-in-header", test_truncated_header);
    ADD("/framing/eof-in-message", test_truncated_message);
    ADD("/framing/limit", test_limit);
    ADD("/framing/length-0xffffffff", test_huge_prefix);
    ADD("/framing/short-reads", test_short_reads);
    ADD("/framing/write-limit", test_write_limit);
    ADD("/framing/write-closed", test_write_to_closed_pipe);
#undef ADD
    return g_test_run();
}
