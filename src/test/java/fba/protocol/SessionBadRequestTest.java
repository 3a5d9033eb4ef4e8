package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.core.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed requests: bad_request with a message naming the input; the session is unharmed. */
class SessionBadRequestTest {

    private static Session started() {
        Session s = new Session(Profile.SUBSTRATE);
        assertEquals("ok", s.execute("init 0 onchain 1 65536"));
        assertEquals("ok 8", s.execute("malloc 8"));
        return s;
    }

    /** Each malformed line, and a fragment its message must contain to name what is wrong. */
    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "hello|'hello'",
        "MALLOC 8|'MALLOC'",
        "\" malloc 8\"|starts with a space",
        "malloc|missing size",
        "\"malloc \"|missing size",
        "malloc 8 9|extra argument '9'",
        "\"malloc  8\"|two spaces before size",
        "\"malloc 8 \"|trailing space",
        "malloc -8|'-8'",
        "malloc +8|'+8'",
        "malloc 0x10|'0x10'",
        "malloc 8.0|'8.0'",
        "malloc 4294967296|size 4294967296 is out of range",
        "malloc 99999999999999999999999|size 99999999999999999999999 is out of range",
        "free|missing ptr",
        "free 4294967296|ptr 4294967296 is out of range",
        "free x|ptr must be an unsigned decimal number, got 'x'",
        "grow|missing pages",
        "grow 4294967296|pages 4294967296 is out of range",
        "truncate 2|truncate 2",
        "truncate 4294967296|pages 4294967296 is out of range",
        "poke 8|missing value",
        "\"poke 8  1\"|two spaces before value",
        "\"poke 8 1 \"|trailing space",
        "poke 8 1 2|extra argument '2'",
        "poke 4294967296 1|addr 4294967296 is out of range",
        "poke 8 18446744073709551616|value 18446744073709551616 is out of range",
        "poke 8 -1|value must be an unsigned decimal number, got '-1'",
        "peek|missing addr",
        "peek 4294967296|addr 4294967296 is out of range",
        "stats 1|extra argument '1'",
        "pages 1|extra argument '1'",
        "init 0 onchain 1|missing max_pages",
        "init 0 onchain 1 2 3|extra argument '3'",
        "init 0 sidechain 1 2|'sidechain'",
        "init 0 Onchain 1 2|'Onchain'",
        "init 4294967296 onchain 1 2|heap_base 4294967296 is out of range",
        "init 0 onchain 1 65537|max_pages 65537 is out of range",
        "init 0 onchain 65537 65537|initial_pages 65537 is out of range",
        "init 0 onchain 3 2|initial_pages 3 exceeds max_pages 2",
        "\"init  0 onchain 1 1\"|two spaces before heap_base",
    })
    void malformedLinesAreBadRequestsNamingTheInput(String line, String fragment) {
        // given a session with one live block
        Session s = started();
        // when a malformed line arrives
        String response = s.execute(line);
        // then it is a bad_request whose message names the problem
        assertTrue(response.startsWith("err bad_request "), response);
        assertTrue(response.contains(fragment), () -> "'" + response + "' should contain '" + fragment + "'");
        // and the session is unharmed
        assertEquals("ok 16 16 16 16", s.execute("stats"));
        assertEquals("ok 24", s.execute("malloc 8"));
        assertEquals("ok", s.execute("free 8"));
    }

    @Test
    void aBadRequestIsNotAnAllocatorErrorAndDoesNotPoison() {
        Session s = started();
        for (int i = 0; i < 3; i++) {
            s.execute("malloc x");
        }
        assertEquals(false, s.allocator().isPoisoned());
    }

    @Test
    void longGarbageIsClippedInTheMessage() {
        Session s = started();
        String junk = "x".repeat(500);
        String response = s.execute("malloc " + junk);
        assertTrue(response.startsWith("err bad_request "));
        assertTrue(response.length() < 200, response);
        assertTrue(response.contains("xxx..."), response);
    }

    @Test
    void aCarriageReturnIsPartOfTheLineForTheSessionAndNamedEscaped() {
        // the CLI strips one CR before the line terminator; the session itself does not
        Session s = started();
        String response = s.execute("malloc 8\r");
        assertTrue(response.startsWith("err bad_request "), response);
        assertTrue(response.contains("'8\\u000d'"), response);
        assertEquals("ok 16 16 16 16", s.execute("stats"));
    }

    @Test
    void controlCharactersAreEscapedInTheMessage() {
        Session s = started();
        String response = s.execute("malloc 8\t");
        assertTrue(response.contains("\\u0009"), response);
        assertTrue(response.chars().allMatch(c -> c >= 0x20 && c < 0x7f), response);
    }

    @Test
    void leadingZerosAndTheLargestValuesOfEachRangeAreAccepted() {
        Session s = started();
        assertEquals("ok", s.execute("free 0008"));
        assertEquals("ok 8", s.execute("malloc 00000000000000000000001"));
        assertEquals("ok", s.execute("poke 0 18446744073709551615"));
        assertEquals("ok 18446744073709551615", s.execute("peek 0"));
        assertEquals("ok", s.execute("init 4294967295 offchain 65536 65536"));
        assertTrue(s.execute("malloc 4294967295").startsWith("err too_large"));
    }
}
