#include "sparse_memory.h"

#include <stdio.h>
#include <stdlib.h>

#define CHUNK_BITS 10u
#define CHUNK_SIZE (1u << CHUNK_BITS)
#define CHUNKS_PER_PAGE (FBA_PAGE_SIZE / CHUNK_SIZE)

static void *checked_calloc(size_t n, size_t size) {
    void *p = calloc(n, size);
    if (p == NULL) {
        /* the host ran out of memory: not something any protocol answer can describe */
        fputs("fba-c: out of host memory\n", stderr);
        exit(3);
    }
    return p;
}

static void free_page(fba_memory *m, uint32_t page) {
    uint8_t **chunks = m->page_chunks[page];
    if (chunks == NULL) return;
    for (uint32_t i = 0; i < CHUNKS_PER_PAGE; i++) free(chunks[i]);
    free(chunks);
    m->page_chunks[page] = NULL;
}

static void free_pages_from(fba_memory *m, uint32_t first) {
    for (uint32_t p = first; p < m->touched_limit; p++) free_page(m, p);
    if (m->touched_limit > first) m->touched_limit = first;
}

void mem_reset(fba_memory *m, uint32_t pages, uint32_t max_pages) {
    free_pages_from(m, 0);
    m->pages = pages;
    m->max_pages = max_pages;
}

void mem_grow(fba_memory *m, uint32_t delta) { m->pages += delta; }

void mem_truncate(fba_memory *m, uint32_t pages) {
    free_pages_from(m, pages);
    m->pages = pages;
}

static const uint8_t *chunk_for_read(const fba_memory *m, uint32_t addr) {
    uint8_t **chunks = m->page_chunks[addr >> 16];
    if (chunks == NULL) return NULL;
    return chunks[(addr >> CHUNK_BITS) & (CHUNKS_PER_PAGE - 1)];
}

static uint8_t *chunk_for_write(fba_memory *m, uint32_t addr) {
    uint32_t page = addr >> 16;
    uint8_t **chunks = m->page_chunks[page];
    if (chunks == NULL) {
        chunks = checked_calloc(CHUNKS_PER_PAGE, sizeof *chunks);
        m->page_chunks[page] = chunks;
        if (page >= m->touched_limit) m->touched_limit = page + 1;
    }
    uint8_t **slot = &chunks[(addr >> CHUNK_BITS) & (CHUNKS_PER_PAGE - 1)];
    if (*slot == NULL) *slot = checked_calloc(1, CHUNK_SIZE);
    return *slot;
}

static uint8_t read_byte(const fba_memory *m, uint32_t addr) {
    const uint8_t *c = chunk_for_read(m, addr);
    return c == NULL ? 0 : c[addr & (CHUNK_SIZE - 1)];
}

uint64_t mem_read64(const fba_memory *m, uint32_t addr) {
    uint32_t off = addr & (CHUNK_SIZE - 1);
    uint64_t v = 0;
    if (off <= CHUNK_SIZE - 8) {
        const uint8_t *c = chunk_for_read(m, addr);
        if (c == NULL) return 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | c[off + (uint32_t)i];
        return v;
    }
    /* straddles two chunks; addr + 8 <= 2^32 so addr + i never wraps */
    for (int i = 7; i >= 0; i--) v = (v << 8) | read_byte(m, addr + (uint32_t)i);
    return v;
}

void mem_write64(fba_memory *m, uint32_t addr, uint64_t value) {
    uint32_t off = addr & (CHUNK_SIZE - 1);
    if (off <= CHUNK_SIZE - 8) {
        /* writing zeros into a chunk that does not exist yet changes nothing */
        if (value == 0 && chunk_for_read(m, addr) == NULL) return;
        uint8_t *c = chunk_for_write(m, addr);
        for (uint32_t i = 0; i < 8; i++) c[off + i] = (uint8_t)(value >> (8 * i));
        return;
    }
    for (uint32_t i = 0; i < 8; i++) {
        uint8_t b = (uint8_t)(value >> (8 * i));
        uint32_t a = addr + i;
        if (b == 0 && chunk_for_read(m, a) == NULL) continue;
        chunk_for_write(m, a)[a & (CHUNK_SIZE - 1)] = b;
    }
}
