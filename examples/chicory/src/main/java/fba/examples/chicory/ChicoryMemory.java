package fba.examples.chicory;

import fba.core.Memory;

/**
 * fba's {@link Memory} over a Chicory instance's linear memory: the allocator's header words are
 * read and written in the runtime's own memory, and it grows through the engine's
 * {@code memory.grow}, up to the module's declared maximum.
 *
 * <p>The limit is the smaller of the module's declared maximum and Chicory's own
 * ({@link com.dylibso.chicory.runtime.Memory#RUNTIME_MAX_PAGES}: its memory is one Java array,
 * so under 2 GiB); a module that declares no maximum gets Chicory's.
 */
public final class ChicoryMemory implements Memory {

    private final com.dylibso.chicory.runtime.Memory memory;
    private final int maxPages;

    public ChicoryMemory(com.dylibso.chicory.runtime.Memory memory) {
        this.memory = memory;
        this.maxPages = Math.min(Math.min(memory.maximumPages(), com.dylibso.chicory.runtime.Memory.RUNTIME_MAX_PAGES),
                MAX_WASM_PAGES);
    }

    @Override
    public int pages() {
        return memory.pages();
    }

    @Override
    public int maxPages() {
        return maxPages;
    }

    @Override
    public long size() {
        return (long) memory.pages() * PAGE_SIZE;
    }

    /** {@code memory.grow}: refused, changing nothing, past the limit (the engine would say -1). */
    @Override
    public boolean grow(long delta) {
        if (delta < 0 || delta > maxPages - memory.pages()) {
            return false;
        }
        return delta == 0 || memory.grow((int) delta) >= 0;
    }

    // The allocator checks every address before it reads or writes (Memory's contract): addresses
    // here are below size() <= 2 GiB, so the int cast is exact.
    @Override
    public long readU64(long addr) {
        return memory.readLong((int) addr);
    }

    @Override
    public void writeU64(long addr, long value) {
        memory.writeLong((int) addr, value);
    }
}
