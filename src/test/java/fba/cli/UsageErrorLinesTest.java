package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A usage error is one line: the command list only for an unknown command, never a stack trace. */
class UsageErrorLinesTest {

    @Test
    void givenAnUnknownOptionOfASubcommand_thenTheLineNamesItAndNoCommandList() {
        Cli c = Cli.run("run", "--bogus");
        assertEquals(2, c.status, c.toString());
        assertEquals("fba run: unknown option '--bogus'\n", c.err);
    }

    @Test
    void givenAPathWithANulCharacter_thenTheLineNamesTheParameterAndTheReason() {
        // given a NUL inside a path: the operating system takes no such path
        // when given to a positional parameter and to an option
        Cli positional = Cli.run("check", "merge", "a\0b.json");
        Cli option = Cli.run("check", "--impl", "x", "--out", "o\0ut");
        // then one line each, naming the parameter, the value (NUL shown as \0) and the reason
        assertEquals(2, positional.status, positional.toString());
        assertEquals("fba check merge: REPORT takes a path, got 'a\\0b.json' (Nul character not allowed)\n",
                positional.err);
        assertEquals(2, option.status, option.toString());
        assertEquals("fba check: --out takes a path, got 'o\\0ut' (Nul character not allowed)\n", option.err);
    }

    @Test
    void givenAnArgumentFileThatIsADirectory_thenOneLineNamesItAndNoStackTrace() {
        Cli c = Cli.run("@.");
        assertEquals(2, c.status, c.toString());
        assertEquals("fba: cannot read argument file '.' (Is a directory)\n", c.err);
        assertEquals("", c.out);
        // "@" alone, a missing file and a path the system refuses are picocli's literal arguments
        for (String literal : new String[] {"@", "@no-such-file", "@a\0b"}) {
            Cli l = Cli.run(literal);
            assertEquals(2, l.status, l.toString());
            assertTrue(l.err.startsWith("fba: unknown command '" + literal + "'"), l.err);
        }
    }

    @Test
    void givenAnUnknownTopLevelOption_thenNoCommandListEither() {
        Cli c = Cli.run("--bogus");
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.contains("unknown option '--bogus'"), c.err);
        assertFalse(c.err.contains("(commands:"), c.err);
        assertEquals(1, c.err.lines().count(), c.err);
    }

    @Test
    void givenAnUnknownCommand_thenTheLineListsTheCommands() {
        Cli c = Cli.run("bogus");
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.startsWith("fba: unknown command 'bogus' (commands: "), c.err);
        assertEquals(1, c.err.lines().count(), c.err);
    }

    @Test
    void givenAnInternalErrorWithoutAStackTrace_thenItIsNamedWithoutAPlace() {
        RuntimeException e = new RuntimeException("boom");
        e.setStackTrace(new StackTraceElement[0]);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.failed("fba x", e, new Io(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals(2, status);
        assertEquals("fba x: internal error: java.lang.RuntimeException: boom\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void givenAnInternalErrorWithAStackTrace_thenItsFirstPlaceIsNamed() {
        RuntimeException e = new RuntimeException("boom");
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement("fba.X", "y", "X.java", 7)});
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.failed("fba x", e, new Io(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("fba x: internal error: java.lang.RuntimeException: boom at fba.X.y(X.java:7)\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void givenAValueForAFlag_thenTheLineSaysItTakesNone() {
        Cli c = Cli.run("run", "--quiet=yes");
        assertEquals(2, c.status, c.toString());
        assertEquals("fba run: --quiet takes no value, got 'yes'\n", c.err);
    }

    @Test
    void givenAWordForANumber_thenTheLineSaysANumberIsNeeded() {
        Cli c = Cli.run("check", "--impl", "true", "--seed", "abc");
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.contains("--seed takes a whole number, got 'abc'"), c.err);
        assertFalse(c.err.contains("takes no value"), c.err);
        assertEquals(1, c.err.lines().count(), c.err);
    }
}
