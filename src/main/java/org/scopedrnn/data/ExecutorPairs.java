package org.scopedrnn.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.scopedrnn.data.internal.HeldOutPairs;
import org.scopedrnn.data.internal.ItemBases;
import org.scopedrnn.data.internal.PairSegment;
import org.scopedrnn.data.internal.RoundRequest;
import org.scopedrnn.data.internal.Segment;
import org.scopedrnn.data.internal.SegmentPairs;
import org.scopedrnn.data.internal.WindowPermutation;
import scala.Tuple2;

/**
 * Seq2seq pairs held by the executors: each keeps the encoded pairs of the segments it read (cached
 * by Spark), split into training and validation pairs per file; per averaging round it assembles
 * the minibatches from its own training pairs, after an epoch it scores its own validation pairs.
 * The driver holds counts per segment and per file and, per round, which pairs go where; no pair
 * passes through it or a broadcast, except the bounded sample {@link #heldOut} decodes there.
 *
 * <p>Use: {@link PairScan#run} then {@link #load} (or {@link #of} for pairs made in memory, such as
 * the copy task), then per round {@link #round}; {@link #validation} after an epoch;
 * {@link #close()} at the end.
 */
public final class ExecutorPairs implements AutoCloseable {

    private final JavaRDD<SegmentPairs> pairs;
    private final Seq2SeqVocabulary vocabulary;
    private final Broadcast<SerializableConfiguration> conf;
    private final ItemBases trainBases;
    private final long[] fileValidation;
    private long validationPairs;
    private long skippedTooLong;
    private long trainTargetSteps;

    private ExecutorPairs(JavaRDD<SegmentPairs> pairs, Seq2SeqVocabulary vocabulary, int segments, int files,
            Broadcast<SerializableConfiguration> conf) {
        this.conf = conf;
        this.vocabulary = vocabulary;
        this.pairs = pairs.persist(StorageLevel.MEMORY_AND_DISK());
        long[] train = new long[segments];
        fileValidation = new long[files];
        List<long[]> counts = SparkErrors.rethrowCorpusErrors(() -> this.pairs.map(s -> new long[] {s.index(),
            s.fileIndex(), s.train().size(), s.validation().size(), s.skippedTooLong(), s.trainTargetSteps()})
                .collect());
        for (long[] c : counts) {
            train[(int) c[0]] = c[2];
            fileValidation[(int) c[1]] += c[3];
            validationPairs += c[3];
            skippedTooLong += c[4];
            trainTargetSteps += c[5];
        }
        trainBases = new ItemBases(train);
    }

    /**
     * Second pass: executors read their segments' pairs in use again, encode them with
     * {@code vocabulary} (the scan's own, or a checkpoint's that must cover it), split them with
     * {@code seed} and keep them cached.
     */
    public static ExecutorPairs load(JavaSparkContext sc, PairScan scan, Seq2SeqVocabulary vocabulary, long seed) {
        scan.requireCoveredBy(vocabulary);
        Map<Integer, Integer> sourceIndex = vocabulary.sourceIndex();
        Map<Integer, Integer> targetIndex = vocabulary.targetIndex();
        PairOptions options = scan.options().pairs();
        List<PairSegment> layouts = scan.layout().segments();
        JavaRDD<SegmentPairs> pairs = SegmentJobs.read(sc, scan.planner(), layouts, scan.conf(),
                (l, c) -> SegmentPairs.read(l, sourceIndex, targetIndex, options, seed, c));
        return new ExecutorPairs(pairs, vocabulary, layouts.size(), scan.files().files().size(), scan.conf());
    }

    /**
     * Pairs made on the driver (the copy task), split as one file of them would be and spread over
     * {@code slices} partitions; they reach the executors in the tasks that cache them, once.
     */
    public static ExecutorPairs of(JavaSparkContext sc, List<Pair> made, Seq2SeqVocabulary vocabulary,
            double validationFraction, long seed, int slices) {
        List<Seq2SeqVocabulary.EncodedPair> encoded = vocabulary.encodeAll(made);
        int n = encoded.size();
        long cut = HeldOutPairs.cut(n, validationFraction);
        int per = Math.max(1, (n + slices - 1) / slices);
        var segments = new ArrayList<SegmentPairs>();
        for (int first = 0; first < n; first += per) {
            var rows = new ArrayList<int[][]>();
            for (var p : encoded.subList(first, Math.min(n, first + per))) {
                rows.add(new int[][] {p.source(), p.target()});
            }
            var layout = new PairSegment(new Segment(segments.size(), 0, "memory", first, first + rows.size()),
                    rows.size(), first, n, cut, 0);
            segments.add(SegmentPairs.split(segments.size(), 0, rows, layout, seed));
        }
        return new ExecutorPairs(sc.parallelize(segments, segments.size()), vocabulary, segments.size(), 1, null);
    }

    public Seq2SeqVocabulary vocabulary() {
        return vocabulary;
    }

    public long trainPairs() {
        return trainBases.items();
    }

    public long validationPairs() {
        return validationPairs;
    }

    /** Pairs over the length limits left out. */
    public long skippedTooLong() {
        return skippedTooLong;
    }

    /** Mean target length of the training pairs, END included (what DL4J's summed score is divided by). */
    public double meanTargetLength() {
        return trainPairs() == 0 ? 1 : (double) trainTargetSteps / trainPairs();
    }

    /** The epochs of these pairs in minibatches of {@code batchSize} pairs (the remainder left out, as before). */
    public EpochPlan plan(int batchSize) {
        return new EpochPlan(trainPairs(), batchSize);
    }

    /**
     * The minibatches {@code firstBatch .. firstBatch + batches - 1} of {@code epoch} (0-based),
     * each padded to its own longest pair by {@link Seq2SeqBatches}, assembled on the executors: one
     * partition per worker (at most {@code workers}), each a contiguous run of the round's
     * minibatches in order ({@link WorkerShares}). Minibatch b takes the pairs at positions
     * {@code b * batchSize ..} of the epoch's seeded permutation of all training pairs. The same
     * arguments always give the same minibatches.
     */
    public JavaRDD<MultiDataSet> round(EpochPlan plan, long seed, int epoch, long firstBatch, int batches,
            int workers, Seq2SeqBatches.Format format) {
        if (firstBatch < 0 || batches < 1 || firstBatch + batches > plan.batchesPerEpoch()) {
            throw new IllegalArgumentException("minibatches " + firstBatch + " to " + (firstBatch + batches - 1)
                    + " are outside the epoch's 0 to " + (plan.batchesPerEpoch() - 1));
        }
        int batchSize = plan.batchSize();
        var order = new WindowPermutation(plan.windows(), seed, epoch);
        RoundRequest request = RoundRequest.of(trainBases, order, batchSize, firstBatch, batches);
        int sourceSize = vocabulary.sourceSize();
        int targetSize = vocabulary.targetSize();
        var shares = new WorkerShares(batches, workers);
        JavaPairRDD<Integer, Tuple2<Integer, int[][]>> rows =
                pairs.flatMapToPair(segment -> PairBatches.rows(segment, request, batchSize).iterator());
        if (pairs.getNumPartitions() > 1 || shares.numPartitions() > 1) {
            rows = rows.partitionBy(shares);
        }
        // one worker over pairs in one partition (one small file): that task assembles the round, no shuffle
        return rows.mapPartitions(share -> WorkerShares.byMinibatch(share).stream()
                .map(batch -> PairBatches.assemble(batch, batchSize, sourceSize, targetSize, format)).iterator());
    }

    /**
     * Validation on the executors: each scores its validation pairs in minibatches of at most
     * {@code batchPairs} with {@code scorer} and the model {@code params} describes; the driver
     * adds the sums (nats over target characters plus END).
     */
    public <P> ValidationSum validation(Broadcast<P> params, PairScorer<P> scorer, int batchPairs,
            Seq2SeqBatches.Format format) {
        if (batchPairs < 1) {
            throw new IllegalArgumentException("validation minibatch must hold at least 1 pair, got " + batchPairs);
        }
        int sourceSize = vocabulary.sourceSize();
        int targetSize = vocabulary.targetSize();
        return pairs.filter(s -> s.validation().size() > 0)
                .map(s -> PairBatches.scoreValidation(s, batchPairs, sourceSize, targetSize, format,
                        batch -> scorer.nllSum(params.value(), batch)))
                .fold(ValidationSum.ZERO, ValidationSum::plus);
    }

    /**
     * The first {@code n} validation pairs in file order, each file's in its validation order (for
     * one file: the first n that {@code PairSplit} holds out), collected to the driver: at most
     * {@code n} pairs, for the translations decoded there.
     */
    public List<Seq2SeqVocabulary.EncodedPair> heldOut(int n) {
        long[] limits = new long[fileValidation.length];
        long left = n;
        for (int f = 0; f < limits.length; f++) {
            limits[f] = Math.min(left, fileValidation[f]);
            left -= limits[f];
        }
        List<Tuple2<long[], int[][]>> sample = new ArrayList<>(pairs.flatMap(s -> PairBatches.sample(s, limits)
                .iterator()).collect());
        sample.sort(Comparator.<Tuple2<long[], int[][]>>comparingLong(t -> t._1()[0]).thenComparingLong(t -> t._1()[1]));
        return sample.stream().map(t -> new Seq2SeqVocabulary.EncodedPair(t._2()[0], t._2()[1])).toList();
    }

    /**
     * Every kept pair, collected: the training pairs in corpus order and the validation pairs file
     * by file in their validation order. For tests only (collects the pairs).
     */
    List<List<Seq2SeqVocabulary.EncodedPair>> collectSplit() {
        List<SegmentPairs> all = new ArrayList<>(pairs.collect());
        all.sort(Comparator.comparingInt(SegmentPairs::index));
        var train = new ArrayList<Seq2SeqVocabulary.EncodedPair>();
        for (SegmentPairs s : all) {
            for (int i = 0; i < s.train().size(); i++) {
                train.add(new Seq2SeqVocabulary.EncodedPair(s.train().source(i), s.train().target(i)));
            }
        }
        return List.of(train, heldOut(Math.toIntExact(validationPairs)));
    }

    /** Partitions the cached pairs lie in: for tests (whether a round needs a shuffle). */
    int partitions() {
        return pairs.getNumPartitions();
    }

    /** One line for the log. */
    public String describe() {
        return String.format(Locale.ROOT, "%,d training / %,d validation pairs", trainPairs(), validationPairs);
    }

    /** Drops the cached pairs from the executors and the scan's broadcast Hadoop configuration. */
    @Override
    public void close() {
        pairs.unpersist(false);
        if (conf != null) {
            conf.destroy();
        }
    }
}
