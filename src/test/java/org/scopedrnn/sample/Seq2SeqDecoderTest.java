package org.scopedrnn.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.model.OptimizerSpec;
import org.scopedrnn.model.Seq2SeqFixtures;
import org.scopedrnn.model.Seq2SeqModel;
import org.scopedrnn.model.Seq2SeqSpec;
import org.scopedrnn.scope.Reuse;

class Seq2SeqDecoderTest {

    private static final int SYMBOLS = 6;
    private static final int START = 6;
    private static final int END = 7;

    private static Seq2SeqDecoder randomDecoder(Seq2SeqSpec spec, long seed, double scale) {
        return Seq2SeqDecoder.fromWeights(spec, Seq2SeqFixtures.randomWeights(spec, seed, scale));
    }

    @Test
    void teacherForcedLogProbabilitiesEqualTheTrainingGraphs() {
        for (Seq2SeqSpec spec : List.of(Seq2SeqSpec.of(5, 8, 3, 4),
                Seq2SeqSpec.of(5, 8, 3, 4).withScopes("shared", "shared", Reuse.AUTO_REUSE),
                new Seq2SeqSpec(8, 8, 3, 4, null, null, Reuse.NONE, true))) {
            Seq2SeqModel model = Seq2SeqModel.create(spec, OptimizerSpec.adam(0.01, 5, 1));
            model.loadWeights(Seq2SeqFixtures.randomWeights(spec, 41, 0.8));
            Seq2SeqDecoder decoder = Seq2SeqDecoder.of(model);
            int[][] sources = {{1, 4, 2, 0}, {3}};
            int[][] targetsIn = {{START, 2, 5}, {START, 1, 1, 0, 2}};

            INDArray probs = model.graph().output(false, new INDArray[] {Seq2SeqFixtures.sourceIds(sources, 0),
                    Seq2SeqFixtures.ids(targetsIn, 0)}, new INDArray[] {Seq2SeqFixtures.sourceMask(sources),
                    Seq2SeqFixtures.mask(targetsIn)})[0];

            for (int b = 0; b < sources.length; b++) {
                double[][] lp = decoder.logProbabilities(sources[b], targetsIn[b]);
                for (int t = 0; t < targetsIn[b].length; t++) {
                    for (int v = 0; v < spec.targetVocab(); v++) {
                        assertEquals(Math.log(probs.getDouble(b, v, t)), lp[t][v], 1e-4, spec + " row " + b + " t " + t);
                    }
                }
            }
        }
    }

    @Test
    void sourcesOfDifferentLengthsDecodeAsIfAlone() {
        Seq2SeqDecoder decoder = randomDecoder(Seq2SeqSpec.of(6, 8, 4, 5), 42, 1.5);
        int[][] sources = {{1, 2, 3, 4, 5, 0, 1}, {2}, {5, 5, 1}};

        List<Seq2SeqDecoder.Hypothesis> together = decoder.greedy(sources, START, END, 10);

        for (int b = 0; b < sources.length; b++) {
            Seq2SeqDecoder.Hypothesis alone = decoder.greedy(new int[][] {sources[b]}, START, END, 10).get(0);
            assertArrayEquals(alone.ids(), together.get(b).ids(), "source " + b);
            assertEquals(alone.logProb(), together.get(b).logProb(), 1e-5);
        }
    }

    @Test
    void greedyStopsAtTheEndIdOrTheLengthLimit() {
        Seq2SeqSpec spec = Seq2SeqSpec.of(6, 8, 4, 5);
        Map<String, FloatTensor> w = new LinkedHashMap<>(Seq2SeqFixtures.randomWeights(spec, 43, 0.5));
        // a bias that makes the end id certain, then one that makes it impossible
        float[] endAlways = new float[8];
        endAlways[END] = 50;
        w.put("fully_connected/biases", new FloatTensor(new long[] {8}, endAlways));
        Seq2SeqDecoder.Hypothesis ended = Seq2SeqDecoder.fromWeights(spec, w).greedy(new int[][] {{1}}, START, END, 5)
                .get(0);
        assertEquals(0, ended.ids().length);
        assertTrue(ended.finished());
        assertEquals(0.0, ended.logProb(), 1e-6);

        float[] endNever = new float[8];
        endNever[END] = -50;
        endNever[3] = 50;
        w.put("fully_connected/biases", new FloatTensor(new long[] {8}, endNever));
        Seq2SeqDecoder.Hypothesis cut = Seq2SeqDecoder.fromWeights(spec, w).greedy(new int[][] {{1}}, START, END, 4)
                .get(0);
        assertArrayEquals(new int[] {3, 3, 3, 3}, cut.ids());
        assertFalse(cut.finished());
    }

    @Test
    void beamOfWidthOneIsGreedy() {
        Seq2SeqDecoder decoder = randomDecoder(Seq2SeqSpec.of(6, 8, 4, 6), 44, 1.5);
        int[][] sources = Seq2SeqFixtures.copySources(new Random(2), 12, SYMBOLS);

        List<Seq2SeqDecoder.Hypothesis> greedy = decoder.greedy(sources, START, END, 8);
        List<Seq2SeqDecoder.Hypothesis> beam = decoder.beam(sources, 1, START, END, 8);

        for (int b = 0; b < sources.length; b++) {
            assertArrayEquals(greedy.get(b).ids(), beam.get(b).ids(), "source " + b);
            assertEquals(greedy.get(b).finished(), beam.get(b).finished(), "source " + b);
            assertEquals(greedy.get(b).logProb(), beam.get(b).logProb(), 1e-5, "source " + b);
        }
    }

    @Test
    void wideBeamFindsTheMostProbableSequenceByExhaustiveSearch() {
        Seq2SeqSpec spec = Seq2SeqSpec.of(3, 4, 3, 4); // target ids 0, 1; start 2, end 3
        Seq2SeqDecoder decoder = randomDecoder(spec, 45, 2.0);
        int[] source = {0, 2, 1};
        int maxLength = 4;

        // every finished output of at most maxLength steps: up to 3 ids from {0, 1, 2(start), 3 is end}
        double best = Double.NEGATIVE_INFINITY;
        int[] bestIds = null;
        for (int[] ids : allSequences(3, maxLength - 1)) {
            int[] in = new int[ids.length + 1];
            in[0] = 2;
            System.arraycopy(ids, 0, in, 1, ids.length);
            double[][] lp = decoder.logProbabilities(source, in);
            double total = 0;
            for (int t = 0; t < ids.length; t++) {
                total += lp[t][ids[t]];
            }
            total += lp[ids.length][3];
            if (total > best) {
                best = total;
                bestIds = ids;
            }
        }

        Seq2SeqDecoder.Hypothesis found = decoder.beam(new int[][] {source}, 40, 2, 3, maxLength).get(0);

        assertArrayEquals(bestIds, found.ids());
        assertEquals(best, found.logProb(), 1e-5);
        assertTrue(found.finished());
        Seq2SeqDecoder.Hypothesis greedy = decoder.greedy(new int[][] {source}, 2, 3, maxLength).get(0);
        assertTrue(found.logProb() >= greedy.logProb() - 1e-9 || !greedy.finished());
    }

    /** Every sequence over {@code 0 .. symbols-1} of length 0 .. maxLength. */
    private static List<int[]> allSequences(int symbols, int maxLength) {
        var out = new ArrayList<int[]>();
        out.add(new int[0]);
        List<int[]> previous = List.of(new int[0]);
        for (int len = 1; len <= maxLength; len++) {
            var next = new ArrayList<int[]>();
            for (int[] p : previous) {
                for (int s = 0; s < symbols; s++) {
                    int[] q = java.util.Arrays.copyOf(p, len);
                    q[len - 1] = s;
                    next.add(q);
                }
            }
            out.addAll(next);
            previous = next;
        }
        return out;
    }

    @Test
    void weightsMustMatchTheSpecByName() {
        Seq2SeqSpec spec = Seq2SeqSpec.of(6, 8, 4, 5);
        Map<String, Tensor> w = new LinkedHashMap<>(Seq2SeqFixtures.randomWeights(spec, 46, 0.5));
        w.remove("decoder_embedding");
        w.put("extra", FloatTensor.scalar(1));
        w.put("fully_connected/biases", new FloatTensor(new long[] {9}, new float[9]));

        var e = assertThrows(IllegalArgumentException.class, () -> Seq2SeqDecoder.fromWeights(spec, w));

        assertTrue(e.getMessage().contains("missing [decoder_embedding]"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected [extra]"), e.getMessage());
        assertTrue(e.getMessage().contains("fully_connected/biases has shape [9], expected [8]"), e.getMessage());
    }

    @Test
    void idsOutsideTheVocabulariesAreRejected() {
        Seq2SeqDecoder decoder = randomDecoder(Seq2SeqSpec.of(6, 8, 4, 5), 47, 0.5);
        assertThrows(IllegalArgumentException.class, () -> decoder.greedy(new int[][] {{6}}, START, END, 3));
        assertThrows(IllegalArgumentException.class, () -> decoder.greedy(new int[][] {{}}, START, END, 3));
        assertThrows(IllegalArgumentException.class, () -> decoder.greedy(new int[][] {{1}}, 8, END, 3));
        assertThrows(IllegalArgumentException.class, () -> decoder.beam(new int[][] {{1}}, 0, START, END, 3));
    }

    @Test
    void trainingOnTheCopyTaskLearnsToCopy() {
        Seq2SeqSpec spec = Seq2SeqSpec.of(SYMBOLS, SYMBOLS + 2, 16, 64);
        Seq2SeqModel model = Seq2SeqModel.create(spec, OptimizerSpec.adam(0.02, 5, 7));
        Random rnd = new Random(11);
        long start = System.nanoTime();
        int steps = 300;
        for (int step = 0; step < steps; step++) {
            int[][] sources = Seq2SeqFixtures.copySources(rnd, 32, SYMBOLS);
            model.graph().fit(Seq2SeqFixtures.batch(sources, sources, START, END, spec.targetVocab()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Seq2SeqDecoder decoder = Seq2SeqDecoder.of(model);
        int[][] test = Seq2SeqFixtures.copySources(new Random(99), 200, SYMBOLS);
        double greedy = accuracy(decoder.greedy(test, START, END, 8), test);
        double beam = accuracy(decoder.beam(test, 3, START, END, 8), test);

        System.out.printf("copy task: %d steps in %.1f s, greedy exact match %.3f, beam(3) %.3f%n", steps, seconds,
                greedy, beam);
        assertTrue(greedy > 0.9, "greedy exact-match accuracy " + greedy);
        assertTrue(beam > 0.9, "beam exact-match accuracy " + beam);
    }

    private static double accuracy(List<Seq2SeqDecoder.Hypothesis> outputs, int[][] expected) {
        int right = 0;
        for (int i = 0; i < expected.length; i++) {
            if (outputs.get(i).finished() && java.util.Arrays.equals(outputs.get(i).ids(), expected[i])) {
                right++;
            }
        }
        return (double) right / expected.length;
    }
}
