package fba.core;

/** Every error the reference can report, with its protocol name. */
public enum ErrorCode {
    TOO_LARGE(Status.TOO_LARGE, "too_large"),
    OUT_OF_SPACE(Status.OUT_OF_SPACE, "out_of_space"),
    MEMORY_SHRANK(Status.MEMORY_SHRANK, "memory_shrank"),
    POISONED(Status.POISONED, "poisoned"),
    INVALID_POINTER(Status.INVALID_POINTER, "invalid_pointer"),
    OUT_OF_BOUNDS(Status.OUT_OF_BOUNDS, "out_of_bounds"),
    NOT_ALLOCATED(Status.NOT_ALLOCATED, "not_allocated"),
    INVALID_ORDER(Status.INVALID_ORDER, "invalid_order"),
    INVALID_FREE_LIST(Status.INVALID_FREE_LIST, "invalid_free_list"),
    STATS_UNDERFLOW(Status.STATS_UNDERFLOW, "stats_underflow"),
    HEAP_BASE_WRAP(Status.HEAP_BASE_WRAP, "heap_base_wrap"),
    BUMPER_WRAP(Status.BUMPER_WRAP, "bumper_wrap"),
    ALLOCATED_WRAP(Status.ALLOCATED_WRAP, "allocated_wrap"),
    /** Protocol level: the request line is malformed; the session is unharmed. */
    BAD_REQUEST(14, "bad_request"),
    /** Protocol level: a request other than {@code init} arrived before any {@code init}. */
    NOT_INITIALIZED(15, "not_initialized");

    private static final ErrorCode[] BY_STATUS = new ErrorCode[16];

    static {
        for (ErrorCode c : values()) {
            BY_STATUS[c.status] = c;
        }
    }

    private final int status;
    private final String wire;

    ErrorCode(int status, String wire) {
        this.status = status;
        this.wire = wire;
    }

    /** The code's name in the line protocol, e.g. {@code not_allocated}. */
    public String wireName() {
        return wire;
    }

    /** The integer status the algorithm uses for this code. */
    public int status() {
        return status;
    }

    /** The code for a non-zero status from the algorithm. */
    public static ErrorCode ofStatus(int status) {
        ErrorCode c = status > 0 && status < BY_STATUS.length ? BY_STATUS[status] : null;
        if (c == null) {
            throw new IllegalArgumentException("no error code has status " + status);
        }
        return c;
    }

    /** The code with this protocol name, or null. */
    public static ErrorCode ofWireName(String name) {
        for (ErrorCode c : values()) {
            if (c.wire.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
