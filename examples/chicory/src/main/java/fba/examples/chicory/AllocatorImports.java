package fba.examples.chicory;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import fba.core.AllocatorException;
import fba.core.HostAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The two allocator host functions a Substrate runtime imports, over one {@link HostAllocator}:
 * {@code env.ext_allocator_malloc_version_1(size: i32) -> i32} and
 * {@code env.ext_allocator_free_version_1(ptr: i32)}. An allocator error traps the Wasm call
 * (the {@link AllocatorException} propagates out of the engine), as sc-executor traps on the
 * allocator's {@code Err}.
 *
 * <p>Optionally every call goes to {@link TraceRecorder}s, each until its own call limit (a
 * prefix of the session), after which it gets the stats and page count at that point and is
 * closed; {@link #finish} does the same for the others.
 */
public final class AllocatorImports {

    /** The import module Substrate's host functions live in. */
    public static final String MODULE = "env";
    public static final String MALLOC = "ext_allocator_malloc_version_1";
    public static final String FREE = "ext_allocator_free_version_1";

    private HostAllocator heap;
    private final List<TraceRecorder> recorders = new ArrayList<>();
    private final List<Long> limits = new ArrayList<>();
    private long calls;
    private long nanosInside;
    private final boolean timed;

    /** @param timed measure the time spent inside the allocator (System.nanoTime around each call) */
    public AllocatorImports(boolean timed) {
        this.timed = timed;
    }

    /** The allocator to use: set after instantiation, once the memory and __heap_base exist. */
    public void bind(HostAllocator heap) {
        this.heap = heap;
    }

    /** Records the calls into {@code recorder} until it holds {@code limit} of them. */
    public void record(TraceRecorder recorder, long limit) {
        recorders.add(recorder);
        limits.add(limit);
    }

    /** The two host functions, to add to the instance's imports. */
    public HostFunction[] functions() {
        HostFunction malloc = new HostFunction(MODULE, MALLOC,
                FunctionType.of(new ValType[] {ValType.I32}, new ValType[] {ValType.I32}),
                (instance, args) -> new long[] {malloc(args[0] & 0xFFFFFFFFL)});
        HostFunction free = new HostFunction(MODULE, FREE,
                FunctionType.of(new ValType[] {ValType.I32}, new ValType[] {}),
                (instance, args) -> {
                    free(args[0] & 0xFFFFFFFFL);
                    return null;
                });
        return new HostFunction[] {malloc, free};
    }

    private long malloc(long size) {
        long ptr = call("malloc", size, () -> heap.malloc(size));
        for (TraceRecorder r : recorders) {
            r.mallocOk(size, ptr);
        }
        after();
        // an i32 result: the u32 pointer's bits
        return (int) ptr;
    }

    private void free(long ptr) {
        call("free", ptr, () -> {
            heap.free(ptr);
            return 0;
        });
        for (TraceRecorder r : recorders) {
            r.freeOk(ptr);
        }
        after();
    }

    /** Runs one allocator call, timed when asked; a failure is recorded and propagates. */
    private long call(String request, long argument, LongSupplier op) {
        before();
        long t0 = timed ? System.nanoTime() : 0;
        long result;
        try {
            result = op.getAsLong();
        } catch (AllocatorException e) {
            for (TraceRecorder r : recorders) {
                r.failed(request, argument, e.code().wireName());
            }
            after();
            throw e;
        }
        if (timed) {
            nanosInside += System.nanoTime() - t0;
        }
        return result;
    }

    private void before() {
        int pages = heap.memory().pages();
        for (TraceRecorder r : recorders) {
            r.beforeCall(pages);
        }
    }

    private void after() {
        calls++;
        int pages = heap.memory().pages();
        for (int i = recorders.size() - 1; i >= 0; i--) {
            TraceRecorder r = recorders.get(i);
            r.afterCall(pages);
            if (r.calls() >= limits.get(i)) {
                close(i);
            }
        }
    }

    /** Ends every recording still open with the stats and page count now. */
    public void finish() {
        for (int i = recorders.size() - 1; i >= 0; i--) {
            close(i);
        }
    }

    private void close(int i) {
        TraceRecorder r = recorders.remove(i);
        limits.remove(i);
        r.stats(heap.stats());
        r.pages(heap.memory().pages());
        try {
            r.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing a trace: " + e.getMessage(), e);
        }
    }

    /** Allocator calls so far. */
    public long calls() {
        return calls;
    }

    /** Nanoseconds spent inside the allocator (when timed). */
    public long nanosInside() {
        return nanosInside;
    }
}
