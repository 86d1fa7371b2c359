package org.scopedrnn.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.model.Seq2SeqFixtures;
import org.scopedrnn.model.Seq2SeqSpec;
import org.scopedrnn.scope.Reuse;

/**
 * The decoder on the training LSTM kernel computes TensorFlow's BasicLSTMCell encoder-decoder as the
 * hand-written double-precision reference does (what the previous ND4J-op decoder was tested
 * against), for separate, shared-LSTM and shared-embedding models with large weights (saturating
 * gates), and its greedy and beam searches pick what the reference scores best.
 */
class Seq2SeqDecoderKernelTest {

    private static final int START = 6;
    private static final int END = 7;
    private static final int[][] SOURCES = {{1, 4, 2, 0, 5, 3}, {3}, {2, 2, 5}, {0, 1}};

    private static List<Seq2SeqSpec> specs() {
        return List.of(Seq2SeqSpec.of(6, 8, 5, 7),
                Seq2SeqSpec.of(6, 8, 5, 7).withScopes("shared", "shared", Reuse.AUTO_REUSE),
                new Seq2SeqSpec(8, 8, 4, 6, null, null, Reuse.NONE, true));
    }

    private static double[][] referenceLogProbs(Seq2SeqSpec spec, Map<String, FloatTensor> w, int[] source,
            int[] targetIn) {
        double[][] p = Seq2SeqFixtures.softmax(Seq2SeqFixtures.referenceLogits(spec, w, source, targetIn));
        for (double[] row : p) {
            for (int v = 0; v < row.length; v++) {
                row[v] = Math.log(row[v]);
            }
        }
        return p;
    }

    @Test
    void teacherForcedLogProbabilitiesMatchTheReferenceCell() {
        int[] targetIn = {START, 2, 5, 0, 0, 3, 1};
        for (Seq2SeqSpec spec : specs()) {
            Map<String, FloatTensor> w = Seq2SeqFixtures.randomWeights(spec, 51, 1.5);
            var decoder = Seq2SeqDecoder.fromWeights(spec, w);
            for (int[] source : SOURCES) {
                double[][] expected = referenceLogProbs(spec, w, source, targetIn);
                double[][] actual = decoder.logProbabilities(source, targetIn);
                for (int t = 0; t < targetIn.length; t++) {
                    for (int v = 0; v < expected[t].length; v++) {
                        assertEquals(expected[t][v], actual[t][v], 1e-5 * Math.max(1, Math.abs(expected[t][v])),
                                spec + " step " + t + " id " + v);
                    }
                }
            }
        }
    }

    @Test
    void greedyAndBeamDecodingScoreTheirOutputsAsTheReferenceDoes() {
        for (Seq2SeqSpec spec : specs()) {
            Map<String, FloatTensor> w = Seq2SeqFixtures.randomWeights(spec, 52, 2.0);
            var decoder = Seq2SeqDecoder.fromWeights(spec, w);
            for (int width : new int[] {1, 3}) {
                List<Seq2SeqDecoder.Hypothesis> out = width == 1 ? decoder.greedy(SOURCES, START, END, 12)
                        : decoder.beam(SOURCES, width, START, END, 12);
                for (int b = 0; b < SOURCES.length; b++) {
                    Seq2SeqDecoder.Hypothesis hyp = out.get(b);
                    int[] ids = hyp.ids();
                    int[] targetIn = new int[ids.length + 1];
                    targetIn[0] = START;
                    System.arraycopy(ids, 0, targetIn, 1, ids.length);
                    double[][] lp = referenceLogProbs(spec, w, SOURCES[b], targetIn);
                    double sum = 0;
                    for (int t = 0; t < ids.length; t++) {
                        sum += lp[t][ids[t]];
                        if (width == 1) { // greedy: each id is the reference's most probable (up to rounding)
                            double best = java.util.Arrays.stream(lp[t]).max().orElseThrow();
                            assertTrue(lp[t][ids[t]] >= best - 1e-6, spec + " source " + b + " step " + t);
                        }
                    }
                    if (hyp.finished()) {
                        sum += lp[ids.length][END];
                    }
                    assertEquals(sum, hyp.logProb(), 1e-4, spec + " width " + width + " source " + b);
                }
            }
        }
    }
}
