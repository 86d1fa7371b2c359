package org.scopedrnn.train;

import java.io.Serializable;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * Rounds built from training data broadcast once from the driver: each minibatch is a list of
 * indices into it (the plan's order for the epoch), turned into a minibatch on the worker that
 * fits it.
 *
 * @param <D> the broadcast training data
 * @param <T> one minibatch
 */
final class BroadcastRounds<D extends Serializable, T> implements RoundSource<T> {

    private final JavaSparkContext sc;
    private final Broadcast<D> data;
    private final Function2<D, int[], T> build;
    private final IntFunction<List<int[]>> order;
    private final int batchesPerEpoch;
    private int epoch = -1;
    private List<int[]> batches;

    /**
     * @param order each epoch's minibatches as index lists (the plan, seeded by the run's seed)
     * @param build a minibatch from the data and its indices; runs on the workers, so it must not
     *     capture the driver's objects
     */
    BroadcastRounds(JavaSparkContext sc, D data, int batchesPerEpoch, IntFunction<List<int[]>> order,
            Function2<D, int[], T> build) {
        this.sc = sc;
        this.data = sc.broadcast(data);
        this.batchesPerEpoch = batchesPerEpoch;
        this.order = order;
        this.build = build;
    }

    @Override
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    @Override
    public JavaRDD<T> round(int epoch, int first, int count) {
        if (epoch != this.epoch) {
            batches = order.apply(epoch);
            this.epoch = epoch;
        }
        return parallelize(sc, data, build, batches.subList(first, first + count));
    }

    /** Static, so that the closure Spark ships holds the broadcast and the builder only. */
    private static <D, T> JavaRDD<T> parallelize(JavaSparkContext sc, Broadcast<D> data, Function2<D, int[], T> build,
            List<int[]> round) {
        return sc.parallelize(round, round.size()).map(indices -> build.call(data.value(), indices));
    }

    @Override
    public void close() {
        data.destroy();
    }
}
