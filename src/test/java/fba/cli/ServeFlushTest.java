package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code fba serve}'s output discipline (spec/protocol.md, Framing): an interactive peer sees every
 * answer before serve waits for more input; a pipelined peer gets full buffers; nothing is left
 * unflushed at the end; a failing stdin ends serve with status 2.
 */
class ServeFlushTest {

    /** Output behind a buffer that only a flush empties, recording every write that reaches it. */
    private static final class Sink extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> sizes = new ArrayList<>();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            sizes.add(1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            sizes.add(len);
        }

        synchronized String arrived() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static int serve(InputStream in, PrintStream out, PrintStream err) {
        InputStream saved = System.in;
        try {
            System.setIn(in);
            return Main.run(new String[] {"serve"}, out, err);
        } finally {
            System.setIn(saved);
        }
    }

    private static PrintStream buffered(Sink sink) {
        return new PrintStream(new BufferedOutputStream(sink, 1 << 20), false, StandardCharsets.UTF_8);
    }

    private static PrintStream discard() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void givenAnInteractivePeer_whenServeWaitsForMoreInput_thenEveryAnswerHasArrived() {
        // given: a peer that sends two requests and then, before sending anything else, looks at
        // what it has received
        Sink sink = new Sink();
        List<String> seenBeforeNextRead = new ArrayList<>();
        InputStream peer = new InputStream() {
            private final InputStream first = new ByteArrayInputStream(
                    "init 0 onchain 1 65536\nmalloc 8\n".getBytes(StandardCharsets.US_ASCII));
            private boolean sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (!sent) {
                    sent = true;
                    return first.read(b, off, len);
                }
                seenBeforeNextRead.add(sink.arrived());
                return -1;
            }

            @Override
            public int available() {
                return 0;
            }
        };
        // when
        int status = serve(peer, buffered(sink), discard());
        // then
        assertEquals(0, status);
        assertEquals(List.of("ok\nok 8\n"), seenBeforeNextRead);
    }

    /** A pipelined peer: every request is already waiting when serve asks. */
    private static InputStream pipelined(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)) {
            @Override
            public synchronized int available() {
                return 1; // more is always said to be waiting, as on a pipe that is never drained
            }
        };
    }

    @Test
    void givenAPipelinedPeer_whenServed_thenAnswersLeaveInFewBlocksOfAbout32KiBAndAllArrive() {
        // given: 20 000 requests, about 190 KB of answers
        StringBuilder t = new StringBuilder("init 0 onchain 1 65536\n");
        for (int i = 0; i < 20_000; i++) {
            t.append("malloc 8\n");
        }
        Sink sink = new Sink();
        // when
        int status = serve(pipelined(t.toString()), buffered(sink), discard());
        // then: everything arrived without the caller flushing ...
        assertEquals(0, status);
        String out = sink.arrived();
        assertTrue(out.startsWith("ok\nok 8\nok 24\n"));
        assertTrue(out.endsWith("ok " + (8 + 16 * 19_999) + "\n"), out.substring(out.length() - 40));
        // ... in blocks of a little over 32 KiB, not one write per answer nor all at once
        assertTrue(sink.sizes.size() >= 5 && sink.sizes.size() <= 8, "writes " + sink.sizes);
        for (int size : sink.sizes) {
            assertTrue(size <= 32768 + 64, "a write of " + size + " bytes");
        }
    }

    @Test
    void givenAFailingStdin_whenServed_thenTheErrorIsReportedAndTheStatusIs2() {
        // given
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("stdin broke");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("stdin broke");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // when
        int status = serve(broken, discard(), new PrintStream(err, true, StandardCharsets.UTF_8));
        // then
        assertEquals(2, status);
        assertEquals("fba serve: I/O error: stdin broke\n", err.toString(StandardCharsets.UTF_8));
    }
}
