package org.scopedrnn.sample.internal;

import org.scopedrnn.model.SteppedLstm;

/**
 * Decoding steps of a seq2seq decoder for one thread: the decoder LSTM fed the previous target ids,
 * then the output projection and a log-softmax per row (in double, as callers add log-probabilities
 * up). Holds the scratch of both for up to {@code capacity} rows.
 */
public final class DecoderSteps {

    private final SteppedLstm.Run lstm;
    private final SteppedLstm.Projection projection;
    private final int vocab;
    private final float[] logits;

    public DecoderSteps(SteppedLstm decoder, SteppedLstm.Dense output, int capacity) {
        lstm = decoder.run(capacity);
        projection = output.run(capacity);
        vocab = output.outputs();
        logits = new float[capacity * vocab];
    }

    /**
     * Advances the first {@code rows} rows of the state ({@code h}, {@code c}, in place) by
     * {@code previousIds}; returns the next ids' log-probabilities {@code [rows][vocab]}.
     */
    public double[][] step(int rows, int[] previousIds, float[] h, float[] c) {
        lstm.step(rows, previousIds, h, c);
        projection.apply(rows, h, logits);
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = logSoftmax(r * vocab);
        }
        return out;
    }

    private double[] logSoftmax(int off) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < vocab; j++) {
            max = Math.max(max, logits[off + j]);
        }
        double sum = 0;
        for (int j = 0; j < vocab; j++) {
            sum += Math.exp(logits[off + j] - max);
        }
        double logSum = Math.log(sum);
        double[] out = new double[vocab];
        for (int j = 0; j < vocab; j++) {
            out[j] = logits[off + j] - max - logSum;
        }
        return out;
    }
}
