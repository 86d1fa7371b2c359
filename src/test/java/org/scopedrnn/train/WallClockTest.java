package org.scopedrnn.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WallClockTest {

    @Test
    void afterRoundsAllowsExactlyThatManyRounds() {
        WallClock clock = WallClock.afterRounds(2);
        for (int round = 0; round < 2; round++) {
            assertFalse(clock.timeUp(), "round " + round + " may start");
            clock.roundStarted();
            clock.roundFinished();
        }
        assertTrue(clock.timeUp(), "a third round may not");
    }

    @Test
    void unlimitedNeverStopsAndARoundLimitMustBePositive() {
        WallClock clock = WallClock.unlimited();
        clock.roundStarted();
        clock.roundFinished();
        assertFalse(clock.timeUp());
        assertThrows(IllegalArgumentException.class, () -> WallClock.afterRounds(0));
    }
}
