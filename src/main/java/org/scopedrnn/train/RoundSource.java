package org.scopedrnn.train;

import org.apache.spark.api.java.JavaRDD;

/**
 * The minibatches of a run, one averaging round at a time: the loop asks for minibatches
 * {@code first .. first + count - 1} of an epoch's order and fits what it gets. Both models' rounds
 * are assembled on the executors from the partitions they hold ({@link CorpusRounds} for the char
 * corpus, {@link PairRounds} for seq2seq pairs); how is this type's business, not the loop's.
 *
 * @param <T> one minibatch
 */
interface RoundSource<T> extends AutoCloseable {

    int batchesPerEpoch();

    /** The round's minibatches, one partition per worker, each a contiguous run of them in order. */
    JavaRDD<T> round(int epoch, int first, int count);

    /** Releases what the source holds on the cluster. */
    @Override
    void close();
}
