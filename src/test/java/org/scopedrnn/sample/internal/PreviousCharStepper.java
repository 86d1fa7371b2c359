package org.scopedrnn.sample.internal;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmVariables;
import org.scopedrnn.model.InputKind;

/** The CharStepper before it ran on the training kernel (Math.tanh, Java loops), kept as the old-vs-new reference.
 *
 * Batch-1 inference of a char model, one character per step, in plain Java over a snapshot of the
 * graph's parameters (DL4J layout: gate blocks a, f, o, g with the forget bias folded into
 * {@code b}). At batch 1 every ND4J op costs more in call overhead than in arithmetic, so this
 * does none: each step is a row lookup for the input character and a few vectorisable
 * {@code z += h_i * RW[i, :]} loops, and allocates nothing. Computes what the graph's
 * {@code rnnTimeStep} computes (same function, float arithmetic in a different order).
 */
public final class PreviousCharStepper {

    private final int vocab;
    private final int hidden;
    private final int layers;
    private final int inputDepth;
    private final boolean oneHot;
    private final float[] embedding;
    private final float[][] w;
    private final float[][] rw;
    private final float[][] b;
    private final float[] softmaxW;
    private final float[] softmaxB;
    private final float[][] h;
    private final float[][] c;
    private final float[] z;
    private final float[] probs;

    public PreviousCharStepper(CharLstmModel model) {
        ComputationGraph g = model.graph();
        var spec = model.spec();
        vocab = spec.vocabSize();
        hidden = spec.hiddenSize();
        layers = spec.layers();
        oneHot = spec.input() == InputKind.ONE_HOT;
        inputDepth = spec.inputDepth();
        embedding = oneHot ? null : rowMajor(g.getLayer(CharLstmVariables.EMBEDDING_VERTEX).getParam("W"));
        w = new float[layers][];
        rw = new float[layers][];
        b = new float[layers][];
        h = new float[layers][hidden];
        c = new float[layers][hidden];
        for (int k = 0; k < layers; k++) {
            var layer = g.getLayer(CharLstmModel.lstmVertex(k));
            w[k] = rowMajor(layer.getParam("W"));
            rw[k] = rowMajor(layer.getParam("RW"));
            b[k] = rowMajor(layer.getParam("b"));
        }
        var out = g.getLayer(CharLstmVariables.SOFTMAX_VERTEX);
        softmaxW = rowMajor(out.getParam("W"));
        softmaxB = rowMajor(out.getParam("b"));
        z = new float[4 * hidden];
        probs = new float[vocab];
    }

    private static float[] rowMajor(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    /** Zero state, as after {@code rnnClearPreviousState}. */
    public void reset() {
        for (int k = 0; k < layers; k++) {
            java.util.Arrays.fill(h[k], 0f);
            java.util.Arrays.fill(c[k], 0f);
        }
    }

    /**
     * Feeds one character and returns the next character's probabilities: an array owned by this
     * stepper, overwritten by the next call.
     */
    public float[] step(int id) {
        if (id < 0 || id >= vocab) {
            throw new IllegalArgumentException("character id " + id + " is outside the vocabulary of " + vocab);
        }
        int g4 = 4 * hidden;
        for (int k = 0; k < layers; k++) {
            float[] wk = w[k];
            System.arraycopy(b[k], 0, z, 0, g4);
            if (k == 0 && oneHot) {
                addRow(wk, id, 1f, g4);
            } else if (k == 0) {
                for (int i = 0; i < inputDepth; i++) {
                    addRow(wk, i, embedding[id * inputDepth + i], g4);
                }
            } else {
                float[] x = h[k - 1];
                for (int i = 0; i < hidden; i++) {
                    addRow(wk, i, x[i], g4);
                }
            }
            float[] hk = h[k];
            float[] rwk = rw[k];
            for (int i = 0; i < hidden; i++) {
                addRow(rwk, i, hk[i], g4);
            }
            float[] ck = c[k];
            for (int j = 0; j < hidden; j++) {
                float a = (float) Math.tanh(z[j]);
                float f = sigmoid(z[hidden + j]);
                float o = sigmoid(z[2 * hidden + j]);
                float gi = sigmoid(z[3 * hidden + j]);
                ck[j] = f * ck[j] + gi * a;
                hk[j] = o * (float) Math.tanh(ck[j]);
            }
        }
        float[] top = h[layers - 1];
        System.arraycopy(softmaxB, 0, probs, 0, vocab);
        for (int i = 0; i < hidden; i++) {
            float v = top[i];
            int off = i * vocab;
            for (int j = 0; j < vocab; j++) {
                probs[j] += v * softmaxW[off + j];
            }
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float p : probs) {
            max = Math.max(max, p);
        }
        double sum = 0;
        for (int j = 0; j < vocab; j++) {
            probs[j] = (float) Math.exp(probs[j] - max);
            sum += probs[j];
        }
        for (int j = 0; j < vocab; j++) {
            probs[j] = (float) (probs[j] / sum);
        }
        return probs;
    }

    /** {@code z += scale * m[row, :]} for a row-major matrix of width {@code n}; a loop C2 vectorises. */
    private void addRow(float[] m, int row, float scale, int n) {
        if (scale == 0f) {
            return;
        }
        int off = row * n;
        for (int j = 0; j < n; j++) {
            z[j] += scale * m[off + j];
        }
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }
}
