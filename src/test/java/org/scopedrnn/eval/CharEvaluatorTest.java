package org.scopedrnn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.scopedrnn.data.CharDataSets;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.TestModels;

class CharEvaluatorTest {

    private static final CharLstmSpec SPEC = TestModels.oneHot(6, 2, 4, 1.0);

    private final CharLstmModel model = TestModels.withRandomWeights(SPEC, 31);

    /** -ln p(next) at every step, from one graph.output over the whole sequence (zero state). */
    private static double[] stepLosses(CharLstmModel model, int[] ids) {
        INDArray out = model.graph().output(TestModels.input(model.spec(), ids))[0];
        double[] loss = new double[ids.length - 1];
        for (int t = 0; t + 1 < ids.length; t++) {
            loss[t] = -Math.log(out.getDouble(0, ids[t + 1], t));
        }
        return loss;
    }

    private static double mean(double[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s / n;
    }

    @Test
    void streamingIsTheMeanNegativeLogLikelihoodOfTheNextCharacter() {
        int[] ids = TestModels.randomIds(new Random(1), 40, 6);

        Perplexity p = CharEvaluator.streaming(model, ids, 0);

        assertEquals(39, p.chars());
        assertEquals(mean(stepLosses(model, ids), 39), p.natsPerChar(), 1e-6);
    }

    @Test
    void stateIsCarriedAcrossChunks() {
        // longer than the evaluator's 512-step chunk
        int[] ids = TestModels.randomIds(new Random(2), 1200, 6);
        double[] carried = stepLosses(model, ids);
        // what a reset of the state at step 512 would give
        double[] reset = carried.clone();
        int[] tail = Arrays.copyOfRange(ids, 512, ids.length);
        double[] tailLosses = stepLosses(model, tail);
        System.arraycopy(tailLosses, 0, reset, 512, tailLosses.length);
        double expected = mean(carried, 1199);
        assertTrue(Math.abs(mean(reset, 1199) - expected) > 1e-5,
                "the model should remember across the boundary for this test to mean anything");

        Perplexity p = CharEvaluator.streaming(model, ids, 0);

        assertEquals(1199, p.chars());
        assertEquals(expected, p.natsPerChar(), 1e-6);
    }

    @Test
    void maxTransitionsCapsTheScoredText() {
        int[] ids = TestModels.randomIds(new Random(3), 30, 6);

        Perplexity p = CharEvaluator.streaming(model, ids, 10);

        assertEquals(10, p.chars());
        assertEquals(mean(stepLosses(model, ids), 10), p.natsPerChar(), 1e-6);
    }

    @Test
    void maxTransitionsBeyondTheTextScoresAllOfIt() {
        int[] ids = TestModels.randomIds(new Random(4), 12, 6);

        assertEquals(11, CharEvaluator.streaming(model, ids, 1000).chars());
        assertEquals(11, CharEvaluator.streaming(model, ids, -1).chars());
    }

    @Test
    void streamingIsRepeatable() {
        int[] ids = TestModels.randomIds(new Random(5), 25, 6);
        assertEquals(CharEvaluator.streaming(model, ids, 0), CharEvaluator.streaming(model, ids, 0));
    }

    @Test
    void textOfOneCharacterCannotBeScored() {
        var e = assertThrows(IllegalArgumentException.class, () -> CharEvaluator.streaming(model, new int[] {3}, 0));
        assertTrue(e.getMessage().contains("at least 2 characters"), e.getMessage());
    }

    @Test
    void streamingWorksForEmbeddingInput() {
        CharLstmSpec spec = TestModels.embedding(6, 3, 1, 4);
        CharLstmModel embedding = TestModels.withRandomWeights(spec, 32);
        int[] ids = TestModels.randomIds(new Random(6), 600, 6);

        Perplexity p = CharEvaluator.streaming(embedding, ids, 0);

        assertEquals(mean(stepLosses(embedding, ids), 599), p.natsPerChar(), 1e-6);
    }

    @Test
    void batchNllSumIsTheSummedCrossEntropyOfEveryWindowFromZeroState() {
        int[] ids = TestModels.randomIds(new Random(7), 21, 6);
        int[] starts = {0, 10};
        DataSet batch = CharDataSets.toDataSet(ids, starts, 10, 6, true);

        double expected = 0;
        for (int s : starts) {
            double[] losses = stepLosses(model, Arrays.copyOfRange(ids, s, s + 11));
            for (double l : losses) {
                expected += l;
            }
        }

        assertEquals(expected, CharEvaluator.batchNllSum(model.graph(), batch), 1e-4);
    }

    @Test
    void bitsPerCharAreNatsOverLnTwo() {
        var p = new Perplexity(1.119, 100);
        assertEquals(1.119 / Math.log(2), p.bitsPerChar(), 1e-12);
        assertEquals(1.0, new Perplexity(Math.log(2), 1).bitsPerChar(), 1e-12);
    }

    @Test
    void summaryLineHasTheParsedFormat() {
        assertEquals("nats/char=1.119000 bits/char=1.614376 chars=12345", new Perplexity(1.119, 12345).summaryLine());
    }

    @Test
    void summaryLineIgnoresTheDefaultLocale() {
        var before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertEquals("nats/char=0.500000 bits/char=0.721348 chars=2", new Perplexity(0.5, 2).summaryLine());
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
