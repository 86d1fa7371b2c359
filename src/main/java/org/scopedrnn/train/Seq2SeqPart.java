package org.scopedrnn.train;

import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.scopedrnn.config.Settings;
import org.scopedrnn.data.PairPlan;
import org.scopedrnn.data.PairSplit;
import org.scopedrnn.data.Seq2SeqBatches;
import org.scopedrnn.data.Seq2SeqVocabulary;
import org.scopedrnn.eval.Seq2SeqEvaluation;
import org.scopedrnn.eval.TranslationMetrics;
import org.scopedrnn.model.ScopedModel;
import org.scopedrnn.model.Seq2SeqModel;
import org.scopedrnn.model.Seq2SeqSpec;
import org.scopedrnn.report.RunReport;

/**
 * An encoder-decoder ready to train: the model, its vocabularies, the split pairs and the plan. A
 * minibatch is a {@code MultiDataSet} of pairs padded to its own longest; validation is the masked
 * loss per target character plus greedy decoding of held-out pairs, whose exact-match accuracy may
 * end training early (the job's sequence-accuracy goal).
 */
final class Seq2SeqPart implements TrainingPart<MultiDataSet> {

    /** The training pairs' ids as the workers receive them. */
    private record PairIds(int[][] sources, int[][] targets) implements Serializable {
    }

    private final Seq2SeqJob job;
    private final Seq2SeqModel model;
    private final Seq2SeqData data;
    private final PairSplit<Seq2SeqVocabulary.EncodedPair> split;
    private final PairPlan plan;
    /** DL4J's score is summed over the target's steps: divided by this, a loss per target character. */
    private final double meanTarget;
    private final PrintStream out;
    private final PrintStream log;
    private Seq2SeqEvaluation evaluation;

    Seq2SeqPart(Seq2SeqJob job, Seq2SeqModel model, Seq2SeqData data, PairSplit<Seq2SeqVocabulary.EncodedPair> split,
            PairPlan plan, PrintStream out, PrintStream log) {
        this.job = job;
        this.model = model;
        this.data = data;
        this.split = split;
        this.plan = plan;
        this.meanTarget = Seq2SeqJob.meanTargetLength(split.train());
        this.out = out;
        this.log = log;
    }

    Seq2SeqTrainer.Result result(RoundLoop.End end) {
        return new Seq2SeqTrainer.Result(model, data, split, end.lastCheckpoint(), end.validation(), end.step(),
                end.stoppedAtWallTime());
    }

    @Override
    public ScopedModel model() {
        return model;
    }

    @Override
    public Snapshot snapshot() {
        Seq2SeqVocabulary vocab = data.vocabulary();
        var spec = new LinkedHashMap<String, Object>(model.spec().toMap());
        spec.put("sourceVocabulary", vocab.source().symbols()); // read back by sample.LoadedSeq2Seq
        spec.put("targetVocabulary", vocab.target().symbols());
        return new Snapshot(Seq2SeqTrainer.MODEL_TYPE, spec, vocab.target().symbols(), model.weights());
    }

    @Override
    public Description description() {
        Seq2SeqVocabulary vocab = data.vocabulary();
        Seq2SeqSpec spec = model.spec();
        String summary = String.format(Locale.ROOT, "seq2seq: %d variables, %,d parameters; source vocabulary %d,"
                + " target %d; %,d training / %,d validation pairs", model.variables().size(), model.numParams(),
                vocab.sourceSize(), vocab.targetSize(), split.train().size(), split.validation().size());
        String title = String.format(Locale.ROOT, "seq2seq LSTM(%d), embedding %d, vocabularies %d -> %d: %s",
                spec.hiddenSize(), spec.embeddingSize(), vocab.sourceSize(), vocab.targetSize(),
                job.data().copyTask() ? "copy task" : job.data().input());
        return new Description(summary, title, RunReport.Unit.PAIRS, job.train().batchSize());
    }

    @Override
    public Map<String, Object> plan() {
        var m = new LinkedHashMap<String, Object>();
        m.put("batchesPerEpoch", plan.batchesPerEpoch());
        m.put("batchesPerRound", job.train().batchesPerRound());
        m.put("batchSize", job.train().batchSize());
        return m;
    }

    @Override
    public RoundSource<MultiDataSet> rounds(JavaSparkContext sc) {
        var ids = new PairIds(split.train().stream().map(p -> p.source()).toArray(int[][]::new),
                split.train().stream().map(p -> p.target()).toArray(int[][]::new));
        int sourceSize = model.spec().sourceVocab();
        int targetSize = model.spec().targetVocab();
        long seed = job.train().seed();
        PairPlan order = plan;
        return new BroadcastRounds<>(sc, ids, plan.batchesPerEpoch(), epoch -> order.batches(seed, epoch),
                (pairs, indices) -> {
                    var batch = new ArrayList<Seq2SeqVocabulary.EncodedPair>(indices.length);
                    for (int i : indices) {
                        batch.add(new Seq2SeqVocabulary.EncodedPair(pairs.sources()[i], pairs.targets()[i]));
                    }
                    return Seq2SeqBatches.toMultiDataSet(batch, sourceSize, targetSize, Seq2SeqTrainer.FORMAT);
                });
    }

    @Override
    public void fit(SparkComputationGraph spark, JavaRDD<MultiDataSet> round) {
        spark.fitMultiDataSet(round);
    }

    @Override
    public double loss(double score) {
        return score / meanTarget;
    }

    @Override
    public Double validate(int epoch, int epochs) {
        double validation = Seq2SeqTrainer.validationLoss(model, split.validation(), data.vocabulary());
        var heldOut = split.validation().subList(0, Math.min(Seq2SeqTrainer.METRIC_PAIRS, split.validation().size()));
        evaluation = Seq2SeqEvaluation.of(model, data.vocabulary(), heldOut, 1, job.translate().maxLength());
        out.printf(Locale.ROOT, "epoch %d/%d validation nats/char=%.4f %s (greedy)%n", epoch, epochs, validation,
                evaluation.metrics().summaryLine());
        return validation;
    }

    /** The held-out metrics line and the first few greedy translations, already decoded for the metrics. */
    @Override
    public List<String> epochTexts() {
        TranslationMetrics.Summary metrics = evaluation.metrics();
        var lines = new ArrayList<String>();
        lines.add("held-out (greedy): " + metrics.summaryLine());
        for (int i = 0; i < Math.min(job.translate().examples(), evaluation.sources().size()); i++) {
            lines.add(evaluation.sources().get(i) + "  ->  " + evaluation.hypotheses().get(i) + "   (reference: "
                    + evaluation.references().get(i) + ")");
        }
        return lines;
    }

    @Override
    public boolean stopAfter(int epoch) {
        double accuracy = evaluation.metrics().sequenceAccuracy();
        if (accuracy < job.stopAtSequenceAccuracy()) {
            return false;
        }
        log.printf(Locale.ROOT, "held-out exact match %.4f >= %s %.4f: stopping after epoch %d%n", accuracy,
                Settings.STOP_AT_SEQUENCE_ACCURACY, job.stopAtSequenceAccuracy(), epoch);
        return true;
    }
}
