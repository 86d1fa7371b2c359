package org.scopedrnn.sample.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.TestModels;

/** The plain-Java stepper predicts what the graph's rnnTimeStep predicts, state carried. */
class CharStepperTest {

    private static void matchesGraph(CharLstmSpec spec) {
        CharLstmModel model = TestModels.withRandomWeights(spec, 5, 2.0);
        ComputationGraph graph = model.graph();
        graph.rnnClearPreviousState();
        var stepper = new CharStepper(model);
        int[] ids = TestModels.randomIds(new Random(9), 30, spec.vocabSize());
        for (int t = 0; t < ids.length; t++) {
            INDArray expected = graph.rnnTimeStep(TestModels.input(spec, new int[] {ids[t]}))[0];
            float[] actual = stepper.step(ids[t]);
            for (int v = 0; v < spec.vocabSize(); v++) {
                assertEquals(expected.getFloat(0, v, 0), actual[v], 2e-5, "step " + t + ", character " + v);
            }
        }
        stepper.reset();
        graph.rnnClearPreviousState();
        INDArray first = graph.rnnTimeStep(TestModels.input(spec, new int[] {ids[3]}))[0];
        assertEquals(first.getFloat(0, 1, 0), stepper.step(ids[3])[1], 2e-5, "after reset");
    }

    @Test
    void oneHotModelPredictsWhatTheGraphPredicts() {
        matchesGraph(TestModels.oneHot(11, 2, 9, 1.0));
    }

    @Test
    void embeddingModelPredictsWhatTheGraphPredicts() {
        matchesGraph(TestModels.embedding(11, 4, 3, 6));
    }

    /** Old (Java loops, Math.tanh) against new (training kernel), batch 1, 40 steps of carried state. */
    private static void matchesPreviousStepper(CharLstmSpec spec) {
        CharLstmModel model = TestModels.withRandomWeights(spec, 6, 2.0);
        var before = new PreviousCharStepper(model);
        var now = new CharStepper(model);
        int[] ids = TestModels.randomIds(new Random(10), 40, spec.vocabSize());
        for (int t = 0; t < ids.length; t++) {
            float[] expected = before.step(ids[t]).clone();
            float[] actual = now.step(ids[t]);
            for (int v = 0; v < spec.vocabSize(); v++) {
                assertEquals(expected[v], actual[v], 1e-5, "step " + t + ", character " + v);
            }
        }
    }

    @Test
    void oneHotModelPredictsWhatThePreviousStepperPredicted() {
        matchesPreviousStepper(TestModels.oneHot(13, 3, 17, 1.0));
    }

    @Test
    void embeddingModelPredictsWhatThePreviousStepperPredicted() {
        matchesPreviousStepper(TestModels.embedding(13, 5, 2, 9));
    }

    @Test
    void streamsSideBySidePredictWhatEachPredictsAlone() {
        CharLstmSpec spec = TestModels.oneHot(11, 2, 9, 1.0);
        CharLstmModel model = TestModels.withRandomWeights(spec, 7, 2.0);
        int streams = 4;
        var together = new CharStepper(model, streams);
        var alone = new PreviousCharStepper[streams];
        int[][] ids = new int[streams][];
        for (int s = 0; s < streams; s++) {
            alone[s] = new PreviousCharStepper(model);
            ids[s] = TestModels.randomIds(new Random(20 + s), 25, spec.vocabSize());
        }
        int[] step = new int[streams];
        for (int t = 0; t < 25; t++) {
            for (int s = 0; s < streams; s++) {
                step[s] = ids[s][t];
            }
            float[] actual = together.step(step);
            for (int s = 0; s < streams; s++) {
                float[] expected = alone[s].step(ids[s][t]);
                for (int v = 0; v < spec.vocabSize(); v++) {
                    assertEquals(expected[v], actual[s * spec.vocabSize() + v], 1e-5, "stream " + s + " step " + t);
                }
            }
        }
    }

    @Test
    void characterOutsideTheVocabularyIsRejectedNamingIt() {
        var stepper = new CharStepper(TestModels.withRandomWeights(TestModels.oneHot(5, 1, 3, 1.0), 1));
        var e = assertThrows(IllegalArgumentException.class, () -> stepper.step(5));
        assertEquals("character id 5 is outside the vocabulary of 5", e.getMessage());
    }
}
