package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test helper: builds examples/c (the conforming binary and its variants with planted faults). */
final class CExample {

    private CExample() {
    }

    /** Runs examples/c/build.sh, failing the test with its output when it fails. */
    static void build() throws Exception {
        Process p = new ProcessBuilder("examples/c/build.sh").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }
}
