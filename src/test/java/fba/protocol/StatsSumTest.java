package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fba.core.FreeingBumpAllocator;
import fba.core.Profile;
import java.lang.reflect.Field;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * bytes_allocated_sum is a u128 in sc-allocator; fba's must not overflow and the protocol prints
 * it exactly. Reaching 2^62 honestly takes 2^31 mallocs of 2 GiB, far too slow for a unit test,
 * so the sum is positioned just below the carry by reflection on the allocator's two fields.
 */
class StatsSumTest {

    private static void setLong(Object o, String field, long value) throws ReflectiveOperationException {
        Field f = FreeingBumpAllocator.class.getDeclaredField(field);
        f.setAccessible(true);
        f.setLong(o, value);
    }

    @Test
    void theSumCarriesPast2To62AndPrintsExactly() throws ReflectiveOperationException {
        // given a sum 8 bytes below 2^62
        Session s = new Session(Profile.SUBSTRATE);
        s.execute("init 0 onchain 1 65536");
        setLong(s.allocator(), "sumLow", (1L << 62) - 8);
        // when a 16-byte block is allocated
        assertEquals("ok 8", s.execute("malloc 8"));
        // then the sum is 2^62 + 8, carried into the high part
        assertEquals(1, s.allocator().bytesAllocatedSumHigh());
        assertEquals(8, s.allocator().bytesAllocatedSumLow());
        assertEquals("ok 16 16 4611686018427387912 16", s.execute("stats"));
    }

    @Test
    void aSumBeyond64BitsPrintsInFull() throws ReflectiveOperationException {
        Session s = new Session(Profile.SUBSTRATE);
        s.execute("init 0 onchain 1 65536");
        setLong(s.allocator(), "sumHigh", 1L << 40);
        setLong(s.allocator(), "sumLow", 3);
        String expected = BigInteger.ONE.shiftLeft(102).add(BigInteger.valueOf(3)).toString();
        assertEquals("ok 0 0 " + expected + " 0", s.execute("stats"));
    }
}
