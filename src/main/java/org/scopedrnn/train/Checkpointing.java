package org.scopedrnn.train;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.checkpoint.CheckpointStore;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.config.TrainSettings;
import org.scopedrnn.model.AdamSlots;

/**
 * The loop's checkpoint step, the same for every model: when a checkpoint is due (after each epoch,
 * every so many minibatches (the settings' checkpoint cadence) inside an epoch, and when stopping early
 * unless the step is already saved), and what it holds: the weights, Adam's slots, the model's
 * identity, the resolved config with the training plan and the averaging schedule's state, provenance. Retention is the store's
 * ({@code keepLast} and the best). Each save first checks the run dir's lock is still held.
 */
final class Checkpointing {

    private final CheckpointStore store;
    private final RunDirLock lock;
    private final TrainingPart<?> part;
    private final TrainSettings settings;
    private final Map<String, Object> config;
    private final PrintStream log;
    private final AveragingSchedule averaging;
    private Path last;
    private long savedStep;

    /**
     * @param config the run's resolved config, stored in every checkpoint with the plan as {@code run}
     * @param savedStep the step of the checkpoint the run resumes, or -1
     */
    Checkpointing(CheckpointStore store, RunDirLock lock, TrainingPart<?> part, TrainSettings settings,
            Map<String, ?> config, PrintStream log, long savedStep, AveragingSchedule averaging) throws IOException {
        this.store = store;
        this.lock = lock;
        this.part = part;
        this.settings = settings;
        this.config = new LinkedHashMap<>(config);
        this.config.put("run", part.plan());
        this.log = log;
        this.last = store.latest().orElse(null);
        this.savedStep = savedStep;
        this.averaging = averaging;
    }

    /** The key of a checkpoint's config under which {@link AveragingSchedule#state()} is recorded. */
    static final String AVERAGING_STATE = "averaging";

    /** The averaging schedule's state a checkpoint recorded; null if none (a fixed period, an older version). */
    static Map<?, ?> averagingState(CheckpointMetadata saved) {
        return saved.config().get(AVERAGING_STATE) instanceof Map<?, ?> m ? m : null;
    }

    /** A mid-epoch checkpoint after the round that took the run from {@code before} to {@code step}. */
    boolean dueAfterRound(long before, long step, boolean endsEpoch) {
        int every = settings.checkpointEverySteps();
        return every > 0 && step / every > before / every && !endsEpoch;
    }

    /** @param epoch epochs completed (the one in progress when saving mid-epoch) */
    void save(long step, int epoch, Double validation) throws IOException {
        lock.ensureHeld();
        TrainingPart.Snapshot id = part.snapshot();
        var variables = new LinkedHashMap<String, Tensor>(id.weights());
        variables.putAll(AdamSlots.read(part.model()));
        var withState = new LinkedHashMap<>(config);
        Map<String, Object> state = averaging.state();
        if (!state.isEmpty()) {
            withState.put(AVERAGING_STATE, state);
        }
        var meta = new CheckpointMetadata(id.modelType(), id.spec(), id.vocabulary(), step, epoch, validation,
                settings.seed(), withState, Versions.all(), Instant.now().toString());
        last = store.save(new Checkpoint(variables, meta));
        savedStep = step;
        log.println("checkpoint " + last + part.savedNote(validation));
    }

    /** Saves unless {@code step} is saved already; true if it saved. */
    boolean saveUnlessSaved(long step, int epoch) throws IOException {
        if (savedStep == step) {
            return false;
        }
        save(step, epoch, null);
        return true;
    }

    /** The newest checkpoint, written by this run or before it; null if none. */
    Path last() {
        return last;
    }
}
