package org.scopedrnn.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.OptimizerSpec;

/**
 * What an executor needs to rebuild a fitted char-LSTM: the spec, the vocabulary and the weights
 * (no optimizer slots), as plain serializable values. Broadcast once per transformer; each task
 * rebuilds the model as {@code interop.LoadedCharLstm} does from a native checkpoint (same spec,
 * same LSTM code, Adam unused), so its numbers are {@code evaluate}'s and {@code sample}'s.
 */
final class CharLstmWeights implements Serializable {

    private final HashMap<String, Object> spec;
    private final ArrayList<String> vocabulary;
    private final LinkedHashMap<String, long[]> shapes = new LinkedHashMap<>();
    private final LinkedHashMap<String, float[]> values = new LinkedHashMap<>();
    private final long trainSeed;

    private CharLstmWeights(Map<String, Object> spec, List<String> vocabulary, long trainSeed) {
        this.spec = new HashMap<>(spec);
        this.vocabulary = new ArrayList<>(vocabulary);
        this.trainSeed = trainSeed;
    }

    static CharLstmWeights of(Checkpoint checkpoint) {
        var w = new CharLstmWeights(checkpoint.metadata().spec(), checkpoint.metadata().vocabulary(),
                checkpoint.metadata().seed());
        for (String name : model(w.spec()).variableNames()) {
            FloatTensor t = checkpoint.floatVariable(name);
            w.shapes.put(name, t.shape());
            w.values.put(name, t.values());
        }
        return w;
    }

    CharLstmSpec spec() {
        return CharLstmSpec.fromMap(spec);
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
        CharLstmModel model = model(spec());
        var weights = new LinkedHashMap<String, FloatTensor>();
        shapes.forEach((name, shape) -> weights.put(name, new FloatTensor(shape, values.get(name))));
        model.loadWeights(weights);
        return model;
    }

    private static CharLstmModel model(CharLstmSpec spec) {
        return CharLstmModel.create(spec, OptimizerSpec.adam(1e-3, 0, 0));
    }
}
