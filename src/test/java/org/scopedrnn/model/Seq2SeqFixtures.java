package org.scopedrnn.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.scopedrnn.checkpoint.FloatTensor;

/**
 * Shared seq2seq fixtures for model and sample tests: canonical weights keyed by the names in
 * DESIGN.md (written out here, not taken from the code under test), a plain-Java TensorFlow
 * BasicLSTMCell encoder-decoder to compare against, batches in the graph's input format, and the
 * synthetic copy task.
 */
public final class Seq2SeqFixtures {

    private Seq2SeqFixtures() {
    }

    /** Explicit scopes encode_cell / decode_cell, separate embeddings. */
    public static Seq2SeqSpec tiny(int sourceVocab, int targetVocab, int embedding, int hidden) {
        return Seq2SeqSpec.of(sourceVocab, targetVocab, embedding, hidden);
    }

    /** The LSTM scope names the spec resolves to (unique defaults are rnn, rnn_1). */
    static String encoderScope(Seq2SeqSpec spec) {
        return spec.encoderScope() == null ? "rnn" : spec.encoderScope();
    }

    static String decoderScope(Seq2SeqSpec spec) {
        return spec.decoderScope() == null ? "rnn_1" : spec.decoderScope();
    }

    static boolean sharedLstm(Seq2SeqSpec spec) {
        return spec.decoderScope() != null && spec.decoderScope().equals(spec.encoderScope());
    }

    /** Canonical tensors for {@code spec}, uniform in [-scale, scale], in declaration order. */
    public static Map<String, FloatTensor> randomWeights(Seq2SeqSpec spec, long seed, double scale) {
        var rnd = new Random(seed);
        int e = spec.embeddingSize();
        int h = spec.hiddenSize();
        var out = new LinkedHashMap<String, FloatTensor>();
        if (spec.sharedEmbedding()) {
            out.put("embedding", TestModels.random(rnd, scale, spec.sourceVocab(), e));
        } else {
            out.put("encoder_embedding", TestModels.random(rnd, scale, spec.sourceVocab(), e));
        }
        out.put(encoderScope(spec) + "/lstm_cell/kernel", TestModels.random(rnd, scale, e + h, 4L * h));
        out.put(encoderScope(spec) + "/lstm_cell/bias", TestModels.random(rnd, scale, 4L * h));
        if (!spec.sharedEmbedding()) {
            out.put("decoder_embedding", TestModels.random(rnd, scale, spec.targetVocab(), e));
        }
        if (!sharedLstm(spec)) {
            out.put(decoderScope(spec) + "/lstm_cell/kernel", TestModels.random(rnd, scale, e + h, 4L * h));
            out.put(decoderScope(spec) + "/lstm_cell/bias", TestModels.random(rnd, scale, 4L * h));
        }
        out.put("fully_connected/weights", TestModels.random(rnd, scale, h, spec.targetVocab()));
        out.put("fully_connected/biases", TestModels.random(rnd, scale, spec.targetVocab()));
        return out;
    }

    /**
     * TensorFlow's math in double loops: BasicLSTMCell encoder over {@code source} from zero state, the
     * decoder from the encoder's final (h, c) over {@code targetIn}, logits = h W + b. Returns logits
     * {@code [Tt][Vt]}.
     */
    public static double[][] referenceLogits(Seq2SeqSpec spec, Map<String, FloatTensor> w, int[] source,
            int[] targetIn) {
        int h = spec.hiddenSize();
        String encEmb = spec.sharedEmbedding() ? "embedding" : "encoder_embedding";
        String decEmb = spec.sharedEmbedding() ? "embedding" : "decoder_embedding";
        String dec = sharedLstm(spec) ? encoderScope(spec) : decoderScope(spec);
        double[] hs = new double[h];
        double[] cs = new double[h];
        for (int id : source) {
            step(w, encoderScope(spec), embed(w.get(encEmb), id, spec.embeddingSize()), hs, cs);
        }
        float[] fw = w.get("fully_connected/weights").values();
        float[] fb = w.get("fully_connected/biases").values();
        int vt = spec.targetVocab();
        double[][] logits = new double[targetIn.length][vt];
        for (int t = 0; t < targetIn.length; t++) {
            step(w, dec, embed(w.get(decEmb), targetIn[t], spec.embeddingSize()), hs, cs);
            for (int v = 0; v < vt; v++) {
                double s = fb[v];
                for (int u = 0; u < h; u++) {
                    s += hs[u] * fw[u * vt + v];
                }
                logits[t][v] = s;
            }
        }
        return logits;
    }

    /** Softmax of each row. */
    public static double[][] softmax(double[][] logits) {
        double[][] p = new double[logits.length][];
        for (int t = 0; t < logits.length; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double l : logits[t]) {
                max = Math.max(max, l);
            }
            double sum = 0;
            p[t] = new double[logits[t].length];
            for (int v = 0; v < p[t].length; v++) {
                p[t][v] = Math.exp(logits[t][v] - max);
                sum += p[t][v];
            }
            for (int v = 0; v < p[t].length; v++) {
                p[t][v] /= sum;
            }
        }
        return p;
    }

    private static double[] embed(FloatTensor table, int id, int e) {
        double[] x = new double[e];
        for (int j = 0; j < e; j++) {
            x[j] = table.values()[id * e + j];
        }
        return x;
    }

    /** One TF BasicLSTMCell step (gates i, j, f, o; forget bias 1.0), updating h and c in place. */
    private static void step(Map<String, FloatTensor> w, String scope, double[] x, double[] hs, double[] cs) {
        int h = hs.length;
        float[] kernel = w.get(scope + "/lstm_cell/kernel").values();
        float[] bias = w.get(scope + "/lstm_cell/bias").values();
        double[] xh = new double[x.length + h];
        System.arraycopy(x, 0, xh, 0, x.length);
        System.arraycopy(hs, 0, xh, x.length, h);
        for (int u = 0; u < h; u++) {
            double[] z = new double[4];
            for (int g = 0; g < 4; g++) {
                int col = g * h + u;
                double s = bias[col];
                for (int r = 0; r < xh.length; r++) {
                    s += xh[r] * kernel[r * 4 * h + col];
                }
                z[g] = s;
            }
            cs[u] = cs[u] * sigmoid(z[2] + 1.0) + sigmoid(z[0]) * Math.tanh(z[1]);
            hs[u] = Math.tanh(cs[u]) * sigmoid(z[3]);
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Ids {@code [B, 1, T]} right-padded with {@code pad}, T = the longest row. */
    public static INDArray ids(int[][] rows, int pad) {
        int t = maxLength(rows);
        INDArray x = Nd4j.zeros(DataType.FLOAT, rows.length, 1, t);
        for (int b = 0; b < rows.length; b++) {
            for (int s = 0; s < t; s++) {
                x.putScalar(new long[] {b, 0, s}, s < rows[b].length ? rows[b][s] : pad);
            }
        }
        return x;
    }

    /** Source ids {@code [B, 1, T]} as the model takes them: left-padded with {@code pad}, T = the longest row. */
    public static INDArray sourceIds(int[][] rows, int pad) {
        int t = maxLength(rows);
        INDArray x = Nd4j.zeros(DataType.FLOAT, rows.length, 1, t);
        for (int b = 0; b < rows.length; b++) {
            int start = t - rows[b].length;
            for (int s = 0; s < t; s++) {
                x.putScalar(new long[] {b, 0, s}, s >= start ? rows[b][s - start] : pad);
            }
        }
        return x;
    }

    /** Source mask {@code [B, T]}: 1 at each left-padded row's real positions (the last ones). */
    public static INDArray sourceMask(int[][] rows) {
        int t = maxLength(rows);
        INDArray m = Nd4j.zeros(DataType.FLOAT, rows.length, t);
        for (int b = 0; b < rows.length; b++) {
            for (int s = t - rows[b].length; s < t; s++) {
                m.putScalar(b, s, 1);
            }
        }
        return m;
    }

    /** Mask {@code [B, T]}: 1 for each right-padded row's real positions. */
    public static INDArray mask(int[][] rows) {
        int t = maxLength(rows);
        INDArray m = Nd4j.zeros(DataType.FLOAT, rows.length, t);
        for (int b = 0; b < rows.length; b++) {
            for (int s = 0; s < rows[b].length; s++) {
                m.putScalar(b, s, 1);
            }
        }
        return m;
    }

    /** One-hot labels {@code [B, V, T]}, all-zero columns after each row's end. */
    public static INDArray oneHot(int[][] rows, int vocab) {
        int t = maxLength(rows);
        INDArray y = Nd4j.zeros(DataType.FLOAT, rows.length, vocab, t);
        for (int b = 0; b < rows.length; b++) {
            for (int s = 0; s < rows[b].length; s++) {
                y.putScalar(new long[] {b, rows[b][s], s}, 1);
            }
        }
        return y;
    }

    /**
     * A training batch in the graph's format: target_in = start + target, labels = target + end, both
     * masked to the target's length + 1.
     */
    public static MultiDataSet batch(int[][] sources, int[][] targets, int startId, int endId, int targetVocab) {
        int[][] in = new int[targets.length][];
        int[][] out = new int[targets.length][];
        for (int b = 0; b < targets.length; b++) {
            in[b] = new int[targets[b].length + 1];
            out[b] = new int[targets[b].length + 1];
            in[b][0] = startId;
            System.arraycopy(targets[b], 0, in[b], 1, targets[b].length);
            System.arraycopy(targets[b], 0, out[b], 0, targets[b].length);
            out[b][targets[b].length] = endId;
        }
        INDArray targetMask = mask(in);
        return new MultiDataSet(new INDArray[] {sourceIds(sources, 0), ids(in, 0)}, new INDArray[] {oneHot(out, targetVocab)},
                new INDArray[] {sourceMask(sources), targetMask}, new INDArray[] {targetMask.dup()});
    }

    /** Copy task: sources of 3-5 symbols from {@code 0 .. symbols-1}; the target equals the source. */
    public static int[][] copySources(Random rnd, int count, int symbols) {
        int[][] rows = new int[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = new int[3 + rnd.nextInt(3)];
            for (int s = 0; s < rows[i].length; s++) {
                rows[i][s] = rnd.nextInt(symbols);
            }
        }
        return rows;
    }

    /** Splits rows into batches of {@code size}. */
    public static List<int[][]> chunks(int[][] rows, int size) {
        var out = new ArrayList<int[][]>();
        for (int i = 0; i < rows.length; i += size) {
            int n = Math.min(size, rows.length - i);
            int[][] chunk = new int[n][];
            System.arraycopy(rows, i, chunk, 0, n);
            out.add(chunk);
        }
        return out;
    }

    private static int maxLength(int[][] rows) {
        int t = 0;
        for (int[] r : rows) {
            t = Math.max(t, r.length);
        }
        return t;
    }
}
