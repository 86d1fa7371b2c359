package org.scopedrnn.train;

import org.scopedrnn.config.TrainSettings;
import java.util.List;
import java.util.Map;
import org.scopedrnn.data.Seq2SeqVocabulary;
import org.scopedrnn.model.OptimizerSpec;
import org.scopedrnn.data.PairOptions;
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
            TrainSettings.atLeast("model.embedding-size", embeddingSize, 1);
            TrainSettings.atLeast("model.hidden", hidden, 1);
            if (decoderReuse == null) {
                throw new IllegalArgumentException("decoder.reuse must be false, true or auto");
            }
        }
    }

    /** Where pairs come from: a tab-separated file, or the synthetic copy task. */
    public record Data(String task, String input, PairOptions pairs, double validationFraction, int copyExamples) {
        public Data {
            if (!task.equals("pairs") && !task.equals("copy")) {
                throw new IllegalArgumentException("data.task must be pairs or copy, got '" + task + "'");
            }
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("data.validation-fraction must be in (0, 1), got "
                        + validationFraction);
            }
            TrainSettings.atLeast("data.copy-examples", copyExamples, 10);
        }

        public boolean copyTask() {
            return task.equals("copy");
        }
    }

    /** Decoding after training. */
    public record Translate(int beam, int maxLength, int examples) {
        public Translate {
            TrainSettings.atLeast("translate.beam", beam, 1);
            TrainSettings.atLeast("translate.max-length", maxLength, 1);
            TrainSettings.atLeast("translate.examples", examples, 0);
        }
    }

    public Seq2SeqJob {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("spark master must be set, e.g. local[*] or spark://host:7077");
        }
        if (!(stopAtSequenceAccuracy > 0 && stopAtSequenceAccuracy <= 1.0001)) {
            throw new IllegalArgumentException("train.stop-at-sequence-accuracy must be in (0, 1], got "
                    + stopAtSequenceAccuracy);
        }
        sparkConf = Map.copyOf(sparkConf);
        resolvedConfig = Map.copyOf(resolvedConfig);
    }

    /**
     * Adam as {@code train} runs it on its workers, with the gradient clip norm as DL4J must apply
     * it: DL4J sums the loss over time steps, so the configured norm is scaled by the mean target
     * length (END included) of the training pairs. The trainer and the benchmark take it from here.
     */
    public OptimizerSpec optimizer(List<Seq2SeqVocabulary.EncodedPair> trainPairs) {
        return train.optimizer(train.clipNorm() * meanTargetLength(trainPairs));
    }

    /** Mean target length, END included: what DL4J's summed score is divided by for a loss per character. */
    public static double meanTargetLength(List<Seq2SeqVocabulary.EncodedPair> pairs) {
        return pairs.stream().mapToInt(p -> p.target().length + 1).average().orElse(1);
    }
}
