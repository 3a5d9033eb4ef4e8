package fba.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StackTracesTest {

    @Test
    void givenARealStackTrace_whenChecked_thenFound() {
        StringWriter w = new StringWriter();
        new IllegalStateException("boom").printStackTrace(new PrintWriter(w));
        assertTrue(StackTraces.in("fba run: error\n" + w));
    }

    @Test
    void givenAThrowableLineAlone_whenChecked_thenFound() {
        assertTrue(StackTraces.in("java.nio.file.InvalidPathException: Illegal char <\0> at index 1\n"));
    }

    @Test
    void givenAnEchoedArgumentThatLooksLikeAFrame_whenChecked_thenNotFound() {
        String arg = "x\n\tat a.B.c(B.java:1)";
        assertFalse(StackTraces.in("fba: unknown command '" + arg + "'\nusage: fba <command>\n", arg));
    }

    @Test
    void givenPlainMessages_whenChecked_thenNotFound() {
        assertFalse(StackTraces.in("fba run: no vector files (*.vec) found in [x]\nfba: unknown option '--at'\n"));
    }
}
