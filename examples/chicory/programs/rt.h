/* rt.h — what the example programs get from their "runtime": malloc/free, memory helpers, a
 * deterministic PRNG and a checksum. Built for wasm32 (clang --target=wasm32 -nostdlib), malloc
 * and free are the host's allocator, imported like a Substrate runtime imports them; built
 * natively (gcc), they are the C library's. The programs' checksums depend only on the data, not
 * on addresses, so both builds must print the same number: a block the allocator overlapped or
 * clobbered would change it. */
#ifndef RT_H
#define RT_H

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef unsigned long usize;

#ifdef __wasm__
__attribute__((import_module("env"), import_name("ext_allocator_malloc_version_1")))
u32 ext_allocator_malloc_version_1(u32 size);
__attribute__((import_module("env"), import_name("ext_allocator_free_version_1")))
void ext_allocator_free_version_1(u32 ptr);

static void *rt_malloc(usize n) { return (void *)ext_allocator_malloc_version_1((u32)n); }
static void rt_free(void *p) { ext_allocator_free_version_1((u32)(usize)p); }

/* -nostdlib: the compiler may still emit calls to these for copies and fills. */
void *memcpy(void *d, const void *s, usize n) {
    u8 *dd = d;
    const u8 *ss = s;
    while (n--) *dd++ = *ss++;
    return d;
}
void *memset(void *d, int c, usize n) {
    u8 *dd = d;
    while (n--) *dd++ = (u8)c;
    return d;
}
void *memmove(void *d, const void *s, usize n) {
    u8 *dd = d;
    const u8 *ss = s;
    if (dd < ss) {
        while (n--) *dd++ = *ss++;
    } else {
        while (n--) dd[n] = ss[n];
    }
    return d;
}
#define RT_EXPORT(name) __attribute__((export_name(name)))
#else
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static void *rt_malloc(usize n) { return malloc(n); }
static void rt_free(void *p) { free(p); }
#define RT_EXPORT(name)
#endif

/* A failed allocation: trap (wasm; the host refuses by trapping anyway) or abort. */
static void *rt_alloc(usize n) {
    void *p = rt_malloc(n);
    if (!p) __builtin_trap();
    return p;
}

/* realloc as runtimes without one do it: a new block, a copy, the old block freed. */
__attribute__((unused)) static void *rt_grow(void *old, usize old_n, usize new_n) {
    u8 *p = rt_alloc(new_n);
    for (usize i = 0; i < old_n; i++) p[i] = ((u8 *)old)[i];
    if (old) rt_free(old);
    return p;
}

static u32 rng_state;
__attribute__((unused)) static void rng_seed(u32 s) { rng_state = s ? s : 1; }
__attribute__((unused)) static u32 rng(void) {
    u32 x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return rng_state = x;
}

/* FNV-1a, 64-bit, folded over bytes. */
__attribute__((unused)) static u64 fnv(u64 h, const u8 *p, usize n) {
    for (usize i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}
#define FNV_START 14695981039346656037ULL
__attribute__((unused)) static u64 mix(u64 h, u64 v) { return fnv(h, (const u8 *)&v, 8); }

/* The entry point each program defines: run(n) does n units of work and returns the checksum. */
u64 run(u32 n);

#ifndef __wasm__
int main(int argc, char **argv) {
    u32 n = argc > 1 ? (u32)strtoul(argv[1], 0, 10) : 0;
    printf("%llu\n", run(n));
    return 0;
}
#endif
#endif
