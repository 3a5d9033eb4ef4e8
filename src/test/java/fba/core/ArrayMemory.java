package fba.core;

/**
 * The reference {@link Memory} the tests pin {@link SparseMemory} and {@link PageStore} to: one
 * byte array of the maximum size, the little-endian codec written out byte by byte, nothing
 * clever. Small enough to read against {@link Memory}'s JML line by line.
 */
final class ArrayMemory implements Memory {

    private final byte[] bytes;
    /** The current size in bytes; pages are derived from it, the limit from the array. */
    private long size;

    ArrayMemory(int initialPages, int maxPages) {
        this.bytes = new byte[Math.multiplyExact(maxPages, PAGE_SIZE)];
        this.size = (long) initialPages * PAGE_SIZE;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int pages() {
        return (int) (size / PAGE_SIZE);
    }

    @Override
    public int maxPages() {
        return bytes.length / PAGE_SIZE;
    }

    @Override
    public boolean grow(long delta) {
        // Memory's contract in exact arithmetic: refuse when pages + delta exceeds the limit.
        java.math.BigInteger grown = java.math.BigInteger.valueOf(size / PAGE_SIZE).add(java.math.BigInteger.valueOf(delta));
        if (delta < 0 || grown.compareTo(java.math.BigInteger.valueOf(maxPages())) > 0) {
            return false;
        }
        size = grown.longValueExact() * PAGE_SIZE;
        return true;
    }

    /** Shrinks to {@code newPages}; what lay beyond reads as zero once grown back (a Wasm memory's pages). */
    void truncate(int newPages) {
        java.util.Arrays.fill(bytes, newPages * PAGE_SIZE, (int) size, (byte) 0);
        size = (long) newPages * PAGE_SIZE;
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
