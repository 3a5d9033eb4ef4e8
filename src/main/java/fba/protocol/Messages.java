package fba.protocol;

import fba.core.ErrorCode;

/** Human-readable explanations that follow an error code on the wire (never compared). */
final class Messages {

    private Messages() {
    }

    /** The proposal profile's errors, in the proposal's own terms (spec/allocator.md §11). */
    static String describeProposal(ErrorCode code) {
        switch (code) {
            case TOO_LARGE:
                return "requested size exceeds the proposal's largest block, 16 MiB";
            case OUT_OF_SPACE:
                return "the block does not fit below the end of memory (the proposal never grows it)";
            case OUT_OF_BOUNDS:
                return "the 8 header bytes do not lie inside memory";
            case NOT_ALLOCATED:
                return "header bytes 1..7 are not all 0xFF (double free or foreign pointer)";
            case INVALID_ORDER:
                return "header byte 0 holds a list index of 22 or more";
            default:
                return describe(code);
        }
    }

    static String describe(ErrorCode code) {
        switch (code) {
            case TOO_LARGE:
                return "requested size exceeds the largest allocation of this context";
            case OUT_OF_SPACE:
                return "the heap cannot grow enough for a fresh block";
            case MEMORY_SHRANK:
                return "memory is smaller than at the start of the previous call";
            case POISONED:
                return "the allocator has been poisoned by an earlier error";
            case INVALID_POINTER:
                return "pointer is below 8, so it has no header";
            case OUT_OF_BOUNDS:
                return "header lies outside memory";
            case NOT_ALLOCATED:
                return "header is not occupied (double free or foreign pointer)";
            case INVALID_ORDER:
                return "header holds an order beyond this context's orders";
            case INVALID_FREE_LIST:
                return "free list head lies outside memory or points at an occupied header";
            case STATS_UNDERFLOW:
                return "allocated-bytes count would go below zero";
            case HEAP_BASE_WRAP:
                return "heap base would wrap (strict profile)";
            case BUMPER_WRAP:
                return "block would end exactly at 4 GiB, wrapping the bump pointer to 0 (strict profile)";
            case ALLOCATED_WRAP:
                return "allocated-bytes count would exceed u32 (strict profile)";
            default:
                return code.wireName();
        }
    }
}
