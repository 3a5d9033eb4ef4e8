package fba.core;

/**
 * Which allocator the reference runs: sc-allocator as released ({@link #SUBSTRATE}), the same with
 * its u32 wraps refused ({@link #STRICT}), or the original proposal ({@link #PROPOSAL}).
 */
public enum Profile {
    /** Bit-exact with sc-allocator's release build, wraps included. */
    SUBSTRATE,
    /** Identical, except that it refuses with a named error wherever sc-allocator would wrap. */
    STRICT,
    /** The seed proposal's algorithm as written ({@link ProposalAllocator}); spec/allocator.md §11. */
    PROPOSAL;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Profile ofWireName(String s) {
        for (Profile p : values()) {
            if (p.wireName().equals(s)) {
                return p;
            }
        }
        return null;
    }
}
