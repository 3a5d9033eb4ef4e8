package fba.cli;

import java.io.PrintStream;

/** The streams a command writes to (System.out/err from {@link Main#main}, buffers in tests). */
final class Io {

    final PrintStream out;
    final PrintStream err;

    Io(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }
}
