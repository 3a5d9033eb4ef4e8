/* replay-c: the recorded Wasm traces (examples/chicory/run.sh writes them to target/chicory/) on
 * the C implementation of examples/c, in process, for bench/compare.sh: the same work as the Java
 * driver fba.examples.chicory.ReplayTraces does on the core jar.
 *
 * Reads each vector file's init, malloc, free and grow requests (expectations, stats, pages and
 * comments are skipped), then replays them all: one unreported warm-up repetition, then REPS
 * repetitions, each session on a fresh heap, timed by the thread's CPU time. Every malloc must
 * return the pointer the trace recorded, or it stops with status 1. Prints the calls per
 * repetition, the median CPU ns per allocator call and the sum of the pointers.
 *
 * Usage: replay-c REPS FILE.vec... */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../c/src/allocator.h"

enum { OP_INIT, OP_MALLOC, OP_FREE, OP_GROW };

typedef struct {
    uint8_t op;
    uint32_t arg;     /* size, pointer, pages or heap base */
    uint32_t expect;  /* malloc: the recorded pointer; init: initial pages */
    uint32_t extra;   /* init: max pages, offchain << 31 */
} step;

static step *steps;
static size_t nsteps, capsteps;

static void add(step s) {
    if (nsteps == capsteps) {
        capsteps = capsteps ? capsteps * 2 : 1024;
        steps = realloc(steps, capsteps * sizeof(step));
        if (!steps) { fprintf(stderr, "replay-c: out of memory\n"); exit(2); }
    }
    steps[nsteps++] = s;
}

static void load(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) { fprintf(stderr, "replay-c: cannot open %s\n", path); exit(2); }
    char line[256];
    unsigned long a, b, c, d;
    char ctx[16];
    while (fgets(line, sizeof line, f)) {
        step s = {0, 0, 0, 0};
        if (sscanf(line, "init %lu %15s %lu %lu", &a, ctx, &c, &d) == 4) {
            s.op = OP_INIT; s.arg = (uint32_t)a; s.expect = (uint32_t)c;
            s.extra = (uint32_t)d | (strcmp(ctx, "offchain") == 0 ? 1u << 31 : 0);
        } else if (sscanf(line, "malloc %lu => ok %lu", &a, &b) == 2) {
            s.op = OP_MALLOC; s.arg = (uint32_t)a; s.expect = (uint32_t)b;
        } else if (sscanf(line, "free %lu => ok", &a) == 1) {
            s.op = OP_FREE; s.arg = (uint32_t)a;
        } else if (sscanf(line, "grow %lu", &a) == 1) {
            s.op = OP_GROW; s.arg = (uint32_t)a;
        } else {
            continue;
        }
        add(s);
    }
    fclose(f);
}

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int by_value(const void *x, const void *y) {
    double p = *(const double *)x, q = *(const double *)y;
    return (p > q) - (p < q);
}

static fba_memory mem;

static uint64_t replay(uint64_t *calls) {
    fba_allocator a;
    uint64_t sum = 0;
    *calls = 0;
    for (size_t i = 0; i < nsteps; i++) {
        step s = steps[i];
        uint32_t ptr;
        switch (s.op) {
        case OP_INIT:
            mem_reset(&mem, s.expect, s.extra & 0x7FFFFFFFu);
            fba_init(&a, &mem, s.arg, (s.extra >> 31) != 0, 0);
            break;
        case OP_MALLOC:
            if (fba_malloc(&a, s.arg, &ptr) != FBA_OK || ptr != s.expect) {
                fprintf(stderr, "replay-c: step %zu: malloc %u answered %u, the trace recorded %u\n", i, s.arg, ptr, s.expect);
                exit(1);
            }
            sum += ptr;
            ++*calls;
            break;
        case OP_FREE:
            if (fba_free(&a, s.arg) != FBA_OK) {
                fprintf(stderr, "replay-c: step %zu: free %u failed\n", i, s.arg);
                exit(1);
            }
            ++*calls;
            break;
        default:
            mem_grow(&mem, s.arg);
        }
    }
    return sum;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: replay-c REPS FILE.vec...\n"); return 2; }
    int reps = atoi(argv[1]);
    if (reps < 1) { fprintf(stderr, "replay-c: REPS must be at least 1\n"); return 2; }
    for (int i = 2; i < argc; i++) load(argv[i]);
    uint64_t calls, sum = replay(&calls);
    double *ns = malloc(reps * sizeof(double));
    for (int r = 0; r < reps; r++) {
        double t0 = cpu_seconds();
        replay(&calls);
        ns[r] = (cpu_seconds() - t0) * 1e9 / (double)calls;
    }
    qsort(ns, reps, sizeof(double), by_value);
    printf("C: %llu calls per repetition, median %.2f ns per call (CPU), pointer sum %llu\n",
           (unsigned long long)calls, ns[reps / 2], (unsigned long long)sum);
    return 0;
}
