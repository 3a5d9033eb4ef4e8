package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The allocator computes with {@code %}, {@code /} and tables where sc-allocator uses masks and
 * shifts, because the prover handles the former. These tests pin the two forms to the same bits.
 */
class ProofFormEquivalenceTest {

    private static final long[] EDGES = {
        0, 1, 7, 8, 9, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFF7L, 0xFFFFFFF8L, 0xFFFFFFF9L, 0xFFFFFFFFL,
        0x100000000L, 0x100000001L, 0x1FFFFFFFFL, 0x200000000L, 0x2FFFFFFFFL, Long.MAX_VALUE,
        Long.MIN_VALUE, -1, -2, -0x100000000L, -0x100000001L, -0x200000000L, 0xFFFFFFFF00000000L,
    };

    @Test
    void headerBitsAreTheLow33BitsOfEveryWord() {
        // given edge words and a million random ones
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1_000_000 + EDGES.length; i++) {
            long raw = i < EDGES.length ? EDGES[i] : random.nextLong();
            // when decoded, then the occupied flag and the low word match the masks
            long bits = FreeingBumpAllocator.headerBits(raw);
            assertEquals(raw & 0x1FFFFFFFFL, bits, "raw " + Long.toHexString(raw));
            assertEquals((raw & 0x100000000L) != 0, bits >= 0x100000000L);
            assertEquals(raw & 0xFFFFFFFFL, bits % 0x100000000L);
        }
    }

    @Test
    void blockSizeIsEightShiftedByTheOrder() {
        for (int order = 0; order <= 28; order++) {
            assertEquals(8L << order, FreeingBumpAllocator.blockSize(order), "order " + order);
        }
    }

    @Test
    void orderOfIsTheSmallestFittingOrderForEverySizeUpTo2Pow31() {
        // given every power of two and its neighbours, plus random sizes, up to 2^31
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            long size = i < 3 * 32 ? Math.max(0, Math.min(0x80000000L, (1L << (i / 3)) + i % 3 - 1))
                    : random.nextLong(0x80000001L);
            // then it equals the shift loop sc-allocator runs
            assertEquals(shiftLoopOrder(size), FreeingBumpAllocator.orderOf(size), "size " + size);
        }
    }

    @Test
    void alignHeapBaseMatchesTheMaskedFormulaOnEveryEdge() {
        for (long base : EDGES) {
            if (base >= 0 && base <= 0xFFFFFFFFL) {
                assertEquals(((base + 7) & 0xFFFFFFFFL) / 8 * 8, FreeingBumpAllocator.alignHeapBase(base), "base " + base);
            }
        }
        for (long base = 0xFFFFFF00L; base <= 0xFFFFFFFFL; base++) {
            assertEquals(((base + 7) & 0xFFFFFFFFL) / 8 * 8, FreeingBumpAllocator.alignHeapBase(base), "base " + base);
        }
    }

    private static int shiftLoopOrder(long size) {
        int order = 0;
        long blockSize = 8;
        while (blockSize < size) {
            blockSize = blockSize << 1;
            order++;
        }
        return order;
    }
}
