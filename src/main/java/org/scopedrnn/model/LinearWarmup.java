package org.scopedrnn.model;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A learning rate that rises linearly from {@code from} at iteration 0 to {@code to} at iteration
 * {@code steps}, then stays there. Keyed by DL4J's iteration count, which on Spark workers is the
 * driver's count of steps per worker (the worker hook carries it) and on resume the checkpoint's
 * global step, so a resumed or averaged run sees the same rate at the same step. Immutable, so
 * DL4J's configuration clones may share it; Jackson-ready for the configuration's JSON form.
 */
public final class LinearWarmup implements ISchedule {

    private static final long serialVersionUID = 1L;

    @JsonProperty
    private final double from;
    @JsonProperty
    private final double to;
    @JsonProperty
    private final int steps;

    public LinearWarmup(@JsonProperty("from") double from, @JsonProperty("to") double to,
            @JsonProperty("steps") int steps) {
        if (!(from >= 0) || !(to > 0) || !Double.isFinite(from) || !Double.isFinite(to)) {
            throw new IllegalArgumentException("warm-up rates must be finite, from >= 0 and to > 0, got from=" + from
                    + " to=" + to);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("warm-up steps must be at least 1, got " + steps);
        }
        this.from = from;
        this.to = to;
        this.steps = steps;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration >= steps) {
            return to;
        }
        return from + (to - from) * Math.max(iteration, 0) / steps;
    }

    @Override
    public ISchedule clone() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearWarmup w && w.from == from && w.to == to && w.steps == steps;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(from, to, steps);
    }

    @Override
    public String toString() {
        return "LinearWarmup(" + from + " -> " + to + " over " + steps + " steps)";
    }
}
