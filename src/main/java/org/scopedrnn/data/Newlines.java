package org.scopedrnn.data;

/**
 * How line ends are read. {@code UNIVERSAL} turns {@code \r\n} and lone {@code \r} into
 * {@code \n}, as Python's text mode does: the TensorFlow char-RNN tool chain (anna_writer.py,
 * ml5's training scripts) read their corpora that way, and its published losses are only
 * reproducible on text read the same way. {@code KEEP} reads every byte as is.
 */
public enum Newlines {
    UNIVERSAL, KEEP;

    public String apply(String text) {
        if (this == KEEP || text.indexOf('\r') < 0) {
            return text;
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    public static Newlines parse(String value) {
        for (Newlines n : values()) {
            if (n.name().equalsIgnoreCase(value)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown newline mode '" + value + "': expected universal or keep");
    }
}
