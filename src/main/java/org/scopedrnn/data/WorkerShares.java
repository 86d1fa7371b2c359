package org.scopedrnn.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.Partitioner;
import scala.Tuple2;

/**
 * How one averaging round's minibatches are shared out among its workers: one partition per
 * worker, each a contiguous run of the round's minibatches (with 10 minibatches and 2 workers,
 * 0-4 and 5-9; with 7, 0-3 and 4-6), so the round arrives in the shape DL4J's parameter averaging
 * trains it, with no count, split or rebalancing shuffle of its own (train/internal's
 * {@code DeviceBindingTrainingMaster}).
 */
final class WorkerShares extends Partitioner {

    private static final long serialVersionUID = 1L;

    private final int batches;
    private final int parts;

    /** {@code batches} minibatches over {@code min(workers, batches)} partitions. */
    WorkerShares(int batches, int workers) {
        if (batches < 1 || workers < 1) {
            throw new IllegalArgumentException("a round needs at least 1 minibatch and 1 worker, got " + batches
                    + " minibatches and " + workers + " workers");
        }
        this.batches = batches;
        this.parts = Math.min(workers, batches);
    }

    @Override
    public int numPartitions() {
        return parts;
    }

    /** The partition of minibatch {@code key} (0-based within the round). */
    @Override
    public int getPartition(Object key) {
        int batch = (Integer) key;
        if (batch < 0 || batch >= batches) {
            throw new IllegalArgumentException("minibatch " + batch + " is outside the round's 0 to " + (batches - 1));
        }
        return (int) ((long) batch * parts / batches);
    }

    /**
     * One partition's rows (minibatch index, row) gathered per minibatch, in minibatch order: what
     * {@code assemble} turns into that worker's minibatches.
     */
    static <R> List<List<R>> byMinibatch(Iterator<Tuple2<Integer, R>> rows) {
        var grouped = new TreeMap<Integer, List<R>>();
        rows.forEachRemaining(row -> grouped.computeIfAbsent(row._1(), b -> new ArrayList<>()).add(row._2()));
        return new ArrayList<>(grouped.values());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkerShares w && w.batches == batches && w.parts == parts;
    }

    @Override
    public int hashCode() {
        return 31 * batches + parts;
    }
}
