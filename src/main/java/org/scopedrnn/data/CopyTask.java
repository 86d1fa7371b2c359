package org.scopedrnn.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The seed program's synthetic task: copy a random sequence. Sources are {@link #MIN_LENGTH} to
 * {@link #MAX_LENGTH} characters drawn uniformly from {@link #SYMBOLS}; the target is the same
 * sequence (the END symbol is added by {@link Seq2SeqVocabulary} / {@link Seq2SeqBatches}, not
 * here). A model that has learned the task reaches sequence accuracy near 1, which makes it the
 * quickest end-to-end check of an encoder/decoder.
 */
public final class CopyTask {

    public static final String SYMBOLS = "abcdefgh";
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 8;

    private CopyTask() {
    }

    /**
     * {@code n} pairs, the same for the same {@code seed} on every JVM: lengths uniform in
     * [{@link #MIN_LENGTH}, {@link #MAX_LENGTH}], symbols uniform and independent. Use different
     * seeds for training and validation sets (they may still share some short sequences: there
     * are only 8^3 = 512 of length 3).
     */
    public static List<Pair> generate(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("the copy task needs at least 1 pair, got " + n);
        }
        var rnd = new Random(seed);
        var pairs = new ArrayList<Pair>(n);
        var sb = new StringBuilder(MAX_LENGTH);
        for (int i = 0; i < n; i++) {
            int length = MIN_LENGTH + rnd.nextInt(MAX_LENGTH - MIN_LENGTH + 1);
            sb.setLength(0);
            for (int t = 0; t < length; t++) {
                sb.append(SYMBOLS.charAt(rnd.nextInt(SYMBOLS.length())));
            }
            String s = sb.toString();
            pairs.add(new Pair(s, s));
        }
        return pairs;
    }

    /** The vocabulary of the task: every symbol on both sides, whatever pairs were drawn. */
    public static Seq2SeqVocabulary vocabulary() {
        return Seq2SeqVocabulary.of(List.of(new Pair(SYMBOLS, SYMBOLS)));
    }
}
