package fba.core;

import java.util.Arrays;
import java.util.HashMap;

/**
 * Word storage for a whole 4 GiB address space whose RAM cost follows what is actually written,
 * even when a heap covers all of it.
 *
 * <p>Memory is cut into 64 KiB pages (8192 words). A page is one of:
 * <ul>
 *   <li>absent: all zeros;</li>
 *   <li>{@link Sparse}: its non-zero words as sorted (offset, value) pairs, ten bytes a word; a
 *       page holding a few headers costs a few dozen bytes;</li>
 *   <li>dense: a plain {@code long[8192]}, once more than {@link #DENSE_THRESHOLD} words are
 *       non-zero;</li>
 *   <li>{@link Shared}: an immutable page interned by content and referenced by every page slot
 *       with the same content. A heap filled with blocks of one size repeats the same few page
 *       contents (one per phase of the block stride), so a 4 GiB fill of 8-byte blocks costs a
 *       single shared page rather than 4 GiB.</li>
 * </ul>
 * Pages are interned in batches: the slots written since the last batch are hashed when
 * {@link #SWEEP_EVERY} of them have accumulated (the one being written stays private), and a write
 * to a shared page takes it back (copying it only if other slots still refer to it).
 */
final class PageStore {

    static final int PAGE_WORDS = 8192;
    private static final int PAGE_SHIFT = 13;
    private static final int SLOTS = 65536;
    /** Sparse pages with more non-zero words than this become dense (20 KiB sparse vs 64 KiB). */
    static final int DENSE_THRESHOLD = 2048;
    /** Number of written pages that triggers an interning batch. */
    static final int SWEEP_EVERY = 64;

    /** Slots per leaf of the page table: 256 pages, 16 MiB of memory. */
    private static final int LEAF_SHIFT = 8;
    private static final int LEAF_MASK = (1 << LEAF_SHIFT) - 1;

    /**
     * The page table in two levels, a leaf made on the first write into its 16 MiB: a fresh store
     * costs 1 KiB instead of a 65536-slot table (the checker makes one for every session that
     * writes above 16 MiB, thousands a second; issue 16).
     */
    private final Leaf[] leaves = new Leaf[SLOTS >>> LEAF_SHIFT];
    /**
     * Every leaf from here up is null, so {@link #removeFrom} (a truncation, which the checker's
     * sessions do often) need not visit all of them.
     */
    private int usedLeaves;
    private final int[] dirtyList = new int[SWEEP_EVERY];
    private int dirtyCount;
    private final HashMap<Shared, Shared> interned = new HashMap<>();

    /** The word at {@code index} (0 when never written). */
    long get(long index) {
        int slot = (int) (index >>> PAGE_SHIFT);
        Leaf leaf = leaves[slot >>> LEAF_SHIFT];
        if (leaf == null) {
            return 0;
        }
        Object p = leaf.pages[slot & LEAF_MASK];
        int off = (int) index & (PAGE_WORDS - 1);
        if (p == null) {
            return 0;
        }
        if (p instanceof long[] dense) {
            return dense[off];
        }
        if (p instanceof Sparse s) {
            return s.get(off);
        }
        return ((Shared) p).get(off);
    }

    /** Stores {@code value} at {@code index}. */
    void put(long index, long value) {
        int slot = (int) (index >>> PAGE_SHIFT);
        int off = (int) index & (PAGE_WORDS - 1);
        int l = slot >>> LEAF_SHIFT;
        int i = slot & LEAF_MASK;
        Leaf leaf = leaves[l];
        Object p = leaf == null ? null : leaf.pages[i];
        if (p == null) {
            if (value == 0) {
                return;
            }
            if (leaf == null) {
                leaf = new Leaf();
                leaves[l] = leaf;
                if (l >= usedLeaves) {
                    usedLeaves = l + 1;
                }
            }
            p = new Sparse();
            leaf.pages[i] = p;
        } else if (p instanceof Shared s) {
            if (s.get(off) == value) {
                return;
            }
            p = unshare(s);
            leaf.pages[i] = p;
        }
        if (p instanceof long[] dense) {
            dense[off] = value;
        } else {
            Sparse s = (Sparse) p;
            s.put(off, value);
            if (s.n > DENSE_THRESHOLD) {
                leaf.pages[i] = s.toDense();
            } else if (s.n == 0) {
                leaf.pages[i] = null;
            }
        }
        touch(leaf, slot);
    }

    /** Forgets every word at or above {@code fromIndex}, a multiple of {@link #PAGE_WORDS}. */
    void removeFrom(long fromIndex) {
        int first = (int) Math.min(SLOTS, (fromIndex + PAGE_WORDS - 1) >>> PAGE_SHIFT);
        for (int l = first >>> LEAF_SHIFT; l < usedLeaves; l++) {
            Leaf leaf = leaves[l];
            if (leaf == null) {
                continue;
            }
            for (int i = Math.max(0, first - (l << LEAF_SHIFT)); i <= LEAF_MASK; i++) {
                if (leaf.pages[i] instanceof Shared s) {
                    release(s);
                }
                leaf.pages[i] = null;
            }
        }
        int kept = 0;
        for (int i = 0; i < dirtyCount; i++) {
            if (dirtyList[i] < first) {
                dirtyList[kept++] = dirtyList[i];
            } else {
                leaves[dirtyList[i] >>> LEAF_SHIFT].dirty[dirtyList[i] & LEAF_MASK] = false;
            }
        }
        dirtyCount = kept;
    }

    /** Approximate bytes of RAM holding words: each private page, and each shared page once. */
    long storageBytes() {
        long bytes = 0;
        for (Leaf leaf : leaves) {
            if (leaf == null) {
                continue;
            }
            for (Object p : leaf.pages) {
                if (p instanceof long[] d) {
                    bytes += d.length * 8L;
                } else if (p instanceof Sparse s) {
                    bytes += s.offs.length * 2L + s.vals.length * 8L;
                }
            }
        }
        for (Shared s : interned.keySet()) {
            bytes += s.content instanceof long[] d ? d.length * 8L
                    : ((Sparse) s.content).offs.length * 2L + ((Sparse) s.content).vals.length * 8L;
        }
        return bytes;
    }

    /** Number of distinct interned page contents (for tests). */
    int sharedPages() {
        return interned.size();
    }

    private Object unshare(Shared s) {
        if (s.refs == 1) {
            interned.remove(s);
            return s.content;
        }
        s.refs--;
        return s.content instanceof long[] d ? d.clone() : ((Sparse) s.content).copy();
    }

    private void release(Shared s) {
        if (--s.refs == 0) {
            interned.remove(s);
        }
    }

    private void touch(Leaf leaf, int slot) {
        if (leaf.dirty[slot & LEAF_MASK]) {
            return;
        }
        if (dirtyCount == SWEEP_EVERY) {
            for (int i = 0; i < dirtyCount; i++) {
                Leaf listed = leaves[dirtyList[i] >>> LEAF_SHIFT];
                listed.dirty[dirtyList[i] & LEAF_MASK] = false;
                intern(listed, dirtyList[i] & LEAF_MASK);
            }
            dirtyCount = 0;
        }
        leaf.dirty[slot & LEAF_MASK] = true;
        dirtyList[dirtyCount++] = slot;
    }

    /** 256 page slots of the table and which of them were written since the last interning batch. */
    private static final class Leaf {
        final Object[] pages = new Object[1 << LEAF_SHIFT];
        final boolean[] dirty = new boolean[1 << LEAF_SHIFT];
    }

    private void intern(Leaf leaf, int slot) {
        Object[] pages = leaf.pages;
        Object p = pages[slot];
        // A listed slot is never Shared: put lists a slot only after making it private, and a
        // batch interns each listed slot once and then empties the list.
        if (p == null) {
            return;
        }
        Shared probe = new Shared(p instanceof Sparse s ? s.trimmed() : p);
        Shared existing = interned.get(probe);
        if (existing != null) {
            existing.refs++;
            pages[slot] = existing;
        } else {
            probe.refs = 1;
            interned.put(probe, probe);
            pages[slot] = probe;
        }
    }

    /** Non-zero words of a page as sorted offsets and their values. */
    static final class Sparse {
        short[] offs = new short[4];
        long[] vals = new long[4];
        int n;

        long get(int off) {
            int i = find(off);
            return i >= 0 ? vals[i] : 0;
        }

        int find(int off) {
            int lo = 0;
            int hi = n - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int o = offs[mid];
                if (o < off) {
                    lo = mid + 1;
                } else if (o > off) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(lo + 1);
        }

        void put(int off, long value) {
            int i = find(off);
            if (i >= 0) {
                if (value != 0) {
                    vals[i] = value;
                } else {
                    // Zero words are not stored, so equal contents have equal representations.
                    System.arraycopy(offs, i + 1, offs, i, n - i - 1);
                    System.arraycopy(vals, i + 1, vals, i, n - i - 1);
                    n--;
                }
                return;
            }
            if (value == 0) {
                return;
            }
            int at = -(i + 1);
            if (n == offs.length) {
                offs = Arrays.copyOf(offs, n * 2);
                vals = Arrays.copyOf(vals, n * 2);
            }
            System.arraycopy(offs, at, offs, at + 1, n - at);
            System.arraycopy(vals, at, vals, at + 1, n - at);
            offs[at] = (short) off;
            vals[at] = value;
            n++;
        }

        long[] toDense() {
            long[] d = new long[PAGE_WORDS];
            for (int i = 0; i < n; i++) {
                d[offs[i]] = vals[i];
            }
            return d;
        }

        Sparse trimmed() {
            if (offs.length != n) {
                offs = Arrays.copyOf(offs, n);
                vals = Arrays.copyOf(vals, n);
            }
            return this;
        }

        Sparse copy() {
            Sparse c = new Sparse();
            c.offs = Arrays.copyOf(offs, Math.max(4, n));
            c.vals = Arrays.copyOf(vals, Math.max(4, n));
            c.n = n;
            return c;
        }
    }

    /** An immutable page content referenced by {@code refs} slots; equal by content. */
    static final class Shared {
        final Object content;
        final int hash;
        int refs;

        Shared(Object content) {
            this.content = content;
            if (content instanceof long[] d) {
                this.hash = Arrays.hashCode(d);
            } else {
                Sparse s = (Sparse) content;
                this.hash = 31 * Arrays.hashCode(s.offs) + Arrays.hashCode(s.vals) + 1;
            }
        }

        long get(int off) {
            return content instanceof long[] d ? d[off] : ((Sparse) content).get(off);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Shared other) || other.hash != hash) {
                return false;
            }
            if (content instanceof long[] d) {
                return other.content instanceof long[] e && Arrays.equals(d, e);
            }
            if (!(other.content instanceof Sparse t)) {
                return false;
            }
            Sparse s = (Sparse) content;
            return s.n == t.n && Arrays.equals(s.offs, 0, s.n, t.offs, 0, t.n)
                    && Arrays.equals(s.vals, 0, s.n, t.vals, 0, t.n);
        }
    }
}
