package org.scopedrnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.LongTensor;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.data.CharDataSets;
import org.scopedrnn.scope.Variable;

class CharLstmModelTest {

    private static final double TOLERANCE = 1e-5;

    private static final String K0 = "lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel";
    private static final String B0 = "lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias";
    private static final String K1 = "lstm_cell/rnn/multi_rnn_cell/cell_1/basic_lstm_cell/kernel";
    private static final String B1 = "lstm_cell/rnn/multi_rnn_cell/cell_1/basic_lstm_cell/bias";

    // ---- numerics: DL4J graph vs TensorFlow's BasicLSTMCell ----

    @Test
    void graphBuiltFromCanonicalTensorsMatchesHandWrittenBasicLstmCell() {
        CharLstmSpec spec = TestModels.oneHot(7, 2, 5, 1.0);
        Map<String, FloatTensor> weights = TestModels.randomWeights(spec, 11, 0.5);
        CharLstmModel model = CharLstmModel.create(spec, TestModels.adam(1));
        model.loadWeights(weights);
        int[] ids = TestModels.randomIds(new Random(3), 9, 7);

        INDArray out = model.graph().output(TestModels.input(spec, ids))[0];

        assertArrayEquals(new long[] {1, 7, 9}, out.shape());
        assertMatchesReference(spec, weights, out, 0, ids);
    }

    @Test
    void embeddingInputMatchesHandWrittenBasicLstmCell() {
        CharLstmSpec spec = TestModels.embedding(6, 3, 2, 4);
        Map<String, FloatTensor> weights = TestModels.randomWeights(spec, 12, 0.5);
        CharLstmModel model = CharLstmModel.create(spec, TestModels.adam(1));
        model.loadWeights(weights);
        int[] ids = TestModels.randomIds(new Random(4), 8, 6);

        INDArray out = model.graph().output(TestModels.input(spec, ids))[0];

        assertArrayEquals(new long[] {1, 6, 8}, out.shape());
        assertMatchesReference(spec, weights, out, 0, ids);
    }

    @Test
    void batchOfTwoSequencesMatchesHandWrittenBasicLstmCellPerSequence() {
        CharLstmSpec spec = TestModels.oneHot(7, 2, 5, 1.0);
        Map<String, FloatTensor> weights = TestModels.randomWeights(spec, 13, 0.5);
        CharLstmModel model = CharLstmModel.create(spec, TestModels.adam(1));
        model.loadWeights(weights);
        var rnd = new Random(5);
        int[] first = TestModels.randomIds(rnd, 6, 7);
        int[] second = TestModels.randomIds(rnd, 6, 7);

        INDArray out = model.graph().output(TestModels.input(spec, first, second))[0];

        assertArrayEquals(new long[] {2, 7, 6}, out.shape());
        assertMatchesReference(spec, weights, out, 0, first);
        assertMatchesReference(spec, weights, out, 1, second);
    }

    @Test
    void nonDefaultForgetBiasIsAppliedAtRunTime() {
        var spec = new CharLstmSpec(5, 1, 3, InputKind.ONE_HOT, 0, 1.0, 0.3, "lstm_cell");
        Map<String, FloatTensor> weights = TestModels.randomWeights(spec, 14, 0.5);
        CharLstmModel model = CharLstmModel.create(spec, TestModels.adam(1));
        model.loadWeights(weights);
        int[] ids = {0, 4, 2, 2, 1};

        INDArray out = model.graph().output(TestModels.input(spec, ids))[0];

        assertMatchesReference(spec, weights, out, 0, ids);
        // (x + 0.3) - 0.3 in float32 is not always x: equal within an ulp of the shifted value
        Map<String, FloatTensor> read = model.weights();
        for (String name : weights.keySet()) {
            assertArrayEquals(weights.get(name).values(), read.get(name).values(), 1e-7f, name);
        }
    }

    @Test
    void dropoutDoesNotAffectInference() {
        CharLstmSpec spec = TestModels.oneHot(6, 2, 4, 0.5);
        Map<String, FloatTensor> weights = TestModels.randomWeights(spec, 15, 0.5);
        CharLstmModel model = CharLstmModel.create(spec, TestModels.adam(1));
        model.loadWeights(weights);
        int[] ids = TestModels.randomIds(new Random(6), 7, 6);
        INDArray x = TestModels.input(spec, ids);

        INDArray first = model.graph().output(x)[0];
        INDArray second = model.graph().output(x)[0];

        assertEquals(first, second);
        assertMatchesReference(spec, weights, first, 0, ids);
    }

    // ---- weights by canonical name ----

    @Test
    void weightsAreReadBackAsLoaded() {
        CharLstmSpec spec = TestModels.oneHot(7, 2, 5, 1.0);
        Map<String, FloatTensor> weights = TestModels.randomWeights(spec, 16, 0.5);
        CharLstmModel model = CharLstmModel.create(spec, TestModels.adam(1));

        model.loadWeights(weights);

        Map<String, FloatTensor> read = model.weights();
        assertEquals(List.copyOf(weights.keySet()), List.copyOf(read.keySet()));
        for (String name : weights.keySet()) {
            assertArrayEquals(weights.get(name).values(), read.get(name).values(), 1e-6f, name);
        }
    }

    @Test
    void weightsRoundTripBitExactly() {
        CharLstmSpec spec = TestModels.oneHot(7, 2, 5, 1.0);
        CharLstmModel first = TestModels.withRandomWeights(spec, 17);
        CharLstmModel second = CharLstmModel.create(spec, TestModels.adam(99));
        Map<String, FloatTensor> original = first.weights();

        second.loadWeights(original);

        assertEquals(original, second.weights());
        assertEquals(first.graph().params(), second.graph().params());
    }

    @Test
    void freshModelReadsZeroForgetBiasBecauseDl4jFoldsItIntoItsInit() {
        CharLstmModel model = CharLstmModel.create(TestModels.oneHot(5, 1, 3, 1.0), TestModels.adam(1));

        float[] bias = model.weights().get(B0).values();

        // DL4J initialises b to 0 except its forget block = forgetGateBiasInit = 1.0 -> canonical 0 everywhere
        assertArrayEquals(new float[12], bias, 0f);
    }

    @Test
    void trainingAndSamplingModelsCoexistInOneJvm() {
        CharLstmSpec spec = TestModels.oneHot(6, 2, 4, 0.5);
        CharLstmModel training = CharLstmModel.create(spec, TestModels.adam(1));
        CharLstmModel sampling = CharLstmModel.create(spec, TestModels.adam(2));
        assertEquals(training.variableNames(), sampling.variableNames());
        int[] ids = TestModels.randomIds(new Random(7), 5, 6);
        INDArray x = TestModels.input(spec, ids);
        assertNotEquals(training.graph().output(x)[0], sampling.graph().output(x)[0],
                "differently seeded models should differ before copying");

        sampling.copyWeightsFrom(training);

        INDArray expected = training.graph().output(x)[0];
        assertTrue(expected.equalsWithEps(sampling.graph().output(x)[0], 1e-6));

        // the two models own separate parameters: training one does not move the other
        DataSet batch = CharDataSets.toDataSet(TestModels.randomIds(new Random(8), 13, 6), new int[] {0, 6}, 6, 6, true);
        training.graph().fit(batch);
        assertTrue(expected.equalsWithEps(sampling.graph().output(x)[0], 1e-6));
        assertFalse(expected.equalsWithEps(training.graph().output(x)[0], 1e-6));
    }

    @Test
    void variablesHaveCanonicalNamesAndShapesInDeclarationOrder() {
        CharLstmModel model = CharLstmModel.create(TestModels.oneHot(7, 2, 5, 1.0), TestModels.adam(1));

        List<Variable> vars = model.variables();

        assertEquals(List.of(K0, B0, K1, B1, "softmax/weights", "softmax/biases"),
                vars.stream().map(Variable::name).toList());
        assertArrayEquals(new long[] {12, 20}, vars.get(0).shape());
        assertArrayEquals(new long[] {20}, vars.get(1).shape());
        assertArrayEquals(new long[] {10, 20}, vars.get(2).shape());
        assertArrayEquals(new long[] {20}, vars.get(3).shape());
        assertArrayEquals(new long[] {5, 7}, vars.get(4).shape());
        assertArrayEquals(new long[] {7}, vars.get(5).shape());
        assertEquals(vars.stream().map(Variable::name).toList(), model.variableNames());
        assertEquals(model.variableNames(), List.copyOf(model.weights().keySet()));
    }

    @Test
    void embeddingWeightHasOneRowPerCharacterInTheGraph() {
        CharLstmModel model = CharLstmModel.create(TestModels.embedding(6, 3, 1, 4), TestModels.adam(1));

        assertArrayEquals(new long[] {6, 3}, model.graph().getParam("embedding_W").shape());
        long canonical = model.variables().stream().mapToLong(Variable::size).sum();
        assertEquals(model.graph().numParams(), canonical);
    }

    @Test
    void embeddingModelDeclaresEmbeddingFirst() {
        CharLstmModel model = CharLstmModel.create(TestModels.embedding(6, 3, 1, 4), TestModels.adam(1));

        List<Variable> vars = model.variables();

        assertEquals(List.of("embedding", K0, B0, "softmax/weights", "softmax/biases"),
                vars.stream().map(Variable::name).toList());
        assertArrayEquals(new long[] {6, 3}, vars.get(0).shape());
        assertArrayEquals(new long[] {7, 16}, vars.get(1).shape());
    }

    @Test
    void customRootScopePrefixesTheCells() {
        var spec = new CharLstmSpec(5, 1, 3, InputKind.ONE_HOT, 0, 1.0, 1.0, "model/lstm");

        CharLstmModel model = CharLstmModel.create(spec, TestModels.adam(1));

        assertEquals(List.of("model/lstm/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel",
                "model/lstm/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias", "softmax/weights", "softmax/biases"),
                model.variableNames());
    }

    @Test
    void everyDl4jParameterIsCoveredByTheVariables() {
        CharLstmModel model = CharLstmModel.create(TestModels.oneHot(7, 2, 5, 1.0), TestModels.adam(1));

        long canonical = model.variables().stream().mapToLong(Variable::size).sum();

        assertEquals(model.graph().numParams(), canonical);
    }

    @Test
    void loadWeightsWithMissingOrExtraNameListsThem() {
        CharLstmSpec spec = TestModels.oneHot(7, 2, 5, 1.0);
        CharLstmModel model = CharLstmModel.create(spec, TestModels.adam(1));
        var weights = new LinkedHashMap<String, Tensor>(TestModels.randomWeights(spec, 18, 0.5));
        weights.remove(B1);
        weights.remove("softmax/biases");
        weights.put("bogus/extra", FloatTensor.scalar(1f));

        var e = assertThrows(IllegalArgumentException.class, () -> model.loadWeights(weights));

        assertTrue(e.getMessage().contains("missing [" + B1 + ", softmax/biases]"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected [bogus/extra]"), e.getMessage());
    }

    @Test
    void loadWeightsFailsBeforeChangingAnythingWhenNamesDoNotMatch() {
        CharLstmSpec spec = TestModels.oneHot(5, 1, 3, 1.0);
        CharLstmModel model = CharLstmModel.create(spec, TestModels.adam(1));
        INDArray before = model.graph().params().dup();
        var weights = new LinkedHashMap<String, Tensor>(TestModels.randomWeights(spec, 19, 0.5));
        weights.put("extra", FloatTensor.scalar(1f));

        assertThrows(IllegalArgumentException.class, () -> model.loadWeights(weights));

        assertEquals(before, model.graph().params());
    }

    @Test
    void loadWeightsWithWrongShapeNamesVariableAndShapes() {
        CharLstmSpec spec = TestModels.oneHot(7, 2, 5, 1.0);
        CharLstmModel model = CharLstmModel.create(spec, TestModels.adam(1));
        var weights = new LinkedHashMap<String, Tensor>(TestModels.randomWeights(spec, 20, 0.5));
        weights.put("softmax/weights", TestModels.random(new Random(1), 0.5, 7, 5));

        var e = assertThrows(IllegalArgumentException.class, () -> model.loadWeights(weights));

        assertEquals("weights do not match the model 2 x LSTM(5), vocabulary 7, one-hot input: missing [],"
                + " unexpected [], mismatched [softmax/weights has shape [7, 5], expected [5, 7]]", e.getMessage());
    }

    @Test
    void loadWeightsRejectsNonFloatTensor() {
        CharLstmSpec spec = TestModels.oneHot(5, 1, 3, 1.0);
        CharLstmModel model = CharLstmModel.create(spec, TestModels.adam(1));
        var weights = new LinkedHashMap<String, Tensor>(TestModels.randomWeights(spec, 21, 0.5));
        weights.put("softmax/biases", new LongTensor(new long[] {5}, new long[5]));

        var e = assertThrows(IllegalArgumentException.class, () -> model.loadWeights(weights));

        assertTrue(e.getMessage().contains("softmax/biases"), e.getMessage());
        assertTrue(e.getMessage().contains("float32"), e.getMessage());
    }

    private static void assertMatchesReference(CharLstmSpec spec, Map<String, FloatTensor> weights, INDArray out,
            int example, int[] ids) {
        double[][] expected = TestModels.referenceForward(spec, weights, ids);
        for (int t = 0; t < ids.length; t++) {
            for (int v = 0; v < spec.vocabSize(); v++) {
                assertEquals(expected[t][v], out.getDouble(example, v, t), TOLERANCE,
                        "example " + example + " step " + t + " char " + v);
            }
        }
    }
}
