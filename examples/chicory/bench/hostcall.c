/* hostcall.c — the round trip of one allocator host call inside Chicory, for bench/wasm-traces.sh:
 * n times, malloc a block of 8..71 bytes, write a byte, read it back, free it. Almost all of the
 * run is the two host calls (engine to host and back, HostAllocator, ChicoryMemory), so the run's
 * time over 2n is the cost of a call as the program sees it. Checksum: the bytes read back. */
#include "../programs/rt.h"

RT_EXPORT("run") u64 run(u32 n) {
    u64 sum = 0;
    for (u32 i = 0; i < n; i++) {
        u8 *p = rt_alloc(8 + (i & 63));
        p[0] = (u8)i;
        sum += p[0];
        rt_free(p);
    }
    return sum;
}
