package org.scopedrnn.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.DataSet;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.config.Settings;
import org.scopedrnn.config.TrainSettings;
import org.scopedrnn.data.CharDataSets;
import org.scopedrnn.data.CorpusScan;
import org.scopedrnn.data.EpochPlan;
import org.scopedrnn.data.ExecutorCorpus;
import org.scopedrnn.data.SequencePlan;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.eval.CharEvaluator;
import org.scopedrnn.interop.LoadedCharLstm;
import org.scopedrnn.model.AdamSlots;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.CharLstmVariables;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.ParamBinding;
import org.scopedrnn.scope.VariableStore;

/**
 * Trains a char-LSTM with DL4J parameter averaging on Spark through the {@link RoundLoop}: one
 * averaging round per Spark job, validation and a checkpoint after every epoch, a sample from a
 * separately built batch-1 model at the end. What is the char-LSTM's own: the corpus, which the
 * executors read, encode and cut themselves ({@link ExecutorCorpus}: the driver holds counts, never
 * the text), the model (fresh, from {@code --init-from}, or resumed), and the sample ({@link CharLstmPart}).
 */
public final class CharLstmTrainer extends ModelTrainer<CharLstmTrainer, CharLstmPart, TrainResult> {

    public static final String MODEL_TYPE = "char-lstm";
    /** Characters sampled after each epoch for the report, unless {@link #epochSampleChars(int)} says otherwise. */
    public static final int DEFAULT_EPOCH_SAMPLE_CHARS = 200;

    private final CharLstmJob job;
    private Optional<LoadedCharLstm> initFrom = Optional.empty();
    private JavaRDD<String> documents;
    private int epochSampleChars = DEFAULT_EPOCH_SAMPLE_CHARS;

    /**
     * @param out results (validation lines, the sample)
     * @param log progress and notes
     */
    public CharLstmTrainer(CharLstmJob job, Path runDir, boolean resume, Configuration hadoop, PrintStream out,
            PrintStream log) {
        super(runDir, resume, hadoop, out, log, new Kind(job.train(), ResumeCheck.CHAR_LSTM, job.resolvedConfig()));
        this.job = job;
    }

    /**
     * Starts a fresh run from another model's weights (any checkpoint format) instead of random
     * ones: the architecture and vocabulary are that model's, Adam starts afresh.
     */
    public CharLstmTrainer initFrom(LoadedCharLstm source) {
        this.initFrom = Optional.of(source);
        return this;
    }

    /**
     * Trains on these documents (a DataFrame column's texts, read by the executors that hold them:
     * {@link CorpusScan#documents}) instead of the files of {@code data.input}, which then only names
     * them in messages and the report.
     */
    public CharLstmTrainer documents(JavaRDD<String> texts) {
        this.documents = texts;
        return this;
    }

    /** Characters sampled after each epoch for RUN_DIR/report.html (0 = none): a cheap batch-1 pass. */
    public CharLstmTrainer epochSampleChars(int chars) {
        if (chars < 0) {
            throw new IllegalArgumentException(Settings.EPOCH_SAMPLE_CHARS + " must be >= 0 (0 = none), got " + chars);
        }
        this.epochSampleChars = chars;
        return this;
    }

    @Override
    CharLstmPart prepare(JavaSparkContext sc, Optional<Checkpoint> start) throws IOException {
        TrainSettings ts = job.train();
        var options = job.data().corpusOptions(ts.validationMaxChars());
        CorpusScan scan = job.data().naming(() -> documents == null ? CorpusScan.run(sc, options)
                : CorpusScan.documents(documents, options));
        log().println("corpus: " + scan.describe());
        Optional<LoadedCharLstm> init = start.isPresent() ? Optional.empty() : initFrom;
        if (start.isPresent() && initFrom.isPresent()) {
            log().println("--init-from ignored: resuming the run's own checkpoint");
        }
        Vocabulary vocab = start.map(c -> new Vocabulary(c.metadata().vocabulary()))
                .or(() -> init.map(LoadedCharLstm::vocabulary))
                .orElseGet(scan::vocabulary);
        // a resumed or fine-tuned model keeps its vocabulary: load refuses a character outside it
        ExecutorCorpus corpus = ExecutorCorpus.load(sc, scan, vocab);
        try {
            requirePrimeIn(vocab);
            EpochPlan plan = job.data().naming(ts.batchSize(), () -> corpus.plan(ts.batchSize()));
            return new CharLstmPart(job, model(start, init, vocab), sc, corpus, plan, epochSampleChars, out());
        } catch (RuntimeException e) {
            corpus.close();
            throw e;
        }
    }

    /** Refuses, before training, a prime the samples after each epoch or at the end could not start from. */
    private void requirePrimeIn(Vocabulary vocab) {
        if (job.sample().length() == 0 && epochSampleChars == 0) {
            return;
        }
        try {
            vocab.encode(job.sample().prime(), false);
        } catch (Vocabulary.UnknownCharactersException e) {
            throw new IllegalArgumentException(Settings.PRIME + " \"" + job.sample().prime() + "\": " + e.getMessage()
                    + ": set " + Settings.PRIME + " to text of the corpus, or " + Settings.SAMPLE_CHARS
                    + " and " + Settings.EPOCH_SAMPLE_CHARS + " to 0 for no samples", e);
        }
    }

    /** The model to train: the checkpoint's, {@code --init-from}'s weights, or fresh. */
    private CharLstmModel model(Optional<Checkpoint> start, Optional<LoadedCharLstm> init, Vocabulary vocab) {
        CharLstmSpec spec = start.map(c -> CharLstmSpec.fromMap(c.metadata().spec()))
                .or(() -> init.map(l -> withConfiguredDropout(l.model().spec())))
                .orElseGet(() -> job.model().toSpec(vocab.size()));
        if (start.isPresent()) {
            // the spec came from the file: build nothing larger than the tensors it really holds
            ParamBinding.requireStored(CharLstmVariables.declare(spec, new VariableStore()), start.get().variables(),
                    "the checkpoint's model spec " + spec);
        }
        CharLstmModel model = CharLstmModel.create(spec, job.optimizer(), job.model().lstmImpl());
        if (init.isPresent()) {
            model.copyWeightsFrom(init.get().model());
            log().println("initialised from " + init.get().format().name().toLowerCase(Locale.ROOT)
                    + " checkpoint (" + spec.layers() + " x LSTM(" + spec.hiddenSize() + "), vocabulary "
                    + vocab.size() + ")");
        }
        start.ifPresent(c -> restore(model, c));
        return model;
    }

    @Override
    TrainResult finish(CharLstmPart part, RoundLoop.End end) {
        if (end.stoppedAtWallTime()) {
            return new TrainResult(end.lastCheckpoint(), end.validation(), end.step(), "", true);
        }
        String sample = "";
        if (job.sample().length() > 0) {
            sample = part.sample(job.sample().length());
            out().println("----- sample (" + job.sample().length() + " chars, top-k " + job.sample().topK()
                    + ", temperature " + job.sample().temperature() + ") -----");
            out().println(sample);
            out().println("-----");
        }
        return new TrainResult(end.lastCheckpoint(), end.validation(), end.step(), sample, false);
    }

    private CharLstmSpec withConfiguredDropout(CharLstmSpec s) {
        return new CharLstmSpec(s.vocabSize(), s.layers(), s.hiddenSize(), s.input(), s.embeddingSize(),
                job.model().keepProb(), s.forgetBias(), s.rootScope());
    }

    private static void restore(CharLstmModel model, Checkpoint ckpt) {
        var weights = new LinkedHashMap<String, Tensor>();
        for (String name : model.variableNames()) {
            ckpt.find(name).ifPresent(t -> weights.put(name, t));
        }
        model.loadWeights(weights);
        AdamSlots.write(model, ckpt.variables());
    }

    /**
     * Mean nats per character over the held-out ids (the first {@code cap} + 1 when {@code cap > 0}),
     * cut into independent windows of {@code seq} characters, dropout off; NaN if shorter than one.
     */
    public static double validationLoss(CharLstmModel model, int[] validation, int seq, long cap) {
        if (validation.length < seq + 1) {
            return Double.NaN;
        }
        CharLstmSpec spec = model.spec();
        int[] ids = cap > 0 && validation.length > cap + 1 ? Arrays.copyOf(validation, (int) cap + 1) : validation;
        double sum = 0;
        long count = 0;
        for (int[] starts : SequencePlan.sequential(ids.length, seq, 64)) {
            DataSet batch = CharDataSets.toDataSet(ids, starts, seq, spec.vocabSize(), spec.input() == InputKind.ONE_HOT);
            sum += CharEvaluator.batchNllSum(model.graph(), batch);
            count += (long) starts.length * seq;
        }
        return sum / count;
    }

    /** The first {@code maxChars} code points ({@code data.max-chars}; 0 = all), as training reads them. */
    public static String truncate(String text, long maxChars) {
        if (maxChars <= 0 || text.codePointCount(0, text.length()) <= maxChars) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, (int) maxChars));
    }
}
