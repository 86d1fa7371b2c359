package org.scopedrnn.eval;

/** Mean cross-entropy of next-character prediction over {@code chars} transitions. */
public record Perplexity(double natsPerChar, long chars) {

    public double bitsPerChar() {
        return natsPerChar / Math.log(2);
    }

    /** The line {@code evaluate} ends with, and what scripts parse. */
    public String summaryLine() {
        return String.format(java.util.Locale.ROOT, "nats/char=%.6f bits/char=%.6f chars=%d",
                natsPerChar, bitsPerChar(), chars);
    }
}
