package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.core.Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Complete responses, messages included: the message after an error code is not compared by the
 * protocol, but fba's messages name the offending input (spec/protocol.md), so they are pinned here.
 */
class SessionMessagesTest {

    private static Session started() {
        Session s = new Session(Profile.SUBSTRATE);
        assertEquals("ok", s.execute("init 0 onchain 1 65536"));
        return s;
    }

    @Test
    void aSessionKeepsItsProfile() {
        assertEquals(Profile.STRICT, new Session(Profile.STRICT).profile());
        assertEquals(Profile.SUBSTRATE, new Session(Profile.SUBSTRATE).profile());
    }

    @Test
    void givenMissingArguments_whenExecuted_thenTheMessageSaysWhatIsMissing() {
        Session s = started();
        assertEquals("err bad_request missing argument", s.execute("init 0"));
        assertEquals("err bad_request missing initial_pages", s.execute("init 0 "));
        assertEquals("err bad_request missing value", s.execute("poke 16 "));
        assertEquals("err bad_request two spaces before value", s.execute("poke 16  1"));
    }

    @Test
    void givenExtraArguments_whenExecuted_thenGrowTruncateAndPeekRefuseThem() {
        Session s = started();
        assertEquals("err bad_request unexpected extra argument '2'", s.execute("grow 1 2"));
        assertEquals("err bad_request unexpected extra argument '2'", s.execute("truncate 1 2"));
        assertEquals("err bad_request unexpected extra argument '2'", s.execute("peek 8 2"));
        assertEquals("err bad_request unexpected extra argument '1 2'", s.execute("stats 1 2"));
        assertEquals("ok 1", s.execute("pages"));
    }

    @Test
    void givenAPeekPastTheEnd_whenExecuted_thenTheMessageNamesTheBytesAndTheSize() {
        Session s = started();
        assertEquals("err out_of_bounds peek 65529: bytes 65529..65536 are not all below the memory size 65536",
                s.execute("peek 65529"));
        assertEquals("ok 0", s.execute("peek 65528"));
    }

    @Test
    void givenValuesAtTheEdgesOfTheDigits_whenPoked_thenOnlyDigitsAreAccepted() {
        Session s = started();
        assertEquals("ok", s.execute("poke 16 0"));
        assertEquals("ok", s.execute("poke 24 9"));
        assertEquals("ok 9", s.execute("peek 24"));
        assertEquals("err bad_request value must be an unsigned decimal number, got '/'", s.execute("poke 16 /"));
        assertEquals("err bad_request value must be an unsigned decimal number, got ':'", s.execute("poke 16 :"));
        assertEquals("err bad_request value must be an unsigned decimal number, got '1/'", s.execute("poke 16 1/"));
    }

    @Test
    void givenCharactersAtTheEdgesOfPrintableAscii_whenEchoed_thenOnlyThoseOutsideAreEscaped() {
        Session s = started();
        assertEquals("err bad_request size must be an unsigned decimal number, got '\\u001f'", s.execute("malloc \u001f"));
        assertEquals("err bad_request size must be an unsigned decimal number, got '~'", s.execute("malloc ~"));
        assertEquals("err bad_request size must be an unsigned decimal number, got '\\u007f'", s.execute("malloc \u007f"));
    }

    @Test
    void givenLongTokens_whenEchoed_thenTheyAreClippedAfter40Characters() {
        Session s = started();
        String forty = "x".repeat(40);
        assertEquals("err bad_request size must be an unsigned decimal number, got '" + forty + "'",
                s.execute("malloc " + forty));
        assertEquals("err bad_request size must be an unsigned decimal number, got '" + forty + "...'",
                s.execute("malloc " + forty + "y"));
        // escapes take six characters each: six fit whole, of ten only seven are shown, marked as cut
        assertEquals("err bad_request size must be an unsigned decimal number, got '" + "\\u0001".repeat(6) + "'",
                s.execute("malloc " + "\u0001".repeat(6)));
        assertEquals("err bad_request size must be an unsigned decimal number, got '" + "\\u0001".repeat(7) + "...'",
                s.execute("malloc " + "\u0001".repeat(10)));
    }

    private static String viaBytes(Session s, byte[] line, int from, int to) throws IOException {
        ResponseBuffer buf = new ResponseBuffer(0);
        assertTrue(s.execute(line, from, to, buf));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        buf.writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void givenARangeOfALargerArray_whenExecutedAsBytes_thenOnlyThatRangeIsTheRequest() throws IOException {
        // given: "malloc 9" inside "xxmalloc 99": a 16-byte block, not a 128-byte one
        Session s = started();
        byte[] b = "xxmalloc 99".getBytes(StandardCharsets.US_ASCII);
        // when
        assertEquals("ok 8", viaBytes(s, b, 2, 10));
        // then: the next block follows a 16-byte one
        assertEquals("ok 32", s.execute("malloc 1"));
        byte[] f = "free 88".getBytes(StandardCharsets.US_ASCII);
        assertEquals("ok", viaBytes(s, f, 0, 6));
    }

    @Test
    void givenANumberFollowedByASlash_whenExecutedAsBytes_thenItIsABadRequest() throws IOException {
        Session s = started();
        byte[] b = "malloc 9/".getBytes(StandardCharsets.US_ASCII);
        assertEquals("err bad_request size must be an unsigned decimal number, got '9/'", viaBytes(s, b, 0, b.length));
        byte[] f = "free 9/".getBytes(StandardCharsets.US_ASCII);
        assertEquals("err bad_request ptr must be an unsigned decimal number, got '9/'", viaBytes(s, f, 0, f.length));
    }
}
