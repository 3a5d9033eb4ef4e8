package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a vector file may write after {@code " => "}, and what the checker accepts as an answer. */
class ResponseSyntaxTest {

    @ParameterizedTest(name = "''{0}'' is a response: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "ok|true",
        "ok 8|true",
        "ok 0|true",
        "ok 9|true",
        "ok 4294967296|true",
        "ok 1 2 3 4|true",
        "ok 0 9 90 900|true",
        "ok 1 2|false",            // two or three numbers: no response has them
        "ok 1 2 3|false",
        "ok 1 2 3 4 5|false",
        "\"ok \"|false",           // a space and nothing after it
        "\"ok 8 \"|false",         // a trailing space
        "ok  8|false",             // two spaces
        "ok x|false",
        "ok /|false",              // the characters either side of the digits
        "ok :|false",
        "ok 8x|false",
        "ok 8:9|false",
        "ok 1 2 3 :|false",
        "oks|false",
        "OK|false",
        "\"\"|false",
        "banana|false",
        "err out_of_space|true",
        "err out_of_space the heap is full|true",
        "err invalid_order|true",
        "err banana|false",
        "\"err \"|false",
        "err out_of_space_|false",
        "erro out_of_space|false",
    })
    void givenALine_whenAskedWhetherItIsAResponse_thenOnlyTheProtocolsShapesAre(String line, boolean expected) {
        assertEquals(expected, ResponseSyntax.isResponse(line), line);
    }
}
