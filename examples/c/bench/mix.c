/* fba-c-mix: the op mix of src/bench/java/fba/bench (OpMix, CpuTimeMix) on this C allocator, so
 * that bench/compare.sh can time the Java core and a native build in the same run.
 *
 * Same draws as OpMix: xorshift64 (13, 7, 17) seeded by one splitmix64 step of 0x5EED0B5E55ED; per
 * draw r, free the live block at (r >> 1) % live when blocks are live and (1000 are live or r is
 * odd), else malloc 1 + ((r >> 20) % 1024). On-chain, heap_base 0, 1 page growable to 65536, the
 * substrate profile; a fresh heap per repetition. Timed like CpuTimeMix: the thread's CPU time,
 * one unreported warm-up repetition, then REPS repetitions of 50,000,000 ops.
 *
 * Usage: fba-c-mix [REPS]     (default 7) */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../src/allocator.h"

#define OPS 50000000ull
#define MAX_LIVE 1000u
#define SEED UINT64_C(0x5EED0B5E55ED)

static uint64_t splitmix64(uint64_t seed) {
    uint64_t z = seed + UINT64_C(0x9E3779B97F4A7C15);
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* One repetition on a fresh heap; returns the sum of the pointers malloc returned (the same sum
 * CpuTimeMix prints, so the two drivers can be seen to make the same draws). */
static uint64_t run(fba_memory *mem) {
    fba_allocator a;
    uint32_t live[MAX_LIVE];
    uint32_t count = 0;
    uint64_t x = splitmix64(SEED);
    uint64_t acc = 0;
    mem_reset(mem, 1, 65536);
    fba_init(&a, mem, 0, 0, 0);
    for (uint64_t k = 0; k < OPS; k++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        uint64_t r = x;
        if (count > 0 && (count == MAX_LIVE || (r & 1u) == 1u)) {
            uint32_t i = (uint32_t)((r >> 1) % count);
            fba_err e = fba_free(&a, live[i]);
            if (e != FBA_OK) {
                fprintf(stderr, "fba-c-mix: free %lu failed: %s\n", (unsigned long)live[i], fba_err_name(e));
                exit(1);
            }
            live[i] = live[--count];
        } else {
            uint32_t ptr;
            fba_err e = fba_malloc(&a, (uint32_t)(1u + ((r >> 20) % 1024u)), &ptr);
            if (e != FBA_OK) {
                fprintf(stderr, "fba-c-mix: malloc failed: %s\n", fba_err_name(e));
                exit(1);
            }
            live[count++] = ptr;
            acc += ptr;
        }
    }
    return acc;
}

int main(int argc, char **argv) {
    int reps = 7;
    if (argc > 2 || (argc == 2 && (reps = atoi(argv[1])) < 1)) {
        fputs("usage: fba-c-mix [REPS]   (REPS >= 1, default 7)\n", stderr);
        return 2;
    }
    fba_memory *mem = calloc(1, sizeof *mem);
    double *ns = calloc((size_t)reps, sizeof *ns);
    if (mem == NULL || ns == NULL) {
        fputs("fba-c-mix: out of memory\n", stderr);
        return 3;
    }
    uint64_t sum = 0;
    for (int rep = -1; rep < reps; rep++) {
        double t0 = cpu_seconds();
        sum = run(mem);
        double t1 = cpu_seconds();
        if (rep >= 0) ns[rep] = (t1 - t0) * 1e9 / (double)OPS;
    }
    double *sorted = calloc((size_t)reps, sizeof *sorted);
    if (sorted == NULL) return 3;
    for (int i = 0; i < reps; i++) sorted[i] = ns[i];
    qsort(sorted, (size_t)reps, sizeof *sorted, by_value);
    printf("c: CPU time per op over %d x %llu ops: min %.2f ns, median %.2f ns, max %.2f ns; pointer sum %llu\n",
           reps, OPS, sorted[0], sorted[reps / 2], sorted[reps - 1], (unsigned long long)sum);
    return 0;
}
