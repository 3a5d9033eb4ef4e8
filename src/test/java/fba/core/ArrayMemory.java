package fba.core;

/**
 * The reference {@link Memory} the tests pin {@link SparseMemory} and {@link PageStore} to: one
 * byte array of the maximum size, the little-endian codec written out byte by byte, nothing
 * clever. Small enough to read against {@link Memory}'s JML line by line.
 */
final class ArrayMemory implements Memory {

    private final byte[] bytes;
    private final int maxPages;
    private int pages;

    ArrayMemory(int initialPages, int maxPages) {
        this.bytes = new byte[Math.multiplyExact(maxPages, PAGE_SIZE)];
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
        // Memory's contract in exact arithmetic: refuse when pages + delta exceeds the limit.
        if (delta < 0 || java.math.BigInteger.valueOf(pages).add(java.math.BigInteger.valueOf(delta))
                .compareTo(java.math.BigInteger.valueOf(maxPages)) > 0) {
            return false;
        }
        pages += (int) delta;
        return true;
    }

    /** Shrinks to {@code newPages}; what lay beyond reads as zero once grown back (a Wasm memory's pages). */
    void truncate(int newPages) {
        java.util.Arrays.fill(bytes, newPages * PAGE_SIZE, pages * PAGE_SIZE, (byte) 0);
        pages = newPages;
    }

    @Override
    public long readU64(long addr) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (bytes[(int) addr + i] & 0xFF);
        }
        return v;
    }

    @Override
    public void writeU64(long addr, long value) {
        for (int i = 0; i < 8; i++) {
            bytes[(int) addr + i] = (byte) (value >>> (8 * i));
        }
    }

    int readByte(long addr) {
        return bytes[(int) addr] & 0xFF;
    }
}
