package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.check.vectors.VectorIndex;
import fba.check.vectors.VectorSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build step that indexes the bundled vectors and records version and commit; set hashes. */
class VectorIndexTest {

    @TempDir
    Path dir;

    @Test
    void givenSourcesOutsideGit_whenTheCommitIsAsked_thenItIsUnknown() {
        assertEquals("unknown", VectorIndex.commit(dir));
    }

    @Test
    void givenThisCheckout_whenTheCommitIsAsked_thenItIsAFullHashPerhapsDirty() {
        assertTrue(VectorIndex.commit(Path.of("")).matches("[0-9a-f]{40}(-dirty)?"), VectorIndex.commit(Path.of("")));
    }

    @Test
    void givenCopiedVectors_whenIndexed_thenTheIndexListsThemSortedAndThePropertiesHoldTheHash() throws IOException {
        // given
        Path vectors = Files.createDirectories(dir.resolve("fba/vectors"));
        Files.writeString(vectors.resolve("b.vec"), "init 0 onchain 1 1 => ok\n");
        Files.writeString(vectors.resolve("a.vec"), "# nothing\n");
        Files.writeString(vectors.resolve("README.md"), "not a vector file\n");
        Files.writeString(Files.createDirectories(vectors.resolve("family")).resolve("c.vec"), "# a family\n");
        // when
        String hash = VectorIndex.write(dir, "9.9", "unknown");
        // then
        assertEquals("a.vec\nb.vec\nfamily/c.vec\n", Files.readString(dir.resolve("fba/vectors/INDEX")));
        assertEquals("version=9.9\ncommit=unknown\nvectors=" + hash + "\n",
                Files.readString(dir.resolve("fba/build.properties")));
        assertEquals(VectorSet.directory(vectors).hash(), hash);
    }

    @Test
    void givenNoVectorFiles_whenIndexed_thenTheBuildFailsSayingSo() throws IOException {
        IOException e = assertThrows(IOException.class, () -> VectorIndex.write(dir, "1", "unknown"));
        assertTrue(e.getMessage().endsWith("holds no *.vec files: the vectors were not copied into the build"),
                e.getMessage());
    }

    @Test
    void givenSetsDifferingInOneByteOrOneName_whenHashed_thenTheHashesDiffer() {
        String base = VectorSet.hash(List.of("a.vec"), List.of(new byte[] {1, 2}));
        assertTrue(base.matches("sha256:[0-9a-f]{64}"), base);
        assertNotEquals(base, VectorSet.hash(List.of("a.vec"), List.of(new byte[] {1, 3})));
        assertNotEquals(base, VectorSet.hash(List.of("b.vec"), List.of(new byte[] {1, 2})));
        // the length framing keeps a byte from moving between the name and the content unnoticed
        assertNotEquals(VectorSet.hash(List.of("a", "b"), List.of(new byte[] {'x'}, new byte[0])),
                VectorSet.hash(List.of("a", "xb"), List.of(new byte[0], new byte[0])));
    }
}
