package org.scopedrnn.sample;

import java.io.IOException;
import java.util.LinkedHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.CheckpointFormatException;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.OptimizerSpec;

/** A char-LSTM rebuilt from a checkpoint, ready to sample or evaluate (optimizer state is ignored). */
public record LoadedCharLstm(CharLstmModel model, Vocabulary vocabulary, Checkpoint checkpoint) {

    public static final String MODEL_TYPE = "char-lstm";

    public static LoadedCharLstm load(Path dir, Configuration conf) throws IOException {
        Checkpoint ckpt = NativeCheckpoint.read(dir, conf);
        if (!MODEL_TYPE.equals(ckpt.metadata().modelType())) {
            throw new CheckpointFormatException("checkpoint " + dir + " holds a " + ckpt.metadata().modelType()
                    + " model; this command needs a " + MODEL_TYPE + " checkpoint");
        }
        CharLstmSpec spec;
        Vocabulary vocab;
        try {
            spec = CharLstmSpec.fromMap(ckpt.metadata().spec());
            vocab = new Vocabulary(ckpt.metadata().vocabulary());
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new CheckpointFormatException("checkpoint " + dir + " has invalid metadata: " + e.getMessage());
        }
        if (vocab.size() != spec.vocabSize()) {
            throw new CheckpointFormatException("checkpoint " + dir + " stores " + vocab.size()
                    + " vocabulary entries but its model has " + spec.vocabSize() + " outputs");
        }
        CharLstmModel model = CharLstmModel.create(spec, OptimizerSpec.adam(1e-3, 0, 0));
        var weights = new LinkedHashMap<String, Tensor>();
        for (String name : model.variableNames()) {
            weights.put(name, ckpt.find(name).orElseThrow(() -> new CheckpointFormatException("checkpoint " + dir
                    + " lacks variable " + name + " (it has " + ckpt.variables().keySet() + ")")));
        }
        try {
            model.loadWeights(weights);
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException("checkpoint " + dir + ": " + e.getMessage());
        }
        return new LoadedCharLstm(model, vocab, ckpt);
    }
}
