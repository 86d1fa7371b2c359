package org.scopedrnn.interop;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.CheckpointFormatException;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.OptimizerSpec;

/**
 * A char-LSTM rebuilt from a checkpoint in any of the three formats, ready to sample or evaluate.
 * The architecture comes from the variables' names and shapes; the vocabulary from the
 * checkpoint, a file beside it ({@code PREFIX.vocab.json} or {@code vocab.json} for TensorFlow, see
 * {@link TensorFlowVocabulary}), or an explicit file.
 *
 * @param variables every variable under its canonical name (weights, and optimizer slots when
 *     the source has them), values exactly as stored
 * @param metadata the native checkpoint's metadata; empty for foreign formats
 */
public record LoadedCharLstm(CharLstmModel model, Vocabulary vocabulary, CheckpointFormat format,
        Map<String, Tensor> variables, Optional<CheckpointMetadata> metadata) {

    public static final String MODEL_TYPE = "char-lstm";
    public static final String VOCAB_FILE = "vocab.json";

    public static LoadedCharLstm load(Path path, Configuration conf) throws IOException {
        return load(path, Optional.empty(), conf);
    }

    /** @param vocabFile overrides any vocabulary the checkpoint has (JSON list, or object char -> id) */
    public static LoadedCharLstm load(Path path, Optional<Path> vocabFile, Configuration conf) throws IOException {
        CheckpointFormat format = CheckpointFormat.detect(path, conf);
        return switch (format) {
            case NATIVE -> fromNative(path, vocabFile, conf);
            case TENSORFLOW -> fromForeign(path, format, TensorFlowCheckpoint.read(path, conf), Optional.empty(),
                    vocabFile.isPresent() ? vocabFile : TensorFlowVocabulary.find(path, conf), conf);
            case ML5 -> {
                Ml5Checkpoint ml5 = Ml5Checkpoint.read(path, conf);
                yield fromForeign(path, format, ml5.variables(), ml5.vocabulary(), vocabFile, conf);
            }
        };
    }

    private static LoadedCharLstm fromNative(Path dir, Optional<Path> vocabFile, Configuration conf)
            throws IOException {
        Checkpoint ckpt = NativeCheckpoint.read(dir, conf);
        if (!MODEL_TYPE.equals(ckpt.metadata().modelType())) {
            throw new CheckpointFormatException("checkpoint " + dir + " holds a " + ckpt.metadata().modelType()
                    + " model; this command needs a " + MODEL_TYPE + " checkpoint");
        }
        List<String> symbols = vocabFile.isPresent()
                ? Ml5Checkpoint.readVocabularyFile(vocabFile.get(), conf) : ckpt.metadata().vocabulary();
        return build(dir, CheckpointFormat.NATIVE, ckpt.variables(), symbols, Optional.of(ckpt.metadata()));
    }

    private static LoadedCharLstm fromForeign(Path path, CheckpointFormat format, Map<String, Tensor> variables,
            Optional<List<String>> ownVocabulary, Optional<Path> vocabFile, Configuration conf) throws IOException {
        List<String> symbols;
        if (vocabFile.isPresent()) {
            symbols = Ml5Checkpoint.readVocabularyFile(vocabFile.get(), conf);
        } else if (ownVocabulary.isPresent()) {
            symbols = ownVocabulary.get();
        } else {
            Path expected = format == CheckpointFormat.TENSORFLOW ? TensorFlowVocabulary.path(path)
                    : new Path(path, VOCAB_FILE);
            throw new IllegalArgumentException("checkpoint " + path + " has no vocabulary: write it to " + expected
                    + " or pass --vocab FILE (a JSON list of characters in id order, or an object char -> id)");
        }
        return build(path, format, variables, symbols, Optional.empty());
    }

    private static LoadedCharLstm build(Path path, CheckpointFormat format, Map<String, Tensor> variables,
            List<String> symbols, Optional<CheckpointMetadata> metadata) throws CheckpointFormatException {
        CharLstmNames.Recognized recognized;
        try {
            recognized = CharLstmNames.recognize(variables);
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException("checkpoint " + path + " is not a char-LSTM this tool understands: "
                    + e.getMessage(), e);
        }
        CharLstmSpec spec = recognized.spec();
        if (metadata.isPresent()) {
            // keep what only the metadata knows (dropout keep-prob, forget bias as configured)
            CharLstmSpec stored = specFromMetadata(path, metadata.get());
            if (!sameVariables(stored, spec)) {
                throw new CheckpointFormatException("checkpoint " + path + " is inconsistent: its metadata describes "
                        + stored + " but its variables are those of " + spec);
            }
            spec = stored;
        }
        Vocabulary vocabulary = new Vocabulary(symbols);
        if (vocabulary.size() != spec.vocabSize()) {
            throw new IllegalArgumentException("the vocabulary has " + vocabulary.size() + " characters but checkpoint "
                    + path + " has " + spec.vocabSize() + " outputs: pass the --vocab the model was trained with");
        }
        Map<String, Tensor> canonical = new LinkedHashMap<>(CharLstmNames.toCanonical(variables, recognized));
        CharLstmModel model = CharLstmModel.create(spec, OptimizerSpec.adam(1e-3, 0, 0));
        var weights = new LinkedHashMap<String, Tensor>();
        model.variableNames().forEach(name -> weights.put(name, canonical.get(name)));
        try {
            model.loadWeights(weights);
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException("checkpoint " + path + ": " + e.getMessage(), e);
        }
        return new LoadedCharLstm(model, vocabulary, format, Collections.unmodifiableMap(canonical), metadata);
    }

    private static CharLstmSpec specFromMetadata(Path path, CheckpointMetadata metadata)
            throws CheckpointFormatException {
        try {
            return CharLstmSpec.fromMap(metadata.spec());
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new CheckpointFormatException("checkpoint " + path + " has an invalid model spec: " + e.getMessage(), e);
        }
    }

    /** Two specs that declare the same variables (names and shapes). */
    private static boolean sameVariables(CharLstmSpec a, CharLstmSpec b) {
        return a.vocabSize() == b.vocabSize() && a.layers() == b.layers() && a.hiddenSize() == b.hiddenSize()
                && a.input() == b.input() && a.embeddingSize() == b.embeddingSize()
                && a.rootScope().equals(b.rootScope());
    }
}
