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

    @Test
    void characterOutsideTheVocabularyIsRejectedNamingIt() {
        var stepper = new CharStepper(TestModels.withRandomWeights(TestModels.oneHot(5, 1, 3, 1.0), 1));
        var e = assertThrows(IllegalArgumentException.class, () -> stepper.step(5));
        assertEquals("character id 5 is outside the vocabulary of 5", e.getMessage());
    }
}
