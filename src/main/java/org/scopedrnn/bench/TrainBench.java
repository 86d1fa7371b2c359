package org.scopedrnn.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.DataSet;
import org.scopedrnn.config.TrainSettings;
import org.scopedrnn.data.CharDataSets;
import org.scopedrnn.data.SequencePlan;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.report.MetricsRow;
import org.scopedrnn.train.CharLstmJob;
import org.scopedrnn.train.CharLstmTrainer;

/** Training throughput in characters per second, single process and through the Spark trainer. */
public final class TrainBench {

    private TrainBench() {
    }

    /**
     * The model as {@code train} builds it (Adam, the clip scaled as the trainer scales it), fitted
     * one minibatch at a time with plain {@code ComputationGraph.fit}; minibatches are built before
     * the clock starts, so this times the model, not the data pipeline.
     */
    public static Timings single(CharLstmJob job, CharLstmSpec spec, int[] ids, int warmup, int reps) {
        TrainSettings ts = job.train();
        int seq = job.data().seqLength();
        CharLstmModel model = CharLstmModel.create(spec, job.singleProcessOptimizer());
        List<DataSet> batches = batches(ids, seq, ts.batchSize(), spec, ts.seed(), warmup + reps);
        for (int i = 0; i < warmup; i++) {
            model.graph().fit(batches.get(i));
        }
        long[] nanos = new long[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            model.graph().fit(batches.get(warmup + i));
            nanos[i] = System.nanoTime() - t0;
        }
        return Timings.rates((double) ts.batchSize() * seq, nanos);
    }

    /** {@code count} minibatches of the corpus in the trainer's own order. */
    static List<DataSet> batches(int[] ids, int seq, int batchSize, CharLstmSpec spec, long seed, int count) {
        var plan = new SequencePlan(ids.length, seq, batchSize);
        var out = new ArrayList<DataSet>(count);
        for (int epoch = 0; out.size() < count; epoch++) {
            for (int[] starts : plan.batches(seed, epoch)) {
                if (out.size() == count) {
                    break;
                }
                out.add(CharDataSets.toDataSet(ids, starts, seq, spec.vocabSize(), spec.input() == InputKind.ONE_HOT));
            }
        }
        return out;
    }

    /**
     * The product path: {@link CharLstmTrainer} on the given context (e.g. {@code local[2]}),
     * parameter averaging, data built on the workers. One repetition is one averaging round (one
     * Spark job) timed by the trainer's own metrics rows; the first {@code warmup} rounds (Spark
     * and JIT start-up) are dropped.
     *
     * @param job a one-epoch job whose corpus holds at least {@code warmup + reps} rounds
     */
    public static Timings spark(JavaSparkContext sc, CharLstmJob job, Path runDir, int warmup, int reps)
            throws IOException {
        var rows = new ArrayList<MetricsRow>();
        var quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        new CharLstmTrainer(job, runDir, false, sc.hadoopConfiguration(), quiet, System.err)
                .epochSampleChars(0).onRound(rows::add).run(sc);
        if (rows.size() < warmup + 1) {
            throw new IllegalStateException("the Spark run trained " + rows.size() + " rounds, fewer than warm-up "
                    + warmup + " + 1: give it a longer corpus");
        }
        return new Timings(rows.subList(warmup, Math.min(rows.size(), warmup + reps)).stream()
                .map(MetricsRow::throughput).toList());
    }

    /** Corpus characters a one-epoch Spark run needs to train {@code rounds} full averaging rounds. */
    public static long sparkCorpusChars(CharLstmJob job, int rounds) {
        TrainSettings ts = job.train();
        long chars = (long) rounds * ts.batchesPerRound() * ts.batchSize() * (job.data().seqLength() + 1);
        return (long) Math.ceil(chars / (1 - job.data().validationFraction())) + 4L * job.data().seqLength();
    }
}
