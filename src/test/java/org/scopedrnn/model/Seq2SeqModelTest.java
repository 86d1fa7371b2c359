package org.scopedrnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.LongTensor;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.scope.Reuse;

class Seq2SeqModelTest {

    private static final int VS = 5;
    private static final int VT = 7;
    private static final int E = 3;
    private static final int H = 4;
    private static final OptimizerSpec OPT = OptimizerSpec.adam(0.01, 5, 1);

    private static Seq2SeqModel withRandomWeights(Seq2SeqSpec spec, long seed) {
        Seq2SeqModel model = Seq2SeqModel.create(spec, OPT);
        model.loadWeights(Seq2SeqFixtures.randomWeights(spec, seed, 0.8));
        return model;
    }

    /** Graph output (softmax probabilities [B, Vt, Tt]) for left-padded sources and right-padded targets. */
    private static INDArray output(Seq2SeqModel model, int[][] sources, int[][] targetsIn) {
        return model.graph().output(false, new INDArray[] {Seq2SeqFixtures.sourceIds(sources, 0),
                Seq2SeqFixtures.ids(targetsIn, 0)}, new INDArray[] {Seq2SeqFixtures.sourceMask(sources),
                Seq2SeqFixtures.mask(targetsIn)})[0];
    }

    private static void assertMatchesReference(Seq2SeqSpec spec, Map<String, FloatTensor> w, INDArray probs, int row,
            int[] source, int[] targetIn) {
        double[][] expected = Seq2SeqFixtures.softmax(Seq2SeqFixtures.referenceLogits(spec, w, source, targetIn));
        for (int t = 0; t < targetIn.length; t++) {
            for (int v = 0; v < spec.targetVocab(); v++) {
                assertEquals(expected[t][v], probs.getDouble(row, v, t), 2e-5, "row " + row + " step " + t + " id " + v);
            }
        }
    }

    @Test
    void graphMatchesHandWrittenTensorFlowEncoderDecoder() {
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H);
        Map<String, FloatTensor> w = Seq2SeqFixtures.randomWeights(spec, 21, 0.8);
        Seq2SeqModel model = Seq2SeqModel.create(spec, OPT);
        model.loadWeights(w);
        int[] source = {1, 4, 2, 0, 3};
        int[] targetIn = {6, 2, 5, 1};

        INDArray probs = output(model, new int[][] {source}, new int[][] {targetIn});

        assertArrayEquals(new long[] {1, VT, targetIn.length}, probs.shape());
        assertMatchesReference(spec, w, probs, 0, source, targetIn);
    }

    @Test
    void paddedSourcesEndTheEncoderAtTheirLastRealToken() {
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H);
        Map<String, FloatTensor> w = Seq2SeqFixtures.randomWeights(spec, 22, 0.8);
        Seq2SeqModel model = Seq2SeqModel.create(spec, OPT);
        model.loadWeights(w);
        int[][] sources = {{1, 4, 2, 3, 3, 1}, {2}, {4, 4, 1}};
        int[][] targetsIn = {{6, 1, 2}, {6, 3, 3, 0}, {6}};

        // pad with a real id (4), so padding that leaked into the state would show
        INDArray probs = model.graph().output(false, new INDArray[] {Seq2SeqFixtures.sourceIds(sources, 4),
                Seq2SeqFixtures.ids(targetsIn, 5)}, new INDArray[] {Seq2SeqFixtures.sourceMask(sources),
                Seq2SeqFixtures.mask(targetsIn)})[0];

        for (int b = 0; b < sources.length; b++) {
            assertMatchesReference(spec, w, probs, b, sources[b], targetsIn[b]);
        }
    }

    @Test
    void sharedLstmRunsTheEncodersVariablesInBothRnns() {
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H).withScopes("encode_cell", "encode_cell", Reuse.REUSE);
        Map<String, FloatTensor> w = Seq2SeqFixtures.randomWeights(spec, 23, 0.8);
        Seq2SeqModel model = Seq2SeqModel.create(spec, OPT);
        model.loadWeights(w);

        assertTrue(model.sharesLstm());
        assertFalse(model.graph().paramTable().containsKey("seq2seq_decoderW"));
        int[] source = {3, 1, 2};
        int[] targetIn = {6, 0, 4, 4};
        assertMatchesReference(spec, w, output(model, new int[][] {source}, new int[][] {targetIn}), 0, source,
                targetIn);
    }

    @Test
    void sharedEmbeddingAndUniqueDefaultScopesMatchTheReference() {
        Seq2SeqSpec spec = new Seq2SeqSpec(6, 6, E, H, null, null, Reuse.NONE, true);
        Map<String, FloatTensor> w = Seq2SeqFixtures.randomWeights(spec, 24, 0.8);
        Seq2SeqModel model = Seq2SeqModel.create(spec, OPT);
        model.loadWeights(w);

        assertEquals(List.copyOf(w.keySet()), model.variableNames());
        int[] source = {5, 0, 1};
        int[] targetIn = {2, 3};
        assertMatchesReference(spec, w, output(model, new int[][] {source}, new int[][] {targetIn}), 0, source,
                targetIn);
    }

    @Test
    void batchesMayChangeSourceAndTargetLengths() {
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H);
        Map<String, FloatTensor> w = Seq2SeqFixtures.randomWeights(spec, 25, 0.8);
        Seq2SeqModel model = Seq2SeqModel.create(spec, OPT);
        model.loadWeights(w);
        Random rnd = new Random(5);

        for (int len : new int[] {2, 7, 1, 4}) {
            int[] source = TestModels.randomIds(rnd, len, VS);
            int[] targetIn = TestModels.randomIds(rnd, 9 - len, VT);
            assertMatchesReference(spec, w, output(model, new int[][] {source}, new int[][] {targetIn}), 0, source,
                    targetIn);
            model.graph().fit(Seq2SeqFixtures.batch(new int[][] {source}, new int[][] {targetIn}, 6, 5, VT));
            w = model.weights();
        }
    }

    @Test
    void randomBatchShapesInAnyOrderMatchTheReference() {
        // found stale sequence lengths for a [1, 1] source mask after other shapes (ND4J cumsum/slice)
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H);
        Seq2SeqModel model = withRandomWeights(spec, 35);
        Random rnd = new Random(1);
        for (int it = 0; it < 80; it++) {
            int b = 1 + rnd.nextInt(3);
            int[][] sources = new int[b][];
            int[][] targetsIn = new int[b][];
            for (int i = 0; i < b; i++) {
                sources[i] = TestModels.randomIds(rnd, 1 + rnd.nextInt(rnd.nextBoolean() ? 2 : 8), VS);
                targetsIn[i] = TestModels.randomIds(rnd, 1 + rnd.nextInt(rnd.nextBoolean() ? 2 : 8), VT);
            }
            if (rnd.nextInt(4) == 0) {
                model.graph().fit(Seq2SeqFixtures.batch(sources, targetsIn, 6, 5, VT));
            }
            Map<String, FloatTensor> w = model.weights();
            INDArray probs = model.graph().output(false, new INDArray[] {Seq2SeqFixtures.sourceIds(sources, 4),
                    Seq2SeqFixtures.ids(targetsIn, 3)}, new INDArray[] {Seq2SeqFixtures.sourceMask(sources),
                    Seq2SeqFixtures.mask(targetsIn)})[0];
            for (int i = 0; i < b; i++) {
                assertMatchesReference(spec, w, probs, i, sources[i], targetsIn[i]);
            }
        }
    }

    @Test
    void weightsAreReadBackAsLoaded() {
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H);
        Map<String, FloatTensor> w = Seq2SeqFixtures.randomWeights(spec, 26, 0.8);
        Seq2SeqModel model = Seq2SeqModel.create(spec, OPT);

        model.loadWeights(w);

        assertEquals(w, model.weights());
        assertEquals(List.copyOf(w.keySet()), List.copyOf(model.weights().keySet()));
    }

    @Test
    void weightsSurviveTrainingStateAndMoveToAnotherModelByName() {
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H);
        Seq2SeqModel trained = Seq2SeqModel.create(spec, OPT);
        MultiDataSet batch = Seq2SeqFixtures.batch(new int[][] {{1, 2, 3}, {4}}, new int[][] {{1, 2, 3}, {4}}, 6, 5, VT);
        for (int i = 0; i < 3; i++) {
            trained.graph().fit(batch);
        }
        Seq2SeqModel fresh = Seq2SeqModel.create(spec, OptimizerSpec.adam(0.01, 5, 99));

        fresh.copyWeightsFrom(trained);

        assertEquals(trained.weights(), fresh.weights());
        assertEquals(trained.graph().params(), fresh.graph().params());
    }

    @Test
    void loadWeightsNamesEveryMissingUnexpectedAndMismatchedVariable() {
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H);
        Seq2SeqModel model = Seq2SeqModel.create(spec, OPT);
        Map<String, Tensor> w = new LinkedHashMap<>(Seq2SeqFixtures.randomWeights(spec, 27, 0.8));
        w.remove("decode_cell/lstm_cell/bias");
        w.put("rnn/lstm_cell/kernel", w.remove("encode_cell/lstm_cell/kernel"));
        w.put("fully_connected/biases", new FloatTensor(new long[] {VT + 1}, new float[VT + 1]));
        w.put("encoder_embedding", LongTensor.scalar(3));

        var e = assertThrows(IllegalArgumentException.class, () -> model.loadWeights(w));

        assertTrue(e.getMessage().contains("missing [decode_cell/lstm_cell/bias, encode_cell/lstm_cell/kernel]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("unexpected [rnn/lstm_cell/kernel]"), e.getMessage());
        assertTrue(e.getMessage().contains("fully_connected/biases has shape [8], expected [7]"), e.getMessage());
        assertTrue(e.getMessage().contains("encoder_embedding is INT64"), e.getMessage());
    }

    @Test
    void labelMaskKeepsPaddingOutOfTheLoss() {
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H);
        Seq2SeqModel model = withRandomWeights(spec, 28);
        MultiDataSet batch = Seq2SeqFixtures.batch(new int[][] {{1, 2, 3}, {4}}, new int[][] {{1, 2, 3, 4, 0}, {4}},
                6, 5, VT);
        double clean = model.graph().score(batch);

        // garbage labels in the second row's padded positions (its mask is 1 only for 2 steps)
        INDArray labels = batch.getLabels(0).dup();
        for (int t = 2; t < labels.size(2); t++) {
            labels.putScalar(new long[] {1, 3, t}, 1);
        }
        MultiDataSet garbage = new MultiDataSet(batch.getFeatures(), new INDArray[] {labels},
                batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
        MultiDataSet unmasked = new MultiDataSet(batch.getFeatures(), new INDArray[] {labels},
                batch.getFeaturesMaskArrays(), null);

        assertEquals(clean, model.graph().score(garbage), 1e-6);
        assertNotEquals(clean, model.graph().score(unmasked), 1e-3);
        // and the score is the summed cross-entropy of the unmasked steps / batch size
        assertEquals(expectedScore(spec, model.weights(), new int[][] {{1, 2, 3}, {4}},
                new int[][] {{6, 1, 2, 3, 4, 0}, {6, 4}}, new int[][] {{1, 2, 3, 4, 0, 5}, {4, 5}}), clean, 1e-4);
    }

    private static double expectedScore(Seq2SeqSpec spec, Map<String, FloatTensor> w, int[][] sources,
            int[][] targetsIn, int[][] labels) {
        double sum = 0;
        for (int b = 0; b < sources.length; b++) {
            double[][] p = Seq2SeqFixtures.softmax(Seq2SeqFixtures.referenceLogits(spec, w, sources[b], targetsIn[b]));
            for (int t = 0; t < labels[b].length; t++) {
                sum -= Math.log(p[t][labels[b][t]]);
            }
        }
        return sum / sources.length;
    }

    @Test
    void gradientsMatchFiniteDifferencesIncludingTheEncoderThroughTheDecodersInitialState() {
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H);
        Seq2SeqModel model = Seq2SeqModel.create(spec, OptimizerSpec.adam(0.01, 0, 3), Seq2SeqVariables.Origins.CALL_SITE,
                DataType.DOUBLE);
        model.loadWeights(Seq2SeqFixtures.randomWeights(spec, 29, 0.8));
        MultiDataSet batch = toDouble(Seq2SeqFixtures.batch(new int[][] {{1, 2, 3, 4}, {4, 0}},
                new int[][] {{3, 2, 1}, {0}}, 6, 5, VT));
        ComputationGraph g = model.graph();
        g.setInputs(batch.getFeatures());
        g.setLabels(batch.getLabels());
        g.setLayerMaskArrays(batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
        g.computeGradientAndScore();
        INDArray grad = g.gradient().gradient().dup(); // flat, same layout as g.params()
        INDArray params = g.params(); // flat view: writes land in every layer and the vertex
        int batchSize = 2; // DL4J's raw gradient is the sum over the batch; the score is the mean

        double eps = 1e-6;
        var failures = new ArrayList<String>();
        int checked = 0;
        for (long i = 0; i < params.length(); i += 3) {
            double original = params.getDouble(i);
            params.putScalar(i, original + eps);
            double plus = g.score(batch);
            params.putScalar(i, original - eps);
            double minus = g.score(batch);
            params.putScalar(i, original);
            double numeric = (plus - minus) / (2 * eps);
            double analytic = grad.getDouble(i) / batchSize;
            double err = Math.abs(numeric - analytic) / Math.max(1e-6, Math.abs(numeric) + Math.abs(analytic));
            if (err > 1e-4 && Math.abs(numeric - analytic) > 1e-8) {
                failures.add("param " + i + ": numeric " + numeric + " analytic " + analytic);
            }
            checked++;
        }
        assertTrue(checked > 100);
        assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " wrong:\n" + String.join("\n", failures));
    }

    private static MultiDataSet toDouble(MultiDataSet m) {
        return new MultiDataSet(cast(m.getFeatures()), cast(m.getLabels()), cast(m.getFeaturesMaskArrays()),
                cast(m.getLabelsMaskArrays()));
    }

    private static INDArray[] cast(INDArray[] arrays) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = arrays[i] == null ? null : arrays[i].castTo(DataType.DOUBLE);
        }
        return out;
    }

    @Test
    void clonedGraphComputesTheSameAndTrainsWithItsOwnUpdater() {
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H);
        Seq2SeqModel model = withRandomWeights(spec, 30);
        MultiDataSet batch = Seq2SeqFixtures.batch(new int[][] {{1, 2, 3}, {4}}, new int[][] {{1, 2, 3}, {4}}, 6, 5, VT);
        model.graph().fit(batch);

        ComputationGraph clone = model.graph().clone();

        assertEquals(model.graph().params(), clone.params());
        assertEquals(model.graph().score(batch), clone.score(batch), 1e-6);
        Seq2SeqVertex original = (Seq2SeqVertex) model.graph().getConfiguration().getVertices().get(Seq2SeqModel.VERTEX);
        Seq2SeqVertex copy = (Seq2SeqVertex) clone.getConfiguration().getVertices().get(Seq2SeqModel.VERTEX);
        assertEquals(original, copy);
        assertTrue(copy.getUpdater() instanceof Adam, "updater " + copy.getUpdater());
        assertEquals(GradientNormalization.ClipL2PerLayer, copy.getGradientNormalization());
        assertEquals(5.0, copy.getGradientNormalizationThreshold());
        // same updater state and (DL4J's clone() does not copy it) same step count: both stay identical
        clone.getConfiguration().setIterationCount(model.graph().getConfiguration().getIterationCount());
        model.graph().fit(batch);
        clone.fit(batch);
        assertTrue(model.graph().params().equalsWithEps(clone.params(), 1e-6));
    }

    @Test
    void configurationSurvivesJsonAsSparkShipsIt() {
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H).withScopes("encode_cell", "encode_cell", Reuse.AUTO_REUSE);
        Seq2SeqModel model = withRandomWeights(spec, 31);
        ComputationGraphConfiguration conf = model.graph().getConfiguration();

        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());

        assertEquals(conf, back);
        Seq2SeqVertex vertex = (Seq2SeqVertex) back.getVertices().get(Seq2SeqModel.VERTEX);
        assertTrue(vertex.isSharedLstm());
        assertTrue(vertex.getUpdater() instanceof Adam);
        ComputationGraph rebuilt = new ComputationGraph(back);
        rebuilt.init(model.graph().params().dup(), false);
        MultiDataSet batch = Seq2SeqFixtures.batch(new int[][] {{1, 2, 3}, {4}}, new int[][] {{1, 2, 3}, {4}}, 6, 5, VT);
        assertEquals(model.graph().score(batch), rebuilt.score(batch), 1e-6);
        INDArray before = rebuilt.params().dup();
        rebuilt.fit(batch);
        assertNotEquals(before, rebuilt.params());
    }

    @Test
    void fitChangesEveryParameter() {
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H);
        Seq2SeqModel model = withRandomWeights(spec, 32);
        Map<String, FloatTensor> before = model.weights();

        model.graph().fit(Seq2SeqFixtures.batch(new int[][] {{0, 1, 2, 3, 4}}, new int[][] {{0, 1, 2, 3, 4, 5, 6}}, 6, 5,
                VT));

        model.weights().forEach((name, after) -> assertNotEquals(before.get(name), after, name + " did not train"));
    }

    @Test
    void parameterCountIsTheStoresCount() {
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H);
        Seq2SeqModel model = Seq2SeqModel.create(spec, OPT);
        long expected = 0;
        for (var v : model.variables()) {
            expected += v.size();
        }
        assertEquals(expected, model.numParams());
        Seq2SeqModel shared = Seq2SeqModel.create(spec.withScopes("s", "s", Reuse.AUTO_REUSE), OPT);
        assertEquals(expected - (E + H) * 4L * H - 4L * H, shared.numParams());
    }

    @Test
    void adamSlotsRoundTripForSeq2Seq() {
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H);
        Seq2SeqModel trained = withRandomWeights(spec, 33);
        MultiDataSet batch = Seq2SeqFixtures.batch(new int[][] {{1, 2, 3}, {4}}, new int[][] {{1, 2, 3}, {4}}, 6, 5, VT);
        for (int i = 0; i < 3; i++) {
            trained.graph().fit(batch);
        }

        Map<String, Tensor> slots = AdamSlots.read(trained);

        var expected = new ArrayList<String>();
        for (String v : trained.variableNames()) {
            expected.add(v + "/Adam");
            expected.add(v + "/Adam_1");
        }
        expected.addAll(List.of("beta1_power", "beta2_power", "global_step"));
        assertEquals(expected, List.copyOf(slots.keySet()));
        assertEquals(LongTensor.scalar(3), slots.get("global_step"));
        for (var v : trained.variables()) {
            FloatTensor m = (FloatTensor) slots.get(v.name() + "/Adam");
            assertArrayEquals(v.shape(), m.shape(), v.name());
            assertTrue(maxAbs(m) > 0, v.name() + "/Adam should be non-zero after training");
        }

        Seq2SeqModel resumed = Seq2SeqModel.create(spec, OPT);
        resumed.copyWeightsFrom(trained);
        AdamSlots.write(resumed, slots);
        assertEquals(slots, AdamSlots.read(resumed));
        trained.graph().fit(batch);
        resumed.graph().fit(batch);
        assertTrue(trained.graph().params().equalsWithEps(resumed.graph().params(), 1e-6));
    }

    @Test
    void adamMomentsOfTheLstmBiasUseTheSameGatePermutationAsItsValue() {
        // the forget bias is added at run time, never stored: the bias parameter is a pure permutation
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H);
        Seq2SeqModel model = Seq2SeqModel.create(spec, OPT);
        Map<String, FloatTensor> w = new LinkedHashMap<>(Seq2SeqFixtures.randomWeights(spec, 34, 0.8));
        float[] zeros = new float[4 * H];
        w.put("encode_cell/lstm_cell/bias", new FloatTensor(new long[] {4 * H}, zeros));

        model.loadWeights(w);

        INDArray b = model.param(Seq2SeqModel.VERTEX, "encoderB");
        assertEquals(0.0, b.norm1Number().doubleValue());
    }

    private static double maxAbs(FloatTensor t) {
        double m = 0;
        for (float f : t.values()) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }

    @Test
    void eachModelOwnsItsStoreSoTrainAndDecodeModelsCoexist() {
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H);
        Seq2SeqModel first = Seq2SeqModel.create(spec, OPT);
        Seq2SeqModel second = Seq2SeqModel.create(spec, OPT);

        assertEquals(first.variableNames(), second.variableNames());
        assertEquals("encode_cell/lstm_cell/kernel", second.variables().get(1).name());
    }

    @Test
    void initialisationIsDeterministicInTheSeed() {
        Seq2SeqSpec spec = Seq2SeqFixtures.tiny(VS, VT, E, H);
        assertEquals(Seq2SeqModel.create(spec, OPT).weights(), Seq2SeqModel.create(spec, OPT).weights());
        assertNotEquals(Seq2SeqModel.create(spec, OPT).weights(),
                Seq2SeqModel.create(spec, OptimizerSpec.adam(0.01, 5, 2)).weights());
        assertEquals(0.0, Nd4j.createFromArray(Seq2SeqModel.create(spec, OPT).weights()
                .get("decode_cell/lstm_cell/bias").values()).norm1Number().doubleValue());
    }
}
