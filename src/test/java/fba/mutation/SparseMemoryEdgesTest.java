package fba.mutation;

import static org.junit.jupiter.api.Assertions.assertThrows;

import fba.core.SparseMemory;
import org.junit.jupiter.api.Test;

/** SparseMemory's argument checks, which the allocator tests cannot reach. */
class SparseMemoryEdgesTest {

    @Test
    void invalidPageCountsAreRefused() {
        // given page counts outside 0 <= initial <= max <= 65536; when constructed; then refused
        assertThrows(IllegalArgumentException.class, () -> new SparseMemory(0, 65537));
        assertThrows(IllegalArgumentException.class, () -> new SparseMemory(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> new SparseMemory(5, 4));
        assertThrows(IllegalArgumentException.class, () -> new SparseMemory(0, -1));
    }
}
