package fba.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writtenValuesParseBackToTheSameShapes() {
        // given
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote \" backslash \\ newline \n tab \t ctrl \u0001 é");
        m.put("n", 18446744073709551L);
        m.put("neg", -3L);
        m.put("d", 2.5);
        m.put("t", true);
        m.put("f", false);
        m.put("z", null);
        m.put("l", Arrays.asList(1L, "two", List.of(), Map.of()));
        // when
        Object back = Json.parse(Json.write(m));
        // then
        assertEquals(m, back);
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreEscaped() {
        StringBuilder b = new StringBuilder();
        Json.quote(b, "a\u0000b\ud800c");
        assertEquals("\"a\\u0000b\\ud800c\"", b.toString());
        StringBuilder pair = new StringBuilder();
        Json.quote(pair, "\ud83d\ude00");
        assertEquals("\"\ud83d\ude00\"", pair.toString());
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        assertEquals("null\n", Json.write(Double.NaN));
    }

    @Test
    void syntaxErrorsNameTheirOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\" 1}"));
        assertTrue(e.getMessage().contains("offset 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"abc"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("1 2"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("tru"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"\\u12\""));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("-"));
    }

    @Test
    void escapesAreDecoded() {
        assertEquals("a\"\\/\n\r\t\b\fA", Json.parse("\"a\\\"\\\\\\/\\n\\r\\t\\b\\f\\u0041\""));
        assertEquals(List.of(1L, 2.5e3), Json.parse(" [ 1 , 2.5e3 ] "));
    }
}
