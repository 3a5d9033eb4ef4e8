package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fba vectors export DIR}, in process: what it writes, and the words of each failure. */
class VectorsExportTest {

    @TempDir
    Path tmp;

    @Test
    void givenAnEmptyDirectory_whenExported_thenEveryBundledFileIsThere() throws Exception {
        Path dir = tmp.resolve("out");
        Cli c = Cli.run("vectors", "export", dir.toString());
        assertEquals(0, c.status, c.toString());
        assertTrue(c.out.startsWith("exported "), c.toString());
        assertTrue(c.out.contains(" vector files to " + dir + " ("), c.toString());
        int n = Integer.parseInt(c.out.substring("exported ".length(), c.out.indexOf(' ', "exported ".length())));
        try (var files = Files.walk(dir)) {
            assertEquals(n, files.filter(p -> p.toString().endsWith(".vec")).count());
        }
        assertTrue(Files.isRegularFile(dir.resolve("contexts.vec")), "a file of the set is written");
    }

    @Test
    void givenAFile_whenExportedInto_thenItSaysItIsAFile() throws Exception {
        String file = Cli.writeFile(tmp, "afile", "x");
        Cli c = Cli.run("vectors", "export", file);
        assertEquals(2, c.status, c.toString());
        assertEquals("fba vectors export: cannot write into " + file + ": it is a file, not a directory\n", c.err);
        assertEquals("x", Files.readString(Path.of(file)), "the file is left alone");
    }

    @Test
    void givenAPathBelowAFile_whenExportedInto_thenTheReasonAndThePathAreNamed() throws Exception {
        String file = Cli.writeFile(tmp, "afile", "x");
        Path below = Path.of(file, "sub");
        Cli c = Cli.run("vectors", "export", below.toString());
        assertEquals(2, c.status, c.toString());
        assertTrue(c.err.startsWith("fba vectors export: cannot write into " + below + ": "), c.err);
        // the file system's reason and the path it concerns, not "it is a file" (below is no file)
        // nor the bare path an I/O exception's message often is
        assertEquals("fba vectors export: cannot write into " + below + ": Not a directory (" + below + ")\n", c.err);
    }

    @Test
    void givenNoSubcommand_thenItSaysWhichOneIsNeeded() {
        Cli c = Cli.run("vectors");
        assertEquals(2, c.status, c.toString());
        assertEquals("fba vectors: needs a command: export DIR (see fba vectors --help)\n", c.err);
    }
}
