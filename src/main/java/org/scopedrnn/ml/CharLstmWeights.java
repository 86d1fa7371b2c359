package org.scopedrnn.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.OptimizerSpec;

/**
 * What an executor needs to rebuild a fitted char-LSTM: the spec, the vocabulary and the weights,
 * broadcast once per transformer. Each task rebuilds the model as {@code interop.LoadedCharLstm}
 * does from a native checkpoint (same spec, same LSTM code, Adam unused), so its numbers are
 * {@code evaluate}'s and {@code sample}'s.
 */
final class CharLstmWeights implements Serializable {

    private final HashMap<String, Object> spec;
    private final ArrayList<String> vocabulary;
    private final long trainSeed;
    private final WeightValues weights;

    private CharLstmWeights(Map<String, Object> spec, List<String> vocabulary, long trainSeed, Checkpoint checkpoint) {
        this.spec = new HashMap<>(spec);
        this.vocabulary = new ArrayList<>(vocabulary);
        this.trainSeed = trainSeed;
        this.weights = new WeightValues(checkpoint, model(CharLstmSpec.fromMap(spec)).variableNames());
    }

    static CharLstmWeights of(Checkpoint checkpoint) {
        return new CharLstmWeights(checkpoint.metadata().spec(), checkpoint.metadata().vocabulary(),
                checkpoint.metadata().seed(), checkpoint);
    }

    Vocabulary vocabulary() {
        return new Vocabulary(vocabulary);
    }

    /** The seed the model was trained with: {@code sample.seed = 0} samples with it, as after training. */
    long trainSeed() {
        return trainSeed;
    }

    /** A new model holding these weights (one per task: a DL4J graph carries state and is not thread-safe). */
    CharLstmModel model() {
        CharLstmModel model = model(CharLstmSpec.fromMap(spec));
        model.loadWeights(weights.tensors());
        return model;
    }

    private static CharLstmModel model(CharLstmSpec spec) {
        return CharLstmModel.create(spec, OptimizerSpec.adam(1e-3, 0, 0));
    }
}
