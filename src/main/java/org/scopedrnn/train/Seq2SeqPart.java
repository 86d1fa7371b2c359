package org.scopedrnn.train;

import java.io.PrintStream;
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
import org.scopedrnn.data.EpochPlan;
import org.scopedrnn.data.ExecutorPairs;
import org.scopedrnn.data.Seq2SeqVocabulary;
import org.scopedrnn.eval.Seq2SeqEvaluation;
import org.scopedrnn.eval.TranslationMetrics;
import org.scopedrnn.model.ScopedModel;
import org.scopedrnn.model.Seq2SeqModel;
import org.scopedrnn.model.Seq2SeqSpec;
import org.scopedrnn.report.RunReport;

/**
 * An encoder-decoder ready to train: the model, its vocabularies, the pairs the executors hold
 * and the plan of its epochs. A minibatch is a {@code MultiDataSet} of pairs padded to its own
 * longest, assembled on the executors ({@link PairRounds}); validation is the masked loss per target
 * character, scored on the executors ({@link Seq2SeqExecutorValidation}), plus greedy decoding of
 * the first {@link Seq2SeqTrainer#METRIC_PAIRS} held-out pairs on the driver, whose exact-match
 * accuracy may end training early (the job's sequence-accuracy goal). Closing it drops the pairs
 * from the executors.
 */
final class Seq2SeqPart implements TrainingPart<MultiDataSet> {

    private final Seq2SeqJob job;
    private final Seq2SeqModel model;
    private final JavaSparkContext sc;
    private final ExecutorPairs pairs;
    private final EpochPlan plan;
    private final List<Seq2SeqVocabulary.EncodedPair> heldOut;
    /** DL4J's score is summed over the target's steps: divided by this, a loss per target character. */
    private final double meanTarget;
    private final PrintStream out;
    private final PrintStream log;
    private Seq2SeqEvaluation evaluation;

    Seq2SeqPart(Seq2SeqJob job, Seq2SeqModel model, JavaSparkContext sc, ExecutorPairs pairs, EpochPlan plan,
            PrintStream out, PrintStream log) {
        this.job = job;
        this.model = model;
        this.sc = sc;
        this.pairs = pairs;
        this.plan = plan;
        this.heldOut = pairs.heldOut(Seq2SeqTrainer.METRIC_PAIRS);
        this.meanTarget = pairs.meanTargetLength();
        this.out = out;
        this.log = log;
    }

    Seq2SeqTrainer.Result result(RoundLoop.End end) {
        return new Seq2SeqTrainer.Result(model, pairs.vocabulary(), heldOut, end.lastCheckpoint(), end.validation(),
                end.step(), end.stoppedAtWallTime());
    }

    @Override
    public ScopedModel model() {
        return model;
    }

    @Override
    public Snapshot snapshot() {
        Seq2SeqVocabulary vocab = pairs.vocabulary();
        var spec = new LinkedHashMap<String, Object>(model.spec().toMap());
        spec.put("sourceVocabulary", vocab.source().symbols()); // read back by sample.LoadedSeq2Seq
        spec.put("targetVocabulary", vocab.target().symbols());
        return new Snapshot(Seq2SeqTrainer.MODEL_TYPE, spec, vocab.target().symbols(), model.weights());
    }

    @Override
    public Description description() {
        Seq2SeqVocabulary vocab = pairs.vocabulary();
        Seq2SeqSpec spec = model.spec();
        String summary = String.format(Locale.ROOT, "seq2seq: %d variables, %,d parameters; source vocabulary %d,"
                + " target %d; %s", model.variables().size(), model.numParams(), vocab.sourceSize(),
                vocab.targetSize(), pairs.describe());
        String title = String.format(Locale.ROOT, "seq2seq LSTM(%d), embedding %d, vocabularies %d -> %d: %s",
                spec.hiddenSize(), spec.embeddingSize(), vocab.sourceSize(), vocab.targetSize(),
                job.data().copyTask() ? "copy task" : job.data().input());
        return new Description(summary, title, RunReport.Unit.PAIRS, job.train().batchSize());
    }

    /**
     * The plan a resume must keep; {@code windowOrder} names how an epoch's pairs are ordered (the
     * same scheme as the char corpus's windows), so that a mid-epoch checkpoint of the driver-side
     * order of earlier versions is refused rather than replayed wrongly.
     */
    @Override
    public Map<String, Object> plan() {
        var m = new LinkedHashMap<String, Object>();
        m.put("batchesPerEpoch", plan.batchesPerEpoch());
        m.put("batchesPerRound", job.train().batchesPerRound());
        m.put("batchSize", job.train().batchSize());
        m.put("trainPairs", plan.windows());
        m.put("windowOrder", EpochPlan.ORDER);
        return m;
    }

    @Override
    public RoundSource<MultiDataSet> rounds(JavaSparkContext context) {
        return new PairRounds(pairs, plan, job.train().seed(), job.train().workers());
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
        double validation = Seq2SeqExecutorValidation.loss(sc, pairs, model);
        evaluation = Seq2SeqEvaluation.of(model, pairs.vocabulary(), heldOut, 1, job.translate().maxLength());
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

    /** Drops the pairs from the executors. */
    @Override
    public void close() {
        pairs.close();
    }
}
