package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fba.check.drive.ResponseShape;
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
 * and yields the line with every byte outside printable ASCII escaped, cut to at most
 * 200 characters plus "..." exactly when something was left out.
 */
class ResponseShapeFuzzTest {

    private static final FuzzFigures FIGURES = new FuzzFigures("response-shape", ResponseShapeFuzzTest.class);

    @FuzzTest
    void acceptsOnlyProtocolResponses(byte[] input) throws IOException {
        FIGURES.count();
        for (String line : fba.protocol.Framing.lines(new String(input, StandardCharsets.ISO_8859_1))) {
            boolean accepted = ResponseShape.isResponse(line);
            assertEquals(ProtocolSpec.isResponse(line), accepted, () -> "isResponse(\"" + ResponseShape.printable(line) + "\")");
            String shown = ResponseShape.printable(line);
            String full = escaped(line);
            boolean clipped = full.length() > 200;
            assertTrue(clipped ? shown.endsWith("...") && full.startsWith(shown.substring(0, shown.length() - 3))
                            && shown.length() <= 203 && shown.length() > 196 : shown.equals(full),
                    () -> "printable(...) gave '" + shown + "' for '" + full + "'");
        }
    }

    /** Every byte outside printable ASCII as \\xNN, nothing left out. */
    private static String escaped(String line) {
        StringBuilder b = new StringBuilder();
        for (char c : line.toCharArray()) {
            if (c >= 0x20 && c <= 0x7e) {
                b.append(c);
            } else {
                b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        return b.toString();
    }

    @AfterAll
    static void writeFigures() throws IOException {
        FIGURES.write();
    }
}
