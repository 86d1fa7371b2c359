package org.scopedrnn.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.data.Seq2SeqVocabulary;
import org.scopedrnn.model.OptimizerSpec;
import org.scopedrnn.model.Seq2SeqModel;
import org.scopedrnn.model.Seq2SeqSpec;
import org.scopedrnn.sample.LoadedSeq2Seq;
import org.scopedrnn.sample.Seq2SeqDecoder;

/**
 * What an executor needs to translate with a fitted seq2seq model: the checkpoint's spec (with
 * both vocabularies) and the weights (no optimizer slots) as plain serializable values, broadcast
 * once per transformer. Each task builds a {@link Seq2SeqDecoder} from them, as {@code translate}
 * decodes with the model a checkpoint holds.
 */
final class Seq2SeqWeights implements Serializable {

    private final HashMap<String, Object> spec = new HashMap<>();
    private final LinkedHashMap<String, long[]> shapes = new LinkedHashMap<>();
    private final LinkedHashMap<String, float[]> values = new LinkedHashMap<>();

    private Seq2SeqWeights() {
    }

    static Seq2SeqWeights of(Checkpoint checkpoint) {
        var w = new Seq2SeqWeights();
        // lists (the vocabularies) copied: the metadata's may be of a non-serializable kind
        checkpoint.metadata().spec().forEach((k, v) -> w.spec.put(k, v instanceof List<?> l ? new ArrayList<>(l) : v));
        Seq2SeqSpec spec = Seq2SeqSpec.fromMap(w.spec);
        for (String name : Seq2SeqModel.create(spec, OptimizerSpec.adam(1e-3, 0, 0)).variableNames()) {
            FloatTensor t = checkpoint.floatVariable(name);
            w.shapes.put(name, t.shape());
            w.values.put(name, t.values());
        }
        return w;
    }

    Seq2SeqVocabulary vocabulary() {
        return LoadedSeq2Seq.vocabulary(spec);
    }

    Seq2SeqDecoder decoder() {
        Map<String, FloatTensor> weights = new LinkedHashMap<>();
        shapes.forEach((name, shape) -> weights.put(name, new FloatTensor(shape, values.get(name))));
        return Seq2SeqDecoder.fromWeights(Seq2SeqSpec.fromMap(spec), weights);
    }
}
