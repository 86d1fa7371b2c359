package org.scopedrnn.sample;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.CheckpointFormatException;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.data.Seq2SeqVocabulary;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.model.OptimizerSpec;
import org.scopedrnn.model.ParamBinding;
import org.scopedrnn.model.Seq2SeqModel;
import org.scopedrnn.model.Seq2SeqSpec;
import org.scopedrnn.model.Seq2SeqVariables;
import org.scopedrnn.scope.VariableStore;

/** An encoder-decoder rebuilt from a native seq2seq checkpoint, with both vocabularies. */
public record LoadedSeq2Seq(Seq2SeqModel model, Seq2SeqVocabulary vocabulary, Checkpoint checkpoint) {

    public static final String MODEL_TYPE = "seq2seq";
    static final String SOURCE_VOCABULARY = "sourceVocabulary";
    static final String TARGET_VOCABULARY = "targetVocabulary";

    /** True if {@code dir} is a native checkpoint of a seq2seq model. */
    public static boolean isSeq2Seq(Path dir, Configuration conf) throws IOException {
        return NativeCheckpoint.isCheckpoint(dir, conf)
                && MODEL_TYPE.equals(NativeCheckpoint.readMetadata(dir, conf).modelType());
    }

    public static LoadedSeq2Seq load(Path dir, Configuration conf) throws IOException {
        Checkpoint ckpt = NativeCheckpoint.read(dir, conf);
        if (!MODEL_TYPE.equals(ckpt.metadata().modelType())) {
            throw new CheckpointFormatException("checkpoint " + dir + " holds a " + ckpt.metadata().modelType()
                    + " model; this command needs a " + MODEL_TYPE + " checkpoint");
        }
        Map<String, Object> specMap = ckpt.metadata().spec();
        Seq2SeqSpec spec;
        Seq2SeqVocabulary vocab;
        try {
            spec = Seq2SeqSpec.fromMap(specMap);
            vocab = vocabulary(specMap);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new CheckpointFormatException("checkpoint " + dir + " has invalid seq2seq metadata: "
                    + e.getMessage(), e);
        }
        if (vocab.sourceSize() != spec.sourceVocab() || vocab.targetSize() != spec.targetVocab()) {
            throw new CheckpointFormatException("checkpoint " + dir + " stores vocabularies of " + vocab.sourceSize()
                    + "/" + vocab.targetSize() + " ids but its model has " + spec.sourceVocab() + "/"
                    + spec.targetVocab());
        }
        try {
            ParamBinding.requireStored(Seq2SeqVariables.declare(spec, new VariableStore()), ckpt.variables(),
                    "its seq2seq metadata " + spec);
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException("checkpoint " + dir + ": " + e.getMessage(), e);
        }
        Seq2SeqModel model = Seq2SeqModel.create(spec, OptimizerSpec.adam(1e-3, 0, 0));
        var weights = new LinkedHashMap<String, Tensor>();
        for (String name : model.variableNames()) {
            weights.put(name, ckpt.find(name).orElseThrow(() -> new CheckpointFormatException("checkpoint " + dir
                    + " lacks variable " + name)));
        }
        model.loadWeights(weights);
        return new LoadedSeq2Seq(model, vocab, ckpt);
    }

    /** Translations of {@code sources} (source ids), as target ids without start and end. */
    public List<int[]> translate(List<int[]> sources, int beam, int maxLength) {
        var decoder = Seq2SeqDecoder.of(model);
        return decoder.beam(sources.toArray(int[][]::new), beam, vocabulary.startId(), vocabulary.endId(), maxLength)
                .stream().map(Seq2SeqDecoder.Hypothesis::ids).toList();
    }

    /**
     * The source and target vocabularies a seq2seq checkpoint's spec stores
     * ({@code sourceVocabulary}, {@code targetVocabulary}).
     *
     * @throws IllegalArgumentException if either is missing or invalid
     */
    public static Seq2SeqVocabulary vocabulary(Map<String, Object> spec) {
        return new Seq2SeqVocabulary(new Vocabulary(strings(spec.get(SOURCE_VOCABULARY))),
                new Vocabulary(strings(spec.get(TARGET_VOCABULARY))));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException("missing vocabulary list of strings, got " + value);
        }
        return (List<String>) list;
    }
}
