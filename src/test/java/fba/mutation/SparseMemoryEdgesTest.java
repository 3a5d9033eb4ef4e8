package fba.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fba.core.SparseMemory;
import org.junit.jupiter.api.Test;

/** SparseMemory details the allocator tests cannot see: argument checks and lazy chunks. */
class SparseMemoryEdgesTest {

    @Test
    void invalidPageCountsAreRefused() {
        // given page counts outside 0 <= initial <= max <= 65536; when constructed; then refused
        assertThrows(IllegalArgumentException.class, () -> new SparseMemory(0, 65537));
        assertThrows(IllegalArgumentException.class, () -> new SparseMemory(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> new SparseMemory(5, 4));
        assertThrows(IllegalArgumentException.class, () -> new SparseMemory(0, -1));
    }

    @Test
    void writingZeroIntoAnUntouchedChunkMaterialisesNothing() {
        // given a page that already holds one chunk
        SparseMemory memory = new SparseMemory(1, 1);
        memory.writeU64(0, 5);
        // when zero is written into another chunk of the same page
        memory.writeU64(4096, 0);
        // then still only the first chunk exists, and the zero reads back
        assertEquals(1, memory.materializedChunks());
        assertEquals(0, memory.readU64(4096));
    }
}
