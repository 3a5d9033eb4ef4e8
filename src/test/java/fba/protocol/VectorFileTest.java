package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.core.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading vector files and collecting them from directories. */
class VectorFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void aProfilePragmaPinsTheProfile() throws IOException {
        VectorFile v = VectorFile.read(write("a.vec", "#! profile strict\ninit 0 onchain 1 1 => ok\n"));
        assertEquals(Profile.STRICT, v.profile());
        assertEquals(2, v.lines().size());
        assertNull(VectorFile.read(write("b.vec", "init 0 onchain 1 1 => ok\n")).profile());
    }

    @Test
    void aFileHoldsInItsPinnedProfileOrElseInTheTwoScAllocatorProfiles() throws IOException {
        VectorFile proposal = VectorFile.read(write("p.vec", "#! profile proposal\ninit 0 onchain 1 1 => ok\n"));
        VectorFile unpinned = VectorFile.read(write("u.vec", "init 0 onchain 1 1 => ok\n"));
        VectorFile strict = VectorFile.read(write("s.vec", "#! profile strict\ninit 0 onchain 1 1 => ok\n"));

        assertEquals(Profile.PROPOSAL, proposal.profile());
        assertEquals(List.of(true, false, false), List.of(proposal.holdsIn(Profile.PROPOSAL),
                proposal.holdsIn(Profile.SUBSTRATE), proposal.holdsIn(Profile.STRICT)));
        assertEquals(List.of(false, true, true), List.of(unpinned.holdsIn(Profile.PROPOSAL),
                unpinned.holdsIn(Profile.SUBSTRATE), unpinned.holdsIn(Profile.STRICT)));
        assertEquals(List.of(false, false, true), List.of(strict.holdsIn(Profile.PROPOSAL),
                strict.holdsIn(Profile.SUBSTRATE), strict.holdsIn(Profile.STRICT)));
    }

    @Test
    void anUnknownProfileIsRejectedNamingFileAndLine() throws IOException {
        Path p = write("bad.vec", "#! profile loose\n");
        IOException e = assertThrows(VectorFile.VectorFormatException.class, () -> VectorFile.read(p));
        assertTrue(e.getMessage().contains("bad.vec:1"), e.getMessage());
        assertTrue(e.getMessage().contains("loose"), e.getMessage());
        assertTrue(e.getMessage().contains("(substrate, strict or proposal)"), e.getMessage());
    }

    @Test
    void conflictingPragmasAreRejected() throws IOException {
        Path p = write("two.vec", "#! profile strict\n#! profile substrate\n");
        IOException e = assertThrows(VectorFile.VectorFormatException.class, () -> VectorFile.read(p));
        assertTrue(e.getMessage().contains("two.vec:2"), e.getMessage());
    }

    @Test
    void anArrowWithNothingAfterItIsRejected() throws IOException {
        Path p = write("empty.vec", "init 0 onchain 1 1 => ok\nmalloc 8 => \nmalloc 8 =>\n");
        IOException e = assertThrows(VectorFile.VectorFormatException.class, () -> VectorFile.read(p));
        assertTrue(e.getMessage().contains("empty.vec:2"), e.getMessage());
        Path q = write("bare.vec", "init 0 onchain 1 1 => ok\nmalloc 8 =>\n");
        IOException f = assertThrows(VectorFile.VectorFormatException.class, () -> VectorFile.read(q));
        assertTrue(f.getMessage().contains("bare.vec:2"), f.getMessage());
    }

    @Test
    void crlfEndingsAreFramedAsLfButALoneCrStaysInItsLine() throws IOException {
        Path p = write("crlf.vec", "init 0 onchain 1 1 => ok\r\nst\rats\r\nmalloc 8 => ok 8");
        VectorFile v = VectorFile.read(p);
        assertEquals(3, v.lines().size());
        assertEquals("init 0 onchain 1 1", v.lines().get(0).request());
        assertEquals("st\rats", v.lines().get(1).request());
        assertEquals("ok 8", v.lines().get(2).expected());
    }

    @Test
    void invalidUtf8IsRejected() throws IOException {
        Path p = dir.resolve("bin.vec");
        Files.write(p, new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});
        IOException e = assertThrows(VectorFile.VectorFormatException.class, () -> VectorFile.read(p));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void directoriesAreSearchedRecursivelyForVecFilesInNameOrder() throws IOException {
        write("b.vec", "");
        write("a.vec", "");
        write("sub/c.vec", "");
        write("notes.txt", "");
        Path single = write("other.trace", "");
        List<Path> found = VectorFile.collect(List.of(dir, single));
        assertEquals(List.of(dir.resolve("a.vec"), dir.resolve("b.vec"), dir.resolve("sub/c.vec"), single), found);
    }

    @Test
    void aMissingPathIsReported() {
        IOException e = assertThrows(VectorFile.VectorFormatException.class,
            () -> VectorFile.collect(List.of(dir.resolve("nope"))));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }
}
