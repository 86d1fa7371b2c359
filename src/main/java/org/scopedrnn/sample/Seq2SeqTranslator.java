package org.scopedrnn.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.model.ParamBinding;
import org.scopedrnn.model.Seq2SeqModel;
import org.scopedrnn.model.Seq2SeqSpec;
import org.scopedrnn.model.Seq2SeqVertex;

/**
 * Decodes with a trained encoder-decoder: a separate inference model that receives the trained
 * weights by canonical name and runs TensorFlow's BasicLSTMCell math (gates i, j, f, o, forget
 * bias 1.0) one step at a time, in plain Java, so nothing of the training graph is shared.
 * Greedy decoding, and beam search over summed log-probabilities.
 */
public final class Seq2SeqTranslator {

    private final Lstm encoder;
    private final Lstm decoder;
    private final FloatTensor encoderEmbedding;
    private final FloatTensor decoderEmbedding;
    private final FloatTensor outWeights;
    private final float[] outBiases;
    private final int startId;
    private final int endId;

    /** @param startId id fed first to the decoder; {@code endId} ends an output (not included in it) */
    public Seq2SeqTranslator(Seq2SeqModel model, int startId, int endId) {
        Map<String, FloatTensor> w = model.weights();
        String encKernel = null;
        String encBias = null;
        String decKernel = null;
        String decBias = null;
        String encEmb = null;
        String decEmb = null;
        String outW = null;
        String outB = null;
        for (ParamBinding b : model.bindings()) {
            if (b instanceof ParamBinding.SameDiffLstmKernel k) {
                if (k.prefix().equals(Seq2SeqVertex.ENCODER)) {
                    encKernel = k.variable();
                } else {
                    decKernel = k.variable();
                }
            } else if (b instanceof ParamBinding.SameDiffLstmBias k) {
                if (k.prefix().equals(Seq2SeqVertex.ENCODER)) {
                    encBias = k.variable();
                } else {
                    decBias = k.variable();
                }
            } else if (b instanceof ParamBinding.Same s) {
                switch (s.key()) {
                    case Seq2SeqVertex.ENCODER_EMBEDDING -> encEmb = s.variable();
                    case Seq2SeqVertex.DECODER_EMBEDDING -> decEmb = s.variable();
                    case Seq2SeqVertex.SHARED_EMBEDDING -> {
                        encEmb = s.variable();
                        decEmb = s.variable();
                    }
                    case "W" -> outW = s.variable();
                    case "b" -> outB = s.variable();
                    default -> throw new IllegalStateException("unexpected seq2seq parameter " + s);
                }
            }
        }
        Seq2SeqSpec spec = model.spec();
        this.encoder = new Lstm(w.get(encKernel), w.get(encBias), spec.embeddingSize(), spec.hiddenSize());
        // a decoder tied to the encoder (reuse) runs the encoder's variables
        this.decoder = decKernel == null ? encoder
                : new Lstm(w.get(decKernel), w.get(decBias), spec.embeddingSize(), spec.hiddenSize());
        this.encoderEmbedding = w.get(encEmb);
        this.decoderEmbedding = w.get(decEmb);
        this.outWeights = w.get(outW);
        this.outBiases = w.get(outB).values();
        this.startId = startId;
        this.endId = endId;
    }

    /** Greedy decoding: the most likely id at every step. */
    public List<int[]> greedy(List<int[]> sources, int maxLength) {
        return beam(sources, 1, maxLength);
    }

    /** Beam search with {@code width} hypotheses; width 1 is greedy. */
    public List<int[]> beam(List<int[]> sources, int width, int maxLength) {
        if (width < 1 || maxLength < 1) {
            throw new IllegalArgumentException("beam width and max length must be >= 1, got " + width + ", "
                    + maxLength);
        }
        var out = new ArrayList<int[]>(sources.size());
        for (int[] source : sources) {
            out.add(decodeOne(source, width, maxLength));
        }
        return out;
    }

    private record Hypothesis(int[] ids, double logProb, float[] h, float[] c, boolean done) {
    }

    private int[] decodeOne(int[] source, int width, int maxLength) {
        int hidden = encoder.hidden;
        float[] h = new float[hidden];
        float[] c = new float[hidden];
        for (int id : source) {
            encoder.step(row(encoderEmbedding, id), h, c);
        }
        List<Hypothesis> beam = List.of(new Hypothesis(new int[0], 0, h, c, false));
        for (int t = 0; t < maxLength && beam.stream().anyMatch(b -> !b.done()); t++) {
            var candidates = new ArrayList<Hypothesis>();
            for (Hypothesis hyp : beam) {
                if (hyp.done()) {
                    candidates.add(hyp);
                    continue;
                }
                float[] hh = hyp.h().clone();
                float[] cc = hyp.c().clone();
                int previous = hyp.ids().length == 0 ? startId : hyp.ids()[hyp.ids().length - 1];
                decoder.step(row(decoderEmbedding, previous), hh, cc);
                double[] logp = logSoftmax(hh);
                for (int id : topK(logp, width)) {
                    boolean end = id == endId;
                    int[] ids = end ? hyp.ids() : append(hyp.ids(), id);
                    candidates.add(new Hypothesis(ids, hyp.logProb() + logp[id], hh, cc, end));
                }
            }
            candidates.sort(Comparator.comparingDouble(Hypothesis::logProb).reversed());
            beam = candidates.subList(0, Math.min(width, candidates.size()));
        }
        return beam.get(0).ids();
    }

    private double[] logSoftmax(float[] h) {
        int v = outBiases.length;
        float[] w = outWeights.values();
        double[] logits = new double[v];
        for (int j = 0; j < v; j++) {
            logits[j] = outBiases[j];
        }
        for (int i = 0; i < h.length; i++) {
            double hi = h[i];
            int base = i * v;
            for (int j = 0; j < v; j++) {
                logits[j] += hi * w[base + j];
            }
        }
        double max = Arrays.stream(logits).max().orElse(0);
        double sum = 0;
        for (double l : logits) {
            sum += Math.exp(l - max);
        }
        double log = max + Math.log(sum);
        for (int j = 0; j < v; j++) {
            logits[j] -= log;
        }
        return logits;
    }

    private static int[] topK(double[] x, int k) {
        Integer[] idx = new Integer[x.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(x[b], x[a]));
        int[] out = new int[Math.min(k, idx.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    private static int[] append(int[] ids, int id) {
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = id;
        return out;
    }

    private static float[] row(FloatTensor matrix, int id) {
        int cols = (int) matrix.shape()[1];
        return Arrays.copyOfRange(matrix.values(), id * cols, (id + 1) * cols);
    }

    /** TF BasicLSTMCell with its kernel [in + h, 4h] and bias [4h], forget bias 1.0. */
    private static final class Lstm {
        final float[] kernel;
        final float[] bias;
        final int in;
        final int hidden;

        Lstm(FloatTensor kernel, FloatTensor bias, int in, int hidden) {
            this.kernel = kernel.values();
            this.bias = bias.values();
            this.in = in;
            this.hidden = hidden;
        }

        /** One step: updates {@code h} and {@code c} in place. */
        void step(float[] x, float[] h, float[] c) {
            int g = 4 * hidden;
            double[] z = new double[g];
            for (int j = 0; j < g; j++) {
                z[j] = bias[j];
            }
            accumulate(z, x, 0);
            accumulate(z, h, in);
            for (int u = 0; u < hidden; u++) {
                double i = sigmoid(z[u]);
                double j = Math.tanh(z[hidden + u]);
                double f = sigmoid(z[2 * hidden + u] + Seq2SeqSpec.FORGET_BIAS);
                double o = sigmoid(z[3 * hidden + u]);
                c[u] = (float) (c[u] * f + i * j);
                h[u] = (float) (Math.tanh(c[u]) * o);
            }
        }

        private void accumulate(double[] z, float[] v, int rowOffset) {
            int g = z.length;
            for (int r = 0; r < v.length; r++) {
                double vr = v[r];
                if (vr == 0) {
                    continue;
                }
                int base = (rowOffset + r) * g;
                for (int j = 0; j < g; j++) {
                    z[j] += vr * kernel[base + j];
                }
            }
        }

        private static double sigmoid(double x) {
            return 1 / (1 + Math.exp(-x));
        }
    }
}
