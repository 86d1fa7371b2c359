package org.scopedrnn.sample;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Draws an id from a probability row after temperature scaling and top-k truncation. */
final class TopK {

    private TopK() {
    }

    /**
     * @param probs softmax output for one step, length = vocabulary
     * @param buffer scratch space of the same length, reused across steps
     */
    static int draw(INDArray probs, float[] buffer, double temperature, int topK, Random rnd) {
        int n = buffer.length;
        for (int i = 0; i < n; i++) {
            buffer[i] = probs.getFloat(i);
        }
        return draw(buffer, temperature, topK, rnd);
    }

    /** Works in place on {@code p}. Temperature T turns p into p^(1/T), i.e. logits / T. */
    static int draw(float[] p, double temperature, int topK, Random rnd) {
        int n = p.length;
        if (topK > 0 && topK < n) {
            float threshold = kthLargest(p, topK);
            int above = 0;
            for (float v : p) {
                if (v > threshold) {
                    above++;
                }
            }
            int tiesAllowed = topK - above; // ties at the threshold fill the rest, first come first kept
            for (int i = 0; i < n; i++) {
                if (p[i] == threshold && tiesAllowed > 0) {
                    tiesAllowed--;
                } else if (!(p[i] > threshold)) {
                    p[i] = 0f;
                }
            }
        }
        double total = 0;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = p[i] <= 0 ? 0 : (temperature == 1.0 ? p[i] : Math.pow(p[i], 1.0 / temperature));
            total += w[i];
        }
        if (!(total > 0)) {
            return argMax(p);
        }
        double u = rnd.nextDouble() * total;
        for (int i = 0; i < n; i++) {
            u -= w[i];
            if (u < 0) {
                return i;
            }
        }
        return argMax(p);
    }

    private static float kthLargest(float[] p, int k) {
        float[] copy = p.clone();
        java.util.Arrays.sort(copy);
        return copy[copy.length - k];
    }

    private static int argMax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
