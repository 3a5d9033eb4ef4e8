package fba.examples.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import org.junit.jupiter.api.Test;

/** The adapter keeps fba.core.Memory's contract over Chicory's memory. */
class ChicoryMemoryTest {

    @Test
    void wordsAreLittleEndianAtAnyAlignment() {
        ByteArrayMemory engine = new ByteArrayMemory(new MemoryLimits(1, 3));
        ChicoryMemory m = new ChicoryMemory(engine);
        m.writeU64(13, 0x0102030405060708L);
        assertEquals(0x08, engine.read(13));
        assertEquals(0x01, engine.read(20));
        assertEquals(0x0102030405060708L, m.readU64(13));
        m.writeU64(65528, -1L);
        assertEquals(-1L, m.readU64(65528));
    }

    @Test
    void growthGoesThroughTheEngineUpToTheDeclaredMaximum() {
        ByteArrayMemory engine = new ByteArrayMemory(new MemoryLimits(1, 3));
        ChicoryMemory m = new ChicoryMemory(engine);
        assertEquals(1, m.pages());
        assertEquals(3, m.maxPages());
        assertEquals(65536, m.size());
        assertFalse(m.grow(3));
        assertEquals(1, engine.pages());
        assertTrue(m.grow(0));
        assertTrue(m.grow(2));
        assertEquals(3, engine.pages());
        assertEquals(3L * 65536, m.size());
        assertEquals(0, m.readU64(3L * 65536 - 8), "grown pages are zero");
        assertFalse(m.grow(1));
        assertFalse(m.grow(-1));
        assertEquals(3, m.pages());
    }

    @Test
    void aModuleWithoutAMaximumGetsChicorysLimit() {
        ChicoryMemory m = new ChicoryMemory(new ByteArrayMemory(new MemoryLimits(1)));
        assertEquals(com.dylibso.chicory.runtime.Memory.RUNTIME_MAX_PAGES, m.maxPages());
    }
}
