#include "allocator.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#ifdef FBA_ZERO_EMPTY_LIST
#define NIL 0u
#else
#define NIL 0xFFFFFFFFu
#endif

#define OCCUPIED_BIT (UINT64_C(1) << 32)
#define U32_MAX_AS_U64 UINT64_C(0xFFFFFFFF)

static fba_err fail(fba_allocator *a, fba_err e, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vsnprintf(a->message, sizeof a->message, fmt, args);
    va_end(args);
    a->poisoned = 1;
    return e;
}

fba_err fba_init(fba_allocator *a, fba_memory *mem, uint32_t heap_base, int offchain, int strict) {
    a->mem = mem;
    a->strict = strict;
    a->orders = offchain ? 29u : 23u;
    a->max_size = offchain ? (UINT32_C(1) << 31) : (UINT32_C(1) << 25);
    a->message[0] = '\0';
    /* anomaly A1: (base + 7) / 8 * 8 in u32 arithmetic */
    if (heap_base >= 0xFFFFFFF9u && strict) {
        snprintf(a->message, sizeof a->message,
                 "heap_base %lu aligned up to 8 would pass 2^32 - 1", (unsigned long)heap_base);
        return FBA_HEAP_BASE_WRAP;
    }
    a->heap_base = (uint32_t)(heap_base + 7u) / 8u * 8u;
    a->bumper = a->heap_base;
    for (uint32_t k = 0; k < FBA_MAX_ORDERS; k++) {
        a->heads[k] = NIL;
#ifdef FBA_FIFO
        a->tails[k] = NIL;
#endif
    }
    a->poisoned = 0;
    a->last_observed_size = 0;
    a->bytes_allocated = 0;
    a->bytes_allocated_peak = 0;
    a->address_space_used = 0;
    a->sum_low = 0;
    a->sum_high = 0;
    return FBA_OK;
}

/* smallest k with 8 << k >= max(size, 8); size <= 2^31 here */
static uint32_t order_of(uint32_t size) {
    uint32_t k = 0;
    while ((UINT64_C(8) << k) < size) k++;
    return k;
}

/* shared first steps of malloc and free: poison gate and shrink detection */
static fba_err observe(fba_allocator *a, uint64_t *size) {
    if (a->poisoned) {
        snprintf(a->message, sizeof a->message, "an earlier error poisoned the allocator");
        return FBA_POISONED;
    }
    uint64_t s = mem_size(a->mem);
    if (s < a->last_observed_size) {
        return fail(a, FBA_MEMORY_SHRANK, "memory is %llu bytes, was %llu at the previous call",
                    (unsigned long long)s, (unsigned long long)a->last_observed_size);
    }
    a->last_observed_size = s;
    *size = s;
    return FBA_OK;
}

/* strict profile only: refuse where the substrate profile's u32 arithmetic would wrap */
static fba_err strict_bump_checks(fba_allocator *a, uint64_t required, uint32_t need) {
    if (!a->strict) return FBA_OK;
    if (required == (UINT64_C(1) << 32)) {
        return fail(a, FBA_BUMPER_WRAP, "block at %lu of %lu bytes would end exactly at 4 GiB",
                    (unsigned long)a->bumper, (unsigned long)need);
    }
    if ((uint64_t)a->bytes_allocated + need > U32_MAX_AS_U64) {
        return fail(a, FBA_ALLOCATED_WRAP, "bytes_allocated %lu + %lu would pass 2^32 - 1",
                    (unsigned long)a->bytes_allocated, (unsigned long)need);
    }
    return FBA_OK;
}

static fba_err bump(fba_allocator *a, uint64_t size, uint32_t need, uint32_t *header) {
    uint64_t required = (uint64_t)a->bumper + need;
    fba_err e;
    if (required > size) {
#ifdef FBA_NO_GROW
        return fail(a, FBA_OUT_OF_SPACE, "block of %lu bytes at %lu does not fit (no growth)",
                    (unsigned long)need, (unsigned long)a->bumper);
#else
        uint64_t required_pages = (required + FBA_PAGE_SIZE - 1) / FBA_PAGE_SIZE;
        uint32_t current = a->mem->pages;
        uint32_t max = a->mem->max_pages;
        if (current >= max) {
            return fail(a, FBA_OUT_OF_SPACE, "memory is at its maximum of %lu pages",
                        (unsigned long)max);
        }
        if (required_pages > max) {
            return fail(a, FBA_OUT_OF_SPACE, "block needs %llu pages, maximum is %lu",
                        (unsigned long long)required_pages, (unsigned long)max);
        }
        if ((e = strict_bump_checks(a, required, need)) != FBA_OK) return e;
        uint64_t next = 2u * (uint64_t)current;
        if (next > max) next = max;
        if (next < required_pages) next = required_pages;
        mem_grow(a->mem, (uint32_t)(next - current));
#endif
    } else if ((e = strict_bump_checks(a, required, need)) != FBA_OK) {
        return e;
    }
    *header = a->bumper;
    a->bumper = (uint32_t)(a->bumper + need); /* anomaly A2: wraps */
    return FBA_OK;
}

static fba_err pop(fba_allocator *a, uint32_t k, uint64_t size, uint32_t need, uint32_t *header) {
    uint32_t h = a->heads[k];
    if ((uint64_t)h + need > size) {
        return fail(a, FBA_INVALID_FREE_LIST,
                    "free list of order %lu starts at %lu, block of %lu bytes ends past memory",
                    (unsigned long)k, (unsigned long)h, (unsigned long)need);
    }
    uint64_t value = mem_read64(a->mem, h);
    if (value & OCCUPIED_BIT) {
        uint32_t order = (uint32_t)value;
        if (order >= a->orders) {
            return fail(a, FBA_INVALID_ORDER, "free-list head %lu holds occupied order %lu",
                        (unsigned long)h, (unsigned long)order);
        }
        return fail(a, FBA_INVALID_FREE_LIST, "free-list head %lu is an occupied header",
                    (unsigned long)h);
    }
    if (a->strict && (uint64_t)a->bytes_allocated + need > U32_MAX_AS_U64) {
        return fail(a, FBA_ALLOCATED_WRAP, "bytes_allocated %lu + %lu would pass 2^32 - 1",
                    (unsigned long)a->bytes_allocated, (unsigned long)need);
    }
    a->heads[k] = (uint32_t)value;
#ifdef FBA_FIFO
    if (a->heads[k] == NIL) a->tails[k] = NIL;
#endif
    *header = h;
    return FBA_OK;
}

fba_err fba_malloc(fba_allocator *a, uint32_t size, uint32_t *ptr) {
    uint64_t mem_bytes = 0;
    fba_err e = observe(a, &mem_bytes);
    if (e != FBA_OK) return e;
    if (size > a->max_size) {
        return fail(a, FBA_TOO_LARGE, "size %lu is above the largest allocation %lu",
                    (unsigned long)size, (unsigned long)a->max_size);
    }
    uint32_t k = order_of(size);
    uint32_t need = (UINT32_C(8) << k) + 8u;
    uint32_t h = 0;
    e = a->heads[k] != NIL ? pop(a, k, mem_bytes, need, &h) : bump(a, mem_bytes, need, &h);
    if (e != FBA_OK) return e;
    mem_write64(a->mem, h, OCCUPIED_BIT | k);
    a->bytes_allocated += need; /* anomaly A3: wraps */
    uint64_t sum = a->sum_low + need;
    if (sum < a->sum_low) a->sum_high++;
    a->sum_low = sum;
    if (a->bytes_allocated > a->bytes_allocated_peak) a->bytes_allocated_peak = a->bytes_allocated;
    a->address_space_used = a->bumper - a->heap_base; /* anomaly A4: wraps */
    *ptr = h + 8u;
    return FBA_OK;
}

static void push(fba_allocator *a, uint32_t k, uint32_t h) {
#ifdef FBA_FIFO
    mem_write64(a->mem, h, NIL);
    if (a->heads[k] == NIL) {
        a->heads[k] = h;
    } else if ((uint64_t)a->tails[k] + 8u <= mem_size(a->mem)) {
        mem_write64(a->mem, a->tails[k], h);
    }
    a->tails[k] = h;
#else
    mem_write64(a->mem, h, a->heads[k]);
    a->heads[k] = h;
#endif
}

fba_err fba_free(fba_allocator *a, uint32_t ptr) {
    uint64_t mem_bytes = 0;
    fba_err e = observe(a, &mem_bytes);
    if (e != FBA_OK) return e;
    if (ptr < 8u) {
#ifdef FBA_CRASH_LOW_FREE
        abort(); /* planted fault: dies on a pointer below 8 instead of refusing it */
#endif
        return fail(a, FBA_INVALID_POINTER, "pointer %lu is below 8", (unsigned long)ptr);
    }
    uint32_t h = ptr - 8u;
    if ((uint64_t)h + 8u > mem_bytes) {
        return fail(a, FBA_OUT_OF_BOUNDS, "header at %lu lies outside memory of %llu bytes",
                    (unsigned long)h, (unsigned long long)mem_bytes);
    }
    uint64_t value = mem_read64(a->mem, h);
    if (!(value & OCCUPIED_BIT)) {
#ifdef FBA_DOUBLE_FREE_CODE
        /* planted fault: the wrong error for a double free */
        return fail(a, FBA_INVALID_ORDER, "header at %lu is not occupied", (unsigned long)h);
#endif
        return fail(a, FBA_NOT_ALLOCATED, "header at %lu is not occupied (0x%016llx)",
                    (unsigned long)h, (unsigned long long)value);
    }
    uint32_t k = (uint32_t)value;
    if (k >= a->orders) {
        return fail(a, FBA_INVALID_ORDER, "header at %lu holds order %lu, context has %lu",
                    (unsigned long)h, (unsigned long)k, (unsigned long)a->orders);
    }
    push(a, k, h);
    uint32_t need = (UINT32_C(8) << k) + 8u;
    if (a->bytes_allocated < need) {
        return fail(a, FBA_STATS_UNDERFLOW, "bytes_allocated %lu is below the block's %lu",
                    (unsigned long)a->bytes_allocated, (unsigned long)need);
    }
    a->bytes_allocated -= need;
    return FBA_OK;
}
