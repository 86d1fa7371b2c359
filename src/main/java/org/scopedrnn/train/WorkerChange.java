package org.scopedrnn.train;

import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.config.LearningRateScaling;
import org.scopedrnn.config.Settings;

/**
 * The one change of {@code train.workers} a resumed run may make: keeping the global batch.
 * N workers of b sequences with {@code train.lr-scaling = none} and no warm-up take, per averaged
 * step, a step of the one learning rate over N x b sequences; 2N workers of b / 2 do the same, so a
 * step (DL4J's iteration, Adam's count, the epoch's length in steps) keeps its meaning, and only
 * how many tasks share it changes. The scaling study measured these global-batch runs
 * (bench/results/scaling.md: n4/n8/n16-global). Any other change would give the checkpoint's step
 * count and Adam's moments another meaning (with the per-worker batch kept, an epoch has N'/N as
 * many steps per worker, and under linear scaling the rate jumps by N'/N), so it is refused.
 *
 * <p>The resumed run counts minibatches of the new batch size: an epoch's end converts exactly
 * (epoch e of the new plan), and so does a mid-epoch step of the executor corpus (its windows are
 * ordered independently of the batch size) when the windows done fill whole new minibatches.
 */
final class WorkerChange {

    private WorkerChange() {
    }

    /** Whether the two flattened configs name different worker counts (both must hold the key). */
    static boolean asked(Map<String, Object> before, Map<String, Object> after) {
        Long was = number(before, Settings.WORKERS.name());
        Long now = number(after, Settings.WORKERS.name());
        return was != null && now != null && !was.equals(now);
    }

    /**
     * Refuses a change of worker count that does not keep the global batch, with one line naming
     * both values of both settings and the rule.
     */
    static void require(Map<String, Object> before, Map<String, Object> after, Path runDir) {
        long workersBefore = number(before, Settings.WORKERS.name());
        long workersAfter = number(after, Settings.WORKERS.name());
        Long batchBefore = number(before, Settings.BATCH_SIZE.name());
        Long batchAfter = number(after, Settings.BATCH_SIZE.name());
        Object scaling = after.get(Settings.LR_SCALING.name());
        Long warmup = number(after, Settings.WARMUP_STEPS.name());
        boolean sameGlobalBatch = batchBefore != null && batchAfter != null
                && workersBefore * batchBefore == workersAfter * batchAfter;
        boolean noScaling = scaling != null && LearningRateScaling.parse(String.valueOf(scaling))
                == LearningRateScaling.NONE;
        if (sameGlobalBatch && noScaling && warmup != null && warmup == 0) {
            return;
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "cannot resume run dir %s: %s %d -> %d with %s"
                + " %s -> %s, %s %s and %s %s: a resumed run may change its worker count only keeping the global batch"
                + " (%s x %s the same, %s -> %s here) with %s = none and %s = 0, so that a step stays a step over"
                + " as many sequences at the same rate (README \"Resuming: which settings may change\")",
                runDir, Settings.WORKERS, workersBefore, workersAfter, Settings.BATCH_SIZE, batchBefore, batchAfter,
                Settings.LR_SCALING, scaling, Settings.WARMUP_STEPS, warmup, Settings.WORKERS, Settings.BATCH_SIZE,
                product(workersBefore, batchBefore), product(workersAfter, batchAfter), Settings.LR_SCALING,
                Settings.WARMUP_STEPS));
    }

    /**
     * The step a run that changed its batch size from {@code batchBefore} to {@code batchAfter}
     * resumes at: the same epoch, at the same place in the epoch's order of sequences.
     *
     * @param windowOrdered the epoch orders sequences independently of the batch size (the
     *     executor corpus), so a place mid-epoch converts when it falls on a new minibatch's start
     */
    static long resumedStep(long step, long perEpochBefore, int batchBefore, long perEpochAfter, int batchAfter,
            boolean windowOrdered, Path runDir) {
        long epoch = step / perEpochBefore;
        long inEpoch = step % perEpochBefore;
        long sequences = inEpoch * batchBefore;
        if (inEpoch == 0) {
            return epoch * perEpochAfter;
        }
        if (windowOrdered && sequences % batchAfter == 0) {
            return epoch * perEpochAfter + sequences / batchAfter;
        }
        throw new IllegalArgumentException("cannot resume run dir " + runDir + " with " + Settings.BATCH_SIZE + " "
                + batchAfter + ": its checkpoint (step " + step + ") stopped after minibatch " + inEpoch + " of "
                + perEpochBefore + " of epoch " + (epoch + 1) + ", " + sequences + " sequences into the epoch"
                + (windowOrdered ? ", not a whole number of minibatches of " + batchAfter
                : ", and this model's epoch order depends on the batch size")
                + ": finish the epoch with " + Settings.WORKERS + " and " + Settings.BATCH_SIZE + " as they were"
                + " (every epoch ends with a checkpoint), then change them");
    }

    private static String product(long workers, Long batch) {
        return batch == null ? "?" : Long.toString(workers * batch);
    }

    private static Long number(Map<String, Object> flat, String key) {
        Object v = flat.get(key);
        if (v == null) {
            return null;
        }
        try {
            return new java.math.BigDecimal(String.valueOf(v).strip()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }
}
