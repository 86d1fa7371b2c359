package org.scopedrnn.train;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.config.ConfigLoader;
import org.scopedrnn.config.ModelKind;
import org.scopedrnn.config.Setting;
import org.scopedrnn.config.Settings;

/**
 * Whether a run may continue a checkpoint. A resumed run keeps the checkpoint's model, its data
 * and split, and the plan that gives the step count and Adam's moments their meaning, so every
 * setting that decides one of these ({@link #kept()}) must be the checkpoint's; the others
 * ({@link #free()}: how long, how often, how fast, what it reports, where it runs) may change.
 * Which is which is each key's "may change on resume" flag in {@link Settings}.
 *
 * <p>One change of a kept setting follows a rule instead: {@code train.workers} (with
 * {@code train.batch-size}) may change keeping the global batch ({@link WorkerChange}).
 *
 * <p>Only keys present in both configs are compared: a checkpoint written before a key existed
 * still resumes. The command line makes a resumed run inherit every setting it does not set from
 * its checkpoint, so in practice only the settings a command sets itself can differ here.
 */
public final class ResumeCheck {

    /** {@code train char-lstm}: the learning rate and clip norm may change (Adam's moments do not depend on them). */
    public static final ResumeCheck CHAR_LSTM = new ResumeCheck(ModelKind.CHAR_LSTM);

    /** {@code train seq2seq}: the seed also draws the train/validation split and the copy task's pairs. */
    public static final ResumeCheck SEQ2SEQ = new ResumeCheck(ModelKind.SEQ2SEQ);

    private static final int SHOWN_CHARS = 120;

    /** The plan's key for how an epoch's windows are ordered ({@code data.EpochPlan#toMap}). */
    private static final String WINDOW_ORDER = "windowOrder";

    /** The plan's keys that a change of batch size under {@link WorkerChange}'s rule changes with it. */
    private static final List<String> BATCH_KEYS = List.of("batchesPerEpoch", "batchesPerRound", "batchSize");

    private final String modelType;
    private final List<Setting<?>> kept;
    private final List<Setting<?>> free;

    private ResumeCheck(ModelKind kind) {
        this.modelType = kind.typeName();
        this.kept = Settings.of(kind).stream().filter(s -> !s.mayChangeOnResume()).toList();
        this.free = Settings.of(kind).stream().filter(Setting::mayChangeOnResume).toList();
    }

    /** Config keys a resumed run must keep. */
    public List<String> kept() {
        return kept.stream().map(Setting::name).toList();
    }

    /** Config keys that a resumed run may change. */
    public List<String> free() {
        return free.stream().map(Setting::name).toList();
    }

    /**
     * Refuses a checkpoint of another model type, or one whose kept settings differ from
     * {@code config}'s, with one message listing every difference.
     *
     * @return whether the run changes its worker count under {@link WorkerChange}'s rule (and with
     *     it the batch size, which {@link #resumedStep} then converts the step for)
     */
    public boolean require(CheckpointMetadata saved, Map<String, ?> config, Path runDir) {
        if (!modelType.equals(saved.modelType())) {
            throw new IllegalArgumentException("cannot resume run dir " + runDir + ": it holds a "
                    + saved.modelType() + " run, not a " + modelType + " one: resume it with `train "
                    + saved.modelType() + " --resume`, or start a new --run-dir");
        }
        List<String> differences = differences(saved.config(), config);
        Map<String, Object> before = flatten(saved.config());
        Map<String, Object> after = flatten(config);
        if (WorkerChange.asked(before, after) && differences.stream().allMatch(d -> d.startsWith(Settings.WORKERS
                + " ") || d.startsWith(Settings.BATCH_SIZE + " "))) {
            WorkerChange.require(before, after, runDir);
            return true;
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("cannot resume run dir " + runDir + ": this command sets "
                    + count(differences.size(), "setting") + " differently from its checkpoint (step "
                    + saved.step() + "): " + String.join(", ", differences) + ". A resumed run keeps its model, "
                    + "data and training plan: leave these settings out (a resumed run takes what it does not "
                    + "set from its checkpoint) or give them the checkpoint's values, or start a new --run-dir");
        }
        return false;
    }

    /** {@code key old -> new} for each kept key that both configs hold, with different values. */
    public List<String> differences(Map<String, ?> saved, Map<String, ?> now) {
        Map<String, Object> before = flatten(saved);
        Map<String, Object> after = flatten(now);
        var out = new ArrayList<String>();
        for (Setting<?> setting : kept) {
            String key = setting.name();
            if (before.containsKey(key) && after.containsKey(key)
                    && !Objects.equals(canonical(key, before.get(key)), canonical(key, after.get(key)))) {
                out.add(key + " " + show(before.get(key)) + " -> " + show(after.get(key)));
            }
        }
        return out;
    }

    /**
     * The step a run resuming {@code saved} starts from, after refusing a checkpoint whose training
     * plan ({@code run} in its config: batches per epoch and per round, sequence length, batch size)
     * differs from this run's. With equal settings only a changed training text does that: the step
     * count would then point elsewhere in the epoch. A batch size changed under {@link WorkerChange}'s
     * rule (which {@link #require} has checked) changes the batch counts with it: the checkpoint's step
     * is then converted to minibatches of the new size; any other batch size is a plan difference.
     *
     * @param workersChanged {@link #require} admitted a change of worker count (and batch size)
     */
    static long resumedStep(CheckpointMetadata saved, Map<String, ?> plan, boolean workersChanged, Path runDir) {
        if (!(saved.config().get("run") instanceof Map<?, ?> before)) {
            return saved.step();
        }
        boolean rebatched = workersChanged && before.get("batchSize") != null && plan.get("batchSize") != null
                && !Objects.equals(canonical("batchSize", before.get("batchSize")), canonical("batchSize",
                plan.get("batchSize")));
        var differences = new ArrayList<String>();
        plan.forEach((key, value) -> {
            Object old = before.get(key);
            if (old != null && !key.equals(WINDOW_ORDER) && !(rebatched && BATCH_KEYS.contains(key))
                    && !Objects.equals(canonical(key, old), canonical(key, value))) {
                differences.add(key + " " + old + " -> " + value);
            }
        });
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("cannot resume run dir " + runDir + ": its checkpoint (step "
                    + saved.step() + ") was trained with another plan: " + String.join(", ", differences)
                    + " (batches per epoch change with the training text: " + Settings.INPUT_PATH + "'s content"
                    + " must be as it was; keep data.*, " + Settings.BATCH_SIZE + ", " + Settings.WORKERS + " and "
                    + Settings.AVERAGING_FREQUENCY + " as they were, or start a new --run-dir)");
        }
        requireSameOrderMidEpoch(saved, before, plan, runDir);
        if (!rebatched) {
            return saved.step();
        }
        return WorkerChange.resumedStep(saved.step(), ((Number) before.get("batchesPerEpoch")).longValue(),
                ((Number) before.get("batchSize")).intValue(), ((Number) plan.get("batchesPerEpoch")).longValue(),
                ((Number) plan.get("batchSize")).intValue(), plan.get(WINDOW_ORDER) != null, runDir);
    }

    /**
     * Refuses a checkpoint taken in the middle of an epoch whose windows were ordered by another
     * scheme (the plan's {@code windowOrder}; none recorded = the driver-side order of versions
     * before the executor-side corpus): the rest of that epoch cannot be replayed exactly. At an
     * epoch's end nothing is half-seen, so the new order simply starts with the next epoch.
     */
    private static void requireSameOrderMidEpoch(CheckpointMetadata saved, Map<?, ?> before, Map<String, ?> plan,
            Path runDir) {
        Object order = plan.get(WINDOW_ORDER);
        Object old = before.get(WINDOW_ORDER);
        if (order == null || Objects.equals(order, old)
                || !(plan.get("batchesPerEpoch") instanceof Number perEpoch) || perEpoch.longValue() < 1) {
            return;
        }
        long inEpoch = saved.step() % perEpoch.longValue();
        if (inEpoch == 0) {
            return;
        }
        throw new IllegalArgumentException("cannot resume run dir " + runDir + ": its checkpoint (step "
                + saved.step() + ") stopped after minibatch " + inEpoch + " of " + perEpoch + " of epoch "
                + (saved.step() / perEpoch.longValue() + 1) + ", whose windows were ordered by "
                + (old == null ? "an earlier version (driver-side order)" : "\"" + old + "\"") + "; this version "
                + "orders them by \"" + order + "\", so the rest of that epoch cannot be replayed exactly: finish the "
                + "epoch with the version that wrote the checkpoint (it checkpoints at every epoch's end) and resume "
                + "from there, or start a new --run-dir");
    }

    /** Nested config maps as {@code a.b.c -> value}; null values are kept (a null scope is a setting). */
    public static Map<String, Object> flatten(Map<String, ?> nested) {
        return ConfigLoader.flatten(nested);
    }

    /** One form per value: 1 = 1.0 = "1" for numbers, one spelling per choice. */
    private static Object canonical(String key, Object value) {
        if (value == null) {
            return null;
        }
        String s = String.valueOf(value).strip();
        try {
            return new BigDecimal(s).stripTrailingZeros();
        } catch (NumberFormatException notANumber) {
            // a string or a boolean: compared as text below
        }
        Optional<Setting<?>> setting = Settings.named(key);
        if (setting.isEmpty() || setting.get().type() != Setting.Type.CHOICE) {
            return s;
        }
        return setting.get().canonicalSpelling(s.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private static String show(Object value) {
        String s = value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
        return s.length() > SHOWN_CHARS ? s.substring(0, SHOWN_CHARS) + "...(" + s.length() + " chars)" : s;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
