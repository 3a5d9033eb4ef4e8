package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lazy 4 GiB linear memory: little-endian words at any address, zero until written. */
class SparseMemoryTest {

    private static final long PATTERN = 0x0807060504030201L;

    /** Boundaries where a word can straddle storage units: word, chunk (512 B), page (64 KiB). */
    private static final long[] BOUNDARIES = {8, 16, 512, 1024, 65536, 131072};

    @Test
    void wordsAreStoredLittleEndianAtEveryAlignment() {
        for (long addr = 0; addr < 24; addr++) {
            // given a fresh memory
            SparseMemory m = new SparseMemory(1, 1);
            // when a word is written
            m.writeU64(addr, PATTERN);
            // then byte i holds the i-th least significant byte and its neighbours stay zero
            for (int i = 0; i < 8; i++) {
                assertEquals(i + 1, m.readByte(addr + i), "addr " + addr + " byte " + i);
            }
            if (addr > 0) {
                assertEquals(0, m.readByte(addr - 1));
            }
            assertEquals(0, m.readByte(addr + 8));
            assertEquals(PATTERN, m.readU64(addr));
        }
    }

    @Test
    void unalignedWordsAcrossWordChunkAndPageBoundariesRoundTrip() {
        for (long b : BOUNDARIES) {
            for (long addr = b - 8; addr <= b; addr++) {
                SparseMemory m = new SparseMemory(3, 3);
                m.writeU64(addr, PATTERN);
                assertEquals(PATTERN, m.readU64(addr), "addr " + addr);
                // every overlapping read sees the bytes shifted
                for (long other = Math.max(0, addr - 7); other <= addr + 7; other++) {
                    long expected = expectedOverlap(addr, other);
                    assertEquals(expected, m.readU64(other), "write " + addr + " read " + other);
                }
            }
        }
    }

    /** The word read at `other` after PATTERN was written at `addr` into zeroed memory. */
    private static long expectedOverlap(long addr, long other) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            long a = other + i;
            long byteValue = a >= addr && a < addr + 8 ? (a - addr) + 1 : 0;
            v |= byteValue << (8 * i);
        }
        return v;
    }

    @Test
    void overlappingWritesMatchAByteArrayModel() {
        // given a 2-page memory and a plain byte array, both zero
        SparseMemory m = new SparseMemory(2, 2);
        byte[] model = new byte[2 * 65536];
        Random rnd = new Random(20240611L);
        for (int step = 0; step < 20000; step++) {
            // when random words are written, clustered near boundaries half of the time
            long addr = rnd.nextBoolean()
                    ? rnd.nextInt(model.length - 7)
                    : Math.min(model.length - 8, Math.max(0, BOUNDARIES[rnd.nextInt(5)] - 8 + rnd.nextInt(16)));
            long value = rnd.nextInt(4) == 0 ? 0 : rnd.nextLong();
            m.writeU64(addr, value);
            for (int i = 0; i < 8; i++) {
                model[(int) addr + i] = (byte) (value >>> (8 * i));
            }
            // then any word reads as the model's bytes
            long probe = rnd.nextInt(model.length - 7);
            assertEquals(modelWord(model, probe), m.readU64(probe), "step " + step + " probe " + probe);
            assertEquals(modelWord(model, addr), m.readU64(addr));
        }
        for (int a = 0; a + 8 <= model.length; a += 3) {
            assertEquals(modelWord(model, a), m.readU64(a), "final addr " + a);
        }
    }

    private static long modelWord(byte[] model, long addr) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (model[(int) addr + i] & 0xFFL) << (8 * i);
        }
        return v;
    }

    @Test
    void unwrittenMemoryReadsZeroAndCostsNothing() {
        SparseMemory m = new SparseMemory(65536, 65536);
        assertEquals(1L << 32, m.size());
        for (long a : new long[] {0, 7, 65529, 1L << 31, (1L << 32) - 8}) {
            assertEquals(0, m.readU64(a));
        }
        assertEquals(0, m.storageBytes());
    }

    @Test
    void writingZeroToUntouchedMemoryMaterialisesNothing() {
        SparseMemory m = new SparseMemory(2, 2);
        m.writeU64(65532, 0);
        m.writeU64(100, 0);
        assertEquals(0, m.storageBytes());
    }

    @Test
    void aWordStraddlingTwoPagesMaterialisesBothAndStaysSmall() {
        // Above the flat bottom store (SparseMemory.DENSE_BYTES), where pages are kept sparse.
        long base = SparseMemory.DENSE_BYTES;
        SparseMemory m = new SparseMemory(258, 258);
        m.writeU64(base + 508, -1L);
        long one = m.storageBytes();
        assertTrue(one > 0 && one < 1024, "bytes " + one);
        m.writeU64(base + 65532, -1L);
        assertTrue(m.storageBytes() > one && m.storageBytes() < 2048, "bytes " + m.storageBytes());
        assertEquals(-1L, m.readU64(base + 65532));
        assertEquals(-1L, m.readU64(base + 508));
    }

    @Test
    void theBottomStoreMaterialisesOnlyThePagesWritten() {
        // Below DENSE_BYTES memory is plain 4 KiB pages, each created by its first non-zero write.
        SparseMemory m = new SparseMemory(256, 256);
        m.writeU64(508, -1L);
        assertEquals(4096, m.storageBytes());
        m.writeU64(4092, -1L); // straddles low pages 0 and 1: only page 1 is new
        assertEquals(2 * 4096, m.storageBytes());
        m.writeU64(65532, -1L); // straddles low pages 15 and 16
        assertEquals(4 * 4096, m.storageBytes());
        m.writeU64(200L * 65536, 0);
        assertEquals(4 * 4096, m.storageBytes());
        assertEquals(-1L, m.readU64(65532));
        assertEquals(-1L, m.readU64(4092));
        assertEquals(-1L, m.readU64(508));
    }

    @Test
    void theLastWordOfA4GiBMemoryIsUsable() {
        SparseMemory m = new SparseMemory(65536, 65536);
        m.writeU64((1L << 32) - 8, PATTERN);
        assertEquals(PATTERN, m.readU64((1L << 32) - 8));
        assertEquals(PATTERN << 8, m.readU64((1L << 32) - 9));
        assertEquals(8, m.readByte((1L << 32) - 1));
    }

    @Test
    void truncateDiscardsThePagesBeyond() {
        // given data in pages 0, 1 and 2
        SparseMemory m = new SparseMemory(3, 3);
        m.writeU64(65532, PATTERN);
        m.writeU64(131072, PATTERN);
        // when truncated to 1 page and grown back
        m.truncate(1);
        assertEquals(1, m.pages());
        assertEquals(65536, m.size());
        assertTrue(m.grow(2));
        // then the pages beyond 1 read zero, page 0 keeps its bytes
        assertEquals(0, m.readU64(131072));
        assertEquals(0, m.readU64(65536));
        assertEquals(0x04030201L, m.readU64(65532) & 0xFFFFFFFFL);
        assertEquals(0x04030201L, m.readU64(65532));
    }

    @Test
    void truncateDiscardsTheLowestAndHighestLowPagesWhateverTheOrderOfWrites() {
        // given the last 4 KiB page below DENSE_BYTES written first, then the very first one
        SparseMemory m = new SparseMemory(256, 256);
        m.writeU64(SparseMemory.DENSE_BYTES - 8, PATTERN);
        m.writeU64(0, PATTERN);
        // when truncated to nothing and grown back
        m.truncate(0);
        assertTrue(m.grow(256));
        // then both read zero
        assertEquals(0, m.readU64(0));
        assertEquals(0, m.readU64(SparseMemory.DENSE_BYTES - 8));
        assertEquals(0, m.storageBytes());
        // and in a fresh memory, a write into page 0 alone is undone by a truncation too
        SparseMemory fresh = new SparseMemory(1, 1);
        fresh.writeU64(8, PATTERN);
        fresh.truncate(0);
        assertTrue(fresh.grow(1));
        assertEquals(0, fresh.readU64(8));
    }

    @Test
    void truncateToTheCurrentSizeOrZeroIsAllowedAndAboveIsNot() {
        SparseMemory m = new SparseMemory(2, 4);
        m.truncate(2);
        assertEquals(2, m.pages());
        assertThrows(IllegalArgumentException.class, () -> m.truncate(3));
        assertThrows(IllegalArgumentException.class, () -> m.truncate(-1));
        m.truncate(0);
        assertEquals(0, m.size());
    }

    @Test
    void growSucceedsExactlyUpToMaxPagesForEverySmallConfiguration() {
        for (int max = 0; max <= 6; max++) {
            for (int initial = 0; initial <= max; initial++) {
                for (long delta = -1; delta <= 8; delta++) {
                    SparseMemory m = new SparseMemory(initial, max);
                    boolean ok = m.grow(delta);
                    boolean expected = delta >= 0 && initial + delta <= max;
                    assertEquals(expected, ok, initial + "/" + max + " grow " + delta);
                    assertEquals(expected ? initial + delta : initial, m.pages());
                    assertEquals(m.pages() * 65536L, m.size());
                }
            }
        }
        SparseMemory big = new SparseMemory(1, 65536);
        assertFalse(big.grow(65536));
        assertFalse(big.grow(1L << 40));
        assertTrue(big.grow(65535));
        assertEquals(1L << 32, big.size());
        assertFalse(big.grow(1));
    }

    @Test
    void constructionRefusesImpossibleLimits() {
        assertThrows(IllegalArgumentException.class, () -> new SparseMemory(0, 65537));
        assertThrows(IllegalArgumentException.class, () -> new SparseMemory(3, 2));
        assertThrows(IllegalArgumentException.class, () -> new SparseMemory(-1, 2));
        assertEquals(65536, new SparseMemory(0, 65536).maxPages());
    }
}
