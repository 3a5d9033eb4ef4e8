package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SparseMemory} against the JML contract of {@link Memory}, the one component the proofs
 * trust: read after write returns the value, a write changes no word at distance 8 or more, grow
 * keeps what was there and size only grows. Exhaustive over every alignment of the written word
 * and every read position around it, at a chunk boundary, a page boundary and the 4 GiB end.
 */
class MemoryContractTest {

    private static final long[] ORIGINS = {0, 512 - 16, 65536 - 16, 0x100000000L - 48};

    @Test
    void aWriteIsReadBackAndLeavesEveryWordAtDistanceEightOrMoreAlone() {
        SplittableRandom random = new SplittableRandom(11);
        for (long origin : ORIGINS) {
            for (int offset = 0; offset < 32; offset++) {
                // given a memory whose window around origin holds known random words
                SparseMemory memory = new SparseMemory(65536, 65536);
                long[] before = new long[40];
                for (int i = 0; i < before.length; i += 8) {
                    memory.writeU64(origin + i, random.nextLong());
                }
                for (int i = 0; i + 8 <= before.length; i++) {
                    before[i] = memory.readU64(origin + i);
                }
                long value = random.nextLong();
                long addr = origin + offset;

                // when one word is written at any alignment
                memory.writeU64(addr, value);

                // then it reads back and every word not overlapping it is unchanged
                assertEquals(value, memory.readU64(addr), "read back at " + addr);
                for (int i = 0; i + 8 <= before.length; i++) {
                    long b = origin + i;
                    if (b + 8 <= addr || addr + 8 <= b) {
                        assertEquals(before[i], memory.readU64(b), "word at " + b + " after write at " + addr);
                    }
                }
            }
        }
    }

    @Test
    void growKeepsEveryWordAndSizeOnlyGrows() {
        // given a one-page memory with data up to its last word
        SparseMemory memory = new SparseMemory(1, 4);
        for (long a = 0; a + 8 <= 65536; a += 4096) {
            memory.writeU64(a, a * 31 + 7);
        }
        memory.writeU64(65536 - 8, -2);

        // when it grows within its limit, and then beyond it
        assertTrue(memory.grow(2));
        assertFalse(memory.grow(2));

        // then the words are kept, the size is the pages times 64 KiB, and a refused grow changed nothing
        for (long a = 0; a + 8 <= 65536; a += 4096) {
            assertEquals(a * 31 + 7, memory.readU64(a));
        }
        assertEquals(-2, memory.readU64(65536 - 8));
        assertEquals(3, memory.pages());
        assertEquals(3L * 65536, memory.size());
        assertEquals(0, memory.readU64(65536));
    }

    @Test
    void grownPagesReadZeroAtEveryAlignmentAlsoAfterATruncation() {
        // given a memory whose second and third pages were written to the last byte, then truncated away
        SparseMemory memory = new SparseMemory(3, 4);
        for (long a = 65536; a + 8 <= 3 * 65536L; a += 8) {
            memory.writeU64(a, -1L);
        }
        memory.truncate(1);

        // when it grows again (Memory.grow's contract: the new pages' words read 0)
        assertTrue(memory.grow(3));

        // then every word of the new pages reads 0, at every alignment, and the old page is kept
        for (long a = 65536; a + 8 <= 4 * 65536L; a++) {
            assertEquals(0, memory.readU64(a), "word at " + a);
        }
    }
}
