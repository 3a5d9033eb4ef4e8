package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** The wording of usage errors that the other command-line tests do not reach, and the help's width. */
class UsageErrorWordsTest {

    @Test
    void givenASecondDirForExport_whenRun_thenTheExtraArgumentIsNamed() {
        Cli c = Cli.run("vectors", "export", "a", "b");
        assertEquals(2, c.status, c.toString());
        assertEquals("fba vectors export: unexpected argument 'b'\n", c.err);
    }

    @Test
    void givenAnotherParameterProblem_whenDescribed_thenPicocliWordsAreKeptWithALowerCaseStart() {
        // given: a problem none of the special cases covers
        CommandLine cl = Main.commandLine(new Io(new PrintStream(PrintStream.nullOutputStream()),
                new PrintStream(PrintStream.nullOutputStream())));
        // when
        String words = Main.describe(new CommandLine.ParameterException(cl, "Something Odd"));
        String empty = Main.describe(new CommandLine.ParameterException(cl, ""));
        // then
        assertEquals("something Odd", words);
        assertEquals("", empty);
    }

    @Test
    void givenCheckHelp_whenPrinted_thenLinesUseAHundredColumns() {
        Cli c = Cli.run("check", "--help");
        assertTrue(c.out.contains("\n      --jobs=N            implementation processes run at once over disjoint session"
                + " ranges\n"), c.out);
    }
}
