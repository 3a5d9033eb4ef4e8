package fba.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRfcTest {

    @Test
    void givenAwkwardStrings_whenWritten_thenControlsAndEverythingPastAsciiAreEscaped() {
        String s = "q\" b\\ n\n r\r t\t nul\u0000 bell\u0007 ls\u2028 é 😀 lone\ud800";

        String json = Json.write(s);

        assertEquals("\"q\\\" b\\\\ n\\n r\\r t\\t nul\\u0000 bell\\u0007 ls\\u2028 \\u00E9 \\uD83D\\uDE00 lone\\uD800\"\n",
                json);
    }

    @Test
    void givenNestedValues_whenWritten_thenObjectsKeepTheirOrderAndScalarsAreBare() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1L);
        m.put("a", List.of(true, "x"));
        m.put("n", null);
        m.put("e", new ArrayList<>());
        m.put("o", new LinkedHashMap<>());
        m.put("d", Double.NaN);

        assertEquals("{\n  \"b\": 1,\n  \"a\": [\n    true,\n    \"x\"\n  ],\n  \"n\": null,\n  \"e\": [],\n"
                + "  \"o\": {},\n  \"d\": null\n}\n", Json.write(m));
    }
}
