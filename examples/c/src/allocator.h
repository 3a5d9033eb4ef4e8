/* The freeing-bump allocator of spec/allocator.md, written from that text alone.
 *
 * Compile-time switches that deliberately break conformance, to prove the checker catches them:
 *   FBA_ZERO_EMPTY_LIST  0 marks an empty free list (the seed proposal), not 0xFFFFFFFF
 *   FBA_NO_GROW          a bump that does not fit fails with out_of_space (smoldot-like)
 *   FBA_FIFO             free appends at the tail of its list instead of pushing on the head
 */
#ifndef FBA_ALLOCATOR_H
#define FBA_ALLOCATOR_H

#include <stdint.h>

#include "errors.h"
#include "sparse_memory.h"

#define FBA_MAX_ORDERS 29u

typedef struct fba_allocator {
    fba_memory *mem;
    int strict;
    uint32_t orders;   /* N: 23 on-chain, 29 off-chain */
    uint32_t max_size; /* MAX: 2^25 on-chain, 2^31 off-chain */
    uint32_t heap_base;
    uint32_t bumper;
    uint32_t heads[FBA_MAX_ORDERS];
#ifdef FBA_FIFO
    uint32_t tails[FBA_MAX_ORDERS];
#endif
    int poisoned;
    uint64_t last_observed_size;
    uint32_t bytes_allocated;
    uint32_t bytes_allocated_peak;
    uint32_t address_space_used;
    /* bytes_allocated_sum as a 128-bit number: it must never wrap */
    uint64_t sum_low;
    uint64_t sum_high;
    /* human explanation of the last error, for the response's message */
    char message[160];
} fba_allocator;

/* Starts a fresh allocator over `mem`. Fails only with FBA_HEAP_BASE_WRAP (strict profile). */
fba_err fba_init(fba_allocator *a, fba_memory *mem, uint32_t heap_base, int offchain, int strict);

/* On FBA_OK stores the pointer in *ptr. */
fba_err fba_malloc(fba_allocator *a, uint32_t size, uint32_t *ptr);

fba_err fba_free(fba_allocator *a, uint32_t ptr);

#endif
