package org.scopedrnn.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.CheckpointStore;
import org.scopedrnn.config.TrainSettings;
import org.scopedrnn.report.MetricsRow;

/**
 * A training run of one model on Spark, the same for every model: the run dir's lock, where the run
 * starts (fresh, or its latest checkpoint with {@code --resume}, refused when the checkpoint is of
 * another model, was trained with other kept settings ({@link ResumeCheck}) or another plan), the
 * checks before anything is deleted or trained, then the {@link RoundLoop} with its progress, report
 * and checkpoints. A subclass says only what is its model's: which settings a resume keeps, how the
 * model and its data are made ready ({@link TrainingPart}) and what the run returns.
 *
 * @param <S> the trainer itself, so that the options chain
 * @param <P> the model's part
 * @param <R> what a finished run returns
 */
public abstract class ModelTrainer<S extends ModelTrainer<S, P, R>, P extends TrainingPart<?>, R> {

    /**
     * What the loop needs of a model's job.
     *
     * @param resumeCheck which settings a resumed run must keep, and the model type its checkpoints are of
     * @param resolvedConfig the whole resolved config, compared on resume and stored in every checkpoint
     */
    record Kind(TrainSettings settings, ResumeCheck resumeCheck, Map<String, Object> resolvedConfig) {
    }

    private final Kind kind;
    private final RunDir runDir;
    private final boolean resume;
    private final PrintStream out;
    private final PrintStream log;
    private final List<Consumer<MetricsRow>> roundListeners = new ArrayList<>();
    private boolean overwrite;
    private boolean breakLock;
    private WallClock clock = WallClock.unlimited();

    /**
     * @param resume continue the run dir's latest checkpoint ({@code --resume})
     * @param out results (validation lines, samples or translations)
     * @param log progress and notes
     * @param kind what the subclass's job says of the run as a whole
     */
    ModelTrainer(Path runDir, boolean resume, Configuration hadoop, PrintStream out, PrintStream log, Kind kind) {
        this.kind = kind;
        this.runDir = new RunDir(runDir, hadoop);
        this.resume = resume;
        this.out = out;
        this.log = log;
    }

    /** Deletes the run dir's checkpoints before training instead of refusing them ({@code --overwrite}). */
    public S overwrite(boolean value) {
        this.overwrite = value;
        return self();
    }

    /** Takes the run dir's lock over even from a run that may still be alive ({@code --break-lock}). */
    public S breakLock(boolean value) {
        this.breakLock = value;
        return self();
    }

    /** Stops cleanly, with a checkpoint, before the clock's limit ({@code --max-wall-time}). */
    public S stopBy(WallClock wallClock) {
        this.clock = wallClock;
        return self();
    }

    /** Called with each averaging round's metrics row as it is written (the bench times rounds with it). */
    public S onRound(Consumer<MetricsRow> listener) {
        roundListeners.add(listener);
        return self();
    }

    /** Trains holding the run dir's lock (see {@link RunDirLock}), released however the run ends. */
    public R run(JavaSparkContext sc) throws IOException {
        TrainSettings ts = kind.settings();
        try (RunDirLock lock = runDir.lock(breakLock, log)) {
            CheckpointStore store = runDir.store(ts.keepLast());
            Optional<Checkpoint> start = Resume.startingPoint(store, runDir, resume, overwrite, log);
            boolean workersChanged = start.map(c -> kind.resumeCheck().require(c.metadata(), kind.resolvedConfig(),
                    runDir.path())).orElse(false);
            try (P part = prepare(sc, start)) {
                long step = start.map(c -> ResumeCheck.resumedStep(c.metadata(), part.plan(), workersChanged,
                        runDir.path())).orElse(0L);
                log.println(part.description().summary());
                start.filter(c -> c.metadata().step() != step).ifPresent(c -> log.println("resuming step "
                        + c.metadata().step() + " of the checkpoint as step " + step + " in minibatches of "
                        + kind.settings().batchSize() + " (" + kind.settings().workers() + " workers)"));
                TrainingPart<?> trained = part; // a wildcard, so that train() can name the minibatch type
                AveragingSchedule averaging = start.map(c -> AveragingSchedule.resume(ts.averagingFrequency(),
                        Checkpointing.averagingState(c.metadata()))).orElseGet(() -> AveragingSchedule.start(
                        ts.averagingFrequency()));
                RoundLoop.End end = train(sc, trained, store, lock, step, start.isPresent() ? step : -1, averaging);
                return finish(part, end);
            }
        }
    }

    private <T> RoundLoop.End train(JavaSparkContext sc, TrainingPart<T> part, CheckpointStore store, RunDirLock lock,
            long step, long savedStep, AveragingSchedule averaging) throws IOException {
        TrainSettings ts = kind.settings();
        CollectionAccumulator<String> bindings = TrainingMasters.bindingRecord(sc, log);
        var spark = new SparkComputationGraph(sc, part.model().graph(),
                TrainingMasters.parameterAveraging(sc, ts, part.model().graph(), bindings));
        Resume.beforeTraining(store, runDir, overwrite, log);
        var checkpoints = new Checkpointing(store, lock, part, ts, kind.resolvedConfig(), log, savedStep, averaging);
        RoundSource<T> rounds = part.rounds(sc);
        TrainingPart.Description d = part.description();
        var progress = new Progress(log, ts.progressSeconds(), step, (long) rounds.batchesPerEpoch() * ts.epochs(),
                d.unitsPerStep(), d.unit().label());
        var report = new ReportListener(runDir.report(d.title(), d.unit(), step), d.unitsPerStep(), roundListeners,
                log);
        try {
            return new RoundLoop<>(sc, ts, clock, part, checkpoints, List.of(progress, report), averaging)
                    .run(spark, rounds, step);
        } finally {
            rounds.close();
            report.finished();
            log.println(TrainingMasters.summarize(sc, bindings));
        }
    }

    /** The run dir this trainer trains in. */
    public RunDir runDir() {
        return runDir;
    }

    /** Where results go (validation lines, samples). */
    PrintStream out() {
        return out;
    }

    /** Where progress and notes go. */
    PrintStream log() {
        return log;
    }

    @SuppressWarnings("unchecked") // S is the subclass itself, by its declaration
    private S self() {
        return (S) this;
    }

    /**
     * Reads the data and builds the model: fresh, or as the checkpoint {@code start} holds it (its
     * spec, vocabulary, weights and Adam's state), refusing data or a checkpoint it cannot continue.
     * {@code sc} is there for data the executors read themselves; the part releases it when closed.
     */
    abstract P prepare(JavaSparkContext sc, Optional<Checkpoint> start) throws IOException;

    /** What the run returns once the loop has ended (a stopped run samples nothing). */
    abstract R finish(P part, RoundLoop.End end) throws IOException;
}
