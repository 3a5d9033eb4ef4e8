package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SparseMemory against a byte map: both stores, their boundary, unaligned words, truncation. */
class SparseMemoryStoresTest {

    private static final long DENSE = SparseMemory.DENSE_BYTES;
    private static final long FOUR_GIB = 1L << 32;

    /** The obvious memory: a map from address to byte, zero when absent. */
    private static final class ByteModel {
        final Map<Long, Integer> bytes = new HashMap<>();

        void write(long addr, long value) {
            for (int i = 0; i < 8; i++) {
                bytes.put(addr + i, (int) (value >>> (8 * i)) & 0xFF);
            }
        }

        long read(long addr) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (long) bytes.getOrDefault(addr + i, 0) << (8 * i);
            }
            return v;
        }

        void truncate(long size) {
            bytes.keySet().removeIf(a -> a >= size);
        }
    }

    @Test
    void givenRandomWritesAroundBothStores_whenReadBack_thenEveryWordMatchesTheByteModel() {
        // given addresses clustered where the stores meet, at the bottom and at the 4 GiB top
        Random rnd = new Random(6);
        long[] centres = {0, DENSE, FOUR_GIB - 8, 3L << 30};
        SparseMemory mem = new SparseMemory(65536, 65536);
        ByteModel model = new ByteModel();
        for (int step = 0; step < 40_000; step++) {
            long centre = centres[rnd.nextInt(centres.length)];
            long addr = Math.max(0, Math.min(FOUR_GIB - 8, centre + rnd.nextInt(4096) - 2048));
            // when
            if (rnd.nextInt(3) == 0) {
                long value = rnd.nextInt(4) == 0 ? 0 : rnd.nextLong();
                mem.writeU64(addr, value);
                model.write(addr, value);
            }
            // then
            assertEquals(model.read(addr), mem.readU64(addr), "word at " + addr + " after step " + step);
            assertEquals(model.read(addr) & 0xFF, mem.readByte(addr), "byte at " + addr);
        }
    }

    @Test
    void givenAWordStraddlingTheStoreBoundary_whenWritten_thenItsBytesLandInBothStores() {
        // given
        SparseMemory mem = new SparseMemory(1024, 1024);
        long addr = DENSE - 3;
        // when
        mem.writeU64(addr, 0x8877665544332211L);
        // then
        assertEquals(0x8877665544332211L, mem.readU64(addr));
        assertEquals(0x33, mem.readByte(DENSE - 1));
        assertEquals(0x44, mem.readByte(DENSE));
        assertEquals(0x0000008877665544L, mem.readU64(DENSE));
        assertEquals(0x3322110000000000L, mem.readU64(DENSE - 8));
    }

    @Test
    void givenOnlyZerosWritten_whenStorageIsCounted_thenNothingWasMaterialised() {
        // given
        SparseMemory mem = new SparseMemory(65536, 65536);
        // when
        mem.writeU64(8, 0);
        mem.writeU64(FOUR_GIB - 8, 0);
        mem.writeU64(DENSE + 5, 0);
        // then
        assertEquals(0, mem.storageBytes());
        assertEquals(0, mem.readU64(FOUR_GIB - 8));
    }

    @Test
    void givenHeadersInEveryPageOf4GiB_whenAllWritten_thenStorageStaysFarBelowOnePagePerHeader() {
        // given one header per 64 KiB page, the spread of the memory benchmark
        SparseMemory mem = new SparseMemory(65536, 65536);
        // when
        for (long page = 0; page < 65536; page++) {
            mem.writeU64(page * 65536 + 8 * (page % 100), 0x1_0000_0000L | page);
        }
        // then every header reads back; storage is the 256 bottom pages plus tens of bytes per header above
        for (long page = 0; page < 65536; page++) {
            assertEquals(0x1_0000_0000L | page, mem.readU64(page * 65536 + 8 * (page % 100)));
        }
        long bound = DENSE + 65536L * 64;
        assertEquals(true, mem.storageBytes() <= bound, "storage " + mem.storageBytes() + " > " + bound);
    }

    @Test
    void givenDataInBothStores_whenTruncatedAndGrownAgain_thenTheDiscardedPagesReadAsZero() {
        Random rnd = new Random(7);
        for (int round = 0; round < 30; round++) {
            // given
            SparseMemory mem = new SparseMemory(65536, 65536);
            ByteModel model = new ByteModel();
            long[] addrs = new long[300];
            for (int i = 0; i < addrs.length; i++) {
                long addr = i % 2 == 0 ? (long) rnd.nextInt((int) (2 * DENSE)) : (rnd.nextLong() >>> 32) % (FOUR_GIB - 8);
                addrs[i] = addr;
                long value = rnd.nextLong();
                mem.writeU64(addr, value);
                model.write(addr, value);
            }
            int keep = rnd.nextInt(4) == 0 ? 256 : rnd.nextInt(65537);
            // when
            mem.truncate(keep);
            model.truncate((long) keep * 65536);
            mem.grow(65536 - keep);
            // then
            for (long addr : addrs) {
                assertEquals(model.read(addr), mem.readU64(addr), "word at " + addr + " after truncate to " + keep);
            }
        }
    }
}
