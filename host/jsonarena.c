/*
 * jsonarena.c — the memory cJSON allocates while the host handles one
 * request.
 *
 * DESIGN: see jsonarena.h. Blocks are carved from chunks by bumping a
 * pointer, 8-byte aligned (cJSON stores pointers, doubles and text). The
 * chunks are kept from one request to the next, so a host that answers
 * forms of the same size reuses the same, already mapped, memory; a block
 * larger than a chunk gets a chunk of its own, freed at the end of the
 * request. Under AddressSanitizer each block carries its size in front and a
 * poisoned gap behind, every freed block and all memory outside a request is
 * poisoned, so overflows, uses after free and uses after the request are
 * reported as they were with malloc(). What a request wrote is zeroed when
 * it ends.
 */
#include "jsonarena.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define JSONARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JSONARENA_ASAN 1
#endif
#endif

#ifdef JSONARENA_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(start, bytes) ASAN_POISON_MEMORY_REGION(start, bytes)
#define UNPOISON(start, bytes) ASAN_UNPOISON_MEMORY_REGION(start, bytes)
#define BLOCK_HEADER 8u /* the block's size, read when it is freed */
#define BLOCK_REDZONE 8u
#else
#define POISON(start, bytes) ((void)(start), (void)(bytes))
#define UNPOISON(start, bytes) ((void)(start), (void)(bytes))
#define BLOCK_HEADER 0u
#define BLOCK_REDZONE 0u
#endif

#define BLOCK_ALIGN 8u
/* The first chunk holds a 30-field form's request, result and reply; each
 * further chunk doubles, up to CHUNK_MAX_BYTES (a 1 MiB request is about
 * 8 MiB of nodes). */
#define CHUNK_FIRST_BYTES ((gsize)256 * 1024)
#define CHUNK_MAX_BYTES ((gsize)4 * 1024 * 1024)

typedef struct Chunk {
    struct Chunk *next;
    gsize size;    /* bytes of data */
    guint8 *data;  /* right after the header */
} Chunk;

static struct {
    gboolean hooks_installed;
    gboolean active;
    Chunk *chunks;  /* kept for the process, in the order they are used */
    Chunk *current; /* the chunk blocks are carved from */
    guint8 *top;    /* its first free byte */
    Chunk *singles; /* this request's blocks larger than a chunk */
} arena;

/* Makes @chunk, sizeof(Chunk) + @size bytes, a chunk; passes NULL on. */
static Chunk *chunk_init(Chunk *chunk, gsize size)
{
    if (chunk == NULL)
        return NULL;
    chunk->next = NULL;
    chunk->size = size;
    chunk->data = (guint8 *)(chunk + 1);
    POISON(chunk->data, size);
    return chunk;
}

/* A chunk of @size bytes, or NULL when out of memory (cJSON's allocator
 * returns NULL then, and cJSON fails cleanly). */
static Chunk *chunk_new(gsize size)
{
    return chunk_init(g_try_malloc(sizeof(Chunk) + size), size);
}

static gboolean in_chunk(const Chunk *chunk, const void *p)
{
    /* as integers: @p may belong to another allocation */
    guintptr at = (guintptr)p, start = (guintptr)chunk->data;
    return at >= start && at - start < chunk->size;
}

/* The chunk @p was carved from, or NULL when malloc() gave it. */
static Chunk *chunk_of(const void *p)
{
    for (Chunk *chunk = arena.chunks; chunk != NULL; chunk = chunk->next) {
        if (in_chunk(chunk, p))
            return chunk;
    }
    for (Chunk *chunk = arena.singles; chunk != NULL; chunk = chunk->next) {
        if (in_chunk(chunk, p))
            return chunk;
    }
    return NULL;
}

/* Makes the current chunk one with @need free bytes: the next kept chunk
 * large enough, or a new one at the end. FALSE when out of memory. */
static gboolean next_chunk(gsize need)
{
    Chunk *chunk = arena.current;
    while (chunk->next != NULL && chunk->next->size < need)
        chunk = chunk->next;
    if (chunk->next == NULL) {
        gsize size = MIN(MAX(chunk->size * 2, need), CHUNK_MAX_BYTES);
        chunk->next = chunk_new(size);
        if (chunk->next == NULL)
            return FALSE;
    }
    arena.current = chunk->next;
    arena.top = arena.current->data;
    return TRUE;
}

static guint8 *carve(gsize need)
{
    if (need > CHUNK_MAX_BYTES) {
        Chunk *single = chunk_new(need);
        if (single == NULL)
            return NULL;
        single->next = arena.singles;
        arena.singles = single;
        return single->data;
    }
    if (need > (gsize)(arena.current->data + arena.current->size - arena.top) &&
        !next_chunk(need))
        return NULL;
    guint8 *block = arena.top;
    arena.top += need;
    return block;
}

static void *arena_malloc(size_t size)
{
    if (!arena.active)
        return malloc(size);
    gsize rounded = (size + BLOCK_ALIGN - 1) & ~(gsize)(BLOCK_ALIGN - 1);
    if (rounded < size)
        return NULL; /* overflow */
    guint8 *block = carve(BLOCK_HEADER + rounded + BLOCK_REDZONE);
    if (block == NULL)
        return NULL;
    UNPOISON(block, BLOCK_HEADER + size);
#ifdef JSONARENA_ASAN
    *(gsize *)block = size;
    POISON(block, BLOCK_HEADER);
#endif
    return block + BLOCK_HEADER;
}

static void arena_free(void *p)
{
    if (p == NULL)
        return;
    if (chunk_of(p) == NULL) {
        free(p);
        return;
    }
    /* A cJSON value allocated while a request was handled outlived it. */
    g_assert(arena.active);
#ifdef JSONARENA_ASAN
    guint8 *block = (guint8 *)p - BLOCK_HEADER;
    UNPOISON(block, BLOCK_HEADER);
    gsize size = *(gsize *)block;
    POISON(block, BLOCK_HEADER + size);
#endif
}

void jsonarena_begin(void)
{
    g_return_if_fail(!arena.active);
    if (!arena.hooks_installed) {
        cJSON_Hooks hooks = {arena_malloc, arena_free};
        cJSON_InitHooks(&hooks);
        arena.hooks_installed = TRUE;
    }
    if (arena.chunks == NULL) {
        /* g_malloc(), which aborts when out of memory: a request is always
         * inside the arena (protocol.c relies on it) */
        arena.chunks = chunk_init(g_malloc(sizeof(Chunk) + CHUNK_FIRST_BYTES), CHUNK_FIRST_BYTES);
    }
    arena.current = arena.chunks;
    arena.top = arena.current->data;
    arena.active = TRUE;
}

/* Zeroes the first @used bytes of @data: a request's values (a fill's
 * personal data among them) must not stay in memory kept for the next one,
 * or be handed back to the system readable. */
static void wipe(guint8 *data, gsize used)
{
    UNPOISON(data, used);
    explicit_bzero(data, used);
}

void jsonarena_end(void)
{
    g_return_if_fail(arena.active);
    for (Chunk *chunk = arena.chunks; chunk != arena.current->next; chunk = chunk->next) {
        wipe(chunk->data, chunk == arena.current ? (gsize)(arena.top - chunk->data) : chunk->size);
        POISON(chunk->data, chunk->size);
    }
    while (arena.singles != NULL) {
        Chunk *single = arena.singles;
        arena.singles = single->next;
        wipe(single->data, single->size);
        g_free(single);
    }
    arena.active = FALSE;
}

gsize jsonarena_reserved_bytes(void)
{
    gsize bytes = 0;
    for (Chunk *chunk = arena.chunks; chunk != NULL; chunk = chunk->next)
        bytes += chunk->size;
    return bytes;
}
