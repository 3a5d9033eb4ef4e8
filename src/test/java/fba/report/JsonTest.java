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
    void givenReportShapes_whenWrittenAndParsed_thenTheSameValuesComeBack() {
        // given
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote \" backslash \\ newline \n tab \t ctrl \u0001 é lone\ud800 pair\ud83d\ude00");
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
    void givenAString_whenQuoted_thenItIsAppendedAsTheLiteralWriteProduces() {
        StringBuilder b = new StringBuilder("x=");
        Json.quote(b, "a\"\n\u00e9\ud800");
        assertEquals("x=\"a\\\"\\n\\u00E9\\uD800\"", b.toString());
        assertEquals(b.substring(2) + "\n", Json.write("a\"\n\u00e9\ud800"));
    }

    @Test
    void givenNonFiniteNumbers_whenWritten_thenTheyAreNull() {
        assertEquals("null\n", Json.write(Double.NaN));
        assertEquals("[\n  null,\n  null,\n  1.5\n]\n",
                Json.write(List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5)));
    }

    @Test
    void givenBrokenJson_whenParsed_thenTheErrorNamesLineAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\n\"a\" 1}"));
        assertTrue(e.getMessage().startsWith("not valid JSON at line 2, column 5: "), e.getMessage());
        for (String bad : new String[] {"[1,", "\"abc", "1 2", "tru", "\"\\u12\"", "-"}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void givenEscapesAndNumbers_whenParsed_thenTheyAreDecodedToStringsLongsAndDoubles() {
        assertEquals("a\"\\/\n\r\t\b\fA", Json.parse("\"a\\\"\\\\\\/\\n\\r\\t\\b\\f\\u0041\""));
        assertEquals(List.of(1L, 2.5e3), Json.parse(" [ 1 , 2.5e3 ] "));
    }
}
