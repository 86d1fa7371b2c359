package org.scopedrnn.checkpoint;

import java.util.function.IntFunction;

/**
 * Input quoted in an error message, cut to a readable length. A hostile file can hold a name, a
 * shape or a JSON value of megabytes; quoted whole it would make a one-line message of megabytes,
 * which floods a terminal, a scheduler's log and an alert mail alike. Every reader quotes through
 * here, and so does whatever reports on a file's content (the model's layout recognition).
 */
public final class Bounded {

    /** Enough to recognise the value by; far below what floods a terminal. */
    public static final int MAX_CHARS = 200;

    private Bounded() {}

    /** {@code s} itself if short, else its first {@link #MAX_CHARS} characters, "..." and its length. */
    public static String text(String s) {
        return text(s, MAX_CHARS);
    }

    /** {@link #text(String)} for a message part that quotes several values, each already bounded. */
    public static String text(String s, int maxChars) {
        if (s == null || s.length() <= maxChars) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return s.substring(0, end) + "... (" + s.length() + " chars)";
    }

    /** {@code [2, 3]}, the way TensorFlow prints shapes, a long one cut short with its count. */
    public static String shape(long[] shape) {
        return list(shape.length, i -> Long.toString(shape[i]), "dimensions");
    }

    /**
     * {@code [a, b, c]}, or when that would pass {@link #MAX_CHARS}, the items that fit (at least
     * the first, itself cut) followed by "..." and the total count, e.g. {@code [1, 1, ... (200000
     * dimensions)]}.
     *
     * @param unit what the items are, plural, for the count
     */
    public static String list(int size, IntFunction<String> item, String unit) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            String next = text(item.apply(i));
            if (i > 0 && sb.length() + next.length() > MAX_CHARS) {
                return sb.append(", ... (").append(size).append(' ').append(unit).append(")]").toString();
            }
            sb.append(i > 0 ? ", " : "").append(next);
        }
        return sb.append(']').toString();
    }
}
