package fba.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a host downloads (issue 28): the licence in the repository, the jar and the archive; one
 * release version; the archive's own README; a README per example; a CI workflow whose variables
 * are all defined and which uploads the shrunk traces and pages. Tests run before packaging, so
 * the archive is checked through its recipe (src/assembly/release.xml) and the jar through
 * target/classes, which the jar is made of.
 */
class DistributionTest {

    private static String read(String path) throws IOException {
        return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    }

    @Test
    void theLicenceIsApache2InTheRepositoryAndOnTheJarsClassPath() throws IOException {
        String licence = read("LICENSE");
        assertTrue(licence.contains("Apache License") && licence.contains("Version 2.0, January 2004")
                && licence.contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION"), "LICENSE");
        // target/classes becomes the jar: the copy there is the one the jar holds
        try (InputStream in = DistributionTest.class.getClassLoader().getResourceAsStream("META-INF/LICENSE")) {
            assertNotNull(in, "META-INF/LICENSE on the class path");
        }
        assertEquals(licence, Files.readString(Path.of("target/classes/META-INF/LICENSE"), StandardCharsets.UTF_8));
    }

    @Test
    void theReleaseVersionIsOnePropertyAndNotASnapshot() throws IOException {
        String pom = read("pom.xml");
        Matcher m = Pattern.compile("<revision>([^<]*)</revision>").matcher(pom);
        assertTrue(m.find(), "pom.xml sets the property revision");
        String version = m.group(1);
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+"), "a release version: " + version);
        assertFalse(m.find(), "one revision property");
        assertTrue(pom.contains("<version>${revision}</version>"), "the project version is the property");
        assertFalse(pom.contains("SNAPSHOT"), "no snapshot version anywhere in pom.xml");
        // the workflow names the archive of this version
        assertTrue(read("examples/ci/github-actions.yml").contains("FBA_VERSION: '" + version + "'"),
                "examples/ci/github-actions.yml pins the current version");
        assertTrue(read("src/assembly/README.md").contains("fba-" + version + ".tar.gz")
                || !read("src/assembly/README.md").contains(".tar.gz"), "the users' README names no other archive");
    }

    @Test
    void theCoreJarAndItsJavadocCarryTheLicence() throws IOException {
        for (String recipe : List.of("src/assembly/core.xml", "src/assembly/core-javadoc.xml")) {
            String r = read(recipe);
            assertTrue(r.contains("<source>LICENSE</source>") && r.contains("<outputDirectory>META-INF</outputDirectory>"),
                    recipe + " puts LICENSE into META-INF");
        }
    }

    @Test
    void theArchiveShipsTheLicenceAndItsOwnUsersReadme() throws IOException {
        String recipe = read("src/assembly/release.xml");
        assertTrue(recipe.contains("<source>LICENSE</source>"), "LICENSE in the archive");
        assertTrue(recipe.contains("<source>src/assembly/README.md</source>")
                && recipe.contains("<destName>README.md</destName>"), "the users' README as README.md");
        assertFalse(recipe.contains("<source>README.md</source>"), "not the developer README");
        String users = read("src/assembly/README.md");
        // nothing in the archive needs building: its README must not start users on mvn
        assertFalse(users.contains("mvn "), "the users' README runs no Maven command");
        assertTrue(users.contains("./fba check --impl"), "it shows how to check an implementation");
    }

    @Test
    void everyExampleHasAReadme() throws IOException {
        try (var dirs = Files.list(Path.of("examples"))) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                if (d.getFileName().toString().equals("ci")) {
                    assertTrue(Files.readString(d.resolve("github-actions.yml")).startsWith("# "), "ci explains itself");
                    continue;
                }
                assertTrue(Files.isRegularFile(d.resolve("README.md")), d + "/README.md");
            }
        }
    }

    @Test
    void theCiWorkflowDefinesEveryVariableItUsesAndUploadsTracesAndPages() throws IOException {
        String yml = read("examples/ci/github-actions.yml");
        Set<String> defined = new HashSet<>();
        Matcher env = Pattern.compile("(?m)^\\s+([A-Z][A-Z0-9_]*): ").matcher(yml);
        while (env.find()) {
            defined.add(env.group(1));
        }
        Matcher used = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)").matcher(yml);
        int uses = 0;
        while (used.find()) {
            uses++;
            assertTrue(defined.contains(used.group(1)), "$" + used.group(1) + " is used but not defined in env");
        }
        assertTrue(uses > 0, "the workflow reads its version from env");
        assertFalse(yml.contains("curl"), "no download from an address the workflow does not define");
        // the check's --out directory is among the uploaded paths, whatever the verdict
        Matcher out = Pattern.compile("--out \"([^\"]+)\"").matcher(yml);
        assertTrue(out.find(), "the check names its --out");
        assertTrue(yml.contains("path: |") && yml.contains("\n            " + out.group(1) + "/\n"), "uploads " + out.group(1));
        assertTrue(yml.contains("if: always()"), "uploads after a divergence too");
        for (String option : List.of("--seed", "--sessions", "--jobs", "--shard", "--report", "--out")) {
            assertTrue(Cli.run("check", "--help").out.contains(option + "="), "check takes " + option);
        }
    }
}
