package org.scopedrnn.eval;

import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.sample.OneHot;

/**
 * Scores a model on text: zero initial state, state carried through the whole text, mean
 * negative log-likelihood of character t+1 given characters up to t.
 */
public final class CharEvaluator {

    /** Steps fed per rnnTimeStep call; the state carries across chunks, so this only bounds memory. */
    private static final int CHUNK = 512;

    private CharEvaluator() {
    }

    /** Over the first {@code maxTransitions} transitions of {@code ids} (all if <= 0). */
    public static Perplexity streaming(CharLstmModel model, int[] ids, long maxTransitions) {
        long transitions = ids.length - 1L;
        if (maxTransitions > 0) {
            transitions = Math.min(transitions, maxTransitions);
        }
        if (transitions < 1) {
            throw new IllegalArgumentException("text must have at least 2 characters to score, got " + ids.length);
        }
        ComputationGraph graph = model.graph();
        int vocab = model.spec().vocabSize();
        graph.rnnClearPreviousState();
        double total = 0;
        for (long start = 0; start < transitions; start += CHUNK) {
            int len = (int) Math.min(CHUNK, transitions - start);
            int[] chunk = Arrays.copyOfRange(ids, (int) start, (int) start + len);
            INDArray input = model.spec().input() == InputKind.ONE_HOT
                    ? OneHot.sequence(chunk, vocab) : OneHot.indices(chunk);
            INDArray probs = graph.rnnTimeStep(input)[0];
            for (int t = 0; t < len; t++) {
                int next = ids[(int) start + t + 1];
                total -= Math.log(Math.max(probs.getDouble(0, next, t), 1e-30));
            }
        }
        graph.rnnClearPreviousState();
        return new Perplexity(total / transitions, transitions);
    }

    /** Mean NLL of a batch of independent windows (zero state each), for validation. */
    public static double batchNllSum(ComputationGraph graph, DataSet batch) {
        INDArray probs = graph.output(false, batch.getFeatures())[0];
        // clamp: a softmax output can underflow to 0, and log(0) * 0 would turn the sum into NaN
        INDArray logp = Transforms.log(Transforms.max(probs, 1e-30, false), false);
        return -logp.muli(batch.getLabels()).sumNumber().doubleValue();
    }
}
