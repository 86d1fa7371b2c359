package org.scopedrnn.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Which pairs go into which seq2seq minibatch. Every epoch shuffles the pair indices with a seed
 * derived from the run seed and the epoch, exactly as {@link SequencePlan} does, so a resumed run
 * replays the batches the interrupted one would have seen.
 *
 * <p>Every pair is used once per epoch: the last batch holds the remainder (fewer than
 * {@code batchSize} pairs) unless {@code dropLast}, in which case the remainder is left out
 * (different pairs each epoch). Batches mix lengths at random, as the Keras recipe's
 * {@code fit(shuffle=True)} does; each is padded to its own longest pair by
 * {@link Seq2SeqBatches}.
 */
public record PairPlan(int pairs, int batchSize, boolean dropLast) {

    public PairPlan {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (pairs < 1) {
            throw new CorpusException("there are no training pairs to plan batches for: use more pairs or a "
                    + "smaller validation fraction");
        }
    }

    public PairPlan(int pairs, int batchSize) {
        this(pairs, batchSize, false);
    }

    public int batchesPerEpoch() {
        return dropLast ? pairs / batchSize : (pairs + batchSize - 1) / batchSize;
    }

    /** Pair indices of each minibatch for {@code epoch}, in training order. */
    public List<int[]> batches(long seed, int epoch) {
        int[] order = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            order[i] = i;
        }
        shuffle(order, new Random(seed * 1_000_003L + epoch));
        var out = new ArrayList<int[]>(batchesPerEpoch());
        for (int b = 0; b < batchesPerEpoch(); b++) {
            int from = b * batchSize;
            int size = Math.min(batchSize, pairs - from);
            int[] indices = new int[size];
            System.arraycopy(order, from, indices, 0, size);
            out.add(indices);
        }
        return out;
    }

    /** Fisher-Yates with {@code rnd.nextInt}, from the last index down (as {@link SequencePlan}). */
    static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Indices 0..n-1 in order, grouped into batches of at most {@code batchSize} (for validation). */
    public static List<int[]> sequential(int n, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        var out = new ArrayList<int[]>();
        for (int first = 0; first < n; first += batchSize) {
            int size = Math.min(batchSize, n - first);
            int[] indices = new int[size];
            for (int i = 0; i < size; i++) {
                indices[i] = first + i;
            }
            out.add(indices);
        }
        return out;
    }
}
