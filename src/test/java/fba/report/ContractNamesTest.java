package fba.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every contract on the gate page has a readable name (issue 28, item 9). */
class ContractNamesTest {

    private static final Path VERIFICATION = Path.of("verification");
    private static final String FBA = "fba.core.FreeingBumpAllocator";

    @Test
    void givenAContractNotInTheFile_thenItsNameIsMadeReadableFromKeYs() throws IOException {
        ContractNames names = ContractNames.read(VERIFICATION);
        assertEquals("addToSum(long): contract 1", ContractNames.derived(FBA + "[" + FBA
                + "::addToSum(long)].JML normal_behavior operation contract.0"));
        assertEquals("Memory.grow(long): contract 2", ContractNames.derived("fba.core.Memory[fba.core.Memory::grow(long)]"
                + ".JML normal_behavior operation contract.1"));
        assertEquals("constructor(Memory, long, int, boolean): contract 1", ContractNames.derived(FBA + "[" + FBA
                + "::FreeingBumpAllocator(fba.core.Memory,long,int,boolean)].JML normal_behavior operation contract.0"));
        assertEquals("Memory.$inv(): reads only its footprint (accessible clause) 1",
                ContractNames.derived("fba.core.Memory[fba.core.Memory::$inv()].JML accessible clause.0"));
        assertEquals("something KeY may name otherwise", names.label("something KeY may name otherwise"));
    }

    /**
     * The names file follows the JML: for every method of FreeingBumpAllocator with spec cases
     * (KeY numbers them contract.0, contract.1, ... in order), each case has its line.
     */
    @Test
    void everySpecCaseOfTheAllocatorHasANameInTheFile() throws IOException {
        String tsv = Files.readString(VERIFICATION.resolve("contracts.tsv"), StandardCharsets.UTF_8);
        List<String> lines = Files.readAllLines(Path.of("src/main/java/fba/core/FreeingBumpAllocator.java"));
        Pattern declaration = Pattern.compile("^\\s+(?:public|private|protected|static)[^=;]*?(\\w+)\\(([^)]*)\\)");
        Pattern model = Pattern.compile("model [^(]*?(\\w+)\\(");
        Pattern specCase = Pattern.compile("^\\s*(?:/\\*@|@)\\s*(?:public |private |protected )?normal_behavior\\b");
        List<String> missing = new ArrayList<>();
        int cases = 0;
        boolean inJml = false;
        int checked = 0;
        for (String line : lines) {
            if (line.strip().startsWith("/*@")) {
                // a JML block (an inline /*@ pure @*/ in a declaration is not one)
                inJml = true;
            }
            if (inJml) {
                if (specCase.matcher(line).find()) {
                    cases++;
                }
                Matcher m = model.matcher(line);
                if (m.find()) {
                    // a model method's one case is its model_behavior contract (and its accessible clause)
                    checked += expect(tsv, m.group(1), "model_behavior", cases, missing);
                    cases = 0;
                }
                if (line.contains("@*/")) {
                    inJml = false;
                }
                continue;
            }
            Matcher d = declaration.matcher(line);
            if (cases > 0 && d.find()) {
                checked += expect(tsv, d.group(1), "normal_behavior", cases, missing);
                cases = 0;
            }
        }
        assertTrue(checked >= 40, "the scan found the allocator's contracts (" + checked + ")");
        assertEquals(List.of(), missing, "spec cases without a readable name in verification/contracts.tsv");
    }

    private static int expect(String tsv, String method, String kind, int cases, List<String> missing) {
        for (int i = 0; i < cases; i++) {
            Pattern line = Pattern.compile("(?m)^" + Pattern.quote(FBA + "[" + FBA + "::" + method + "(")
                    + "[^)]*\\)\\]\\.JML " + kind + " operation contract\\." + i + "\t\\S");
            if (!line.matcher(tsv).find()) {
                missing.add(method + " contract." + i);
            }
        }
        return cases;
    }
}
