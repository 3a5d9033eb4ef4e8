package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The seed proposal's algorithm (spec/allocator.md §11), rule by rule and at every boundary. */
class ProposalAllocatorTest {

    private static final long MARK = 0xFFFF_FFFF_FFFF_FF00L;

    private static ProposalAllocator heap(long heapBase, int pages) {
        return new ProposalAllocator(new SparseMemory(pages, 65536), heapBase);
    }

    private static ErrorCode mallocError(ProposalAllocator a, long size) {
        long r = a.malloc(size);
        return r < 0 ? ErrorCode.ofStatus((int) -r) : null;
    }

    private static ErrorCode freeError(ProposalAllocator a, long ptr) {
        int s = a.free(ptr);
        return s == Status.OK ? null : ErrorCode.ofStatus(s);
    }

    /** Everything observable about the allocator, to show that an error changed none of it. */
    private static String state(ProposalAllocator a) {
        StringBuilder sb = new StringBuilder();
        sb.append(a.bumper()).append(' ').append(a.bytesAllocated()).append(' ').append(a.bytesAllocatedPeak())
                .append(' ').append(a.bytesAllocatedSumLow()).append(' ').append(a.addressSpaceUsed());
        for (int i = 0; i < ProposalAllocator.LISTS; i++) {
            sb.append(' ').append(a.head(i));
        }
        return sb.toString();
    }

    @Test
    void itemSizeIsMaxOf8AndSizeRoundedUpToAPowerOfTwo() {
        for (long s = 0; s <= 8; s++) {
            assertEquals(8, ProposalAllocator.itemSize(s), "size " + s);
        }
        for (int k = 3; k <= 31; k++) {
            long p = 1L << k;
            assertEquals(p, ProposalAllocator.itemSize(p), "size 2^" + k);
            assertEquals(p, ProposalAllocator.itemSize(p - 1), "size 2^" + k + " - 1");
            assertEquals(2 * p, ProposalAllocator.itemSize(p + 1), "size 2^" + k + " + 1");
        }
        assertEquals(1L << 32, ProposalAllocator.itemSize(0xFFFFFFFFL));
    }

    @Test
    void listIndexIsTrailingZerosMinus3() {
        for (int i = 0; i < ProposalAllocator.LISTS; i++) {
            assertEquals(i, ProposalAllocator.listIndex(8L << i));
        }
        assertEquals(22, ProposalAllocator.LISTS);
        assertEquals(16L << 20, ProposalAllocator.MAX_ITEM_SIZE);
    }

    @Test
    void givenFreshHeap_whenMallocEveryList_thenBlocksAreBumpedWithIndexAndFfHeaders() {
        // given a heap base of 5: used as given, not aligned
        ProposalAllocator a = heap(5, 513);
        long bumper = 5;
        for (int i = 0; i < ProposalAllocator.LISTS; i++) {
            long size = i == 0 ? 0 : (8L << (i - 1)) + 1;
            // when
            long p = a.malloc(size);
            // then
            assertEquals(bumper + 8, p, "list " + i);
            assertEquals(MARK | i, a.memory().readU64(p - 8));
            bumper += (8L << i) + 8;
            assertEquals(bumper, a.bumper());
            assertEquals(bumper - 5, a.addressSpaceUsed());
        }
    }

    @Test
    void sizesAbove16MiBAreTooLargeAndChangeNothing() {
        ProposalAllocator a = heap(0, 257);
        a.malloc(8);
        String before = state(a);
        for (long s : new long[] {(16L << 20) + 1, 32L << 20, 1L << 31, 0xFFFFFFFFL}) {
            assertEquals(ErrorCode.TOO_LARGE, mallocError(a, s), "size " + s);
            assertEquals(before, state(a));
        }
        assertEquals(24, a.malloc(16L << 20));
    }

    @Test
    void aFreshBlockMustEndAtOrBelowTheMemorySize() {
        // given heap base 65520 in one page: a 16-byte block ends exactly at 65536
        ProposalAllocator exact = heap(65520, 1);
        assertEquals(65528, exact.malloc(8));
        assertEquals(ErrorCode.OUT_OF_SPACE, mallocError(exact, 0));
        // given heap base 65521: the same block would end at 65537
        ProposalAllocator over = heap(65521, 1);
        String before = state(over);
        assertEquals(ErrorCode.OUT_OF_SPACE, mallocError(over, 8));
        assertEquals(before, state(over));
        assertEquals(1, over.memory().pages(), "the proposal never grows memory");
        // given no memory at all
        assertEquals(ErrorCode.OUT_OF_SPACE, mallocError(heap(0, 0), 0));
    }

    @Test
    void freePushesLifoAndMallocPopsBeforeBumping() {
        ProposalAllocator a = heap(8, 1);
        long p1 = a.malloc(8);
        long p2 = a.malloc(8);
        long p3 = a.malloc(16);
        assertEquals(null, freeError(a, p1));
        assertEquals(p1 - 8, a.head(0));
        assertEquals(0, a.memory().readU64(p1 - 8), "the first header on a list links to 0, the end");
        assertEquals(null, freeError(a, p2));
        assertEquals(p2 - 8, a.head(0));
        assertEquals(p1 - 8, a.memory().readU64(p2 - 8));
        long bumper = a.bumper();
        assertEquals(p2, a.malloc(1));
        assertEquals(p1, a.malloc(0));
        assertEquals(ProposalAllocator.EMPTY, a.head(0));
        assertEquals(bumper, a.bumper(), "reuse does not bump");
        assertEquals(bumper + 8, a.malloc(8));
        assertEquals(null, freeError(a, p3));
        assertEquals(p3 - 8, a.head(1));
    }

    @Test
    void aHeadOf0IsEmptySoTheBlockAtAddress0IsLost() {
        ProposalAllocator a = heap(0, 1);
        assertEquals(8, a.malloc(8));
        assertEquals(null, freeError(a, 8));
        assertEquals(0, a.head(0));
        assertEquals(24, a.malloc(8));
    }

    @Test
    void freeNeedsTheWholeHeaderInsideMemory() {
        for (long p = 0; p < 8; p++) {
            assertEquals(ErrorCode.OUT_OF_BOUNDS, freeError(heap(0, 1), p), "ptr " + p);
        }
        assertEquals(ErrorCode.NOT_ALLOCATED, freeError(heap(0, 1), 8));
        assertEquals(ErrorCode.NOT_ALLOCATED, freeError(heap(0, 1), 65536));
        for (long p : new long[] {65537, 65544, 0xFFFFFFFFL}) {
            assertEquals(ErrorCode.OUT_OF_BOUNDS, freeError(heap(0, 1), p), "ptr " + p);
        }
        assertEquals(ErrorCode.OUT_OF_BOUNDS, freeError(heap(0, 0), 8), "no memory: no header fits");
    }

    @Test
    void freeAssertsEachOfBytes1To7() {
        for (int b = 1; b < 8; b++) {
            // given an occupied header with byte b cleared
            ProposalAllocator a = heap(8, 1);
            long p = a.malloc(8);
            a.memory().writeU64(p - 8, (MARK | 0) & ~(0xFFL << (8 * b)));
            String before = state(a);
            // when / then
            assertEquals(ErrorCode.NOT_ALLOCATED, freeError(a, p), "byte " + b);
            assertEquals(before, state(a));
        }
        // a double free reads the link, not the marks
        ProposalAllocator a = heap(8, 1);
        long p = a.malloc(8);
        a.free(p);
        assertEquals(ErrorCode.NOT_ALLOCATED, freeError(a, p));
    }

    @Test
    void aListIndexOf22OrMoreIsInvalidOrder() {
        for (int index : new int[] {22, 23, 128, 255}) {
            ProposalAllocator a = heap(8, 1);
            long p = a.malloc(8);
            a.memory().writeU64(p - 8, MARK | index);
            String before = state(a);
            assertEquals(ErrorCode.INVALID_ORDER, freeError(a, p), "index " + index);
            assertEquals(before, state(a));
        }
        // index 21 is a list: the 8-byte block goes on the 16 MiB list
        ProposalAllocator a = heap(8, 1);
        long p = a.malloc(8);
        a.memory().writeU64(p - 8, MARK | 21);
        assertEquals(null, freeError(a, p));
        assertEquals(p - 8, a.head(21));
        assertEquals(p, a.malloc(16L << 20));
    }

    @Test
    void aListHeadMustHaveItsHeaderInsideMemory() {
        long[][] cases = {{65528, 1}, {65529, 0}, {65536, 0}, {1L << 40, 0}, {-1L, 0}, {-8L, 0}};
        for (long[] c : cases) {
            // given a freed block whose link is forged to c[0]
            ProposalAllocator a = heap(8, 1);
            long p = a.malloc(8);
            a.free(p);
            a.memory().writeU64(p - 8, c[0]);
            assertEquals(p, a.malloc(8));
            String before = state(a);
            // when the forged head is popped
            long r = a.malloc(8);
            // then
            if (c[1] == 1) {
                assertEquals(c[0] + 8, r, "head " + c[0]);
            } else {
                assertEquals(-Status.OUT_OF_BOUNDS, r, "head " + Long.toUnsignedString(c[0]));
                assertEquals(before, state(a));
            }
        }
    }

    @Test
    void aListHeadInAMemoryTruncatedBelow8BytesIsOutOfBounds() {
        SparseMemory m = new SparseMemory(1, 1);
        ProposalAllocator a = new ProposalAllocator(m, 8);
        long p = a.malloc(8);
        a.free(p);
        m.truncate(0);
        assertEquals(-Status.OUT_OF_BOUNDS, a.malloc(8));
    }

    @Test
    void statsCountHeadersWrapInU32AndAreUntouchedByErrors() {
        ProposalAllocator a = heap(0, 1);
        a.malloc(1);
        a.malloc(9);
        assertEquals(40, a.bytesAllocated());
        a.free(8);
        assertEquals(24, a.bytesAllocated());
        assertEquals(40, a.bytesAllocatedPeak());
        assertEquals(40, a.bytesAllocatedSumLow());
        assertEquals(0, a.bytesAllocatedSumHigh());
        a.malloc(100_000);
        assertEquals(40, a.bytesAllocatedSumLow());
        // a forged list-21 header on an 8-byte block wraps allocated below 0
        ProposalAllocator b = heap(8, 1);
        long p = b.malloc(8);
        b.memory().writeU64(p - 8, MARK | 21);
        b.free(p);
        assertEquals((16 - (16L << 20) - 8) & 0xFFFFFFFFL, b.bytesAllocated());
        assertEquals(16, b.bytesAllocatedPeak());
    }

    @Test
    void givenASumJustBelow2To62_whenMalloc_thenTheCarryGoesToTheHighPart() throws ReflectiveOperationException {
        ProposalAllocator a = heap(0, 1);
        java.lang.reflect.Field low = ProposalAllocator.class.getDeclaredField("sumLow");
        low.setAccessible(true);
        low.setLong(a, (1L << 62) - 17);
        a.malloc(8);
        assertEquals((1L << 62) - 1, a.bytesAllocatedSumLow());
        assertEquals(0, a.bytesAllocatedSumHigh());
        a.malloc(8);
        assertEquals(15, a.bytesAllocatedSumLow());
        assertEquals(1, a.bytesAllocatedSumHigh());
        // exactly 2^62 carries too
        ProposalAllocator b = heap(0, 1);
        low.setLong(b, (1L << 62) - 16);
        b.malloc(8);
        assertEquals(0, b.bytesAllocatedSumLow());
        assertEquals(1, b.bytesAllocatedSumHigh());
    }

    @Test
    void accessorsReportTheConstructionArguments() {
        SparseMemory m = new SparseMemory(1, 1);
        ProposalAllocator a = new ProposalAllocator(m, 4294967295L);
        assertEquals(4294967295L, a.heapBase());
        assertEquals(4294967295L, a.bumper());
        assertEquals(0, a.addressSpaceUsed());
        assertEquals(m, a.memory());
        assertEquals(ErrorCode.OUT_OF_SPACE, mallocError(a, 0));
    }
}
