package org.scopedrnn.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.scopedrnn.config.Readers;
import org.scopedrnn.config.Settings;
import org.scopedrnn.config.TrainSettings;
import org.scopedrnn.data.PairPlan;
import org.scopedrnn.data.PairSplit;
import org.scopedrnn.data.Seq2SeqBatches;
import org.scopedrnn.data.Seq2SeqVocabulary;
import org.scopedrnn.model.Seq2SeqModel;
import org.scopedrnn.model.Seq2SeqSpec;
import org.scopedrnn.report.MetricsRow;
import org.scopedrnn.train.Seq2SeqData;
import org.scopedrnn.train.Seq2SeqJob;
import org.scopedrnn.train.Seq2SeqTrainer;
import org.scopedrnn.train.WallClock;

/**
 * seq2seq training throughput in pairs per second: the model {@code train seq2seq} builds, fitted
 * single process on the trainer's own first minibatches, and the trainer itself on Spark. The
 * Keras peer ({@code bench/keras_seq2seq.py --bench}) times the same minibatches (same split,
 * same shuffle), each padded to its own longest pair, so per-batch lengths match too.
 */
public final class Seq2SeqBench {

    private Seq2SeqBench() {
    }

    /** One minibatch per repetition, built before the clock starts; the rate is its pairs over its time. */
    public static Timings single(Seq2SeqJob job, Configuration hadoop, int warmup, int reps) {
        TrainSettings ts = job.train();
        Seq2SeqData data = Seq2SeqData.load(job.data(), ts.seed(), hadoop);
        Seq2SeqVocabulary vocab = data.vocabulary();
        PairSplit<Seq2SeqVocabulary.EncodedPair> split = job.data().split(vocab.encodeAll(data.pairs()), ts.seed());
        Seq2SeqSpec spec = Seq2SeqTrainer.spec(job, vocab);
        Seq2SeqModel model = Seq2SeqModel.create(spec, job.optimizer(split.train()),
                Readers.scopeOrigins(job.origin()));
        var plan = new PairPlan(split.train().size(), ts.batchSize(), true);
        var batches = new ArrayList<MultiDataSet>();
        for (int epoch = 0; batches.size() < warmup + reps; epoch++) {
            for (int[] indices : plan.batches(ts.seed(), epoch)) {
                if (batches.size() == warmup + reps) {
                    break;
                }
                batches.add(Seq2SeqBatches.toMultiDataSet(split.train(), indices, spec.sourceVocab(),
                        spec.targetVocab(), Seq2SeqTrainer.FORMAT));
            }
        }
        for (int i = 0; i < warmup; i++) {
            model.graph().fit(batches.get(i));
        }
        var rates = new ArrayList<Double>(reps);
        for (int i = warmup; i < warmup + reps; i++) {
            MultiDataSet batch = batches.get(i);
            long t0 = System.nanoTime();
            model.graph().fit(batch);
            rates.add(batch.getFeatures(0).size(0) / ((System.nanoTime() - t0) / 1e9));
        }
        return new Timings(rates);
    }

    /**
     * The product path: {@link Seq2SeqTrainer} on the given context, stopped after
     * {@code warmup + reps} averaging rounds; each round's pairs/s comes from the trainer's own
     * metrics rows, the first {@code warmup} rounds (Spark and JIT start-up) dropped.
     */
    public static Timings spark(JavaSparkContext sc, Seq2SeqJob job, Path runDir, int warmup, int reps)
            throws IOException {
        var rows = new ArrayList<MetricsRow>();
        var quiet = new PrintStream(OutputStream.nullOutputStream());
        new Seq2SeqTrainer(job, runDir, false, sc.hadoopConfiguration(), quiet, System.err)
                .stopBy(WallClock.afterRounds(warmup + reps)).onRound(rows::add).run(sc);
        if (rows.size() < warmup + 1) {
            throw new IllegalStateException("the Spark run trained " + rows.size() + " rounds, fewer than warm-up "
                    + warmup + " + 1: give it more pairs (" + Settings.MAX_PAIRS + ")");
        }
        return new Timings(rows.subList(warmup, Math.min(rows.size(), warmup + reps)).stream()
                .map(MetricsRow::throughput).toList());
    }
}
