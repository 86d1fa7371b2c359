package org.scopedrnn.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.scopedrnn.data.Newlines;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.LstmImpl;
import org.scopedrnn.scope.Reuse;

/**
 * The table of settings: every configuration key, declared once, in the order the README lists
 * them. The rule for defaults: this table is their source of truth. The bundled
 * {@code conf/char-lstm.conf} and {@code conf/seq2seq.conf} are presets the loader overlays on it;
 * they list every key of their kind with this table's default, for people reading them (a test
 * keeps them equal to the table), and hold what only a preset can: seq2seq's defaults per
 * {@code data.task}. Other presets ({@code conf/anna.conf}) hold only what they change. The loader,
 * {@code --set}, {@code describe --settings}, the README's tables and the resume check all read
 * this table.
 */
public final class Settings {

    /** Names that picocli annotations need as compile-time constants; each is used by its declaration below. */
    public static final String DATA_INPUT_KEY = "data.input";
    public static final String DATA_TASK_KEY = "data.task";
    public static final String SPARK_MASTER_KEY = "spark.master";
    public static final String EPOCHS_KEY = "train.epochs";
    public static final String SAMPLE_CHARS_KEY = "sample.chars";
    public static final String BATCH_SIZE_KEY = "train.batch-size";

    public static final Setting<ModelKind> MODEL_TYPE = Setting.choice("model.type", ModelKind::parse,
            "char-lstm", "seq2seq").charLstm("char-lstm").seq2seq("seq2seq").keptOnResume()
            .doc("`char-lstm` or `seq2seq`: picks which defaults a `--config` file overlays");
    public static final Setting<Integer> LAYERS = Setting.integer("model.layers").charLstm(2).atLeast(1)
            .keptOnResume().doc("stacked LSTM cells");
    public static final Setting<Integer> HIDDEN = Setting.integer("model.hidden").charLstm(128).seq2seq(256)
            .atLeast(1).keptOnResume().doc("units per LSTM cell (seq2seq: encoder and decoder)");
    public static final Setting<InputKind> INPUT_KIND = Setting.choice("model.input", InputKind::parse, "one-hot",
            "embedding").charLstm("one-hot").keptOnResume().doc("`one-hot` or `embedding`");
    public static final Setting<Integer> EMBEDDING_SIZE = Setting.integer("model.embedding-size").charLstm(0)
            .seq2seq(64).atLeast(0).keptOnResume()
            .doc("embedding width (char-LSTM: 0 with one-hot input; seq2seq: encoder and decoder characters)");
    public static final Setting<Boolean> SHARED_EMBEDDING = Setting.bool("model.shared-embedding").seq2seq(false)
            .keptOnResume().doc("one `embedding` for both sides (equal vocabularies only)");
    public static final Setting<Double> KEEP_PROB = Setting.number("model.keep-prob").charLstm(0.8)
            .check(p -> p > 0 && p <= 1, "in (0, 1]").keptOnResume()
            .doc("dropout keep probability on each cell's output (1.0 = none)");
    public static final Setting<Double> FORGET_BIAS = Setting.number("model.forget-bias").charLstm(1.0)
            .keptOnResume().doc("added to the forget gate at run time, as TF's BasicLSTMCell (not stored)");
    public static final Setting<String> ROOT_SCOPE = Setting.string("model.root-scope").charLstm("lstm_cell")
            .keptOnResume().doc("variable scope of the LSTM stack");
    public static final Setting<LstmImpl> LSTM_IMPL = Setting.choice("model.lstm-impl", Settings::lstmImpl, "fused",
            "dl4j").charLstm("fused").changeableOnResume().doc("code computing the LSTM layers: `fused` (the "
            + "project's layer; batch-1 sampling in plain Java) or `dl4j` (DL4J's `LSTM`, and sampling through "
            + "`rnnTimeStep`); same function and parameters, so checkpoints do not depend on it. Measured side by "
            + "side: training needs 1.35-1.65x less CPU per character with `fused`, sampling ~3x less");
    public static final Setting<String> ENCODER_SCOPE = Setting.scope("encoder.scope").seq2seq("encode_cell")
            .keptOnResume().doc("variable scope of the encoder LSTM; `null` = TF's unique default (`rnn`, `rnn_1`)");
    public static final Setting<String> DECODER_SCOPE = Setting.scope("decoder.scope").seq2seq("decode_cell")
            .keptOnResume().doc("variable scope of the decoder LSTM; `null` = TF's unique default");
    public static final Setting<Reuse> DECODER_REUSE = Setting.choice("decoder.reuse", Settings::reuse, "false",
            "true", "auto").spellings(Map.of("none", "false", "reuse", "true", "auto-reuse", "auto"))
            .seq2seq(false).keptOnResume().doc("`true`/`auto` with `decoder.scope = encode_cell` ties encoder and "
            + "decoder weights; without it that collision is TF's \"already exists\" error");

    public static final Setting<String> TASK = Setting.choice(DATA_TASK_KEY, Settings::task, "pairs", "copy")
            .seq2seq("pairs").keptOnResume().doc("`pairs` (tab-separated `source<TAB>target` lines) or `copy` "
            + "(random strings of 3-8 of `abcdefgh`, target = source). The copy task has its own defaults "
            + "(`tasks.copy` in `conf/seq2seq.conf`: embedding 32, hidden 128, learning rate 0.01); your "
            + "`--config`/`--set` values still win");
    public static final Setting<String> INPUT_PATH = Setting.string(DATA_INPUT_KEY).charLstm("data/anna.txt")
            .seq2seq("data/fra-eng.txt").keptOnResume()
            .doc("corpus (UTF-8), any Hadoop path: local, `file:`, `hdfs://`, `s3a://`; char-LSTM: a file, a "
            + "directory or a glob (`DIR/*.txt`), read by the executors; seq2seq: the same, of tab-separated pairs");
    public static final Setting<Integer> SEQ_LENGTH = Setting.integer("data.seq-length").charLstm(50).atLeast(1)
            .keptOnResume().doc("characters per training sequence");
    public static final Setting<Double> VALIDATION_FRACTION = Setting.number("data.validation-fraction").both(0.1)
            .check(f -> f >= 0 && f < 1, "in [0, 1)").keptOnResume()
            .doc("held out for validation, per file: the tail of its text (char-LSTM), or of its pairs after a "
            + "seeded shuffle (seq2seq)");
    public static final Setting<Long> MAX_CHARS = Setting.longValue("data.max-chars").charLstm(0).atLeast(0)
            .keptOnResume().doc("use only the first N characters (0 = all)");
    public static final Setting<Newlines> NEWLINES = Setting.choice("data.newlines", Newlines::parse, "universal",
            "keep").charLstm("universal").keptOnResume().doc("`universal`: `\\r\\n` and `\\r` read as `\\n`, "
            + "like Python's text mode (how anna_writer.py and ml5 read corpora; their published losses need it); "
            + "`keep`: bytes as they are");
    public static final Setting<Long> MAX_PAIRS = Setting.longValue("data.max-pairs").seq2seq(10000).atLeast(0)
            .keptOnResume().doc("first N pairs within the length limits, in file order across the files (0 = all)");
    public static final Setting<Integer> MAX_SOURCE_LENGTH = Setting.integer("data.max-source-length").seq2seq(60)
            .atLeast(0).keptOnResume().doc("longer pairs are skipped and counted (printed; 0 = no limit)");
    public static final Setting<Integer> MAX_TARGET_LENGTH = Setting.integer("data.max-target-length").seq2seq(80)
            .atLeast(0).keptOnResume().doc("the same for the target (0 = no limit)");
    public static final Setting<Boolean> REVERSE = Setting.bool("data.reverse").seq2seq(false).keptOnResume()
            .doc("swap the columns (translate French to English)");
    public static final Setting<Integer> COPY_EXAMPLES = Setting.integer("data.copy-examples").seq2seq(20000)
            .atLeast(10).keptOnResume().doc("pairs generated for the copy task");

    public static final Setting<Integer> EPOCHS = Setting.integer(EPOCHS_KEY).charLstm(1).seq2seq(10).atLeast(1)
            .changeableOnResume().doc("passes over the training data");
    public static final Setting<Integer> BATCH_SIZE = Setting.integer(BATCH_SIZE_KEY).both(32).atLeast(1)
            .keptOnResume().doc("sequences (seq2seq: pairs) per minibatch, **per worker**");
    public static final Setting<Double> LEARNING_RATE = Setting.number("train.learning-rate").charLstm(0.003)
            .seq2seq(0.002).check(r -> r > 0, "positive").changeableOnResume()
            .doc("Adam step size of **one** worker; `train.lr-scaling` scales it for `train.workers`");
    public static final Setting<LearningRateScaling> LR_SCALING = Setting.choice("train.lr-scaling",
            LearningRateScaling::parse, "none", "sqrt", "linear").charLstm("linear").seq2seq("none")
            .changeableOnResume().doc("`none`, `sqrt` or `linear`: each worker's step size is `learning-rate` × 1, "
            + "√workers or workers (see [Workers and learning rate](#workers-and-learning-rate); not measured "
            + "for seq2seq)");
    public static final Setting<Integer> WARMUP_STEPS = Setting.integer("train.warmup-steps").both(0).atLeast(0)
            .changeableOnResume().doc("steps per worker over which the step size rises linearly from the scaled "
            + "rate ÷ workers to the scaled rate (0 = none)");
    public static final Setting<Double> CLIP_NORM = Setting.number("train.clip-norm").both(5.0)
            .check(n -> n >= 0, ">= 0 (0 = off)").changeableOnResume().doc("gradient clip, in TF's units (norm of "
            + "the gradient of the per-character mean loss), per layer (0 = off)");
    public static final Setting<Long> SEED = Setting.longValue("train.seed").both(12345).keptOnResume()
            .doc("initialisation, data order, dropout and sampling seed (seq2seq: also the split and the copy task)");
    public static final Setting<Integer> WORKERS = Setting.integer("train.workers").both(2).atLeast(1)
            .keptOnResume().doc("Spark tasks per averaging round; a resumed run may change it only keeping "
            + "`workers × batch-size` (see [Resuming](#resuming-which-settings-may-change))");
    public static final Setting<AveragingPeriod> AVERAGING_FREQUENCY = Setting.choice("train.averaging-frequency",
            AveragingPeriod::parse, "auto").both(5).check(p -> p != null, AveragingPeriod.EXPECTED).keptOnResume()
            .doc("minibatches per worker between parameter averagings: a positive integer, or `auto` (each round's "
            + "period from how fast the training loss falls: short while it falls fast, up to "
            + AveragingPeriod.AUTO_LONGEST + " on a plateau; see [Workers and learning rate]"
            + "(#workers-and-learning-rate)); `metrics.csv` records the period of every round");
    public static final Setting<Integer> PREFETCH = Setting.integer("train.prefetch").both(2).atLeast(0)
            .changeableOnResume().doc("minibatches prefetched per worker (0 = off)");
    public static final Setting<TrainingApproach> APPROACH = Setting.choice("train.approach",
            TrainingApproach::parse, "auto", "export", "direct").both("direct").changeableOnResume()
            .doc("`direct` (RDD handed to workers as is; ~20% faster here), `export` (minibatches written to the "
            + "default FS first; refused on a cluster master with a `file://` default FS), or `auto` (Export "
            + "where it can run, else Direct)");
    public static final Setting<Integer> CHECKPOINT_EVERY_STEPS = Setting.integer("train.checkpoint-every-steps")
            .charLstm(500).seq2seq(0).atLeast(0).changeableOnResume()
            .doc("also checkpoint every N minibatches (0 = per epoch only)");
    public static final Setting<Integer> KEEP_LAST = Setting.integer("train.keep-last").both(3).atLeast(1)
            .changeableOnResume().doc("checkpoints kept, plus the best by validation loss");
    public static final Setting<Long> VALIDATION_MAX_CHARS = Setting.longValue("train.validation-max-chars")
            .charLstm(0).atLeast(0).changeableOnResume()
            .doc("score at most N validation characters per epoch (0 = all)");
    public static final Setting<Double> PROGRESS_SECONDS = Setting.number("train.progress-seconds").both(10)
            .check(s -> s > 0, "positive").changeableOnResume().doc("seconds between progress lines");
    public static final Setting<Double> STOP_AT_SEQUENCE_ACCURACY = Setting.number(
            "train.stop-at-sequence-accuracy").seq2seq(0.99).check(a -> a > 0 && a <= 1.0001, "in (0, 1]")
            .changeableOnResume().doc("stop once this share of held-out pairs is translated exactly");

    public static final Setting<Integer> SAMPLE_CHARS = Setting.integer(SAMPLE_CHARS_KEY).charLstm(500).atLeast(0)
            .changeableOnResume().doc("characters sampled after training (0 = none)");
    public static final Setting<String> PRIME = Setting.string("sample.prime").charLstm("The ").changeableOnResume()
            .doc("prime text");
    public static final Setting<Double> TEMPERATURE = Setting.number("sample.temperature").charLstm(1.0)
            .changeableOnResume().doc("sampling temperature");
    public static final Setting<Integer> TOP_K = Setting.integer("sample.top-k").charLstm(5).atLeast(0)
            .changeableOnResume().doc("draw among the k likeliest characters (0 = all)");
    public static final Setting<Long> SAMPLE_SEED = Setting.longValue("sample.seed").charLstm(0)
            .changeableOnResume().doc("sampling seed (0 = `train.seed`)");
    public static final Setting<Integer> EPOCH_SAMPLE_CHARS = Setting.integer("report.epoch-sample-chars")
            .charLstm(200).atLeast(0).changeableOnResume()
            .doc("characters sampled after each epoch for `report.html` (0 = none; batch 1, cheap)");
    public static final Setting<Integer> BEAM = Setting.integer("translate.beam").seq2seq(1).atLeast(1)
            .changeableOnResume().doc("beam width of the decoding after training (1 = greedy)");
    public static final Setting<Integer> TRANSLATE_MAX_LENGTH = Setting.integer("translate.max-length").seq2seq(100)
            .atLeast(1).changeableOnResume().doc("longest translation, characters");
    public static final Setting<Integer> TRANSLATE_EXAMPLES = Setting.integer("translate.examples").seq2seq(5)
            .atLeast(0).changeableOnResume().doc("held-out sources translated after training");

    public static final Setting<String> MASTER = Setting.string(SPARK_MASTER_KEY).both("local[*]")
            .check(s -> !s.isBlank(), "a Spark master URL such as local[*] or spark://host:7077")
            .changeableOnResume().doc("Spark master URL (`--master`)");
    public static final Setting<Map<String, String>> SPARK_CONF = Setting.properties("spark.conf").both(Map.of())
            .changeableOnResume().doc("any Spark property, passed through: "
            + "`spark.conf { \"spark.executor.memory\" = 4g }`");

    private static final List<Setting<?>> ALL = declared();

    private Settings() {
    }

    /** Every setting, in declaration order. */
    public static List<Setting<?>> all() {
        return ALL;
    }

    /** The settings of one model kind, in declaration order. */
    public static List<Setting<?>> of(ModelKind kind) {
        return ALL.stream().filter(s -> s.appliesTo(kind)).toList();
    }

    /** The setting named {@code key}, if one is declared. */
    public static Optional<Setting<?>> named(String key) {
        return ALL.stream().filter(s -> s.name().equals(key)).findFirst();
    }

    /** The static fields in declaration order (HotSpot's order, which the README's tables follow). */
    private static List<Setting<?>> declared() {
        var out = new ArrayList<Setting<?>>();
        for (Field f : Settings.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Setting.class) {
                try {
                    Setting<?> s = (Setting<?>) f.get(null);
                    if (!s.complete()) {
                        throw new IllegalStateException(s + ": a setting needs a default, a doc line and a resume flag");
                    }
                    out.add(s);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return List.copyOf(out);
    }

    /** {@code decoder.reuse}: the spellings the seq2seq config has always accepted. */
    private static Reuse reuse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "false", "none" -> Reuse.NONE;
            case "true", "reuse" -> Reuse.REUSE;
            case "auto", "auto_reuse" -> Reuse.AUTO_REUSE;
            default -> throw new IllegalArgumentException(value);
        };
    }

    /** Worded as it always was: scripts and tests match this message. */
    private static LstmImpl lstmImpl(String value) {
        try {
            return LstmImpl.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(LSTM_IMPL + " must be " + Setting.listed(LSTM_IMPL.choices())
                    + ", got \"" + value + "\"", e);
        }
    }

    private static String task(String value) {
        if (!value.equals("pairs") && !value.equals("copy")) {
            throw new IllegalArgumentException(value);
        }
        return value;
    }
}
