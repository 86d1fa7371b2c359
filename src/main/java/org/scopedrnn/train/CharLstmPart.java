package org.scopedrnn.train;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.scopedrnn.data.EpochPlan;
import org.scopedrnn.data.ExecutorCorpus;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.ScopedModel;
import org.scopedrnn.report.RunReport;
import org.scopedrnn.sample.CharSampler;
import org.scopedrnn.sample.SamplingOptions;

/**
 * A char-LSTM ready to train: the model, its vocabulary, the corpus the executors hold and the
 * plan of its epochs. A minibatch is {@code batch-size} windows of the training ids, cut on the
 * executors ({@link CorpusRounds}); validation is nats per character on the held-out ids, scored
 * on the executors ({@link CharLstmExecutorValidation}); after each epoch a short sample goes to
 * the report. Closing it drops the corpus from the executors.
 */
final class CharLstmPart implements TrainingPart<DataSet> {

    private final CharLstmJob job;
    private final CharLstmModel model;
    private final Vocabulary vocab;
    private final JavaSparkContext sc;
    private final ExecutorCorpus corpus;
    private final EpochPlan plan;
    private final int epochSampleChars;
    private final PrintStream out;

    CharLstmPart(CharLstmJob job, CharLstmModel model, JavaSparkContext sc, ExecutorCorpus corpus, EpochPlan plan,
            int epochSampleChars, PrintStream out) {
        this.job = job;
        this.model = model;
        this.vocab = corpus.vocabulary();
        this.sc = sc;
        this.corpus = corpus;
        this.plan = plan;
        this.epochSampleChars = epochSampleChars;
        this.out = out;
    }

    CharLstmModel charModel() {
        return model;
    }

    Vocabulary vocabulary() {
        return vocab;
    }

    @Override
    public ScopedModel model() {
        return model;
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(CharLstmTrainer.MODEL_TYPE, model.spec().toMap(), vocab.symbols(), model.weights());
    }

    @Override
    public Description description() {
        CharLstmSpec spec = model.spec();
        String summary = String.format(Locale.ROOT,
                "model: %d variables, %,d parameters; vocabulary %d; %,d training / %,d validation chars",
                model.variables().size(), model.variables().stream().mapToLong(v -> v.size()).sum(), vocab.size(),
                corpus.scan().trainChars(), corpus.scan().validationChars());
        String title = String.format(Locale.ROOT, "char-lstm %d x LSTM(%d), vocabulary %d: %s", spec.layers(),
                spec.hiddenSize(), vocab.size(), job.data().input());
        return new Description(summary, title, RunReport.Unit.CHARS,
                (long) job.train().batchSize() * job.data().seqLength());
    }

    @Override
    public Map<String, Object> plan() {
        var m = new LinkedHashMap<String, Object>();
        m.put("batchesPerEpoch", plan.batchesPerEpoch());
        m.put("batchesPerRound", job.train().batchesPerRound());
        m.put("seqLength", job.data().seqLength());
        m.put("batchSize", plan.batchSize());
        m.putAll(plan.toMap());
        return m;
    }

    @Override
    public RoundSource<DataSet> rounds(JavaSparkContext sc) {
        return new CorpusRounds(corpus, plan, job.train().seed(), job.train().workers(),
                model.spec().input() == InputKind.ONE_HOT);
    }

    @Override
    public void fit(SparkComputationGraph spark, JavaRDD<DataSet> round) {
        spark.fit(round);
    }

    @Override
    public double loss(double score) {
        return score / job.data().seqLength();
    }

    @Override
    public Double validate(int epoch, int epochs) {
        double validation = CharLstmExecutorValidation.loss(sc, corpus, model);
        if (Double.isNaN(validation)) {
            return null;
        }
        out.printf(Locale.ROOT, "epoch %d/%d validation nats/char=%.4f bits/char=%.4f%n", epoch, epochs, validation,
                validation / Math.log(2));
        return validation;
    }

    @Override
    public List<String> epochTexts() {
        return epochSampleChars > 0 ? List.of(sample(epochSampleChars)) : List.of();
    }

    @Override
    public String savedNote(Double validation) {
        return validation == null ? "" : String.format(Locale.ROOT, " (validation %.4f nats/char)", validation);
    }

    /** Drops the corpus's ids from the executors. */
    @Override
    public void close() {
        corpus.close();
    }

    /** {@code chars} characters sampled with the job's sampling options. */
    String sample(int chars) {
        // The seed program's flow that failed in TF1: a second, batch-1 model in the same process,
        // with its own variable store, receiving the trained weights by name.
        CharLstmModel sampler = CharLstmModel.create(model.spec(), model.optimizer(), model.lstmImpl());
        sampler.copyWeightsFrom(model);
        SamplingOptions o = job.sample();
        return new CharSampler(sampler, vocab).sample(new SamplingOptions(o.prime(), chars, o.temperature(), o.topK(),
                o.seed()));
    }
}
