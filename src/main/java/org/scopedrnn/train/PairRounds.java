package org.scopedrnn.train;

import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.scopedrnn.data.EpochPlan;
import org.scopedrnn.data.ExecutorPairs;

/**
 * Seq2seq rounds assembled by the executors from the pairs they hold ({@link ExecutorPairs#round}):
 * the driver sends only which pairs of the epoch's seeded order each round takes, so nothing it
 * broadcasts grows with the pairs files. The same (epoch, first minibatch) always gives the same
 * minibatches, which makes a resume in the middle of an epoch exact.
 */
final class PairRounds implements RoundSource<MultiDataSet> {

    private final ExecutorPairs pairs;
    private final EpochPlan plan;
    private final long seed;
    private final int workers;
    private final int batchesPerEpoch;

    PairRounds(ExecutorPairs pairs, EpochPlan plan, long seed, int workers) {
        this.pairs = pairs;
        this.plan = plan;
        this.seed = seed;
        this.workers = workers;
        this.batchesPerEpoch = Math.toIntExact(plan.batchesPerEpoch());
    }

    @Override
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    @Override
    public JavaRDD<MultiDataSet> round(int epoch, int first, int count) {
        return pairs.round(plan, seed, epoch, first, count, workers, Seq2SeqTrainer.FORMAT);
    }

    /** Nothing of its own: the pairs belong to the part, which validates on them after the rounds. */
    @Override
    public void close() {
    }
}
