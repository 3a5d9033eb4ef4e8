package fba.examples.chicory;

import fba.core.AllocatorStats;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes a host's allocator calls as an fba vector file (spec/protocol.md, "Vector files"): one
 * request per call with the response the allocator gave after {@code =>}, so that
 * {@code ./fba run FILE} replays the session and compares every answer.
 *
 * <p>The session opens with {@code init heap_base context initial_pages max_pages} as the engine
 * instantiated the module. Growth the runtime does itself ({@code memory.grow} in Wasm) is seen
 * before the next allocator call and written as {@code grow N}, so the replayed memory has the
 * same size at every call; growth by the allocator is the allocator's and is not written.
 */
public final class TraceRecorder implements AutoCloseable {

    private final BufferedWriter out;
    private long calls;
    private int pages;

    public TraceRecorder(Writer out) {
        this.out = out instanceof BufferedWriter ? (BufferedWriter) out : new BufferedWriter(out, 1 << 16);
    }

    /** Comment lines: what was run. */
    public void comment(String text) {
        for (String line : text.split("\n", -1)) {
            write("# " + line);
        }
    }

    public void init(long heapBase, String context, int initialPages, int maxPages) {
        pages = initialPages;
        write("init " + heapBase + " " + context + " " + initialPages + " " + maxPages + " => ok");
    }

    /** Before a call: the memory's pages now; more than last seen means the runtime grew it. */
    public void beforeCall(int pagesNow) {
        if (pagesNow > pages) {
            write("grow " + (pagesNow - pages) + " => ok");
        }
        pages = pagesNow;
    }

    /** After a call: the pages the allocator's own growth left. */
    public void afterCall(int pagesNow) {
        pages = pagesNow;
        calls++;
    }

    public void mallocOk(long size, long ptr) {
        write("malloc " + size + " => ok " + ptr);
    }

    public void freeOk(long ptr) {
        write("free " + ptr + " => ok");
    }

    public void failed(String request, long argument, String code) {
        write(request + " " + argument + " => err " + code);
    }

    public void stats(AllocatorStats s) {
        write("stats => ok " + s.bytesAllocated() + " " + s.bytesAllocatedPeak() + " " + s.bytesAllocatedSum() + " "
                + s.addressSpaceUsed());
    }

    public void pages(int current) {
        write("pages => ok " + current);
    }

    /** Allocator calls recorded so far. */
    public long calls() {
        return calls;
    }

    private void write(String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing the trace: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
