package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fba.fuzz.FuzzFigures;
import fba.fuzz.ProtocolSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the parser {@code fba check} applies to another implementation's output: for every line
 * of the input (decoded as ISO-8859-1, as the checker reads it), {@link ResponseShape#isResponse} never
 * throws and accepts exactly the lines spec/protocol.md calls responses (the oracle in
 * {@link ProtocolSpec} is written from the spec), and {@link ResponseShape#printable} never throws
 * and yields short printable ASCII.
 */
class ResponseShapeFuzzTest {

    private static final FuzzFigures FIGURES = new FuzzFigures("response-shape");

    @FuzzTest
    void acceptsOnlyProtocolResponses(byte[] input) throws IOException {
        FIGURES.count();
        for (String line : fba.protocol.Framing.lines(new String(input, StandardCharsets.ISO_8859_1))) {
            boolean accepted = ResponseShape.isResponse(line);
            assertEquals(ProtocolSpec.isResponse(line), accepted, "isResponse(\"" + ResponseShape.printable(line) + "\")");
            String shown = ResponseShape.printable(line);
            assertTrue(shown.length() <= 203 && shown.chars().allMatch(c -> c >= 0x20 && c <= 0x7e),
                    "printable(...) gave '" + shown + "'");
        }
    }

    @AfterAll
    static void writeFigures() throws IOException {
        FIGURES.write();
    }
}
