package org.scopedrnn.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Which windows of the training ids go into which minibatch. A window is {@code seqLength + 1}
 * ids starting at a multiple of {@code seqLength} (input = the first seqLength, target = the
 * last seqLength). Every epoch shuffles the windows with a seed derived from the run seed and the
 * epoch, so a resumed run replays exactly the batches the interrupted one would have seen. Its
 * messages name the values, not config keys: the caller adds the keys ({@code config.DataSettings#plan}).
 */
public record SequencePlan(int corpusLength, int seqLength, int batchSize) {

    public SequencePlan {
        if (seqLength < 1) {
            throw new IllegalArgumentException("sequence length must be at least 1, got " + seqLength);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (corpusLength < seqLength + 1) {
            throw new CorpusException("the training text has " + corpusLength + " characters, fewer than one "
                    + "sequence of sequence length + 1 = " + (seqLength + 1) + ": use a longer corpus or a shorter "
                    + "sequence length");
        }
    }

    /** Windows in the text: non-overlapping inputs, each with its one-character-ahead target. */
    public int windows() {
        return (corpusLength - 1) / seqLength;
    }

    /** Full minibatches per epoch (the remainder windows are left out, different ones each epoch). */
    public int batchesPerEpoch() {
        return windows() / batchSize;
    }

    /** Start offsets of each minibatch's windows for {@code epoch}, in training order. */
    public List<int[]> batches(long seed, int epoch) {
        int n = windows();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i * seqLength;
        }
        shuffle(order, new Random(seed * 1_000_003L + epoch));
        var out = new ArrayList<int[]>(batchesPerEpoch());
        for (int b = 0; b < batchesPerEpoch(); b++) {
            int[] starts = new int[batchSize];
            System.arraycopy(order, b * batchSize, starts, 0, batchSize);
            out.add(starts);
        }
        return out;
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Every window in text order, grouped into batches of at most {@code batchSize} (for validation). */
    public static List<int[]> sequential(int corpusLength, int seqLength, int batchSize) {
        int n = (corpusLength - 1) / seqLength;
        var out = new ArrayList<int[]>();
        for (int first = 0; first < n; first += batchSize) {
            int size = Math.min(batchSize, n - first);
            int[] starts = new int[size];
            for (int i = 0; i < size; i++) {
                starts[i] = (first + i) * seqLength;
            }
            out.add(starts);
        }
        return out;
    }
}
