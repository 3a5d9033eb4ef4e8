package fba.core;

/**
 * An allocator call that failed, as {@link HostAllocator} reports it: the {@link ErrorCode}, the
 * request that failed and its argument.
 *
 * <p>Unchecked because a Wasm host turns it into a trap of the running call (sc-executor does the
 * same with the allocator's {@code Err}): it is the host function's failure, not the runtime's.
 * After any code other than {@link ErrorCode#POISONED} the allocator is poisoned, exactly as
 * sc-allocator's is: every later {@code malloc} and {@code free} fails with {@code POISONED}.
 */
public final class AllocatorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String request;
    private final long argument;

    /**
     * @param code what went wrong
     * @param request {@code "malloc"}, {@code "free"} or {@code "create"}
     * @param argument the size, pointer or heap base the request was given
     * @param detail a sentence for people, naming the input
     */
    public AllocatorException(ErrorCode code, String request, long argument, String detail) {
        super(request + " " + argument + ": " + code.wireName() + " (" + detail + ")");
        this.code = code;
        this.request = request;
        this.argument = argument;
    }

    /** The error code, as the line protocol names it ({@link ErrorCode#wireName()}). */
    public ErrorCode code() {
        return code;
    }

    /** The request that failed: {@code malloc}, {@code free} or {@code create}. */
    public String request() {
        return request;
    }

    /** The request's argument: the size for malloc, the pointer for free, the heap base for create. */
    public long argument() {
        return argument;
    }
}
