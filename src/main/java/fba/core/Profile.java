package fba.core;

/** How the reference treats the places where sc-allocator's u32 arithmetic wraps. */
public enum Profile {
    /** Bit-exact with sc-allocator's release build, wraps included. */
    SUBSTRATE,
    /** Identical, except that it refuses with a named error wherever sc-allocator would wrap. */
    STRICT;

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
