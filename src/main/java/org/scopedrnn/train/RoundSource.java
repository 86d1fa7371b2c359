package org.scopedrnn.train;

import org.apache.spark.api.java.JavaRDD;

/**
 * The minibatches of a run, one averaging round at a time: the loop asks for minibatches
 * {@code first .. first + count - 1} of an epoch's order and fits what it gets. Whether they are
 * built from a broadcast on the driver ({@link BroadcastRounds}) or from partitions already on the
 * executors is this type's business, not the loop's.
 *
 * @param <T> one minibatch
 */
interface RoundSource<T> extends AutoCloseable {

    int batchesPerEpoch();

    /** The round's minibatches, one partition each. */
    JavaRDD<T> round(int epoch, int first, int count);

    /** Releases what the source holds on the cluster (broadcasts). */
    @Override
    void close();
}
