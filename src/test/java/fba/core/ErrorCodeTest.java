package fba.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Errors are typed: each status maps to one code with one wire name. */
class ErrorCodeTest {

    @Test
    void theWireNamesAreExactlyTheProtocols() {
        String[] expected = {"too_large", "out_of_space", "memory_shrank", "poisoned", "invalid_pointer",
            "out_of_bounds", "not_allocated", "invalid_order", "invalid_free_list", "stats_underflow",
            "heap_base_wrap", "bumper_wrap", "allocated_wrap", "bad_request", "not_initialized"};
        Set<String> names = new HashSet<>();
        for (ErrorCode c : ErrorCode.values()) {
            names.add(c.wireName());
        }
        assertEquals(Set.of(expected), names);
        assertEquals(expected.length, ErrorCode.values().length);
    }

    @Test
    void statusAndWireNameRoundTrip() {
        Set<Integer> statuses = new HashSet<>();
        for (ErrorCode c : ErrorCode.values()) {
            assertEquals(c, ErrorCode.ofStatus(c.status()));
            assertEquals(c, ErrorCode.ofWireName(c.wireName()));
            statuses.add(c.status());
        }
        assertEquals(ErrorCode.values().length, statuses.size());
        assertNull(ErrorCode.ofWireName("TOO_LARGE"));
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.ofStatus(0));
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.ofStatus(99));
    }
}
