package fba.bench;

import fba.core.Memory;

/**
 * Benchmark-only memory backed by one flat {@code long[]} (so at most a few hundred pages):
 * the cheapest word access Java offers, to show how much of the op-mix time the sparse page
 * table costs. Aligned accesses only, which is all the allocator makes in the op mix.
 */
final class FlatMemory implements Memory {

    private final long[] words;
    private final int maxPages;
    private int pages;

    FlatMemory(int initialPages, int maxPages) {
        this.words = new long[maxPages * (PAGE_SIZE / 8)];
        this.maxPages = maxPages;
        this.pages = initialPages;
    }

    @Override
    public int pages() {
        return pages;
    }

    @Override
    public int maxPages() {
        return maxPages;
    }

    @Override
    public long size() {
        return (long) pages * PAGE_SIZE;
    }

    @Override
    public boolean grow(long delta) {
        if (delta < 0 || delta > maxPages - pages) { // pages + delta could wrap a long
            return false;
        }
        pages += (int) delta;
        return true;
    }

    @Override
    public long readU64(long addr) {
        if ((addr & 7) != 0) {
            throw new UnsupportedOperationException("unaligned read at " + addr);
        }
        return words[(int) (addr >>> 3)];
    }

    @Override
    public void writeU64(long addr, long value) {
        if ((addr & 7) != 0) {
            throw new UnsupportedOperationException("unaligned write at " + addr);
        }
        words[(int) (addr >>> 3)] = value;
    }
}
