package org.scopedrnn.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.dataset.DataSet;
import org.scopedrnn.data.internal.RoundRequest;
import org.scopedrnn.data.internal.SegmentIds;
import org.scopedrnn.data.internal.WindowPermutation;
import scala.Tuple2;

/**
 * A corpus held by the executors: each keeps the ids of the segments it read (cached by Spark),
 * cuts its own training windows into the minibatches of each averaging round and scores its own
 * validation windows. The driver holds the layout (counts per segment) and, per round, which
 * windows go where; no text and no list of every window passes through it or is broadcast.
 *
 * <p>Use: {@link CorpusScan#run} (vocabulary, split), {@link #load}, then per epoch
 * {@link #plan(int)} and per round {@link #round}; {@link #validation} after an epoch;
 * {@link #close()} at the end.
 */
public final class ExecutorCorpus implements AutoCloseable {

    private final CorpusScan scan;
    private final Vocabulary vocabulary;
    private final JavaRDD<SegmentIds> ids;

    private ExecutorCorpus(CorpusScan scan, Vocabulary vocabulary, JavaRDD<SegmentIds> ids) {
        this.scan = scan;
        this.vocabulary = vocabulary;
        this.ids = ids;
    }

    /**
     * Second pass: executors read their segments again, encode them with {@code vocabulary} (the
     * scan's own, or a checkpoint's that must cover it) and keep the ids cached.
     */
    public static ExecutorCorpus load(JavaSparkContext sc, CorpusScan scan, Vocabulary vocabulary) {
        try {
            scan.requireCoveredBy(vocabulary);
            JavaRDD<SegmentIds> ids = scan.source().ids(sc, scan.layout().segments(), vocabulary.index(),
                    scan.options().newlines()).persist(StorageLevel.MEMORY_AND_DISK());
            SparkErrors.rethrowCorpusErrors(ids::count);
            return new ExecutorCorpus(scan, vocabulary, ids);
        } catch (RuntimeException e) {
            // what the scan holds on the executors (cached documents, a broadcast) is released with the error
            scan.source().close();
            throw e;
        }
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public CorpusScan scan() {
        return scan;
    }

    /** The epochs of this corpus in minibatches of {@code batchSize} windows. */
    public EpochPlan plan(int batchSize) {
        return new EpochPlan(scan.trainWindows(), batchSize);
    }

    /**
     * The minibatches {@code firstBatch .. firstBatch + batches - 1} of {@code epoch} (0-based) as
     * DL4J datasets (features one-hot {@code [batch, vocab, seq]} or ids {@code [batch, 1, seq]},
     * labels one-hot, as {@link CharDataSets} builds them), assembled on the executors: one
     * partition per worker (at most {@code workers}), each a contiguous run of the round's
     * minibatches in order ({@link WorkerShares}). The same arguments always give the same
     * minibatches.
     */
    public JavaRDD<DataSet> round(EpochPlan plan, long seed, int epoch, long firstBatch, int batches, int workers,
            boolean oneHotInput) {
        if (firstBatch < 0 || batches < 1 || firstBatch + batches > plan.batchesPerEpoch()) {
            throw new IllegalArgumentException("minibatches " + firstBatch + " to " + (firstBatch + batches - 1)
                    + " are outside the epoch's 0 to " + (plan.batchesPerEpoch() - 1));
        }
        int batchSize = plan.batchSize();
        var order = new WindowPermutation(plan.windows(), seed, epoch);
        RoundRequest request = RoundRequest.of(scan.layout().windowBases(), order, batchSize, firstBatch, batches);
        int seq = scan.options().seqLength();
        int vocab = vocabulary.size();
        return ids.flatMapToPair(segment -> {
            int[] range = request.range(segment.layout().segment().index());
            var out = new ArrayList<Tuple2<Integer, Tuple2<Integer, int[]>>>(range[1] - range[0]);
            for (int k = range[0]; k < range[1]; k++) {
                int target = request.target(k);
                out.add(new Tuple2<>(target / batchSize,
                        new Tuple2<>(target % batchSize, segment.trainWindow(request.window(k)))));
            }
            return out.iterator();
        }).partitionBy(new WorkerShares(batches, workers))
                .mapPartitions(rows -> WorkerShares.byMinibatch(rows).stream()
                        .map(batch -> Minibatches.assemble(batch, batchSize, seq, vocab, oneHotInput)).iterator());
    }

    /**
     * Validation on the executors: each scores the validation windows starting in its segments,
     * in minibatches of at most {@code batchWindows}, with {@code scorer} and the model that
     * {@code params} describes; the driver only adds the sums.
     */
    public <P> ValidationSum validation(Broadcast<P> params, BatchScorer<P> scorer, boolean oneHotInput,
            int batchWindows) {
        if (batchWindows < 1) {
            throw new IllegalArgumentException("validation minibatch must hold at least 1 window, got " + batchWindows);
        }
        int vocab = vocabulary.size();
        return ids.filter(s -> s.layout().validationWindows() > 0)
                .map(s -> Minibatches.scoreValidation(s, batchWindows, vocab, oneHotInput,
                        batch -> scorer.nllSum(params.value(), batch)))
                .fold(ValidationSum.ZERO, ValidationSum::plus);
    }

    /** Every kept id in corpus order, split into training and validation text: for tests only (collects the text). */
    int[][] collectSplit() {
        List<SegmentIds> all = new ArrayList<>(ids.collect());
        all.sort(java.util.Comparator.comparingInt(s -> s.layout().segment().index()));
        var validation = new ArrayList<Integer>();
        var trainIds = new ArrayList<Integer>();
        for (SegmentIds s : all) {
            int[] kept = s.keptIds();
            long trainChars = s.layout().trainChars();
            for (int i = 0; i < kept.length; i++) {
                (i < trainChars ? trainIds : validation).add(kept[i]);
            }
        }
        return new int[][] {trainIds.stream().mapToInt(Integer::intValue).toArray(),
                validation.stream().mapToInt(Integer::intValue).toArray()};
    }

    /** Drops the cached ids from the executors and what the scan's source holds there. */
    @Override
    public void close() {
        ids.unpersist(false);
        scan.source().close();
    }
}
