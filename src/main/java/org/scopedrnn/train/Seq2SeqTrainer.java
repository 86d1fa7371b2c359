package org.scopedrnn.train;

import org.scopedrnn.config.TrainSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.checkpoint.CheckpointStore;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.data.PairPlan;
import org.scopedrnn.data.PairSplit;
import org.scopedrnn.data.Seq2SeqBatches;
import org.scopedrnn.data.Seq2SeqVocabulary;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.eval.Seq2SeqEvaluation;
import org.scopedrnn.eval.TranslationMetrics;
import org.scopedrnn.model.AdamSlots;
import org.scopedrnn.model.ParamBinding;
import org.scopedrnn.model.Seq2SeqModel;
import org.scopedrnn.model.Seq2SeqSpec;
import org.scopedrnn.model.Seq2SeqVariables;
import org.scopedrnn.report.RunReport;
import org.scopedrnn.sample.LoadedSeq2Seq;
import org.scopedrnn.scope.VariableStore;

/**
 * Trains an encoder-decoder with DL4J parameter averaging on Spark, like {@link CharLstmTrainer}:
 * one Spark job per averaging round, validation loss (masked, nats per target character) after
 * every epoch, checkpoints, resume.
 */
public final class Seq2SeqTrainer {

    public static final String MODEL_TYPE = "seq2seq";
    /** Held-out pairs decoded for the metrics after every epoch (decoding runs on the driver). */
    public static final int METRIC_PAIRS = 500;
    /** How minibatches are laid out for the model (ids, NCW), also by the benchmark. */
    public static final Seq2SeqBatches.Format FORMAT =
            new Seq2SeqBatches.Format(Seq2SeqBatches.Input.IDS_3D, org.deeplearning4j.nn.conf.RNNFormat.NCW);

    private final Seq2SeqJob job;
    private final Path runDir;
    private final boolean resume;
    private final Configuration hadoop;
    private final PrintStream out;
    private final PrintStream log;
    private boolean overwrite;
    private WallClock clock = WallClock.unlimited();
    private boolean breakLock;
    private RunDirLock lock;
    /** The training plan {@link #run} follows, recorded in each checkpoint for a resume to compare. */
    private Map<String, Object> recordedPlan = Map.of();

    public Seq2SeqTrainer(Seq2SeqJob job, Path runDir, boolean resume, Configuration hadoop, PrintStream out,
            PrintStream log) {
        this.job = job;
        this.runDir = runDir;
        this.resume = resume;
        this.hadoop = hadoop;
        this.out = out;
        this.log = log;
    }

    /** Deletes the run dir's checkpoints before training instead of refusing them ({@code --overwrite}). */
    public Seq2SeqTrainer overwrite(boolean value) {
        this.overwrite = value;
        return this;
    }

    /** Takes the run dir's lock over even from a run that may still be alive ({@code --break-lock}). */
    public Seq2SeqTrainer breakLock(boolean value) {
        this.breakLock = value;
        return this;
    }

    /** Stops cleanly, with a checkpoint, before the clock's limit ({@code --max-wall-time}). */
    public Seq2SeqTrainer stopBy(WallClock wallClock) {
        this.clock = wallClock;
        return this;
    }

    /**
     * What a finished run leaves: its model, the data it used, the last checkpoint, and whether it
     * stopped early at {@code --max-wall-time} (then {@code --resume} continues it).
     */
    public record Result(Seq2SeqModel model, Seq2SeqData data, PairSplit<Seq2SeqVocabulary.EncodedPair> split,
            Path lastCheckpoint, double validation, long step, boolean stoppedAtWallTime) {
    }

    /** Trains holding the run dir's lock (see {@link RunDirLock}), released however the run ends. */
    public Result run(JavaSparkContext sc) throws IOException {
        try (RunDirLock held = RunDirLock.acquire(runDir, hadoop, breakLock, log)) {
            lock = held;
            return train(sc);
        }
    }

    private Result train(JavaSparkContext sc) throws IOException {
        TrainSettings ts = job.train();
        var store = new CheckpointStore(CharLstmTrainer.checkpointsDir(runDir), hadoop, ts.keepLast());
        Optional<Checkpoint> start = Resume.startingPoint(store, runDir, resume, overwrite, hadoop, log);
        start.ifPresent(c -> ResumeCheck.SEQ2SEQ.require(c.metadata(), job.resolvedConfig(), runDir));

        Seq2SeqData data = resumable(Seq2SeqData.load(job.data(), ts.seed(), hadoop), start);
        Seq2SeqVocabulary vocab = data.vocabulary();
        if (data.skippedTooLong() > 0) {
            log.printf(Locale.ROOT, "skipped %,d pairs longer than data.max-source-length / data.max-target-length%n",
                    data.skippedTooLong());
        }
        List<Seq2SeqVocabulary.EncodedPair> encoded = encode(vocab, data, start.isPresent());
        PairSplit<Seq2SeqVocabulary.EncodedPair> split = PairSplit.of(encoded, job.data().validationFraction(),
                PairSplit.Mode.SHUFFLED, ts.seed());
        var plan = new PairPlan(split.train().size(), ts.batchSize(), true);
        if (plan.batchesPerEpoch() == 0) {
            throw new IllegalArgumentException(split.train().size() + " training pairs are fewer than one batch of "
                    + "train.batch-size = " + ts.batchSize() + ": lower it, or use more data");
        }
        recordedPlan = runInfo(plan, ts);
        start.ifPresent(c -> ResumeCheck.requireSamePlan(c.metadata(), recordedPlan, runDir));
        Seq2SeqSpec spec = spec(job, vocab);
        double meanTarget = split.train().stream().mapToInt(p -> p.target().length + 1).average().orElse(1);
        // DL4J sums the loss over time steps: scale the clip norm by the mean target length
        var optimizer = ts.optimizer(ts.clipNorm() * meanTarget);
        if (start.isPresent()) {
            // the vocabularies came from the file: build nothing larger than the tensors it really holds
            ParamBinding.requireStored(Seq2SeqVariables.declare(spec, new VariableStore()), start.get().variables(),
                    "this configuration's seq2seq model " + spec);
        }
        Seq2SeqModel model = Seq2SeqModel.create(spec, optimizer, Seq2SeqVariables.Origins.ofConfig(job.origin()));
        long step = 0;
        if (start.isPresent()) {
            model.loadWeights(weightsOnly(model, start.get().variables()));
            AdamSlots.write(model, start.get().variables());
            step = start.get().metadata().step();
        }
        log.printf(Locale.ROOT, "seq2seq: %d variables, %,d parameters; source vocabulary %d, target %d; %,d training"
                + " / %,d validation pairs%n", model.variables().size(), model.numParams(), vocab.sourceSize(),
                vocab.targetSize(), split.train().size(), split.validation().size());

        var bindings = TrainingMasters.bindingRecord(sc, log);
        var spark = new SparkComputationGraph(sc, model.graph(),
                TrainingMasters.parameterAveraging(sc, ts, model.graph(), bindings));
        Resume.beforeTraining(store, runDir, overwrite, hadoop, log);
        Broadcast<int[][]> sources = sc.broadcast(split.train().stream().map(p -> p.source()).toArray(int[][]::new));
        Broadcast<int[][]> targets = sc.broadcast(split.train().stream().map(p -> p.target()).toArray(int[][]::new));
        long totalSteps = (long) plan.batchesPerEpoch() * ts.epochs();
        var progress = new Progress(log, ts.progressSeconds(), step, totalSteps, ts.batchSize(), "pairs/s");
        var report = new RunReport(runDir, hadoop, String.format(Locale.ROOT,
                "seq2seq LSTM(%d), embedding %d, vocabularies %d -> %d: %s", spec.hiddenSize(), spec.embeddingSize(),
                vocab.sourceSize(), vocab.targetSize(), job.data().copyTask() ? "copy task" : job.data().input()),
                RunReport.Unit.PAIRS, step);
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
                    spark.fitMultiDataSet(toBatches(sc, sources, targets, round, spec));
                    TrainingMasters.releaseCachedRounds(sc);
                    clock.roundFinished();
                    long before = step;
                    step += round.size();
                    double loss = spark.getScore() / meanTarget;
                    progress.update(epoch + 1, ts.epochs(), step, loss, false);
                    report.round(step, epoch + 1, loss, (long) round.size() * ts.batchSize(),
                            optimizer.learningRateAt(model.graph().getConfiguration().getIterationCount()));
                    if (ts.checkpointEverySteps() > 0
                            && step / ts.checkpointEverySteps() > before / ts.checkpointEverySteps()
                            && step % plan.batchesPerEpoch() != 0) {
                        last = save(store, model, vocab, step, epoch, null);
                        report.pauseEnded();
                        savedStep = step;
                    }
                }
                if (stopped) {
                    if (savedStep != step) {
                        last = save(store, model, vocab, step, epoch, null);
                    }
                    break;
                }
                progress.update(epoch + 1, ts.epochs(), step, spark.getScore() / meanTarget, true);
                validation = validationLoss(model, split.validation(), vocab);
                var heldOut = split.validation().subList(0, Math.min(METRIC_PAIRS, split.validation().size()));
                Seq2SeqEvaluation evaluation = Seq2SeqEvaluation.of(model, vocab, heldOut, 1,
                        job.translate().maxLength());
                TranslationMetrics.Summary metrics = evaluation.metrics();
                out.printf(Locale.ROOT, "epoch %d/%d validation nats/char=%.4f %s (greedy)%n", epoch + 1, ts.epochs(),
                        validation, metrics.summaryLine());
                report.validation(step, epoch + 1, validation,
                        optimizer.learningRateAt(model.graph().getConfiguration().getIterationCount()));
                report.epochTexts(epoch + 1, translations(evaluation, job.translate().examples(), metrics));
                last = save(store, model, vocab, step, epoch + 1, validation);
                report.writeOrWarn(log);
                savedStep = step;
                if (metrics.sequenceAccuracy() >= job.stopAtSequenceAccuracy()) {
                    log.printf(Locale.ROOT, "held-out exact match %.4f >= train.stop-at-sequence-accuracy %.4f: "
                            + "stopping after epoch %d%n", metrics.sequenceAccuracy(),
                            job.stopAtSequenceAccuracy(), epoch + 1);
                    break;
                }
            }
        } finally {
            sources.destroy();
            targets.destroy();
            report.finish(log);
            log.println(TrainingMasters.summarize(sc, bindings));
        }
        return new Result(model, data, split, last, validation, step, stopped);
    }

    /** The model a job trains on these vocabularies. */
    public static Seq2SeqSpec spec(Seq2SeqJob job, Seq2SeqVocabulary vocab) {
        return new Seq2SeqSpec(vocab.sourceSize(), vocab.targetSize(), job.model().embeddingSize(),
                job.model().hidden(), job.model().encoderScope(), job.model().decoderScope(),
                job.model().decoderReuse(), job.model().sharedEmbedding());
    }

    private static Map<String, Object> runInfo(PairPlan plan, TrainSettings ts) {
        var m = new LinkedHashMap<String, Object>();
        m.put("batchesPerEpoch", plan.batchesPerEpoch());
        m.put("batchesPerRound", ts.batchesPerRound());
        m.put("batchSize", ts.batchSize());
        return m;
    }

    /**
     * A resumed model keeps the vocabularies it was trained with: the data's own would give other
     * ids, or other shapes, whenever a character was added to or dropped from the pairs.
     */
    private static Seq2SeqData resumable(Seq2SeqData data, Optional<Checkpoint> start) {
        return start.map(c -> new Seq2SeqData(data.pairs(), LoadedSeq2Seq.vocabulary(c.metadata().spec()),
                data.skippedTooLong())).orElse(data);
    }

    private List<Seq2SeqVocabulary.EncodedPair> encode(Seq2SeqVocabulary vocab, Seq2SeqData data, boolean resumed) {
        try {
            return vocab.encodeAll(data.pairs());
        } catch (Seq2SeqVocabulary.UnknownCharactersException e) {
            if (!resumed) {
                throw e;
            }
            throw new IllegalArgumentException((job.data().copyTask() ? "the copy task" : "pairs file "
                    + job.data().input()) + " has " + e.unknown().size() + " character(s) outside the resumed model's "
                    + e.side() + " vocabulary " + Vocabulary.describe(e.unknown()) + ": a resumed model keeps its "
                    + "vocabulary, so remove them from the pairs, or start a new --run-dir", e);
        }
    }

    /** The held-out metrics line and the first few greedy translations, already decoded for the metrics. */
    private static List<String> translations(Seq2SeqEvaluation e, int examples, TranslationMetrics.Summary metrics) {
        var lines = new ArrayList<String>();
        lines.add("held-out (greedy): " + metrics.summaryLine());
        for (int i = 0; i < Math.min(examples, e.sources().size()); i++) {
            lines.add(e.sources().get(i) + "  ->  " + e.hypotheses().get(i) + "   (reference: " + e.references().get(i)
                    + ")");
        }
        return lines;
    }

    private static Map<String, Tensor> weightsOnly(Seq2SeqModel model, Map<String, Tensor> all) {
        var weights = new LinkedHashMap<String, Tensor>();
        model.variableNames().forEach(n -> weights.put(n, all.get(n)));
        return weights;
    }

    private static JavaRDD<MultiDataSet> toBatches(JavaSparkContext sc, Broadcast<int[][]> sources,
            Broadcast<int[][]> targets, List<int[]> batches, Seq2SeqSpec spec) {
        int sourceSize = spec.sourceVocab();
        int targetSize = spec.targetVocab();
        return sc.parallelize(batches, batches.size()).map(indices -> {
            var pairs = new ArrayList<Seq2SeqVocabulary.EncodedPair>(indices.length);
            for (int i : indices) {
                pairs.add(new Seq2SeqVocabulary.EncodedPair(sources.value()[i], targets.value()[i]));
            }
            return Seq2SeqBatches.toMultiDataSet(pairs, sourceSize, targetSize, FORMAT);
        });
    }

    /** Masked mean cross-entropy per target character (END included), teacher forced. */
    public static double validationLoss(Seq2SeqModel model, List<Seq2SeqVocabulary.EncodedPair> pairs,
            Seq2SeqVocabulary vocab) {
        double sum = 0;
        double count = 0;
        for (MultiDataSet batch : Seq2SeqBatches.sequential(pairs, 64, vocab.sourceSize(), vocab.targetSize(), FORMAT)) {
            model.graph().setLayerMaskArrays(batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
            INDArray probs = model.graph().output(false, batch.getFeatures())[0];
            model.graph().clearLayerMaskArrays();
            INDArray labels = batch.getLabels(0);
            INDArray mask = batch.getLabelsMaskArray(0);
            INDArray logp = Transforms.log(Transforms.max(probs, 1e-30, false), false).muli(labels).sum(1);
            sum -= logp.muli(mask).sumNumber().doubleValue();
            count += mask.sumNumber().doubleValue();
        }
        return sum / count;
    }

    private Path save(CheckpointStore store, Seq2SeqModel model, Seq2SeqVocabulary vocab, long step, int epoch,
            Double validation) throws IOException {
        lock.ensureHeld();
        var variables = new LinkedHashMap<String, Tensor>(model.weights());
        variables.putAll(AdamSlots.read(model));
        var spec = new LinkedHashMap<String, Object>(model.spec().toMap());
        spec.put("sourceVocabulary", vocab.source().symbols()); // read back by sample.LoadedSeq2Seq
        spec.put("targetVocabulary", vocab.target().symbols());
        var config = new LinkedHashMap<String, Object>(job.resolvedConfig());
        config.put("run", recordedPlan);
        var meta = new CheckpointMetadata(MODEL_TYPE, spec, vocab.target().symbols(), step, epoch, validation,
                job.train().seed(), config, Versions.all(), Instant.now().toString());
        Path path = store.save(new Checkpoint(variables, meta));
        log.println("checkpoint " + path);
        return path;
    }

    static Checkpoint read(Path dir, Configuration conf) throws IOException {
        return NativeCheckpoint.read(dir, conf);
    }
}
