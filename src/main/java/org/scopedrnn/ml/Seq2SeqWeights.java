package org.scopedrnn.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.scopedrnn.checkpoint.Checkpoint;
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
    private final WeightValues weights;

    private Seq2SeqWeights(Checkpoint checkpoint) {
        // lists (the vocabularies) copied: the metadata's may be of a non-serializable kind
        checkpoint.metadata().spec().forEach((k, v) -> spec.put(k, v instanceof List<?> l ? new ArrayList<>(l) : v));
        weights = new WeightValues(checkpoint,
                Seq2SeqModel.create(Seq2SeqSpec.fromMap(spec), OptimizerSpec.adam(1e-3, 0, 0)).variableNames());
    }

    static Seq2SeqWeights of(Checkpoint checkpoint) {
        return new Seq2SeqWeights(checkpoint);
    }

    Seq2SeqVocabulary vocabulary() {
        return LoadedSeq2Seq.vocabulary(spec);
    }

    Seq2SeqDecoder decoder() {
        return Seq2SeqDecoder.fromWeights(Seq2SeqSpec.fromMap(spec), weights.tensors());
    }
}
