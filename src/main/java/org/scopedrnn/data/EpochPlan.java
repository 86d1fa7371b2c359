package org.scopedrnn.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An epoch of an {@link ExecutorCorpus}: every training window once in a seeded order
 * ({@code data.internal.WindowPermutation} keyed by the run seed and the epoch), cut into
 * {@link #batchesPerEpoch()} full minibatches; the remainder windows (fewer than one batch) are
 * left out, different ones each epoch. Where a run is in its epoch is its step (minibatches done):
 * {@link #cursor(long)}. A resumed run replays exactly the minibatches the interrupted one would
 * have seen when {@link #toMap()} is unchanged (same windows, batch size and order scheme).
 */
public record EpochPlan(long windows, int batchSize) {

    /** Names the order scheme in checkpoints: a different scheme means different minibatches. */
    public static final String ORDER = "feistel-v1";

    public EpochPlan {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (windows / batchSize == 0) {
            throw new CorpusException("the training text holds " + windows + " sequences, fewer than one batch of "
                    + "batch size = " + batchSize + ": lower the batch size or the sequence length, or use a longer "
                    + "corpus");
        }
    }

    public long batchesPerEpoch() {
        return windows / batchSize;
    }

    /** Where step {@code step} (minibatches done since the run began) falls. */
    public EpochCursor cursor(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        return new EpochCursor((int) (step / batchesPerEpoch()), step % batchesPerEpoch());
    }

    /** What a checkpoint records so that a resume can check it replays the same minibatches. */
    public Map<String, Object> toMap() {
        var m = new LinkedHashMap<String, Object>();
        m.put("trainWindows", windows);
        m.put("batchesPerEpoch", batchesPerEpoch());
        m.put("windowOrder", ORDER);
        return m;
    }

    /**
     * A position in training: minibatch {@code batch} (0-based) of epoch {@code epoch} (0-based) is
     * the next to train.
     */
    public record EpochCursor(int epoch, long batch) {
        public EpochCursor {
            if (epoch < 0 || batch < 0) {
                throw new IllegalArgumentException("epoch and batch must be >= 0, got " + epoch + ", " + batch);
            }
        }
    }
}
