package org.scopedrnn.train;

import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.dataset.DataSet;
import org.scopedrnn.data.EpochPlan;
import org.scopedrnn.data.ExecutorCorpus;

/**
 * Rounds cut by the executors from the corpus partitions they hold ({@link ExecutorCorpus#round}):
 * the driver sends only which windows of the epoch's seeded order each round takes, so nothing it
 * broadcasts grows with the corpus. The same (epoch, first minibatch) always gives the same
 * minibatches, which is what makes a resume in the middle of an epoch exact.
 */
final class CorpusRounds implements RoundSource<DataSet> {

    private final ExecutorCorpus corpus;
    private final EpochPlan plan;
    private final long seed;
    private final int workers;
    private final boolean oneHotInput;
    private final int batchesPerEpoch;

    CorpusRounds(ExecutorCorpus corpus, EpochPlan plan, long seed, int workers, boolean oneHotInput) {
        if (plan.batchesPerEpoch() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an epoch of " + plan.batchesPerEpoch() + " minibatches is more than "
                    + Integer.MAX_VALUE + ": use a larger batch size");
        }
        this.corpus = corpus;
        this.plan = plan;
        this.seed = seed;
        this.workers = workers;
        this.oneHotInput = oneHotInput;
        this.batchesPerEpoch = (int) plan.batchesPerEpoch();
    }

    @Override
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    @Override
    public JavaRDD<DataSet> round(int epoch, int first, int count) {
        return corpus.round(plan, seed, epoch, first, count, workers, oneHotInput);
    }

    /** Nothing of its own: the corpus belongs to the part, which validates on it after the rounds. */
    @Override
    public void close() {
    }
}
