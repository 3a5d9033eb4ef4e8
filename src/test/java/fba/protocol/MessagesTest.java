package fba.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import fba.core.ErrorCode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void everyAllocatorErrorHasItsOwnExplanation() {
        // given every code the allocator can return
        Set<String> seen = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            if (code == ErrorCode.BAD_REQUEST || code == ErrorCode.NOT_INITIALIZED) {
                continue;
            }
            // when
            String text = Messages.describe(code);
            // then: a sentence, not the bare code, and no two codes share one
            assertFalse(text.isBlank(), code.name());
            assertFalse(text.equals(code.wireName()), code.name());
            assertFalse(!seen.add(text), "shared explanation: " + text);
        }
        assertEquals(13, seen.size());
    }

    @Test
    void theProposalsFiveErrorsAreExplainedInItsOwnTermsAndTheRestAsUsual() {
        Set<String> seen = new HashSet<>();
        for (ErrorCode code : new ErrorCode[] {ErrorCode.TOO_LARGE, ErrorCode.OUT_OF_SPACE, ErrorCode.OUT_OF_BOUNDS,
                ErrorCode.NOT_ALLOCATED, ErrorCode.INVALID_ORDER}) {
            String text = Messages.describeProposal(code);
            assertFalse(text.equals(Messages.describe(code)), code.name());
            assertFalse(!seen.add(text), "shared explanation: " + text);
        }
        assertEquals("requested size exceeds the proposal's largest block, 16 MiB",
                Messages.describeProposal(ErrorCode.TOO_LARGE));
        assertEquals(Messages.describe(ErrorCode.POISONED), Messages.describeProposal(ErrorCode.POISONED));
    }

    @Test
    void protocolLevelCodesFallBackToTheirWireName() {
        assertEquals("bad_request", Messages.describe(ErrorCode.BAD_REQUEST));
        assertEquals("not_initialized", Messages.describe(ErrorCode.NOT_INITIALIZED));
    }
}
