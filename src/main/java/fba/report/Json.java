package fba.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * The project's JSON, through Jackson: {@link #write} turns maps, lists, strings, numbers, booleans
 * and null into indented text (two spaces, {@code "key": value}, a final newline, every character
 * outside ASCII escaped so reports survive any log or terminal, non-finite numbers as null);
 * {@link #parse} reads text back into the same shapes (objects as insertion-ordered maps, integral
 * numbers as {@code Long}, others as {@code Double}).
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addModule(new SimpleModule().addSerializer(Double.class, new FiniteOrNull()))
            .build();

    private static final DefaultPrettyPrinter PRETTY = pretty();

    private Json() {
    }

    private static DefaultPrettyPrinter pretty() {
        DefaultIndenter lines = new DefaultIndenter("  ", "\n");
        Separators s = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter p = new DefaultPrettyPrinter(s);
        p.indentObjectsWith(lines);
        p.indentArraysWith(lines);
        return p;
    }

    /** The JSON text of a value built from maps, lists, strings, numbers, booleans and null. */
    public static String write(Object value) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Appends {@code s} as a JSON string literal (escaped as {@link #write} escapes it). */
    public static void quote(StringBuilder b, String s) {
        try {
            b.append(MAPPER.writeValueAsString(s));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The value of a JSON text; a syntax error is an IllegalArgumentException naming line and column. */
    public static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String first = e.getOriginalMessage().split("\n", 2)[0];
            throw new IllegalArgumentException("not valid JSON" + where + ": " + first, e);
        }
    }

    /** Doubles as Jackson writes them, except NaN and the infinities, which JSON cannot hold. */
    private static final class FiniteOrNull extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        FiniteOrNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (Double.isFinite(v)) {
                g.writeNumber(v);
            } else {
                g.writeNull();
            }
        }
    }
}
