package org.scopedrnn.train;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.scopedrnn.data.BatchScorer;
import org.scopedrnn.data.ExecutorCorpus;
import org.scopedrnn.data.ValidationSum;
import org.scopedrnn.eval.CharEvaluator;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.LstmImpl;
import org.scopedrnn.model.OptimizerSpec;

/**
 * A char-LSTM's validation loss scored on the executors that hold the validation text
 * ({@link ExecutorCorpus#validation}): the driver broadcasts the model's spec and parameters (their
 * size is the model's, not the corpus's), each executor task rebuilds the model once per thread and
 * scores its own windows, the driver adds the sums. It lives here, not in {@code data}, because
 * {@code data} imports no model code.
 */
public final class CharLstmExecutorValidation {

    /** Windows per scoring minibatch, as {@link CharLstmTrainer#validationLoss} uses. */
    public static final int BATCH_WINDOWS = 64;

    /** What the driver broadcasts: enough to rebuild the model on an executor. */
    public record Params(Map<String, Object> spec, LstmImpl impl, INDArray params) implements Serializable {
    }

    /** One model per executor thread (a graph is not safe to share), rebuilt when the broadcast changes. */
    private static final ThreadLocal<Map.Entry<Params, CharLstmModel>> MODELS = new ThreadLocal<>();

    private static final BatchScorer<Params> SCORER =
            (p, batch) -> CharEvaluator.batchNllSum(modelFor(p).graph(), batch);

    private CharLstmExecutorValidation() {
    }

    /** Mean nats/char over {@code corpus}'s validation windows (NaN when it has none), dropout off. */
    public static double loss(JavaSparkContext sc, ExecutorCorpus corpus, CharLstmModel model) {
        return sum(sc, corpus, model).natsPerChar();
    }

    /** The summed nats and characters behind {@link #loss}. */
    public static ValidationSum sum(JavaSparkContext sc, ExecutorCorpus corpus, CharLstmModel model) {
        var spec = new LinkedHashMap<String, Object>(model.spec().toMap());
        Broadcast<Params> params = sc.broadcast(new Params(spec, model.lstmImpl(), model.graph().params().dup()));
        try {
            return corpus.validation(params, SCORER, model.spec().input() == InputKind.ONE_HOT, BATCH_WINDOWS);
        } finally {
            params.destroy();
        }
    }

    private static CharLstmModel modelFor(Params p) {
        Map.Entry<Params, CharLstmModel> cached = MODELS.get();
        if (cached != null && cached.getKey() == p) {
            return cached.getValue();
        }
        // the optimizer plays no part in scoring (no update, dropout off)
        CharLstmModel model = CharLstmModel.create(CharLstmSpec.fromMap(p.spec()), OptimizerSpec.adam(1e-3, 0, 0),
                p.impl());
        model.graph().setParams(p.params());
        MODELS.set(Map.entry(p, model));
        return model;
    }
}
