package fba.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate folder: its index, its files and the dependency hash (no KeY needed). */
class CertificatesTest {

    private static final String A = "X[X::a(int)].JML normal_behavior operation contract.0";
    private static final String B = "X[X::a(int)].JML normal_behavior operation contract.1";

    @Test
    void aRefreshMergesIntoTheFolderAndRewritesOnlyWhatChanged(@TempDir Path dir) throws Exception {
        // given a folder with certificates of A and B, and a staged refresh of A alone
        Path proofs = dir.resolve("proofs");
        Path staged = dir.resolve("staged");
        Certificates.writeLog(proofs, A, "\\proof { old a }");
        Certificates.writeLog(proofs, B, "\\proof { b }");
        Certificates kept = Certificates.read(proofs);
        kept.put(new Certificates.Entry(A, Certificates.fileName(A), "h1", 10, 1.5, "2.12.3"), proofs);
        kept.put(new Certificates.Entry(B, Certificates.fileName(B), "h1", 20, 2.5, "2.12.3"), proofs);
        kept.writeIndex();
        String indexBefore = Files.readString(proofs.resolve(Certificates.INDEX));
        Certificates.writeLog(staged, A, "\\proof { new a }");

        // when the refresh is merged
        Certificates merged = Certificates.read(proofs);
        merged.put(new Certificates.Entry(A, Certificates.fileName(A), "h2", 11, 1.0, "2.12.3"), staged);
        merged.writeIndex();

        // then A's log and line are new, B's are untouched, and the index stays sorted by contract
        Certificates read = Certificates.read(proofs);
        assertEquals("\\proof { new a }", read.log(A));
        assertEquals("\\proof { b }", read.log(B));
        assertEquals("h2", read.entry(A).hash());
        assertEquals(11, read.entry(A).nodes());
        List<String> before = Files.readAllLines(proofs.resolve(Certificates.INDEX));
        assertEquals(indexBefore.lines().toList().get(2), before.get(2), "B's index line must not change");
        assertTrue(before.get(1).startsWith(A + "\t") && before.get(2).startsWith(B + "\t"), before.toString());
    }

    @Test
    void aCompleteRefreshDropsCertificatesOfContractsThatNoLongerExist(@TempDir Path dir) throws Exception {
        Certificates.writeLog(dir, A, "\\proof { a }");
        Certificates.writeLog(dir, B, "\\proof { b }");
        Certificates c = Certificates.read(dir);
        c.put(new Certificates.Entry(A, Certificates.fileName(A), "h", 1, 1, "v"), dir);
        c.put(new Certificates.Entry(B, Certificates.fileName(B), "h", 1, 1, "v"), dir);

        List<String> gone = c.retainOnly(Set.of(A));

        assertEquals(List.of(B), gone);
        assertNull(c.entry(B));
        assertFalse(Files.exists(dir.resolve(Certificates.fileName(B))), "its file goes too");
        assertTrue(Files.exists(dir.resolve(Certificates.fileName(A))));
    }

    @Test
    void fileNamesAreReadableAndDistinctForContractsOfOneMethod() {
        String a = Certificates.fileName(A);
        assertTrue(a.startsWith("a_int_.JML_normal_behavior_operation_contract.0-") && a.endsWith(".proof.gz"), a);
        assertNotEquals(a, Certificates.fileName(B));
    }

    @Test
    void aMalformedIndexOrAMissingFileIsReportedWithItsPlace(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(Certificates.INDEX), "# header\n" + A + "\tfile\thash\tmany\t1.0\tv\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Certificates.read(dir));
        assertTrue(e.getMessage().contains("index.tsv line 2"), e.getMessage());

        Files.writeString(dir.resolve(Certificates.INDEX), A + "\tmissing.proof.gz\thash\t1\t1.0\tv\n");
        var missing = assertThrows(java.io.IOException.class, () -> Certificates.read(dir).log(A));
        assertTrue(missing.getMessage().contains("missing.proof.gz"), missing.getMessage());
    }

    @Test
    void theDependencyHashChangesWithTheSourcesTheSettingsAndTheKeyVersion(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("p"));
        Files.writeString(src.resolve("p/A.java"), "class A { /*@ ensures true; @*/ void m() {} }");
        Path keySettings = dir.resolve("proof-settings.json");
        Files.writeString(keySettings, "{}", StandardCharsets.UTF_8);
        List<String> files = List.of("p/A.java");
        String h = Certificates.dependencyHash(src, files, null, keySettings, "javaSemantics", "2.12.3");

        assertEquals(h, Certificates.dependencyHash(src, files, null, keySettings, "javaSemantics", "2.12.3"));
        assertNotEquals(h, Certificates.dependencyHash(src, files, null, keySettings, "arithmeticSemanticsCheckingOF", "2.12.3"));
        assertNotEquals(h, Certificates.dependencyHash(src, files, null, keySettings, "javaSemantics", "2.13.0"));
        Files.writeString(src.resolve("p/A.java"), "class A { /*@ ensures false; @*/ void m() {} }");
        assertNotEquals(h, Certificates.dependencyHash(src, files, null, keySettings, "javaSemantics", "2.12.3"));
    }
}
