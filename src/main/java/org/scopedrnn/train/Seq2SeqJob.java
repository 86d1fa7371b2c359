package org.scopedrnn.train;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.scopedrnn.config.ConfigLoader;
import org.scopedrnn.config.ModelKind;
import org.scopedrnn.config.Readers;
import org.scopedrnn.config.Settings;
import org.scopedrnn.config.TrainSettings;
import org.scopedrnn.data.CorpusException;
import org.scopedrnn.data.CorpusOptions;
import org.scopedrnn.data.PairCorpusOptions;
import org.scopedrnn.data.PairOptions;
import org.scopedrnn.data.PairSplit;
import org.scopedrnn.data.Seq2SeqVocabulary;
import org.scopedrnn.model.OptimizerSpec;
import org.scopedrnn.scope.Reuse;

/**
 * Everything {@code train seq2seq} needs, resolved from the config files and the command line.
 *
 * @param stopAtSequenceAccuracy stop after the epoch whose held-out exact-match accuracy reaches this
 * @param origin where the config came from, for "Originally defined at" in scope errors
 */
public record Seq2SeqJob(Model model, Data data, TrainSettings train, double stopAtSequenceAccuracy,
        Translate translate, String master, Map<String, String> sparkConf, Map<String, Object> resolvedConfig,
        String origin) {

    /** Architecture before the vocabularies are known. Null scopes get unique defaults. */
    public record Model(int embeddingSize, int hidden, boolean sharedEmbedding, String encoderScope,
            String decoderScope, Reuse decoderReuse) {
        public Model {
            TrainSettings.atLeast(Settings.EMBEDDING_SIZE.name(), embeddingSize, 1);
            Settings.HIDDEN.require(hidden);
            if (decoderReuse == null) {
                throw new IllegalArgumentException(Settings.DECODER_REUSE + " must be false, true or auto");
            }
        }
    }

    /** Where pairs come from: a tab-separated file, or the synthetic copy task. */
    public record Data(String task, String input, PairOptions pairs, double validationFraction, int copyExamples) {
        public Data {
            if (!task.equals("pairs") && !task.equals("copy")) {
                throw new IllegalArgumentException(Settings.TASK + " must be pairs or copy, got '" + task + "'");
            }
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException(Settings.VALIDATION_FRACTION + " must be in (0, 1), got "
                        + validationFraction);
            }
            Settings.COPY_EXAMPLES.require(copyExamples);
        }

        /** The seeded train/validation split of {@code items}; too few pairs is an error naming the key. */
        public <T> PairSplit<T> split(List<T> items, long seed) {
            try {
                return PairSplit.of(items, validationFraction, PairSplit.Mode.SHUFFLED, seed);
            } catch (CorpusException e) {
                throw new CorpusException(e.getMessage() + " (" + Settings.VALIDATION_FRACTION + " = "
                        + validationFraction + ")", e);
            }
        }

        public boolean copyTask() {
            return task.equals("copy");
        }

        /** How the executors read {@code input}: a file, a directory or a glob of pairs files. */
        public PairCorpusOptions corpusOptions() {
            return new PairCorpusOptions(input, pairs, validationFraction, CorpusOptions.DEFAULT_SPLIT_BYTES);
        }
    }

    /** Decoding after training. */
    public record Translate(int beam, int maxLength, int examples) {
        public Translate {
            Settings.BEAM.require(beam);
            Settings.TRANSLATE_MAX_LENGTH.require(maxLength);
            Settings.TRANSLATE_EXAMPLES.require(examples);
        }
    }

    public Seq2SeqJob {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("spark master must be set, e.g. local[*] or spark://host:7077");
        }
        Settings.STOP_AT_SEQUENCE_ACCURACY.require(stopAtSequenceAccuracy);
        sparkConf = Map.copyOf(sparkConf);
        resolvedConfig = Map.copyOf(resolvedConfig);
    }

    /**
     * The job of a resolved seq2seq config, every key read through {@link Settings};
     * {@code resolveInput} maps a bundled pairs path to a file, {@code origin} names the config's source.
     */
    public static Seq2SeqJob read(Config c, UnaryOperator<String> resolveInput, String origin) {
        var model = Readers.inSection("model", () -> new Model(Settings.EMBEDDING_SIZE.read(c),
                Settings.HIDDEN.read(c), Settings.SHARED_EMBEDDING.read(c), Settings.ENCODER_SCOPE.read(c),
                Settings.DECODER_SCOPE.read(c), Settings.DECODER_REUSE.read(c)));
        var data = Readers.inSection("data", () -> new Data(Settings.TASK.read(c),
                resolveInput.apply(Settings.INPUT_PATH.read(c)), Readers.pairs(c),
                Settings.VALIDATION_FRACTION.read(c), Settings.COPY_EXAMPLES.read(c)));
        TrainSettings train = Readers.inSection("train", () -> TrainSettings.read(c, ModelKind.SEQ2SEQ));
        var translate = Readers.inSection("translate", () -> new Translate(Settings.BEAM.read(c),
                Settings.TRANSLATE_MAX_LENGTH.read(c), Settings.TRANSLATE_EXAMPLES.read(c)));
        return new Seq2SeqJob(model, data, train, Settings.STOP_AT_SEQUENCE_ACCURACY.read(c), translate,
                Settings.MASTER.read(c), Settings.SPARK_CONF.read(c), ConfigLoader.provenance(c), origin);
    }

    /**
     * Adam as {@code train} runs it on its workers, with the gradient clip norm as DL4J must apply
     * it: DL4J sums the loss over time steps, so the configured norm is scaled by the mean target
     * length (END included) of the training pairs. The trainer and the benchmark take it from here.
     */
    public OptimizerSpec optimizer(List<Seq2SeqVocabulary.EncodedPair> trainPairs) {
        return optimizer(meanTargetLength(trainPairs));
    }

    /** {@link #optimizer(List)} given the training pairs' mean target length (END included). */
    public OptimizerSpec optimizer(double meanTargetLength) {
        return train.optimizer(train.clipNorm() * meanTargetLength);
    }

    /** Mean target length, END included: what DL4J's summed score is divided by for a loss per character. */
    public static double meanTargetLength(List<Seq2SeqVocabulary.EncodedPair> pairs) {
        return pairs.stream().mapToInt(p -> p.target().length + 1).average().orElse(1);
    }
}
