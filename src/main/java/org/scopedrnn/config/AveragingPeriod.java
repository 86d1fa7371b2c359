package org.scopedrnn.config;

import java.util.Locale;

/**
 * {@code train.averaging-frequency}: minibatches each worker fits between parameter averagings,
 * either fixed or {@code auto}, which the training loop adapts round by round to how fast the
 * loss falls (README "Workers and learning rate").
 *
 * @param every the fixed period, or 0 for {@code auto}
 */
public record AveragingPeriod(int every) {

    /** {@code auto}: the loop picks each round's period between 1 and {@link #AUTO_LONGEST}. */
    public static final AveragingPeriod AUTO = new AveragingPeriod(0);

    /**
     * The longest period {@code auto} takes: DL4J's guide says "much more than 20 hurts
     * convergence", and the scaling study measured 20 losing the second epoch's progress at every
     * worker count while 5 did not (bench/results/scaling.md), so {@code auto} stays at half of it.
     */
    public static final int AUTO_LONGEST = 10;

    public AveragingPeriod {
        if (every < 0) {
            throw new IllegalArgumentException(Settings.AVERAGING_FREQUENCY + " must be " + EXPECTED + ", got "
                    + every);
        }
    }

    static final String EXPECTED = "a positive integer or auto";

    /** A fixed period of {@code every} minibatches per worker (at least 1). */
    public static AveragingPeriod fixed(int every) {
        if (every < 1) {
            throw new IllegalArgumentException(Settings.AVERAGING_FREQUENCY + " must be " + EXPECTED + ", got "
                    + every);
        }
        return new AveragingPeriod(every);
    }

    /** {@code auto} (any case) or a positive integer; anything else is an error naming the key and the value. */
    public static AveragingPeriod parse(String value) {
        String v = value.strip();
        if (v.toLowerCase(Locale.ROOT).equals("auto")) {
            return AUTO;
        }
        try {
            return fixed(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Settings.AVERAGING_FREQUENCY + " must be " + EXPECTED + ", got \""
                    + value + "\"", e);
        }
    }

    public boolean auto() {
        return every == 0;
    }

    /** The most minibatches per worker a round holds: the fixed period, or {@link #AUTO_LONGEST}. */
    public int longest() {
        return auto() ? AUTO_LONGEST : every;
    }

    /** As the setting is written: {@code 5} or {@code auto}. */
    @Override
    public String toString() {
        return auto() ? "auto" : Integer.toString(every);
    }
}
