package fba.mutation;

import static org.junit.jupiter.api.Assertions.assertThrows;

import fba.core.ErrorCode;
import org.junit.jupiter.api.Test;

/** Statuses just outside the table of error codes are refused with a named error, not an index fault. */
class ErrorCodeRangeTest {

    @Test
    void statusesOutsideTheTableAreRefused() {
        // given statuses below, at and just past the ends of the table; when looked up; then refused
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.ofStatus(-1));
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.ofStatus(0));
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.ofStatus(16));
    }
}
