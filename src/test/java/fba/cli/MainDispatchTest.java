package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The top-level command dispatch. */
class MainDispatchTest {

    @Test
    void noCommandPrintsUsageToStderrAndExits2() {
        Cli c = Cli.run();
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.contains("usage: fba <command>"), c.toString());
        assertEquals("", c.out);
    }

    @Test
    void helpPrintsUsageToStdoutAndExits0() {
        for (String h : new String[] {"--help", "-h", "help"}) {
            Cli c = Cli.run(h);
            assertEquals(0, c.status, c.toString());
            assertTrue(c.out.contains("usage: fba <command>"), c.toString());
            assertTrue(c.out.contains("serve") && c.out.contains("replay") && c.out.contains("run"), c.toString());
        }
    }

    @Test
    void anUnknownCommandIsNamedAndExits2() {
        Cli c = Cli.run("frobnicate");
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.contains("unknown command 'frobnicate'"), c.toString());
    }

    @Test
    void everyCommandHasHelpThatExits0() {
        for (String cmd : new String[] {"run", "replay", "serve"}) {
            Cli c = Cli.run(cmd, "--help");
            assertEquals(0, c.status, c.toString());
            assertTrue(c.out.startsWith("usage: fba " + cmd), c.toString());
            assertTrue(c.out.contains("--profile=PROFILE") && c.out.contains("substrate, strict, proposal"), c.toString());
        }
    }

    @Test
    void unknownOptionsAndBadProfilesAreUsageErrors() {
        for (String cmd : new String[] {"run", "replay", "serve"}) {
            Cli c = Cli.run(cmd, "--frob");
            assertEquals(2, c.status, c.toString());
            assertEquals("fba " + cmd + ": unknown option '--frob'\n", c.err);
            Cli p = cmd.equals("serve") ? Cli.run(cmd, "--profile", "loose") : Cli.run(cmd, "--profile", "loose", "x");
            assertEquals(2, p.status, p.toString());
            assertEquals("fba " + cmd + ": --profile must be one of substrate, strict, proposal, got 'loose'\n", p.err);
            Cli m = Cli.run(cmd, "--profile");
            assertEquals(2, m.status, m.toString());
            assertEquals("fba " + cmd + ": option --profile needs a value\n", m.err);
        }
    }
}
