package org.scopedrnn.train;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.scopedrnn.data.ExecutorPairs;
import org.scopedrnn.data.PairScorer;
import org.scopedrnn.data.ValidationSum;
import org.scopedrnn.model.OptimizerSpec;
import org.scopedrnn.model.Seq2SeqModel;
import org.scopedrnn.model.Seq2SeqSpec;

/**
 * A seq2seq model's validation loss scored on the executors that hold the validation pairs
 * ({@link ExecutorPairs#validation}): the driver broadcasts the model's spec and parameters (the
 * model's size, not the data's), each executor thread rebuilds the model once per broadcast and
 * scores its own pairs, the driver adds the sums. Masked, teacher forced, nats per target
 * character (END included), as {@link Seq2SeqTrainer#validationLoss} scores pairs on the driver.
 */
public final class Seq2SeqExecutorValidation {

    /** Pairs per scoring minibatch, as {@link Seq2SeqTrainer#validationLoss} uses. */
    public static final int BATCH_PAIRS = 64;

    /** What the driver broadcasts: enough to rebuild the model on an executor. */
    public record Params(Map<String, Object> spec, INDArray params) implements Serializable {
    }

    /** One model per executor thread (a graph is not safe to share), rebuilt when the broadcast changes. */
    private static final ThreadLocal<Map.Entry<Params, Seq2SeqModel>> MODELS = new ThreadLocal<>();

    private static final PairScorer<Params> SCORER = (p, batch) -> nllSum(modelFor(p), batch)[0];

    private Seq2SeqExecutorValidation() {
    }

    /** Mean nats per target character over {@code pairs}' validation pairs (NaN when there are none). */
    public static double loss(JavaSparkContext sc, ExecutorPairs pairs, Seq2SeqModel model) {
        return sum(sc, pairs, model).natsPerChar();
    }

    /** The summed nats and target characters (END included) behind {@link #loss}. */
    public static ValidationSum sum(JavaSparkContext sc, ExecutorPairs pairs, Seq2SeqModel model) {
        var spec = new LinkedHashMap<String, Object>(model.spec().toMap());
        Broadcast<Params> params = sc.broadcast(new Params(spec, model.graph().params().dup()));
        try {
            return pairs.validation(params, SCORER, BATCH_PAIRS, Seq2SeqTrainer.FORMAT);
        } finally {
            params.destroy();
        }
    }

    /** Summed negative log-likelihood of {@code batch}'s unmasked labels, and their count. */
    static double[] nllSum(Seq2SeqModel model, MultiDataSet batch) {
        model.graph().setLayerMaskArrays(batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
        INDArray probs = model.graph().output(false, batch.getFeatures())[0];
        model.graph().clearLayerMaskArrays();
        INDArray labels = batch.getLabels(0);
        INDArray mask = batch.getLabelsMaskArray(0);
        INDArray logp = Transforms.log(Transforms.max(probs, 1e-30, false), false).muli(labels).sum(1);
        return new double[] {-logp.muli(mask).sumNumber().doubleValue(), mask.sumNumber().doubleValue()};
    }

    private static Seq2SeqModel modelFor(Params p) {
        Map.Entry<Params, Seq2SeqModel> cached = MODELS.get();
        if (cached != null && cached.getKey() == p) {
            return cached.getValue();
        }
        // the optimizer plays no part in scoring (no update)
        Seq2SeqModel model = Seq2SeqModel.create(Seq2SeqSpec.fromMap(p.spec()), OptimizerSpec.adam(1e-3, 0, 0));
        model.graph().setParams(p.params());
        MODELS.set(Map.entry(p, model));
        return model;
    }
}
