/* A Wasm-style linear memory of up to 65536 pages of 64 KiB (4 GiB) that costs nothing until
 * written. A written page starts as a small hash table of its 8-byte words (an allocator writes
 * one header per block, so most pages hold a few words) and turns into a plain 64 KiB array once
 * it holds 1024 words. Unwritten bytes read as zero. Callers check bounds: these functions
 * assume addr + 8 <= size. */
#ifndef FBA_SPARSE_MEMORY_H
#define FBA_SPARSE_MEMORY_H

#include <stdint.h>

#define FBA_PAGE_SIZE 65536u
#define FBA_MAX_PAGES 65536u

struct fba_page;

typedef struct fba_memory {
    /* NULL for a page never written since it was last discarded */
    struct fba_page *page[FBA_MAX_PAGES];
    uint32_t pages;
    uint32_t max_pages;
    /* every materialised page index is below this: bounds the scan on reset and truncate */
    uint32_t touched_limit;
} fba_memory;

/* Drops all contents and starts over with `pages` zeroed pages, growable to `max_pages`. */
void mem_reset(fba_memory *m, uint32_t pages, uint32_t max_pages);

static inline uint64_t mem_size(const fba_memory *m) {
    return (uint64_t)m->pages * FBA_PAGE_SIZE;
}

uint64_t mem_read64(const fba_memory *m, uint32_t addr);
void mem_write64(fba_memory *m, uint32_t addr, uint64_t value);

/* Caller guarantees pages + delta <= max_pages. */
void mem_grow(fba_memory *m, uint32_t delta);

/* Caller guarantees pages <= current pages; bytes beyond are discarded. */
void mem_truncate(fba_memory *m, uint32_t pages);

#endif
