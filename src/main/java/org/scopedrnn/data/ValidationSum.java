package org.scopedrnn.data;

import java.io.Serializable;

/** Summed negative log-likelihood over scored characters, added up across executors. */
public record ValidationSum(double nats, long chars) implements Serializable {

    public static final ValidationSum ZERO = new ValidationSum(0, 0);

    public ValidationSum plus(ValidationSum other) {
        return new ValidationSum(nats + other.nats, chars + other.chars);
    }

    /** Mean nats per character; NaN when nothing was scored (no validation text). */
    public double natsPerChar() {
        return chars == 0 ? Double.NaN : nats / chars;
    }
}
