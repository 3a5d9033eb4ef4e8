package fba.core;

/** KeY classpath stub: only the signature FreeingBumpAllocator.create uses (not proved). */
public enum CallContext {
    ONCHAIN, OFFCHAIN;

    public int orders() {
        return 23;
    }
}
