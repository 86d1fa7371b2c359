package org.scopedrnn.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TopKTest {

    private static final float[] P = {0.05f, 0.30f, 0.10f, 0.25f, 0.02f, 0.20f, 0.08f};
    private static final int ARGMAX = 1;
    private static final Set<Integer> TOP3 = Set.of(1, 3, 5);

    private static int draw(float[] p, double temperature, int topK, Random rnd) {
        return TopK.draw(p.clone(), temperature, topK, rnd);
    }

    private static int[] counts(float[] p, double temperature, int topK, int draws, long seed) {
        var rnd = new Random(seed);
        int[] c = new int[p.length];
        for (int i = 0; i < draws; i++) {
            c[draw(p, temperature, topK, rnd)]++;
        }
        return c;
    }

    @Test
    void topKOneAlwaysReturnsTheArgmax() {
        var rnd = new Random(1);
        for (int trial = 0; trial < 200; trial++) {
            float[] p = randomDistribution(rnd, 9);
            int best = 0;
            for (int i = 1; i < p.length; i++) {
                if (p[i] > p[best]) {
                    best = i;
                }
            }
            assertEquals(best, draw(p, 1.0, 1, rnd), "trial " + trial);
        }
    }

    @Test
    void topKNeverReturnsAnIdOutsideTheKMostLikely() {
        int[] c = counts(P, 1.0, 3, 3000, 2);

        for (int i = 0; i < P.length; i++) {
            if (TOP3.contains(i)) {
                assertTrue(c[i] > 0, "id " + i + " is among the top 3 and should be drawn sometimes");
            } else {
                assertEquals(0, c[i], "id " + i + " is outside the top 3");
            }
        }
    }

    @Test
    void keptCandidatesAreDrawnInProportionToTheirProbabilities() {
        int[] c = counts(P, 1.0, 3, 6000, 3);

        // renormalised over the top 3: 0.30, 0.25, 0.20 of 0.75
        assertEquals(0.40, c[1] / 6000.0, 0.03);
        assertEquals(0.3333, c[3] / 6000.0, 0.03);
        assertEquals(0.2667, c[5] / 6000.0, 0.03);
    }

    @Test
    void topKZeroOrAtLeastVocabularyMeansNoLimit() {
        for (int k : new int[] {0, P.length, P.length + 3}) {
            int[] c = counts(P, 1.0, k, 4000, 4);
            for (int i = 0; i < P.length; i++) {
                assertEquals(P[i], c[i] / 4000.0, 0.03, "k=" + k + " id " + i);
            }
        }
    }

    @Test
    void temperatureNearZeroBehavesLikeArgmax() {
        for (double t : new double[] {1e-2, 1e-3, 1e-6}) {
            int[] c = counts(P, t, 0, 500, 5);
            assertEquals(500, c[ARGMAX], "temperature " + t);
        }
    }

    @Test
    void highTemperatureFlattensTheDistribution() {
        float[] p = {0.9f, 0.1f};
        int[] c = counts(p, 100.0, 0, 4000, 6);
        // p^(1/100): 0.99895 vs 0.97724 -> 0.5055 / 0.4945
        assertEquals(0.4945, c[1] / 4000.0, 0.03);
    }

    @Test
    void lowTemperatureSharpensTheDistribution() {
        float[] p = {0.6f, 0.4f};
        int[] c = counts(p, 0.5, 0, 4000, 7);
        // p^2: 0.36 vs 0.16 -> 0.6923 / 0.3077
        assertEquals(0.6923, c[0] / 4000.0, 0.03);
    }

    @Test
    void seededRandomMakesDrawsReproducible() {
        var a = new Random(8);
        var b = new Random(8);
        for (int i = 0; i < 100; i++) {
            assertEquals(draw(P, 0.8, 4, a), draw(P, 0.8, 4, b));
        }
    }

    @Test
    void drawFromAnArrayLeavesTheModelOutputUntouched() {
        INDArray probs = Nd4j.createFromArray(P);
        float[] buffer = new float[P.length];

        TopK.draw(probs, buffer, 1.0, 2, new Random(9));

        float[] after = probs.toFloatVector();
        assertArrayEquals(P, after);
    }

    @Test
    void drawFromAnArrayMatchesDrawFromFloats() {
        INDArray probs = Nd4j.createFromArray(P);
        float[] buffer = new float[P.length];
        var a = new Random(10);
        var b = new Random(10);
        for (int i = 0; i < 50; i++) {
            assertEquals(draw(P, 1.3, 3, a), TopK.draw(probs, buffer, 1.3, 3, b));
        }
    }

    @Test
    void allZeroProbabilitiesFallBackToTheFirstId() {
        assertEquals(0, draw(new float[] {0f, 0f, 0f}, 1.0, 0, new Random(11)));
    }

    @Test
    void tiesAtTheThresholdStillKeepAtMostKCandidates() {
        float[] p = {0.2f, 0.2f, 0.2f, 0.4f};
        var rnd = new Random(12);
        Set<Integer> drawn = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            drawn.add(draw(p, 1.0, 2, rnd));
        }
        assertTrue(drawn.contains(3), "the most likely id must be kept");
        assertTrue(drawn.size() <= 2, "top-2 drew " + drawn);
    }

    private static float[] randomDistribution(Random rnd, int n) {
        float[] p = new float[n];
        float sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = rnd.nextFloat() + 1e-3f;
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
