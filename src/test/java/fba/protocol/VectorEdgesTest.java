package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fba.core.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vector files and lines at their edges. */
class VectorEdgesTest {

    @TempDir
    Path dir;

    @Test
    void givenTheSamePragmaTwice_whenRead_thenTheProfileIsPinnedOnce() throws IOException {
        Path p = dir.resolve("twice.vec");
        Files.writeString(p, "#! profile strict\n#! profile strict\ninit 0 onchain 1 1 => ok\n", StandardCharsets.UTF_8);
        assertEquals(Profile.STRICT, VectorFile.read(p).profile());
    }

    @Test
    void givenADirectoryNamedLikeAVectorFile_whenCollected_thenOnlyTheFilesInsideCount() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("d/inner.vec"));
        Path file = sub.resolve("a.vec");
        Files.writeString(file, "init 0 onchain 1 1 => ok\n", StandardCharsets.UTF_8);
        assertEquals(List.of(file), VectorFile.collect(List.of(dir.resolve("d"))));
    }

    @Test
    void givenALineStartingWithTheArrow_whenParsed_thenItIsAnEmptyRequestWithAnExpectation() {
        assertEquals(new VectorLine(3, "", "ok"), VectorLine.parse(3, " => ok"));
    }
}
