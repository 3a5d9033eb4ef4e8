package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SparseMemory} (and the {@link PageStore} above its 16 MiB of plain pages) pinned to the
 * array-backed reference {@link ArrayMemory}: the same random sequence of writes at every
 * alignment, reads, grows (huge and negative deltas included) and truncations, around the places
 * where the implementation changes representation (4 KiB low pages, the 16 MiB boundary, 64 KiB
 * pages, the end of memory), must give the same answers and the same bytes.
 */
class SparseMemoryReferenceTest {

    /** 300 pages: above the 256 pages (16 MiB) kept in plain low pages, so the page store is used. */
    private static final int MAX_PAGES = 300;
    private static final long[] HOT = {0, 4096, 65536, SparseMemory.DENSE_BYTES, 200L * 65536, MAX_PAGES * 65536L};

    @Test
    void randomSessionsAgreeWithTheArrayReference() {
        SplittableRandom random = new SplittableRandom(25);
        for (int session = 0; session < 40; session++) {
            int initial = random.nextInt(MAX_PAGES + 1);
            SparseMemory sparse = new SparseMemory(initial, MAX_PAGES);
            ArrayMemory reference = new ArrayMemory(initial, MAX_PAGES);
            for (int step = 0; step < 3000; step++) {
                int op = random.nextInt(100);
                if (op < 2) {
                    long delta = switch (random.nextInt(4)) {
                        case 0 -> random.nextInt(MAX_PAGES + 2);
                        case 1 -> -1 - random.nextInt(3);
                        case 2 -> Long.MAX_VALUE - random.nextInt(3);
                        default -> (1L << 32) + random.nextInt(3);
                    };
                    assertEquals(reference.grow(delta), sparse.grow(delta), "grow " + delta + " at " + sparse.pages());
                } else if (op < 3) {
                    int to = random.nextInt(sparse.pages() + 1);
                    sparse.truncate(to);
                    reference.truncate(to);
                } else if (sparse.size() >= 8) {
                    long addr = address(random, sparse.size());
                    if (op < 60) {
                        long value = random.nextInt(4) == 0 ? 0 : random.nextLong();
                        sparse.writeU64(addr, value);
                        reference.writeU64(addr, value);
                    } else {
                        assertEquals(reference.readU64(addr), sparse.readU64(addr), "word at " + addr);
                        assertEquals(reference.readByte(addr), sparse.readByte(addr), "byte at " + addr);
                    }
                }
                assertEquals(reference.pages(), sparse.pages());
                assertEquals(reference.size(), sparse.size());
            }
            // every aligned and unaligned word near the hot spots reads the same at the end
            for (long hot : HOT) {
                for (long a = Math.max(0, hot - 64); a + 8 <= Math.min(sparse.size(), hot + 64); a++) {
                    assertEquals(reference.readU64(a), sparse.readU64(a), "final word at " + a);
                }
            }
        }
    }

    /** An address for a word inside {@code size}, mostly within 64 bytes of a representation boundary. */
    private static long address(SplittableRandom random, long size) {
        long a;
        if (random.nextInt(4) == 0) {
            a = random.nextLong(size - 7);
        } else {
            long hot = HOT[random.nextInt(HOT.length)];
            a = hot - 64 + random.nextInt(128);
        }
        return Math.max(0, Math.min(a, size - 8));
    }

    @Test
    void growByAHugeDeltaIsRefusedAndChangesNothing() {
        // given memories with room to grow
        for (long delta : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE - 65535, 1L << 62, 1L << 32}) {
            SparseMemory m = new SparseMemory(3, 65536);
            // when grown by a delta whose sum with the page count wraps a long (or exceeds the limit)
            // then it is refused and the page count is unchanged (Memory's contract)
            assertFalse(m.grow(delta), "grow " + delta);
            assertEquals(3, m.pages(), "pages after grow " + delta);
        }
    }
}
