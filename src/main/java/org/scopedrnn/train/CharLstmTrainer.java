package org.scopedrnn.train;

import org.scopedrnn.config.TrainSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.checkpoint.CheckpointStore;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.data.CharDataSets;
import org.scopedrnn.data.CorpusSplit;
import org.scopedrnn.data.SequencePlan;
import org.scopedrnn.data.TextCorpus;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.eval.CharEvaluator;
import org.scopedrnn.interop.LoadedCharLstm;
import org.scopedrnn.model.AdamSlots;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.CharLstmVariables;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.ParamBinding;
import org.scopedrnn.report.MetricsRow;
import org.scopedrnn.report.RunReport;
import org.scopedrnn.sample.CharSampler;
import org.scopedrnn.sample.SamplingOptions;
import org.scopedrnn.scope.VariableStore;

/**
 * Trains a char-LSTM with DL4J parameter averaging on Spark: one averaging round per Spark job,
 * so the driver reports progress and checkpoints between rounds; validation and a checkpoint
 * after every epoch; a sample from a separately built batch-1 model at the end.
 */
public final class CharLstmTrainer {

    public static final String MODEL_TYPE = "char-lstm";

    private final CharLstmJob job;
    private final Path runDir;
    private final boolean resume;
    private final PrintStream out;
    private final PrintStream log;
    private final Configuration hadoop;
    private Optional<LoadedCharLstm> initFrom = Optional.empty();
    private int epochSampleChars = DEFAULT_EPOCH_SAMPLE_CHARS;
    private final List<Consumer<MetricsRow>> roundListeners = new java.util.ArrayList<>();

    /** Characters sampled after each epoch for the report, unless {@link #epochSampleChars(int)} says otherwise. */
    public static final int DEFAULT_EPOCH_SAMPLE_CHARS = 200;
    private boolean overwrite;
    private WallClock clock = WallClock.unlimited();
    private boolean breakLock;
    private RunDirLock lock;

    /**
     * @param out results (validation lines, the sample)
     * @param log progress and notes
     */
    public CharLstmTrainer(CharLstmJob job, Path runDir, boolean resume, Configuration hadoop, PrintStream out,
            PrintStream log) {
        this.job = job;
        this.runDir = runDir;
        this.resume = resume;
        this.hadoop = hadoop;
        this.out = out;
        this.log = log;
    }

    /**
     * Starts a fresh run from another model's weights (any checkpoint format) instead of random
     * ones: the architecture and vocabulary are that model's, Adam starts afresh.
     */
    public CharLstmTrainer initFrom(LoadedCharLstm source) {
        this.initFrom = Optional.of(source);
        return this;
    }

    /** Characters sampled after each epoch for RUN_DIR/report.html (0 = none): a cheap batch-1 pass. */
    public CharLstmTrainer epochSampleChars(int chars) {
        if (chars < 0) {
            throw new IllegalArgumentException("report.epoch-sample-chars must be >= 0 (0 = none), got " + chars);
        }
        this.epochSampleChars = chars;
        return this;
    }

    /** Called with each averaging round's metrics row as it is written (the bench times rounds with it). */
    public CharLstmTrainer onRound(Consumer<MetricsRow> listener) {
        roundListeners.add(listener);
        return this;
    }

    /** Deletes the run dir's checkpoints before training instead of refusing them ({@code --overwrite}). */
    public CharLstmTrainer overwrite(boolean value) {
        this.overwrite = value;
        return this;
    }

    /** Takes the run dir's lock over even from a run that may still be alive ({@code --break-lock}). */
    public CharLstmTrainer breakLock(boolean value) {
        this.breakLock = value;
        return this;
    }

    /** Stops cleanly, with a checkpoint, before the clock's limit ({@code --max-wall-time}). */
    public CharLstmTrainer stopBy(WallClock wallClock) {
        this.clock = wallClock;
        return this;
    }

    public static Path checkpointsDir(Path runDir) {
        return new Path(runDir, "checkpoints");
    }

    /** Trains holding the run dir's lock (see {@link RunDirLock}), released however the run ends. */
    public TrainResult run(JavaSparkContext sc) throws IOException {
        try (RunDirLock held = RunDirLock.acquire(runDir, hadoop, breakLock, log)) {
            lock = held;
            return train(sc);
        }
    }

    private TrainResult train(JavaSparkContext sc) throws IOException {
        TrainSettings ts = job.train();
        var store = new CheckpointStore(checkpointsDir(runDir), hadoop, ts.keepLast());
        Optional<Checkpoint> start = Resume.startingPoint(store, runDir, resume, overwrite, hadoop, log);
        start.ifPresent(c -> ResumeCheck.CHAR_LSTM.require(c.metadata(), job.resolvedConfig(), runDir));

        TextCorpus corpus = TextCorpus.read(job.data().input(), job.data().newlines(), hadoop);
        String text = truncate(corpus.text(), job.data().maxChars());
        Optional<LoadedCharLstm> init = start.isPresent() ? Optional.empty() : initFrom;
        if (start.isPresent() && initFrom.isPresent()) {
            log.println("--init-from ignored: resuming the run's own checkpoint");
        }
        Vocabulary vocab = start.map(c -> new Vocabulary(c.metadata().vocabulary()))
                .or(() -> init.map(LoadedCharLstm::vocabulary))
                .orElseGet(() -> Vocabulary.of(text));
        int[] ids = encode(vocab, text, init.isPresent() || start.isPresent());
        CorpusSplit split = CorpusSplit.of(ids, job.data().validationFraction(), job.data().seqLength());
        var plan = new SequencePlan(split.train().length, job.data().seqLength(), ts.batchSize());
        if (plan.batchesPerEpoch() == 0) {
            throw new IllegalArgumentException("the training text (" + split.train().length + " characters) holds "
                    + plan.windows() + " sequences, fewer than one batch of train.batch-size = " + ts.batchSize()
                    + ": lower train.batch-size or data.seq-length, or use a longer corpus");
        }

        CharLstmSpec spec = start.map(c -> CharLstmSpec.fromMap(c.metadata().spec()))
                .or(() -> init.map(l -> withConfiguredDropout(l.model().spec())))
                .orElseGet(() -> job.model().toSpec(vocab.size()));
        // DL4J sums the loss over time steps where anna_writer.py averages it, so its gradients are
        // seq-length times larger: scale the clip norm to clip where TensorFlow would.
        double clip = ts.clipNorm() * plan.seqLength();
        if (start.isPresent()) {
            // the spec came from the file: build nothing larger than the tensors it really holds
            ParamBinding.requireStored(CharLstmVariables.declare(spec, new VariableStore()), start.get().variables(),
                    "the checkpoint's model spec " + spec);
        }
        CharLstmModel model = CharLstmModel.create(spec, ts.optimizer(clip),
                job.model().lstmImpl());
        long step = 0;
        if (init.isPresent()) {
            model.copyWeightsFrom(init.get().model());
            log.println("initialised from " + init.get().format().name().toLowerCase(Locale.ROOT) + " checkpoint ("
                    + spec.layers() + " x LSTM(" + spec.hiddenSize() + "), vocabulary " + vocab.size() + ")");
        }
        if (start.isPresent()) {
            restore(model, start.get());
            step = start.get().metadata().step();
            checkResumable(start.get(), plan);
        }
        log.printf(Locale.ROOT, "model: %d variables, %,d parameters; vocabulary %d; %,d training / %,d validation chars%n",
                model.variables().size(), model.variables().stream().mapToLong(v -> v.size()).sum(), vocab.size(),
                split.train().length, split.validation().length);

        var bindings = TrainingMasters.bindingRecord(sc, log);
        SparkComputationGraph spark = new SparkComputationGraph(sc, model.graph(),
                TrainingMasters.parameterAveraging(sc, ts, model.graph(), bindings));
        Resume.beforeTraining(store, runDir, overwrite, hadoop, log);
        Broadcast<int[]> trainIds = sc.broadcast(split.train());
        long totalSteps = (long) plan.batchesPerEpoch() * ts.epochs();
        long charsPerStep = (long) ts.batchSize() * job.data().seqLength();
        var progress = new Progress(log, ts.progressSeconds(), step, totalSteps, charsPerStep, "chars/s");
        var report = new RunReport(runDir, hadoop, String.format(Locale.ROOT, "char-lstm %d x LSTM(%d), vocabulary %d: %s",
                spec.layers(), spec.hiddenSize(), vocab.size(), job.data().input()), RunReport.Unit.CHARS, step);
        double validation = Double.NaN;
        Path last = store.latest().orElse(null);
        long savedStep = start.map(c -> c.metadata().step()).orElse(-1L);
        boolean stopped = false;
        try {
            for (int epoch = (int) (step / plan.batchesPerEpoch()); epoch < ts.epochs(); epoch++) {
                List<int[]> batches = plan.batches(ts.seed(), epoch);
                int offset = (int) (step - (long) epoch * plan.batchesPerEpoch());
                for (int i = offset; i < batches.size(); i += ts.batchesPerRound()) {
                    if (clock.timeUp()) {
                        stopped = true;
                        break;
                    }
                    List<int[]> round = batches.subList(i, Math.min(i + ts.batchesPerRound(), batches.size()));
                    clock.roundStarted();
                    spark.fit(toDataSets(sc, trainIds, round, plan, spec));
                    TrainingMasters.releaseCachedRounds(sc);
                    clock.roundFinished();
                    long before = step;
                    step += round.size();
                    double loss = spark.getScore() / plan.seqLength();
                    progress.update(epoch + 1, ts.epochs(), step, loss, false);
                    MetricsRow row = report.round(step, epoch + 1, loss, round.size() * charsPerStep,
                            learningRate(model));
                    roundListeners.forEach(l -> l.accept(row));
                    if (ts.checkpointEverySteps() > 0 && step / ts.checkpointEverySteps() > before / ts.checkpointEverySteps()
                            && step % plan.batchesPerEpoch() != 0) {
                        last = save(store, model, vocab, plan, step, epoch, null);
                        report.pauseEnded();
                        savedStep = step;
                    }
                }
                if (stopped) {
                    if (savedStep != step) {
                        last = save(store, model, vocab, plan, step, epoch, null);
                    }
                    break;
                }
                progress.update(epoch + 1, ts.epochs(), step, spark.getScore() / plan.seqLength(), true);
                validation = validate(model, split.validation(), spec);
                if (!Double.isNaN(validation)) {
                    out.printf(Locale.ROOT, "epoch %d/%d validation nats/char=%.4f bits/char=%.4f%n", epoch + 1,
                            ts.epochs(), validation, validation / Math.log(2));
                    report.validation(step, epoch + 1, validation, learningRate(model));
                }
                if (epochSampleChars > 0) {
                    report.epochTexts(epoch + 1, List.of(sample(model, vocab, epochSampleChars)));
                }
                last = save(store, model, vocab, plan, step, epoch + 1, Double.isNaN(validation) ? null : validation);
                report.writeOrWarn(log);
                savedStep = step;
            }
        } finally {
            trainIds.destroy();
            report.finish(log);
            log.println(TrainingMasters.summarize(sc, bindings));
        }
        if (stopped) {
            return new TrainResult(last, validation, step, "", true);
        }
        String sample = sampleAfterTraining(model, vocab);
        return new TrainResult(last, validation, step, sample, false);
    }

    /** The step size the workers' next step takes (DL4J's iteration count is steps per worker). */
    private static double learningRate(CharLstmModel model) {
        return model.optimizer().learningRateAt(model.graph().getConfiguration().getIterationCount());
    }

    private int[] encode(Vocabulary vocab, String text, boolean fixedVocabulary) {
        try {
            return vocab.encode(text, false);
        } catch (Vocabulary.UnknownCharactersException e) {
            if (!fixedVocabulary) {
                throw e;
            }
            throw new IllegalArgumentException("corpus " + job.data().input() + " has " + e.unknown().size()
                    + " character(s) outside the model's vocabulary " + Vocabulary.describe(e.unknown())
                    + ": a resumed or fine-tuned model keeps its vocabulary, so remove them from the text", e);
        }
    }

    private CharLstmSpec withConfiguredDropout(CharLstmSpec s) {
        return new CharLstmSpec(s.vocabSize(), s.layers(), s.hiddenSize(), s.input(), s.embeddingSize(),
                job.model().keepProb(), s.forgetBias(), s.rootScope());
    }

    private static void restore(CharLstmModel model, Checkpoint ckpt) {
        var weights = new LinkedHashMap<String, org.scopedrnn.checkpoint.Tensor>();
        for (String name : model.variableNames()) {
            ckpt.find(name).ifPresent(t -> weights.put(name, t));
        }
        model.loadWeights(weights);
        AdamSlots.write(model, ckpt.variables());
    }

    private void checkResumable(Checkpoint ckpt, SequencePlan plan) {
        ResumeCheck.requireSamePlan(ckpt.metadata(), runInfo(plan), runDir);
    }

    private Map<String, Object> runInfo(SequencePlan plan) {
        var m = new LinkedHashMap<String, Object>();
        m.put("batchesPerEpoch", plan.batchesPerEpoch());
        m.put("batchesPerRound", job.train().batchesPerRound());
        m.put("seqLength", plan.seqLength());
        m.put("batchSize", plan.batchSize());
        return m;
    }

    private static JavaRDD<DataSet> toDataSets(JavaSparkContext sc, Broadcast<int[]> ids, List<int[]> batches,
            SequencePlan plan, CharLstmSpec spec) {
        int seqLength = plan.seqLength();
        int vocab = spec.vocabSize();
        boolean oneHot = spec.input() == InputKind.ONE_HOT;
        return sc.parallelize(batches, batches.size())
                .map(starts -> CharDataSets.toDataSet(ids.value(), starts, seqLength, vocab, oneHot));
    }

    private double validate(CharLstmModel model, int[] validation, CharLstmSpec spec) {
        return validationLoss(model, validation, job.data().seqLength(), job.train().validationMaxChars());
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
        int[] ids = cap > 0 && validation.length > cap + 1 ? java.util.Arrays.copyOf(validation, (int) cap + 1) : validation;
        double sum = 0;
        long count = 0;
        for (int[] starts : SequencePlan.sequential(ids.length, seq, 64)) {
            DataSet batch = CharDataSets.toDataSet(ids, starts, seq, spec.vocabSize(), spec.input() == InputKind.ONE_HOT);
            sum += CharEvaluator.batchNllSum(model.graph(), batch);
            count += (long) starts.length * seq;
        }
        return sum / count;
    }

    private Path save(CheckpointStore store, CharLstmModel model, Vocabulary vocab, SequencePlan plan, long step,
            int epoch, Double validation) throws IOException {
        lock.ensureHeld();
        var variables = new LinkedHashMap<String, org.scopedrnn.checkpoint.Tensor>(model.weights());
        variables.putAll(AdamSlots.read(model));
        var config = new LinkedHashMap<String, Object>(job.resolvedConfig());
        config.put("run", runInfo(plan));
        var meta = new CheckpointMetadata(MODEL_TYPE, model.spec().toMap(), vocab.symbols(), step, epoch, validation,
                job.train().seed(), config, Versions.all(), now());
        Path path = store.save(new Checkpoint(variables, meta));
        log.println("checkpoint " + path + (validation == null ? "" : String.format(Locale.ROOT,
                " (validation %.4f nats/char)", validation)));
        return path;
    }

    private String sampleAfterTraining(CharLstmModel trained, Vocabulary vocab) {
        if (job.sample().length() == 0) {
            return "";
        }
        String text = sample(trained, vocab, job.sample().length());
        out.println("----- sample (" + job.sample().length() + " chars, top-k " + job.sample().topK()
                + ", temperature " + job.sample().temperature() + ") -----");
        out.println(text);
        out.println("-----");
        return text;
    }

    private String sample(CharLstmModel trained, Vocabulary vocab, int chars) {
        // The seed program's flow that failed in TF1: a second, batch-1 model in the same process,
        // with its own variable store, receiving the trained weights by name.
        CharLstmModel sampler = CharLstmModel.create(trained.spec(), trained.optimizer(), trained.lstmImpl());
        sampler.copyWeightsFrom(trained);
        SamplingOptions o = job.sample();
        return new CharSampler(sampler, vocab).sample(new SamplingOptions(o.prime(), chars, o.temperature(), o.topK(),
                o.seed()));
    }

    /** The first {@code maxChars} code points ({@code data.max-chars}; 0 = all), as training reads them. */
    public static String truncate(String text, long maxChars) {
        if (maxChars <= 0 || text.codePointCount(0, text.length()) <= maxChars) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, (int) maxChars));
    }

    static String now() {
        return Instant.now().toString();
    }

}
