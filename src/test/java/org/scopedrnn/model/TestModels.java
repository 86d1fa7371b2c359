package org.scopedrnn.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scopedrnn.checkpoint.FloatTensor;

/**
 * Shared fixtures for model, sample and data tests: tiny specs, seeded canonical weights built
 * from the names and layouts in DESIGN.md (not from the code under test), and a plain-Java
 * TensorFlow BasicLSTMCell stack to compare DL4J's output against.
 */
public final class TestModels {

    /** Reason for the disabled embedding-input tests (model, sample). */

    private TestModels() {
    }

    public static CharLstmSpec oneHot(int vocab, int layers, int hidden, double keepProb) {
        return new CharLstmSpec(vocab, layers, hidden, InputKind.ONE_HOT, 0, keepProb, 1.0,
                CharLstmSpec.DEFAULT_ROOT_SCOPE);
    }

    public static CharLstmSpec embedding(int vocab, int embeddingSize, int layers, int hidden) {
        return new CharLstmSpec(vocab, layers, hidden, InputKind.EMBEDDING, embeddingSize, 1.0, 1.0,
                CharLstmSpec.DEFAULT_ROOT_SCOPE);
    }

    public static OptimizerSpec adam(long seed) {
        return OptimizerSpec.adam(0.01, 0, seed);
    }

    public static String kernelName(String root, int cell) {
        return root + "/rnn/multi_rnn_cell/cell_" + cell + "/basic_lstm_cell/kernel";
    }

    public static String biasName(String root, int cell) {
        return root + "/rnn/multi_rnn_cell/cell_" + cell + "/basic_lstm_cell/bias";
    }

    /** Canonical (TensorFlow-layout) tensors for {@code spec}, uniform in [-scale, scale], in declaration order. */
    public static Map<String, FloatTensor> randomWeights(CharLstmSpec spec, long seed, double scale) {
        var rnd = new Random(seed);
        var out = new LinkedHashMap<String, FloatTensor>();
        int h = spec.hiddenSize();
        if (spec.input() == InputKind.EMBEDDING) {
            out.put("embedding", random(rnd, scale, spec.vocabSize(), spec.embeddingSize()));
        }
        for (int k = 0; k < spec.layers(); k++) {
            int in = k == 0 ? spec.inputDepth() : h;
            out.put(kernelName(spec.rootScope(), k), random(rnd, scale, in + h, 4L * h));
            out.put(biasName(spec.rootScope(), k), random(rnd, scale, 4L * h));
        }
        out.put("softmax/weights", random(rnd, scale, h, spec.vocabSize()));
        out.put("softmax/biases", random(rnd, scale, spec.vocabSize()));
        return out;
    }

    public static FloatTensor random(Random rnd, double scale, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        return new FloatTensor(shape, v);
    }

    /** A model whose weights are {@link #randomWeights}. */
    public static CharLstmModel withRandomWeights(CharLstmSpec spec, long seed) {
        return withRandomWeights(spec, seed, 0.5);
    }

    /** Larger scales give a model whose predictions depend strongly on its state. */
    public static CharLstmModel withRandomWeights(CharLstmSpec spec, long seed, double scale) {
        CharLstmModel model = CharLstmModel.create(spec, adam(seed));
        model.loadWeights(randomWeights(spec, seed, scale));
        return model;
    }

    public static int[] randomIds(Random rnd, int length, int vocab) {
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = rnd.nextInt(vocab);
        }
        return ids;
    }

    /** Model input for a batch of id sequences of equal length: one-hot {@code [B, V, T]} or ids {@code [B, 1, T]}. */
    public static INDArray input(CharLstmSpec spec, int[]... sequences) {
        int b = sequences.length;
        int t = sequences[0].length;
        boolean oneHot = spec.input() == InputKind.ONE_HOT;
        int depth = oneHot ? spec.vocabSize() : 1;
        INDArray x = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, b, depth, t);
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                if (oneHot) {
                    x.putScalar(new long[] {i, sequences[i][s], s}, 1.0);
                } else {
                    x.putScalar(new long[] {i, 0, s}, sequences[i][s]);
                }
            }
        }
        return x;
    }

    /**
     * TensorFlow's BasicLSTMCell stack + softmax, in plain double loops, zero initial state.
     * Returns softmax probabilities {@code [T][vocab]}.
     */
    public static double[][] referenceForward(CharLstmSpec spec, Map<String, FloatTensor> w, int[] ids) {
        int h = spec.hiddenSize();
        int layers = spec.layers();
        int vocab = spec.vocabSize();
        double[][] hs = new double[layers][h];
        double[][] cs = new double[layers][h];
        double[][] out = new double[ids.length][];
        for (int t = 0; t < ids.length; t++) {
            double[] x;
            if (spec.input() == InputKind.ONE_HOT) {
                x = new double[vocab];
                x[ids[t]] = 1;
            } else {
                FloatTensor emb = w.get("embedding");
                int e = spec.embeddingSize();
                x = new double[e];
                for (int j = 0; j < e; j++) {
                    x[j] = emb.values()[ids[t] * e + j];
                }
            }
            for (int k = 0; k < layers; k++) {
                float[] kernel = w.get(kernelName(spec.rootScope(), k)).values();
                float[] bias = w.get(biasName(spec.rootScope(), k)).values();
                double[] xh = new double[x.length + h];
                System.arraycopy(x, 0, xh, 0, x.length);
                System.arraycopy(hs[k], 0, xh, x.length, h);
                double[] z = new double[4 * h];
                for (int c = 0; c < 4 * h; c++) {
                    double s = bias[c];
                    for (int r = 0; r < xh.length; r++) {
                        s += xh[r] * kernel[r * 4 * h + c];
                    }
                    z[c] = s;
                }
                for (int u = 0; u < h; u++) {
                    double i = z[u];
                    double j = z[h + u];
                    double f = z[2 * h + u];
                    double o = z[3 * h + u];
                    cs[k][u] = cs[k][u] * sigmoid(f + spec.forgetBias()) + sigmoid(i) * Math.tanh(j);
                    hs[k][u] = Math.tanh(cs[k][u]) * sigmoid(o);
                }
                x = hs[k].clone();
            }
            float[] sw = w.get("softmax/weights").values();
            float[] sb = w.get("softmax/biases").values();
            double[] logits = new double[vocab];
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < vocab; v++) {
                double s = sb[v];
                for (int u = 0; u < h; u++) {
                    s += x[u] * sw[u * vocab + v];
                }
                logits[v] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int v = 0; v < vocab; v++) {
                logits[v] = Math.exp(logits[v] - max);
                sum += logits[v];
            }
            for (int v = 0; v < vocab; v++) {
                logits[v] /= sum;
            }
            out[t] = logits;
        }
        return out;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
