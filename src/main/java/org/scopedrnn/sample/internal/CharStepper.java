package org.scopedrnn.sample.internal;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmVariables;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.SteppedLstm;

/**
 * Inference of a char model one character per step for {@code rows} streams side by side, over a
 * snapshot of the graph's parameters, on the LSTM kernel that trains ({@link SteppedLstm}): the
 * first layer looks its input projection up by character, every step does one recurrent GEMM per
 * layer (and one input GEMM above the first), one pass for all gates, and one GEMM for the
 * softmax layer; no ND4J op, and nothing is allocated per step. Computes what the graph's
 * {@code rnnTimeStep} computes (same function, float arithmetic in a different order).
 */
public final class CharStepper {

    private final int vocab;
    private final int rows;
    private final SteppedLstm.Run[] layers;
    private final SteppedLstm.Projection softmax;
    private final float[][] h;
    private final float[][] c;
    private final float[] probs;
    private final int[] single = new int[1];

    /** A stepper for one stream. */
    public CharStepper(CharLstmModel model) {
        this(model, 1);
    }

    /** A stepper for {@code rows} streams, each from the zero state. */
    public CharStepper(CharLstmModel model, int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("streams must be at least 1, got " + rows);
        }
        ComputationGraph g = model.graph();
        var spec = model.spec();
        this.vocab = spec.vocabSize();
        this.rows = rows;
        int hidden = spec.hiddenSize();
        layers = new SteppedLstm.Run[spec.layers()];
        h = new float[layers.length][rows * hidden];
        c = new float[layers.length][rows * hidden];
        for (int k = 0; k < layers.length; k++) {
            Layer layer = g.getLayer(CharLstmModel.lstmVertex(k));
            var lstm = SteppedLstm.ofDl4j(layer.getParam("W"), layer.getParam("RW"), layer.getParam("b"));
            if (k == 0) {
                lstm = lstm.withIdInputs(spec.input() == InputKind.ONE_HOT ? null
                        : g.getLayer(CharLstmVariables.EMBEDDING_VERTEX).getParam("W"));
            }
            layers[k] = lstm.run(rows);
        }
        var out = g.getLayer(CharLstmVariables.SOFTMAX_VERTEX);
        softmax = new SteppedLstm.Dense(out.getParam("W"), out.getParam("b")).run(rows);
        probs = new float[rows * vocab];
    }

    /** Zero state, as after {@code rnnClearPreviousState}. */
    public void reset() {
        for (int k = 0; k < layers.length; k++) {
            java.util.Arrays.fill(h[k], 0f);
            java.util.Arrays.fill(c[k], 0f);
        }
    }

    /**
     * Feeds one character (one stream) and returns the next character's probabilities: an array
     * owned by this stepper, overwritten by the next call.
     */
    public float[] step(int id) {
        single[0] = id;
        return step(single);
    }

    /**
     * Feeds character {@code ids[s]} to stream {@code s} and returns the next characters'
     * probabilities, stream {@code s} at {@code [s * vocab, (s + 1) * vocab)}: an array owned by this
     * stepper, overwritten by the next call.
     */
    public float[] step(int[] ids) {
        if (ids.length != rows) {
            throw new IllegalArgumentException("expected one character per stream (" + rows + "), got " + ids.length);
        }
        for (int id : ids) {
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("character id " + id + " is outside the vocabulary of " + vocab);
            }
        }
        layers[0].step(rows, ids, h[0], c[0]);
        for (int k = 1; k < layers.length; k++) {
            layers[k].step(rows, h[k - 1], h[k], c[k]);
        }
        softmax.apply(rows, h[layers.length - 1], probs);
        for (int r = 0; r < rows; r++) {
            softmaxRow(r * vocab);
        }
        return probs;
    }

    private void softmaxRow(int off) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = off; j < off + vocab; j++) {
            max = Math.max(max, probs[j]);
        }
        double sum = 0;
        for (int j = off; j < off + vocab; j++) {
            probs[j] = (float) Math.exp(probs[j] - max);
            sum += probs[j];
        }
        for (int j = off; j < off + vocab; j++) {
            probs[j] = (float) (probs[j] / sum);
        }
    }
}
