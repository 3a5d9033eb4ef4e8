package fba.core;

/** The two contexts sc-allocator is instantiated for; they differ only in the largest allocation. */
public enum CallContext {
    /** 23 orders: 8 B .. 32 MiB. */
    ONCHAIN(23),
    /** 29 orders: 8 B .. 2 GiB. */
    OFFCHAIN(29);

    private final int orders;

    CallContext(int orders) {
        this.orders = orders;
    }

    public int orders() {
        return orders;
    }

    /** Largest request accepted: the block size of the highest order. */
    public long maxAllocation() {
        return 8L << (orders - 1);
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static CallContext ofWireName(String s) {
        for (CallContext c : values()) {
            if (c.wireName().equals(s)) {
                return c;
            }
        }
        return null;
    }
}
