package fba.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict profile refuses, with a named error, exactly where the substrate profile wraps. */
class WrapStrictTest {

    private static Heap strict(long base, CallContext c) {
        return Heap.of(base, c, Profile.STRICT, 1, 65536);
    }

    @Test
    void theBlockThatWouldEndAt4GiBIsRefusedWithBumperWrap() {
        for (long base : new long[] {0, 8}) {
            // given a strict heap filled up to its last block before 4 GiB
            Heap h = strict(base, CallContext.ONCHAIN);
            List<Integer> ks = FourGiBFill.orders(base, 22);
            for (int i = 0; i < ks.size() - 1; i++) {
                h.malloc(8L << ks.get(i));
            }
            long[] before = h.stats();
            long bumper = h.allocator.bumper();
            // when the last block is requested
            ErrorCode e = h.mallocError(8L << ks.get(ks.size() - 1));
            // then it is refused, nothing changed, and the allocator is poisoned
            assertEquals(ErrorCode.BUMPER_WRAP, e, "base " + base);
            assertArrayEquals(before, h.stats());
            assertEquals(bumper, h.allocator.bumper());
            assertEquals(0, h.memory.readU64(bumper));
            assertEquals(ErrorCode.POISONED, h.mallocError(8));
        }
    }

    @Test
    void aPopThatWouldWrapTheAllocatedCountIsRefusedWithAllocatedWrap() {
        Heap h = strict(0, CallContext.OFFCHAIN);
        long p = h.malloc(1L << 31);
        h.free(p);
        h.memory.writeU64(0, 8);
        assertEquals(8, h.malloc(1L << 31));
        assertEquals(ErrorCode.ALLOCATED_WRAP, h.mallocError(1L << 31));
        assertEquals(0, h.memory.readU64(8));
        assertEquals(8, h.allocator.freeListHead(28));
    }

    @Test
    void freeListChecksStillWinOverAllocatedWrap() {
        Heap h = strict(0, CallContext.OFFCHAIN);
        h.free(h.malloc(1L << 31));
        h.memory.writeU64(0, 8);
        h.malloc(1L << 31);
        h.memory.writeU64(8, Heap.OCCUPIED);
        assertEquals(ErrorCode.INVALID_FREE_LIST, h.mallocError(1L << 31));
    }

    @Test
    void outOfSpaceWinsOverBumperWrapAtTheTop() {
        // a base of 4294967288 cannot hold any block: out_of_space in both profiles
        Heap h = Heap.of(4294967288L, CallContext.ONCHAIN, Profile.STRICT, 65536, 65536);
        assertEquals(ErrorCode.OUT_OF_SPACE, h.mallocError(0));
    }

    @Test
    void heapBaseWrapIsDetectableBeforeCreation() {
        assertEquals(false, FreeingBumpAllocator.heapBaseWraps(4294967288L));
        for (long b = 4294967289L; b <= 0xFFFFFFFFL; b++) {
            assertEquals(true, FreeingBumpAllocator.heapBaseWraps(b));
        }
    }

    @Test
    void awayFromTheEdgesStrictBehavesLikeSubstrate() {
        Heap s = strict(13, CallContext.ONCHAIN);
        Heap r = Heap.onchain(13, 1, 65536);
        long[] sizes = {1, 9, 100, 65536, 8, 1L << 25, 3};
        for (long size : sizes) {
            assertEquals(r.malloc(size), s.malloc(size));
        }
        s.free(24);
        r.free(24);
        assertEquals(r.malloc(5), s.malloc(5));
        assertArrayEquals(r.stats(), s.stats());
        assertEquals(r.memory.pages(), s.memory.pages());
    }
}
