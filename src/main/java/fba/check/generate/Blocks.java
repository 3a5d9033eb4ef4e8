package fba.check.generate;

/**
 * A list of blocks with their pointers also in a primitive array, so that finding a pointer
 * (once per malloc and free the reference answers) scans longs instead of objects; order and
 * removal (the last match swapped with the last element) are those of the list it replaces,
 * since the draws pick blocks by position.
 */
final class Blocks {

    private Block[] items = new Block[64];
    private long[] ptrs = new long[64];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    Block get(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return items[i];
    }

    void set(int i, Block b) {
        get(i);
        items[i] = b;
        ptrs[i] = b.ptr;
    }

    void add(Block b) {
        if (size == items.length) {
            items = java.util.Arrays.copyOf(items, size * 2);
            ptrs = java.util.Arrays.copyOf(ptrs, size * 2);
        }
        items[size] = b;
        ptrs[size++] = b.ptr;
    }

    void clear() {
        java.util.Arrays.fill(items, 0, size, null);
        size = 0;
    }

    /** Removes the last block with {@code ptr}, moving the last block into its place; null if none. */
    Block removePtr(long ptr) {
        long[] p = ptrs;
        for (int i = size - 1; i >= 0; i--) {
            if (p[i] == ptr) {
                Block b = items[i];
                size--;
                items[i] = items[size];
                ptrs[i] = ptrs[size];
                items[size] = null;
                return b;
            }
        }
        return null;
    }
}
