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

    void roundStarted() {
        roundStart = System.nanoTime();
    }

    void roundFinished() {
        lastRoundNanos = System.nanoTime() - roundStart;
    }

    /** True if another round should not start. */
    boolean timeUp() {
        return deadline != null && Instant.now().plusNanos(2 * lastRoundNanos).isAfter(deadline);
    }

    Duration left() {
        return deadline == null ? null : Duration.between(Instant.now(), deadline);
    }
}
