package org.scopedrnn.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.model.Seq2SeqFixtures;
import org.scopedrnn.model.Seq2SeqSpec;
import org.scopedrnn.scope.Reuse;

/** The decoder on the training LSTM kernel computes what the previous ND4J-op decoder computed. */
class Seq2SeqDecoderKernelTest {

    private static final int START = 6;
    private static final int END = 7;
    private static final int[][] SOURCES = {{1, 4, 2, 0, 5, 3}, {3}, {2, 2, 5}, {0, 1}};

    private static List<Seq2SeqSpec> specs() {
        return List.of(Seq2SeqSpec.of(6, 8, 5, 7),
                Seq2SeqSpec.of(6, 8, 5, 7).withScopes("shared", "shared", Reuse.AUTO_REUSE),
                new Seq2SeqSpec(8, 8, 4, 6, null, null, Reuse.NONE, true));
    }

    @Test
    void teacherForcedLogProbabilitiesMatchThePreviousDecoder() {
        for (Seq2SeqSpec spec : specs()) {
            Map<String, FloatTensor> w = Seq2SeqFixtures.randomWeights(spec, 51, 1.5);
            var now = Seq2SeqDecoder.fromWeights(spec, w);
            var before = PreviousSeq2SeqDecoder.fromWeights(spec, w);
            int[] targetIn = {START, 2, 5, 0, 0, 3, 1};
            for (int[] source : SOURCES) {
                double[][] expected = before.logProbabilities(source, targetIn);
                double[][] actual = now.logProbabilities(source, targetIn);
                for (int t = 0; t < targetIn.length; t++) {
                    assertArrayEquals(expected[t], actual[t], 1e-5, spec + " step " + t);
                }
            }
        }
    }

    @Test
    void greedyAndBeamDecodingMatchThePreviousDecoder() {
        for (Seq2SeqSpec spec : specs()) {
            Map<String, FloatTensor> w = Seq2SeqFixtures.randomWeights(spec, 52, 2.0);
            var now = Seq2SeqDecoder.fromWeights(spec, w);
            var before = PreviousSeq2SeqDecoder.fromWeights(spec, w);
            var greedy = now.greedy(SOURCES, START, END, 12);
            var greedyBefore = before.greedy(SOURCES, START, END, 12);
            for (int width : new int[] {1, 3}) {
                var beam = now.beam(SOURCES, width, START, END, 12);
                var beamBefore = before.beam(SOURCES, width, START, END, 12);
                for (int b = 0; b < SOURCES.length; b++) {
                    assertArrayEquals(beamBefore.get(b).ids(), beam.get(b).ids(), spec + " beam " + width + " " + b);
                    assertEquals(beamBefore.get(b).logProb(), beam.get(b).logProb(), 1e-4);
                    assertEquals(beamBefore.get(b).finished(), beam.get(b).finished());
                }
            }
            for (int b = 0; b < SOURCES.length; b++) {
                assertArrayEquals(greedyBefore.get(b).ids(), greedy.get(b).ids(), spec + " greedy " + b);
                assertEquals(greedyBefore.get(b).logProb(), greedy.get(b).logProb(), 1e-4);
            }
        }
    }
}
