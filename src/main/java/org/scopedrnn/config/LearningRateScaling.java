package org.scopedrnn.config;

/**
 * How {@code train.learning-rate} (the rate for one worker) grows with {@code train.workers}.
 * Parameter averaging of N Adam workers moves the model about as far per round as one worker with
 * N times the batch at the same rate: each worker's step has Adam's size whatever its batch, and
 * the average of N such steps is no longer. {@code LINEAR} gives each worker N times the rate so
 * that a round covers N workers' worth of distance; {@code SQRT} is the milder rule for Adam
 * under larger batches; {@code NONE} keeps the rate, and with it the slow-down per character
 * (bench/README.md, "Workers and learning rate", has the measurements).
 */
public enum LearningRateScaling {
    NONE, SQRT, LINEAR;

    /** The choice named {@code value} (any case); anything else is an error naming the key and the choices. */
    public static LearningRateScaling parse(String value) {
        return Settings.LR_SCALING.constant(LearningRateScaling.class, value);
    }

    /** The factor the one-worker rate is multiplied by for {@code workers} workers. */
    public double factor(int workers) {
        return switch (this) {
            case NONE -> 1;
            case SQRT -> Math.sqrt(workers);
            case LINEAR -> workers;
        };
    }
}
