package fba.check.drive;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running implementation, driven pipelined: the caller writes batches of requests as fast as
 * the pipe takes them while a reader thread checks each response against the reference's
 * prediction. A watchdog kills the process tree when a response is owed and nothing has arrived
 * for the timeout, so no misbehaviour of the implementation can make the checker wait forever.
 *
 * <p>The command runs under {@code /bin/sh -c}, so it may use quoting, variables and pipes.
 */
public final class ImplProcess {

    private static final Batch END = new Batch(null, 0);

    private final Process process;
    private final OutputStream stdin;
    private final ResponseLines lines;
    private final long timeoutNanos;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(64);
    private final AtomicReference<Outcome> result = new AtomicReference<>();
    private final StderrTail stderr;
    private final Thread reader;
    private final Thread writer;
    private final Thread watchdog;
    private final BlockingQueue<Batch> writes = new ArrayBlockingQueue<>(64);
    private volatile boolean inputBroken;
    /** Set once the reader has checked every batch and seen the end of output. */
    private volatile boolean readerCompleted;

    /** Responses owed: lines sent that expect one, minus responses read. */
    private volatile long sentAnswered;
    private volatile long received;
    private volatile long lastProgress = System.nanoTime();
    /** Set once the input is closed: from then on the process owes its end of output. */
    private volatile boolean awaitingEof;
    private volatile boolean finished;
    private volatile String lastSent;
    /**
     * When set, a divergence does not end the run: it is handed here and the rest of its owner's
     * lines (the rest of that generated session) go unchecked, since the next session's {@code init}
     * starts afresh. Only a broken stream (crash, hang, garbage) ends the run then.
     */
    private volatile java.util.function.Consumer<Outcome> onDivergence;
    private Object divergedOwner;

    private ImplProcess(Process process, long timeoutMs) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.lines = new ResponseLines(process.getInputStream());
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        this.stderr = new StderrTail(process.getErrorStream());
        this.reader = new Thread(this::readLoop, "fba-check-reader");
        this.reader.setDaemon(true);
        this.writer = new Thread(this::writeLoop, "fba-check-writer");
        this.writer.setDaemon(true);
        this.watchdog = new Thread(this::watch, "fba-check-watchdog");
        this.watchdog.setDaemon(true);
    }

    /**
     * Starts {@code command}: split on spaces and run directly when it is plain words, otherwise
     * under {@code /bin/sh -c} (see {@link #argv}).
     */
    public static ImplProcess start(String command, long timeoutMs) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(CommandArgs.argv(command));
        Process p = pb.start();
        ImplProcess ip = new ImplProcess(p, timeoutMs);
        ip.stderr.start();
        ip.reader.start();
        ip.writer.start();
        ip.watchdog.start();
        return ip;
    }

    /**
     * Whether {@code command} can be run at all: started afresh and sent one {@code pages} (before
     * any {@code init}), it answers with a protocol line and ends cleanly. Asked when a process
     * failed before its first answer, to tell an implementation that cannot run (missing, not
     * executable, dying on any first request) from one that fails on a particular input.
     */
    public static boolean answersAtAll(String command, long timeoutMs) {
        try {
            ImplProcess p = start(command, timeoutMs);
            Batch b = new Batch(null, 1);
            b.add("pages", "err not_initialized", 0);
            b.seal();
            p.send(b);
            return p.finish().kind != Outcome.Kind.FAILURE;
        } catch (IOException e) {
            return false;
        }
    }

    /** Goes on after divergences, handing each to {@code listener} (called on the reader thread). */
    public void continueAfterDivergence(java.util.function.Consumer<Outcome> listener) {
        this.onDivergence = listener;
    }

    /** Whether the run has already ended (divergence or failure); further sends are pointless. */
    public boolean ended() {
        return result.get() != null;
    }

    /**
     * Queues a batch for checking and writes its lines. Returns false once the run has ended; the
     * outcome then comes from {@link #finish}.
     */
    public boolean send(Batch b) {
        if (ended()) {
            return false;
        }
        lastProgress = System.nanoTime();
        try {
            while (!queue.offer(b, 50, TimeUnit.MILLISECONDS)) {
                if (ended()) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        int answered = 0;
        for (int i = 0; i < b.size; i++) {
            if (b.answered(i)) {
                answered++;
            }
        }
        if (b.bytes == null) {
            b.seal();
        }
        sentAnswered += answered;
        return handOff(b);
    }

    /** Gives a batch (or END) to the writer thread, unless the run ends first. */
    private boolean handOff(Batch b) {
        try {
            while (!writes.offer(b, 50, TimeUnit.MILLISECONDS)) {
                if (ended()) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !ended() && !inputBroken;
    }

    /**
     * Writes batches to the implementation's input and closes it after END. A separate thread, so
     * that no caller ever blocks in a write: a process that stops reading while a grandchild keeps
     * its input pipe open would otherwise hold the checker forever.
     */
    private void writeLoop() {
        try {
            while (true) {
                Batch b = writes.take();
                if (b == END) {
                    stdin.close();
                    lastProgress = System.nanoTime();
                    awaitingEof = true;
                    return;
                }
                if (b.size > 0) {
                    lastSent = b.line(b.size - 1);
                }
                stdin.write(b.bytes, 0, b.byteLength);
                stdin.flush();
            }
        } catch (IOException e) {
            // The process stopped reading (it died, or closed its input): the reader classifies it.
            inputBroken = true;
            awaitingEof = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last request written to the implementation, or null. */
    public String lastSent() {
        return lastSent;
    }

    /** The implementation's recent standard error output (up to a few KiB). */
    public String stderrTail() {
        return stderr.tail();
    }

    /** Closes the input, waits for every owed response and the end of output, and ends the process. */
    public Outcome finish() {
        try {
            while (!queue.offer(END, 50, TimeUnit.MILLISECONDS)) {
                if (ended()) {
                    break;
                }
            }
            handOff(END);
            // Once a verdict is in, the reader is not waited for: a grandchild that escaped the kill
            // may hold the output pipe open, and the gate must not wait for it.
            while (reader.isAlive() && !ended()) {
                reader.join(50);
            }
            Outcome r = result.get();
            if (r == null && !readerCompleted) {
                r = Outcome.failure("could not be checked: the reader stopped before the end of output", null, -1,
                        null, received);
                result.compareAndSet(null, r);
            }
            if (r == null) {
                long ms = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
                if (!process.waitFor(ms, TimeUnit.MILLISECONDS)) {
                    r = Outcome.failure("did not exit within " + ms + " ms after its input was closed", null, -1,
                            null, received);
                } else if (process.exitValue() != 0) {
                    r = Outcome.failure("exited with status " + process.exitValue()
                            + " after its input was closed", null, -1, null, received);
                } else {
                    r = Outcome.pass(received);
                }
                result.compareAndSet(null, r);
            }
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.compareAndSet(null, Outcome.failure("interrupted", null, -1, null, received));
            return result.get();
        } finally {
            finished = true;
            kill();
        }
    }

    /**
     * Ends the process and everything it started. Signals go through {@link ProcessHandle}, not
     * {@link Process#destroyForcibly}, because the latter also closes the input stream and would wait
     * for a writer blocked on a full pipe.
     */
    public void kill() {
        List<ProcessHandle> children = process.descendants().collect(java.util.stream.Collectors.toList());
        for (ProcessHandle c : children) {
            c.destroyForcibly();
        }
        process.toHandle().destroyForcibly();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        try {
            while (true) {
                Batch b = queue.take();
                if (b == END) {
                    pendingBatch = null;
                    pendingIndex = -1;
                    break;
                }
                pendingBatch = b;
                for (int i = 0; i < b.size; i++) {
                    if (!b.answered(i)) {
                        continue;
                    }
                    pendingIndex = i;
                    if (!lines.next()) {
                        endOfOutput(b, i);
                        return;
                    }
                    received++;
                    if (!b.expects(i, lines.buffer(), lines.start(), lines.end())) {
                        // Strings only for a line that differs: most lines match, and making one
                        // per response was the reader's largest cost (issue 16).
                        String exp = b.expected(i);
                        String actual = lines.text();
                        if (!ResponseShape.isResponse(actual)) {
                            fail(Outcome.failure("garbage", "answered with a line that is not a protocol response", b, i,
                                    actual, received));
                            return;
                        }
                        if (!fba.protocol.VectorLine.matches(exp, actual) && b.owner != divergedOwner) {
                            Outcome d = Outcome.divergence(b, i, actual, received);
                            if (onDivergence == null || b.owner == null) {
                                fail(d);
                                return;
                            }
                            divergedOwner = b.owner;
                            onDivergence.accept(d);
                        }
                    }
                }
            }
            String extra = lines.next() ? lines.text() : null;
            if (extra != null) {
                fail(Outcome.failure("printed a line after the last owed response", null, -1, extra, received));
            }
            readerCompleted = true;
        } catch (ResponseLines.LineTooLong e) {
            fail(Outcome.failure("garbage", "printed a line longer than " + ResponseLines.MAX_LINE + " bytes", pendingBatch, pendingIndex,
                    e.start, received));
        } catch (IOException e) {
            fail(Outcome.failure("output could not be read: " + e.getMessage(), null, -1, null, received));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fail(Outcome.failure("could not be checked: internal error in the checker's reader: " + e, pendingBatch,
                    pendingIndex, null, received));
        }
    }

    private void endOfOutput(Batch b, int i) {
        if (ended()) {
            return; // killed by the watchdog: its verdict stands
        }
        boolean exited;
        try {
            exited = process.waitFor(Math.min(1000, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        String why;
        if (!exited) {
            why = "closed its output while still running";
        } else if (process.exitValue() == 0) {
            why = "closed its output early (and exited with status 0) before answering";
        } else if (process.exitValue() > 128) {
            why = "crashed (status " + process.exitValue() + ", signal " + (process.exitValue() - 128) + ")";
        } else {
            why = "crashed (exit status " + process.exitValue() + ")";
        }
        fail(Outcome.failure("crash", why, b, i, null, received));
    }

    private void fail(Outcome o) {
        if (result.compareAndSet(null, o)) {
            kill();
        }
    }

    private void watch() {
        long tick = Math.max(5, Math.min(100, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 4));
        while (!finished && result.get() == null) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            boolean owing = sentAnswered > received || awaitingEof;
            if (owing && reader.isAlive() && System.nanoTime() - Math.max(lastProgress, lines.lastRead()) > timeoutNanos) {
                long ms = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
                Outcome o = awaitingEof && sentAnswered <= received
                        ? Outcome.failure("did not end its output within " + ms + " ms after its input was closed",
                                null, -1, null, received)
                        : Outcome.failure("hang", "hung: no response within " + ms + " ms (an adapter must also flush"
                                + " its output whenever its input runs dry)", pending(), pendingIndex,
                                null, received);
                fail(o);
            }
        }
    }

    // The batch and index the reader is waiting on, published for the watchdog's report.
    private volatile Batch pendingBatch;
    private volatile int pendingIndex = -1;

    private Batch pending() {
        return pendingBatch;
    }

}
