package fba.core;

import java.math.BigInteger;

/**
 * The allocator's counters at one moment, as sc-allocator's {@code AllocationStats} reports them.
 *
 * @param bytesAllocated bytes in live blocks, headers included (a u32)
 * @param bytesAllocatedPeak the largest {@code bytesAllocated} so far (a u32)
 * @param bytesAllocatedSum every block ever handed out, headers included (a u128 in sc-allocator:
 *     it can exceed a {@code long})
 * @param addressSpaceUsed bytes between the heap base and the bump pointer (a u32)
 */
public record AllocatorStats(long bytesAllocated, long bytesAllocatedPeak, BigInteger bytesAllocatedSum,
        long addressSpaceUsed) {
}
