#include "sparse_memory.h"

#include <stdio.h>
#include <stdlib.h>

#define WORDS_PER_PAGE (FBA_PAGE_SIZE / 8u)
/* a sparse page's table never exceeds 2 * DENSE_AT slots, then the page becomes an array */
#define DENSE_AT 1024u
#define FIRST_SLOTS 8u

typedef struct fba_page {
    uint8_t *dense;   /* FBA_PAGE_SIZE bytes once dense, else NULL */
    uint32_t count;   /* words stored in the table */
    uint32_t mask;    /* table slots - 1, a power of two minus one */
    uint16_t *keys;   /* word index within the page + 1; 0 marks an empty slot */
    uint64_t *values; /* the word's 8 bytes, little-endian */
} fba_page;

static void *checked_calloc(size_t n, size_t size) {
    void *p = calloc(n, size);
    if (p == NULL) {
        /* the host ran out of memory: not something any protocol answer can describe */
        fputs("fba-c: out of host memory\n", stderr);
        exit(3);
    }
    return p;
}

static void free_page(fba_memory *m, uint32_t index) {
    fba_page *p = m->page[index];
    if (p == NULL) return;
    free(p->dense);
    free(p->keys);
    free(p->values);
    free(p);
    m->page[index] = NULL;
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

static uint32_t slot_of(const fba_page *p, uint32_t word) {
    return (word * 2654435761u >> 16) & p->mask;
}

static uint64_t dense_get(const uint8_t *d, uint32_t word) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | d[word * 8u + (uint32_t)i];
    return v;
}

static void dense_set(uint8_t *d, uint32_t word, uint64_t v) {
    for (uint32_t i = 0; i < 8; i++) d[word * 8u + i] = (uint8_t)(v >> (8 * i));
}

/* word: index of an 8-byte word in the whole memory (address / 8) */
static uint64_t get_word(const fba_memory *m, uint32_t word) {
    const fba_page *p = m->page[word / WORDS_PER_PAGE];
    uint32_t w = word % WORDS_PER_PAGE;
    if (p == NULL) return 0;
    if (p->dense != NULL) return dense_get(p->dense, w);
    for (uint32_t s = slot_of(p, w);; s = (s + 1) & p->mask) {
        if (p->keys[s] == 0) return 0;
        if (p->keys[s] == w + 1) return p->values[s];
    }
}

static void table_put(fba_page *p, uint32_t w, uint64_t v) {
    uint32_t s = slot_of(p, w);
    while (p->keys[s] != 0 && p->keys[s] != w + 1) s = (s + 1) & p->mask;
    if (p->keys[s] == 0) {
        p->keys[s] = (uint16_t)(w + 1);
        p->count++;
    }
    p->values[s] = v;
}

static void table_alloc(fba_page *p, uint32_t slots) {
    p->mask = slots - 1;
    p->keys = checked_calloc(slots, sizeof *p->keys);
    p->values = checked_calloc(slots, sizeof *p->values);
    p->count = 0;
}

/* keeps the table at most half full, or turns the page dense */
static void make_room(fba_page *p) {
    if (p->count + 1 <= (p->mask + 1) / 2) return;
    uint16_t *keys = p->keys;
    uint64_t *values = p->values;
    uint32_t slots = p->mask + 1;
    if (p->count + 1 > DENSE_AT) {
        p->dense = checked_calloc(1, FBA_PAGE_SIZE);
        for (uint32_t s = 0; s < slots; s++) {
            if (keys[s] != 0) dense_set(p->dense, keys[s] - 1u, values[s]);
        }
        p->keys = NULL;
        p->values = NULL;
    } else {
        table_alloc(p, slots * 2);
        for (uint32_t s = 0; s < slots; s++) {
            if (keys[s] != 0) table_put(p, keys[s] - 1u, values[s]);
        }
    }
    free(keys);
    free(values);
}

static void set_word(fba_memory *m, uint32_t word, uint64_t v) {
    uint32_t index = word / WORDS_PER_PAGE;
    uint32_t w = word % WORDS_PER_PAGE;
    fba_page *p = m->page[index];
    if (p == NULL) {
        if (v == 0) return; /* zero into a page never written changes nothing */
        p = checked_calloc(1, sizeof *p);
        table_alloc(p, FIRST_SLOTS);
        m->page[index] = p;
        if (index >= m->touched_limit) m->touched_limit = index + 1;
    }
    if (p->dense == NULL) make_room(p);
    if (p->dense != NULL) dense_set(p->dense, w, v);
    else table_put(p, w, v);
}

uint64_t mem_read64(const fba_memory *m, uint32_t addr) {
    uint32_t word = addr / 8u;
    uint32_t shift = (addr % 8u) * 8u;
    if (shift == 0) return get_word(m, word);
    /* straddles two words; addr + 8 <= 2^32 keeps word + 1 inside memory */
    return get_word(m, word) >> shift | get_word(m, word + 1) << (64u - shift);
}

void mem_write64(fba_memory *m, uint32_t addr, uint64_t value) {
    uint32_t word = addr / 8u;
    uint32_t shift = (addr % 8u) * 8u;
    if (shift == 0) {
        set_word(m, word, value);
        return;
    }
    uint64_t low_mask = (UINT64_C(1) << shift) - 1u; /* bytes of the first word kept */
    uint64_t first = (get_word(m, word) & low_mask) | value << shift;
    uint64_t second = (get_word(m, word + 1) & ~low_mask) |
                      value >> (64u - shift);
    set_word(m, word, first);
    set_word(m, word + 1, second);
}
