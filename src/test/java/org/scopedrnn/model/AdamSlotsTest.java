package org.scopedrnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.LongTensor;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.data.CharDataSets;
import org.scopedrnn.scope.Variable;

class AdamSlotsTest {

    private static final int VOCAB = 6;
    private static final int SEQ = 5;
    private static final int STEPS = 3;
    private static final CharLstmSpec SPEC = TestModels.oneHot(VOCAB, 2, 4, 1.0);
    private static final OptimizerSpec OPT = OptimizerSpec.adam(0.01, 0, 1);


    private CharLstmModel trained;
    private List<DataSet> batches;

    @BeforeEach
    void trainAFewSteps() {
        var rnd = new Random(42);
        batches = new ArrayList<>();
        for (int i = 0; i <= STEPS; i++) {
            int[] ids = TestModels.randomIds(rnd, 2 * SEQ + 1, VOCAB);
            batches.add(CharDataSets.toDataSet(ids, new int[] {0, SEQ}, SEQ, VOCAB, true));
        }
        trained = CharLstmModel.create(SPEC, OPT);
        for (int i = 0; i < STEPS; i++) {
            trained.graph().fit(batches.get(i));
        }
    }

    @Test
    void readHasBothMomentsOfEveryVariableThenBetaPowersAndGlobalStep() {
        Map<String, Tensor> slots = AdamSlots.read(trained);

        var expected = new ArrayList<String>();
        for (String v : trained.variableNames()) {
            expected.add(v + "/Adam");
            expected.add(v + "/Adam_1");
        }
        expected.addAll(List.of("beta1_power", "beta2_power", "global_step"));
        assertEquals(expected, List.copyOf(slots.keySet()));
    }

    @Test
    void momentsHaveTheirVariablesShapes() {
        Map<String, Tensor> slots = AdamSlots.read(trained);

        for (Variable v : trained.variables()) {
            for (String slot : List.of(v.name() + "/Adam", v.name() + "/Adam_1")) {
                FloatTensor t = assertInstanceOf(FloatTensor.class, slots.get(slot), slot);
                assertArrayEquals(v.shape(), t.shape(), slot);
                assertTrue(maxAbs(t) > 0, slot + " should be non-zero after training");
            }
        }
    }

    @Test
    void slotNamesAreTensorFlowsAdamSlotNames() {
        assertEquals("softmax/weights/Adam", AdamSlots.firstMoment("softmax/weights"));
        assertEquals("softmax/weights/Adam_1", AdamSlots.secondMoment("softmax/weights"));
    }

    @Test
    void betaPowersAreBetaToTheStepPlusOne() {
        Map<String, Tensor> slots = AdamSlots.read(trained);

        assertEquals(FloatTensor.scalar((float) Math.pow(0.9, STEPS + 1)), slots.get("beta1_power"));
        assertEquals(FloatTensor.scalar((float) Math.pow(0.999, STEPS + 1)), slots.get("beta2_power"));
    }

    @Test
    void globalStepIsAnInt64ScalarEqualToTheIterationCount() {
        Map<String, Tensor> slots = AdamSlots.read(trained);

        assertEquals(STEPS, trained.graph().getConfiguration().getIterationCount());
        assertEquals(LongTensor.scalar(STEPS), slots.get("global_step"));
    }

    @Test
    void freshModelHasZeroMomentsAndStepZero() {
        Map<String, Tensor> slots = AdamSlots.read(CharLstmModel.create(SPEC, OPT));

        for (String v : trained.variableNames()) {
            assertEquals(0.0, maxAbs((FloatTensor) slots.get(v + "/Adam")), v);
            assertEquals(0.0, maxAbs((FloatTensor) slots.get(v + "/Adam_1")), v);
        }
        assertEquals(LongTensor.scalar(0), slots.get("global_step"));
        assertEquals(FloatTensor.scalar(0.9f), slots.get("beta1_power"));
    }

    @Test
    void writingIntoAFreshModelReproducesTheUpdaterStateAndIterationCount() {
        CharLstmModel restored = restoredCopy(true);

        INDArray expected = trained.graph().getUpdater().getStateViewArray();
        assertEquals(expected, restored.graph().getUpdater().getStateViewArray());
        assertEquals(STEPS, restored.graph().getConfiguration().getIterationCount());
    }

    @Test
    void resumedModelTakesTheSameNextStepAsTheOriginal() {
        CharLstmModel restored = restoredCopy(true);

        trained.graph().fit(batches.get(STEPS));
        restored.graph().fit(batches.get(STEPS));

        assertTrue(trained.graph().params().equalsWithEps(restored.graph().params(), 1e-6),
                "max difference " + maxDiff(trained.graph().params(), restored.graph().params()));
    }

    @Test
    void withoutTheSlotsTheNextStepDiffers() {
        // shows the test above can fail: weights alone do not reproduce Adam's step
        CharLstmModel weightsOnly = restoredCopy(false);

        trained.graph().fit(batches.get(STEPS));
        weightsOnly.graph().fit(batches.get(STEPS));

        assertTrue(maxDiff(trained.graph().params(), weightsOnly.graph().params()) > 1e-4);
    }

    @Test
    void readWriteReadRoundTripsExactly() {
        Map<String, Tensor> slots = AdamSlots.read(trained);
        CharLstmModel other = CharLstmModel.create(SPEC, OptimizerSpec.adam(0.01, 0, 7));

        AdamSlots.write(other, slots);

        assertEquals(slots, AdamSlots.read(other));
    }

    @Test
    void biasMomentsGetNoForgetBiasShift() {
        Map<String, Tensor> slots = AdamSlots.read(trained);
        String bias = TestModels.biasName(SPEC.rootScope(), 0);
        INDArray[] dl4j = AdamSlots.moments(trained.graph()).get(CharLstmModel.lstmVertex(0) + "_b");
        int h = SPEC.hiddenSize();

        float[] first = ((FloatTensor) slots.get(bias + "/Adam")).values();
        float[] second = ((FloatTensor) slots.get(bias + "/Adam_1")).values();
        for (int u = 0; u < h; u++) {
            // TF forget block (2) <- DL4J forget block (1), unshifted
            assertEquals(dl4j[0].getFloat(0, h + u), first[2 * h + u], 0f);
            assertEquals(dl4j[1].getFloat(0, h + u), second[2 * h + u], 0f);
        }
        for (float v : second) {
            assertTrue(v >= 0, "second moments are squares: " + v);
        }
    }

    @Test
    void momentsAfterOneStepAreTensorFlowsAdamMomentsOfTheCanonicalGradient() {
        // after one step from zero: m = (1 - beta1) g and v = (1 - beta2) g^2, with g the gradient as DL4J
        // scales it (per-minibatch mean or sum): so m = r g with one r > 0 for every element of every
        // variable, and v = (1 - beta2) / (1 - beta1)^2 m^2 = 0.1 m^2
        CharLstmModel model = CharLstmModel.create(SPEC, OPT);
        DataSet batch = batches.get(0);
        model.graph().setInputs(batch.getFeatures());
        model.graph().setLabels(batch.getLabels());
        model.graph().computeGradientAndScore();
        Map<String, INDArray> dl4jGradients = new java.util.HashMap<>();
        model.graph().gradient().gradientForVariable().forEach((k, v) -> dl4jGradients.put(k, v.dup()));
        model.graph().fit(batch);

        Map<String, Tensor> slots = AdamSlots.read(model);

        double ratio = Double.NaN;
        for (ParamBinding b : model.bindings()) {
            float[] g = Tensors.toTensor(b.read((v, k) -> dl4jGradients.get(v + "_" + k), true)).values();
            FloatTensor m = (FloatTensor) slots.get(b.variable() + "/Adam");
            FloatTensor v = (FloatTensor) slots.get(b.variable() + "/Adam_1");
            assertArrayEquals(b.shape(), m.shape(), b.variable());
            for (int i = 0; i < g.length; i++) {
                if (Double.isNaN(ratio) && Math.abs(g[i]) > 1e-3) {
                    ratio = m.values()[i] / g[i];
                    assertTrue(ratio > 0, "ratio " + ratio);
                }
            }
            for (int i = 0; i < g.length; i++) {
                double mi = m.values()[i];
                assertEquals(ratio * g[i], mi, 1e-5 * (1 + Math.abs(mi)), b.variable() + "/Adam[" + i + "]");
                assertEquals(0.1 * mi * mi, v.values()[i], 1e-6 * (1 + 0.1 * mi * mi), b.variable() + "/Adam_1[" + i + "]");
            }
        }
    }

    @Test
    void missingSlotIsNamedInTheError() {
        String first = TestModels.kernelName(SPEC.rootScope(), 0) + "/Adam";
        var slots = new LinkedHashMap<>(AdamSlots.read(trained));
        slots.remove(first);

        var e = assertThrows(IllegalArgumentException.class,
                () -> AdamSlots.write(CharLstmModel.create(SPEC, OPT), slots));

        assertTrue(e.getMessage().contains(first), e.getMessage());
    }

    @Test
    void missingOrNonIntegerGlobalStepIsAnError() {
        var slots = new LinkedHashMap<>(AdamSlots.read(trained));
        slots.remove("global_step");
        var e = assertThrows(IllegalArgumentException.class,
                () -> AdamSlots.write(CharLstmModel.create(SPEC, OPT), slots));
        assertTrue(e.getMessage().contains("global_step"), e.getMessage());

        slots.put("global_step", FloatTensor.scalar(3f));
        e = assertThrows(IllegalArgumentException.class, () -> AdamSlots.write(CharLstmModel.create(SPEC, OPT), slots));
        assertTrue(e.getMessage().contains("global_step"), e.getMessage());
    }

    @Test
    void momentWithWrongShapeIsNamedInTheError() {
        String first = TestModels.kernelName(SPEC.rootScope(), 0) + "/Adam";
        var slots = new LinkedHashMap<>(AdamSlots.read(trained));
        slots.put(first, new FloatTensor(new long[] {VOCAB + 4, 15}, new float[(VOCAB + 4) * 15]));

        var e = assertThrows(IllegalArgumentException.class,
                () -> AdamSlots.write(CharLstmModel.create(SPEC, OPT), slots));

        assertTrue(e.getMessage().contains(first), e.getMessage());
        assertTrue(e.getMessage().contains("[10, 15]"), e.getMessage());
        assertTrue(e.getMessage().contains("[10, 16]"), e.getMessage());
    }

    private CharLstmModel restoredCopy(boolean withSlots) {
        CharLstmModel copy = CharLstmModel.create(SPEC, OptimizerSpec.adam(0.01, 0, 2));
        copy.loadWeights(trained.weights());
        if (withSlots) {
            AdamSlots.write(copy, AdamSlots.read(trained));
        }
        assertFalse(withSlots && copy.graph().getUpdater().getStateViewArray().sumNumber().doubleValue() == 0);
        return copy;
    }

    private static double maxAbs(FloatTensor t) {
        double m = 0;
        for (float v : t.values()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }
}
