package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.check.drive.ResponseShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseShapeTest {

    @ParameterizedTest
    @ValueSource(strings = {"ok", "ok 0", "ok 4294967295", "ok 1 2 3 4", "err poisoned", "err not_allocated free 8: why",
        "err bad_request", "err heap_base_wrap x"})
    void givenProtocolResponses_whenShaped_thenAccepted(String line) {
        assertTrue(ResponseShape.isResponse(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "OK", "ok ", "ok x", "ok 1 2", "ok 1 2 3", "ok 1 2 3 4 5", "ok -1", "err", "err ",
        "err nonsense", "error poisoned", "hello", "ok 1  2 3 4"})
    void givenOtherLines_whenShaped_thenRejected(String line) {
        assertFalse(ResponseShape.isResponse(line));
    }

    @Test
    void givenALineOfExactly200PrintableBytes_whenMadePrintable_thenNothingIsMarkedLeftOut() {
        String line = "x".repeat(200);
        assertEquals(line, ResponseShape.printable(line));
    }

    @Test
    void givenEscapesAcrossTheLimit_whenMadePrintable_thenTheCutKeepsEscapesWholeAndSaysSo() {
        // Found by ResponseShapeFuzzTest: escapes used to push the text to 203 characters and "..."
        // followed even when nothing had been left out.
        String line = "err x " + "\u0092".repeat(60);
        String shown = ResponseShape.printable(line);
        assertTrue(shown.length() <= 203 && shown.endsWith("\\x92..."), shown);
    }
}
