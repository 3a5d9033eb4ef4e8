package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How many generator threads {@code check} starts when --threads is not given. */
class DefaultThreadsTest {

    @Test
    void givenMachinesOfEverySize_whenNoThreadCountIsGiven_thenCoresMinusTwoBetweenTwoAndFour() {
        int[][] coresToThreads = {{1, 1}, {2, 2}, {3, 2}, {4, 2}, {5, 3}, {6, 4}, {16, 4}};
        for (int[] c : coresToThreads) {
            assertEquals(c[1], Checker.defaultThreads(c[0]), c[0] + " cores");
        }
    }
}
