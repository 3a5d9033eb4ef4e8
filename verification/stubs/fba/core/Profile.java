package fba.core;

/** KeY classpath stub: only the constants FreeingBumpAllocator.create uses (not proved). */
public enum Profile {
    SUBSTRATE, STRICT
}
