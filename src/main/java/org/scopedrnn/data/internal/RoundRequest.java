package org.scopedrnn.data.internal;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Which training windows (or pairs) fill the minibatches of one averaging round, grouped by the segment that
 * holds them: built on the driver from the epoch's {@link WindowPermutation} (its size is the
 * round's windows, never the corpus), read by each executor for its own segments.
 *
 * <p>Minibatch {@code b} of an epoch takes the windows at positions {@code b * batchSize} to
 * {@code (b + 1) * batchSize - 1} of the epoch's permutation of all training windows, so a
 * minibatch mixes windows from anywhere in the corpus, as the single-file plan did.
 */
public final class RoundRequest implements Serializable {

    private final int[] segments;
    private final long[] windows;
    private final int[] targets;

    private RoundRequest(int[] segments, long[] windows, int[] targets) {
        this.segments = segments;
        this.windows = windows;
        this.targets = targets;
    }

    /**
     * @param firstBatch the round's first minibatch within the epoch
     * @param batches minibatches in the round
     */
    public static RoundRequest of(ItemBases layout, WindowPermutation order, int batchSize, long firstBatch,
            int batches) {
        int n = Math.multiplyExact(batches, batchSize);
        int[] seg = new int[n];
        long[] local = new long[n];
        long first = firstBatch * batchSize;
        for (int i = 0; i < n; i++) {
            long[] at = layout.locate(order.apply(first + i));
            seg[i] = (int) at[0];
            local[i] = at[1];
        }
        Integer[] sorted = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(sorted, Comparator.<Integer>comparingInt(i -> seg[i]).thenComparingLong(i -> local[i]));
        int[] segments = new int[n];
        long[] windows = new long[n];
        int[] targets = new int[n];
        for (int k = 0; k < n; k++) {
            segments[k] = seg[sorted[k]];
            windows[k] = local[sorted[k]];
            targets[k] = sorted[k];
        }
        return new RoundRequest(segments, windows, targets);
    }

    /** Entries {@code [from, to)} asked of segment {@code segment}. */
    public int[] range(int segment) {
        int from = lowerBound(segment);
        return new int[] {from, lowerBound(segment + 1)};
    }

    /** The window (index within its segment) of entry {@code k}. */
    public long window(int k) {
        return windows[k];
    }

    /** The round-wide slot of entry {@code k}: minibatch {@code target / batchSize}, row {@code target % batchSize}. */
    public int target(int k) {
        return targets[k];
    }

    public int size() {
        return targets.length;
    }

    private int lowerBound(int segment) {
        int lo = 0;
        int hi = segments.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (segments[mid] < segment) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
