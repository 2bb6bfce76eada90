/*
 * jsonarena.h — the memory cJSON allocates while the host handles one
 * request.
 *
 * A request of 30 fields is ~2,500 cJSON nodes and strings, each one
 * malloc() and one free() in glibc: about a third of what a warm classify
 * costs. Between jsonarena_begin() and jsonarena_end() every cJSON
 * allocation is a bump of a pointer in chunks kept for the process, and
 * freeing is nothing; jsonarena_end() takes the whole request's memory back
 * at once. protocol_handle() brackets each request with the two, so
 * everything cJSON allocates while a request is handled (the parsed request,
 * the result, the printed reply) dies with it; the reply leaves as GLib
 * memory, copied before the end.
 *
 * cJSON's allocator hooks are global, so they are installed once for the
 * process (at the first jsonarena_begin()) and send every allocation made
 * outside a request to malloc(), and every free of such memory to free():
 * the keyfill CLI, the tests and the store use cJSON as before. A cJSON
 * value allocated inside a request must not outlive it: freeing one after
 * jsonarena_end() asserts, and under AddressSanitizer the memory of ended
 * requests (and of every freed block) is poisoned, so a use after the end
 * is reported like a use after free.
 *
 * Single-threaded, like the host's request loop. Never logs, never sees
 * which bytes are values.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Starts a request: cJSON allocates from the arena until jsonarena_end().
 * Not nested. */
void jsonarena_begin(void);

/* Ends the request: every block cJSON allocated since jsonarena_begin() is
 * zeroed and released at once, so a tree built in between needs no cJSON_Delete()
 * (the chunks are kept for the next request, but for single blocks larger
 * than a chunk, which go back to the system). */
void jsonarena_end(void);

/* Bytes of chunks the arena holds (for tests and the benchmarks' notes). */
gsize jsonarena_reserved_bytes(void);

G_END_DECLS
