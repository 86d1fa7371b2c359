package org.scopedrnn.train;

import java.time.Duration;
import java.time.Instant;

/**
 * A wall-time limit ({@code train --max-wall-time}): training stops between averaging rounds once
 * the next round, and a checkpoint after it, would not finish before the deadline. Rounds are
 * timed as they run; the margin is two of the last round's durations, one for the round and one
 * for the checkpoint and the exit.
 */
public final class WallClock {

    private static final WallClock UNLIMITED = new WallClock(null);

    private final Instant deadline;
    /** Rounds still allowed ({@link #afterRounds}); negative = no round limit. */
    private int roundsLeft = -1;
    private long roundStart;
    private long lastRoundNanos;

    private WallClock(Instant deadline) {
        this.deadline = deadline;
    }

    public static WallClock unlimited() {
        return UNLIMITED;
    }

    public static WallClock until(Instant deadline) {
        if (deadline == null) {
            throw new IllegalArgumentException("deadline must not be null");
        }
        return new WallClock(deadline);
    }

    /**
     * Stops after {@code rounds} averaging rounds, whatever the time: the benchmark times a few
     * rounds of the product's own trainer without training a whole epoch.
     */
    public static WallClock afterRounds(int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        var clock = new WallClock(null);
        clock.roundsLeft = rounds;
        return clock;
    }

    void roundStarted() {
        roundStart = System.nanoTime();
    }

    void roundFinished() {
        lastRoundNanos = System.nanoTime() - roundStart;
        if (roundsLeft > 0) {
            roundsLeft--;
        }
    }

    /** True if another round should not start. */
    boolean timeUp() {
        return roundsLeft == 0 || deadline != null && Instant.now().plusNanos(2 * lastRoundNanos).isAfter(deadline);
    }

    Duration left() {
        return deadline == null ? null : Duration.between(Instant.now(), deadline);
    }
}
