package org.scopedrnn.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.scopedrnn.Ml5Fixtures;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.LongTensor;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.interop.CharLstmNames.NamingScheme;
import org.scopedrnn.interop.CharLstmNames.Recognized;
import org.scopedrnn.model.AdamSlots;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.OptimizerSpec;
import org.scopedrnn.model.TestModels;

class CharLstmNamesTest {

    private static final Configuration CONF = new Configuration();
    private static final String ML5_CELL = "rnnlm/multi_rnn_cell/cell_";

    @TempDir java.nio.file.Path tmp;

    private static Map<String, Tensor> fixture(String name) throws IOException {
        return Ml5Checkpoint.read(Ml5Fixtures.hadoopDir(name), CONF).variables();
    }

    private static String ml5Cell(int k, String part) {
        return ML5_CELL + k + "/basic_lstm_cell/" + part;
    }

    /** A random ml5-layout map (TF >= 1.2 names), written from the layout description, not the code. */
    private static Map<String, Tensor> ml5Map(int vocab, int e, int layers, int h) {
        var rnd = new Random(vocab * 31L + h);
        var m = new LinkedHashMap<String, Tensor>();
        m.put("Variable", FloatTensor.scalar(0.002f));
        m.put("embedding", TestModels.random(rnd, 0.5, vocab, e));
        for (int k = 0; k < layers; k++) {
            m.put(ml5Cell(k, "kernel"), TestModels.random(rnd, 0.5, (k == 0 ? e : h) + h, 4L * h));
            m.put(ml5Cell(k, "bias"), TestModels.random(rnd, 0.5, 4L * h));
        }
        m.put("rnnlm/softmax_w", TestModels.random(rnd, 0.5, h, vocab));
        m.put("rnnlm/softmax_b", TestModels.random(rnd, 0.5, vocab));
        return m;
    }

    /** Canonical weights of a fresh model plus Adam slots with non-zero moments and step 7. */
    private static Map<String, Tensor> annaWithSlots(CharLstmSpec spec) {
        CharLstmModel model = CharLstmModel.create(spec, OptimizerSpec.adam(0.01, 0, 5));
        var m = new LinkedHashMap<String, Tensor>(model.weights());
        var rnd = new Random(9);
        AdamSlots.read(model).forEach((name, slot) -> m.put(name, slot instanceof FloatTensor f && f.shape().length > 0
                ? TestModels.random(rnd, 0.1, f.shape()) : slot));
        m.put(AdamSlots.GLOBAL_STEP, LongTensor.scalar(7));
        return m;
    }

    private static Map<String, Tensor> renamed(Map<String, Tensor> m, String from, String to) {
        var out = new LinkedHashMap<String, Tensor>();
        m.forEach((k, v) -> out.put(k.equals(from) ? to : k, v));
        return out;
    }

    private static Map<String, Tensor> with(Map<String, Tensor> m, String name, Tensor t) {
        var out = new LinkedHashMap<>(m);
        out.put(name, t);
        return out;
    }

    private static Map<String, Tensor> without(Map<String, Tensor> m, String... names) {
        var out = new LinkedHashMap<>(m);
        for (String n : names) {
            out.remove(n);
        }
        return out;
    }

    private static String recognizeFails(Map<String, Tensor> variables) {
        return assertThrows(IllegalArgumentException.class, () -> CharLstmNames.recognize(variables)).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected \"" + p + "\" in:\n" + message);
        }
    }

    private static Map<String, Tensor> weightsOnly(Map<String, Tensor> canonical, Recognized r) {
        var out = new LinkedHashMap<String, Tensor>();
        r.canonicalToSource().keySet().forEach(n -> out.put(n, canonical.get(n)));
        return out;
    }

    // ---- recognize: ml5 fixtures ----

    @Test
    void recognizesDarwinWithLegacyWeightsBiasesNamesAsMl5() throws IOException {
        Recognized r = CharLstmNames.recognize(fixture(Ml5Fixtures.DARWIN));

        assertEquals(NamingScheme.ML5, r.scheme());
        assertEquals(new CharLstmSpec(100, 2, 128, InputKind.EMBEDDING, 128, 1.0, 1.0, "lstm_cell"), r.spec());
        var expected = new LinkedHashMap<String, String>();
        expected.put("embedding", "embedding");
        expected.put(TestModels.kernelName("lstm_cell", 0), ml5Cell(0, "weights"));
        expected.put(TestModels.biasName("lstm_cell", 0), ml5Cell(0, "biases"));
        expected.put(TestModels.kernelName("lstm_cell", 1), ml5Cell(1, "weights"));
        expected.put(TestModels.biasName("lstm_cell", 1), ml5Cell(1, "biases"));
        expected.put("softmax/weights", "rnnlm/softmax_w");
        expected.put("softmax/biases", "rnnlm/softmax_b");
        assertEquals(expected, r.canonicalToSource());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(r.canonicalToSource().keySet()), "declaration order");
        assertEquals(List.of("Variable"), r.ignored());
    }

    @Test
    void recognizesZoraWithKernelBiasNamesAsMl5() throws IOException {
        Recognized r = CharLstmNames.recognize(fixture(Ml5Fixtures.ZORA));

        assertEquals(NamingScheme.ML5, r.scheme());
        assertEquals(new CharLstmSpec(80, 2, 128, InputKind.EMBEDDING, 128, 1.0, 1.0, "lstm_cell"), r.spec());
        assertEquals(ml5Cell(1, "kernel"), r.canonicalToSource().get(TestModels.kernelName("lstm_cell", 1)));
        assertEquals(ml5Cell(0, "bias"), r.canonicalToSource().get(TestModels.biasName("lstm_cell", 0)));
        assertEquals(List.of("Variable"), r.ignored());
    }

    @Test
    void ml5FixtureTranslatesIntoAModelWithTheSameValues() throws IOException {
        Map<String, Tensor> source = fixture(Ml5Fixtures.ZORA);
        Recognized r = CharLstmNames.recognize(source);

        Map<String, Tensor> canonical = CharLstmNames.toCanonical(source, r);
        CharLstmModel model = CharLstmModel.create(r.spec(), TestModels.adam(1));
        model.loadWeights(canonical);

        assertEquals(List.copyOf(r.canonicalToSource().keySet()), List.copyOf(canonical.keySet()));
        assertEquals(model.variableNames(), List.copyOf(canonical.keySet()));
        r.canonicalToSource().forEach((c, s) -> assertSame(source.get(s), canonical.get(c), c));
        model.weights().forEach((name, t) -> assertArrayEquals(((FloatTensor) canonical.get(name)).values(),
                t.values(), 1e-6f, name));
    }

    // ---- recognize: anna layout ----

    @Test
    void recognizesAnnaLayoutWithAdamSlotsUnderANestedRootScope() {
        CharLstmSpec spec = new CharLstmSpec(6, 3, 4, InputKind.ONE_HOT, 0, 1.0, 1.0, "anna/lstm_cell");
        Map<String, Tensor> source = annaWithSlots(spec);

        Recognized r = CharLstmNames.recognize(source);

        assertEquals(NamingScheme.ANNA, r.scheme());
        assertEquals(spec, r.spec());
        assertEquals(CharLstmModel.create(spec, TestModels.adam(1)).variableNames(),
                List.copyOf(r.canonicalToSource().keySet()));
        r.canonicalToSource().forEach((c, s) -> assertEquals(c, s));
        assertEquals(2 * 8 + 3, r.ignored().size());
        assertTrue(r.ignored().containsAll(List.of(AdamSlots.BETA1_POWER, AdamSlots.BETA2_POWER, AdamSlots.GLOBAL_STEP,
                AdamSlots.firstMoment("softmax/weights"), AdamSlots.secondMoment(TestModels.kernelName("anna/lstm_cell", 2)))));
    }

    @Test
    void recognizesAnnaEmbeddingModelAndPreTf12WeightsBiasesNames() {
        CharLstmSpec spec = TestModels.embedding(9, 3, 2, 5);
        Map<String, Tensor> source = new LinkedHashMap<>(TestModels.randomWeights(spec, 3, 0.5));
        for (int k = 0; k < 2; k++) {
            source = renamed(source, TestModels.kernelName("lstm_cell", k),
                    "lstm_cell/rnn/multi_rnn_cell/cell_" + k + "/basic_lstm_cell/weights");
            source = renamed(source, TestModels.biasName("lstm_cell", k),
                    "lstm_cell/rnn/multi_rnn_cell/cell_" + k + "/basic_lstm_cell/biases");
        }

        Recognized r = CharLstmNames.recognize(source);

        assertEquals(NamingScheme.ANNA, r.scheme());
        assertEquals(spec, r.spec());
        assertEquals("lstm_cell/rnn/multi_rnn_cell/cell_1/basic_lstm_cell/weights",
                r.canonicalToSource().get(TestModels.kernelName("lstm_cell", 1)));
        assertEquals(List.of(), r.ignored());
    }

    @Test
    void annaWeightsAndAdamSlotsCarryOverUnderCanonicalNames() {
        CharLstmSpec spec = TestModels.oneHot(7, 2, 5, 1.0);
        Map<String, Tensor> source = annaWithSlots(spec);
        Recognized r = CharLstmNames.recognize(source);

        Map<String, Tensor> canonical = CharLstmNames.toCanonical(source, r);
        CharLstmModel model = CharLstmModel.create(r.spec(), OptimizerSpec.adam(0.01, 0, 5));
        model.loadWeights(weightsOnly(canonical, r));
        AdamSlots.write(model, canonical);

        assertEquals(source.keySet(), canonical.keySet(), "same names: anna names are canonical");
        source.forEach((name, t) -> assertSame(t, canonical.get(name), name));
        // moments and step come back exactly (the beta powers are recomputed from the step)
        Map<String, Tensor> slotsBack = AdamSlots.read(model);
        slotsBack.forEach((name, t) -> {
            if (!name.equals(AdamSlots.BETA1_POWER) && !name.equals(AdamSlots.BETA2_POWER)) {
                assertEquals(canonical.get(name), t, name);
            }
        });
        model.weights().forEach((name, t) -> assertArrayEquals(((FloatTensor) source.get(name)).values(), t.values(),
                1e-6f, name));
    }

    @Test
    void adamSlotsOfRenamedSourcesFollowTheirVariable() {
        CharLstmSpec spec = TestModels.oneHot(7, 1, 3, 1.0);
        String legacy = "lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/weights";
        Map<String, Tensor> source = annaWithSlots(spec);
        String kernel = TestModels.kernelName("lstm_cell", 0);
        source = renamed(source, kernel, legacy);
        source = renamed(source, AdamSlots.firstMoment(kernel), AdamSlots.firstMoment(legacy));
        source = renamed(source, AdamSlots.secondMoment(kernel), AdamSlots.secondMoment(legacy));

        Map<String, Tensor> canonical = CharLstmNames.toCanonical(source, CharLstmNames.recognize(source));

        assertSame(source.get(legacy), canonical.get(kernel));
        assertSame(source.get(AdamSlots.firstMoment(legacy)), canonical.get(AdamSlots.firstMoment(kernel)));
        assertSame(source.get(AdamSlots.secondMoment(legacy)), canonical.get(AdamSlots.secondMoment(kernel)));
        assertSame(source.get(AdamSlots.GLOBAL_STEP), canonical.get(AdamSlots.GLOBAL_STEP));
    }

    // ---- recognize: what does not fit ----

    @Test
    void unknownNameIsListedWithEverythingFoundAndExpected() throws IOException {
        String m = recognizeFails(with(fixture(Ml5Fixtures.DARWIN), "rnnlm/attention/w", FloatTensor.scalar(1)));

        assertContains(m, "unknown variable(s) [rnnlm/attention/w]", "found 9 variable(s)",
                "embedding [100, 128] float32", "rnnlm/multi_rnn_cell/cell_0/basic_lstm_cell/weights [256, 512] float32",
                "rnnlm/attention/w [] float32", "expected ML5 layout", "rnnlm/softmax_w [h, vocab]");
    }

    @Test
    void missingSoftmaxBiasAndCellBiasAreNamed() throws IOException {
        String m = recognizeFails(without(fixture(Ml5Fixtures.ZORA), "rnnlm/softmax_b", ml5Cell(1, "bias")));

        assertContains(m, "missing rnnlm/softmax_b [vocab]", "missing " + ml5Cell(1, "bias"), "found 6 variable(s)",
                "rnnlm/softmax_w [128, 80] float32", "expected ML5 layout");
    }

    @Test
    void layersMustBeNumberedWithoutGaps() {
        CharLstmSpec spec = TestModels.oneHot(5, 3, 2, 1.0);
        Map<String, Tensor> source = new LinkedHashMap<>(TestModels.randomWeights(spec, 1, 0.5));

        String m = recognizeFails(without(source, TestModels.kernelName("lstm_cell", 1),
                TestModels.biasName("lstm_cell", 1)));

        assertContains(m, "numbered 0..2 without gaps; found cells [0, 2], missing [1]", "expected ANNA layout",
                TestModels.kernelName("lstm_cell", 2) + " [4, 8] float32");
    }

    @Test
    void kernelRowsThatAreNotInputDepthPlusHiddenAreReported() {
        Map<String, Tensor> source = ml5Map(10, 6, 2, 4);
        source.put(ml5Cell(0, "kernel"), TestModels.random(new Random(1), 1, 9, 16));
        source.put(ml5Cell(1, "kernel"), TestModels.random(new Random(1), 1, 10, 16));

        String m = recognizeFails(source);

        assertContains(m, ml5Cell(0, "kernel") + " has shape [9, 16]; expected [10, 16]",
                "input depth 6 (embedding width 6) + hidden 4",
                ml5Cell(1, "kernel") + " has shape [10, 16]; expected [8, 16]",
                "embedding [10, 6] float32", "expected ML5 layout");
    }

    @Test
    void oneHotKernelRowsMentionTheMissingEmbedding() {
        CharLstmSpec spec = TestModels.oneHot(5, 1, 2, 1.0);
        Map<String, Tensor> source = new LinkedHashMap<>(TestModels.randomWeights(spec, 1, 0.5));
        source.put(TestModels.kernelName("lstm_cell", 0), TestModels.random(new Random(1), 1, 4, 8));

        String m = recognizeFails(source);

        assertContains(m, "has shape [4, 8]; expected [7, 8]", "one-hot: there is no embedding variable");
    }

    @Test
    void biasSoftmaxRowsAndVocabularyMismatchesAreAllReported() {
        Map<String, Tensor> source = ml5Map(10, 6, 2, 4);
        source.put(ml5Cell(1, "bias"), TestModels.random(new Random(1), 1, 12));
        source.put("rnnlm/softmax_w", TestModels.random(new Random(1), 1, 5, 10));
        source.put("embedding", TestModels.random(new Random(1), 1, 11, 6));

        String m = recognizeFails(source);

        assertContains(m, ml5Cell(1, "bias") + " has shape [12]; expected [16]",
                "rnnlm/softmax_w has shape [5, 10]; expected [4, 10]",
                "vocabulary sizes disagree: embedding [11, 6] has 11 rows but rnnlm/softmax_w [5, 10] has 10 columns",
                "found 8 variable(s)");
    }

    @Test
    void int64WeightIsRejected() {
        Map<String, Tensor> source = ml5Map(3, 2, 1, 2);
        source.put("rnnlm/softmax_b", new LongTensor(new long[] {3}, new long[] {1, 2, 3}));

        assertContains(recognizeFails(source), "rnnlm/softmax_b is int64; expected float32");
    }

    @Test
    void mixedLayoutsDuplicateCellsAndNothingRecognizableAreRejected() {
        Map<String, Tensor> ml5 = ml5Map(3, 2, 2, 2);
        Map<String, Tensor> mixed = with(ml5, "softmax/weights", TestModels.random(new Random(1), 1, 2, 3));
        Map<String, Tensor> twice = with(ml5, ml5Cell(1, "weights"), ml5.get(ml5Cell(1, "kernel")));
        Map<String, Tensor> nothing = Map.of("dense/kernel", FloatTensor.scalar(1), "global_step", LongTensor.scalar(1));

        assertContains(recognizeFails(mixed), "mix two layouts: ANNA [softmax/weights] and ML5 [");
        assertContains(recognizeFails(twice), "both " + ml5Cell(1, "kernel") + " and " + ml5Cell(1, "weights")
                + " hold the same LSTM kernel");
        assertContains(recognizeFails(nothing), "no char-LSTM weights found", "dense/kernel [] float32",
                "ANNA layout: {root}/rnn/multi_rnn_cell", "; or ML5 layout: embedding [vocab, e]");
        assertContains(recognizeFails(Map.of()), "no variables");
    }

    // ---- toMl5 ----

    @Test
    void embeddingModelRoundTripsThroughMl5BitIdentically() {
        CharLstmSpec spec = TestModels.embedding(9, 4, 2, 5);
        Map<String, FloatTensor> canonical = TestModels.randomWeights(spec, 21, 0.5);

        Map<String, Tensor> ml5 = CharLstmNames.toMl5(canonical, spec);
        Recognized r = CharLstmNames.recognize(ml5);
        Map<String, Tensor> back = CharLstmNames.toCanonical(ml5, r);

        assertEquals(List.of("embedding", ml5Cell(0, "kernel"), ml5Cell(0, "bias"), ml5Cell(1, "kernel"),
                ml5Cell(1, "bias"), "rnnlm/softmax_w", "rnnlm/softmax_b"), List.copyOf(ml5.keySet()));
        assertEquals(NamingScheme.ML5, r.scheme());
        assertEquals(spec, r.spec());
        assertEquals(canonical, back);
        canonical.forEach((name, t) -> assertSame(t, back.get(name), name));
    }

    @Test
    void ml5ExportSurvivesTheFilesAndReadsBackBitIdentically() throws IOException {
        CharLstmSpec spec = TestModels.embedding(5, 3, 1, 2);
        Map<String, FloatTensor> canonical = TestModels.randomWeights(spec, 22, 0.5);
        Path dir = new Path(tmp.resolve("ml5").toString());

        Ml5Checkpoint.write(dir, CharLstmNames.toMl5(canonical, spec), List.of("a", "b", "c", "\n", " "), CONF);
        Ml5Checkpoint read = Ml5Checkpoint.read(dir, CONF);
        Map<String, Tensor> back = CharLstmNames.toCanonical(read.variables(),
                CharLstmNames.recognize(read.variables()));

        assertEquals(canonical, back);
        assertEquals(List.of("a", "b", "c", "\n", " "), read.vocabulary().orElseThrow());
    }

    @Test
    void oneHotModelExportsAsAnIdentityEmbeddingWithTheSameOutputs() {
        CharLstmSpec spec = TestModels.oneHot(7, 2, 5, 1.0);
        CharLstmModel oneHot = TestModels.withRandomWeights(spec, 23, 1.0);

        Map<String, Tensor> ml5 = CharLstmNames.toMl5(oneHot.weights(), spec);
        Recognized r = CharLstmNames.recognize(ml5);
        CharLstmModel embedded = CharLstmModel.create(r.spec(), TestModels.adam(2));
        embedded.loadWeights(CharLstmNames.toCanonical(ml5, r));

        FloatTensor identity = (FloatTensor) ml5.get("embedding");
        assertArrayEquals(new long[] {7, 7}, identity.shape());
        float[] v = identity.values();
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                assertEquals(i == j ? 1f : 0f, v[i * 7 + j], "embedding[" + i + ", " + j + "]");
            }
        }
        assertEquals(new CharLstmSpec(7, 2, 5, InputKind.EMBEDDING, 7, 1.0, 1.0, "lstm_cell"), r.spec());
        int[] ids = TestModels.randomIds(new Random(24), 30, 7);
        INDArray expected = oneHot.graph().output(TestModels.input(spec, ids))[0];
        INDArray actual = embedded.graph().output(TestModels.input(r.spec(), ids))[0];
        assertArrayEquals(expected.shape(), actual.shape());
        double maxDiff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(maxDiff < 1e-6, "one-hot and identity-embedding outputs differ by " + maxDiff);
    }

    @Test
    void toMl5UsesTheSpecsRootScopeAndLeavesOptimizerStateOut() {
        CharLstmSpec spec = new CharLstmSpec(6, 1, 3, InputKind.EMBEDDING, 2, 1.0, 1.0, "writer");
        Map<String, Tensor> canonical = annaWithSlots(spec);

        Map<String, Tensor> ml5 = CharLstmNames.toMl5(canonical, spec);

        assertEquals(List.of("embedding", ml5Cell(0, "kernel"), ml5Cell(0, "bias"), "rnnlm/softmax_w", "rnnlm/softmax_b"),
                List.copyOf(ml5.keySet()));
        assertSame(canonical.get(TestModels.kernelName("writer", 0)), ml5.get(ml5Cell(0, "kernel")));
    }

    @Test
    void toMl5RejectsAForgetBiasOtherThanOne() {
        CharLstmSpec spec = new CharLstmSpec(6, 1, 3, InputKind.ONE_HOT, 0, 1.0, 0.5, "lstm_cell");

        var e = assertThrows(IllegalArgumentException.class,
                () -> CharLstmNames.toMl5(TestModels.randomWeights(spec, 1, 0.5), spec));

        assertContains(e.getMessage(), "forgetBias 0.5", "forget bias 1.0");
    }

    @Test
    void toMl5RejectsMissingUnknownAndMisshapenWeights() {
        CharLstmSpec spec = TestModels.oneHot(6, 1, 3, 1.0);
        Map<String, Tensor> weights = new LinkedHashMap<>(TestModels.randomWeights(spec, 1, 0.5));

        String missing = assertThrows(IllegalArgumentException.class,
                () -> CharLstmNames.toMl5(without(weights, "softmax/biases"), spec)).getMessage();
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> CharLstmNames.toMl5(with(weights, "extra/w", FloatTensor.scalar(1)), spec)).getMessage();
        String shape = assertThrows(IllegalArgumentException.class, () -> CharLstmNames.toMl5(
                with(weights, "softmax/biases", TestModels.random(new Random(1), 1, 5)), spec)).getMessage();

        assertContains(missing, "missing [softmax/biases]", "expected ", "softmax/biases [6]");
        assertContains(unknown, "unknown [extra/w]", "found 5 variable(s)");
        assertContains(shape, "softmax/biases has shape [5]; expected [6]");
    }

    @Test
    void toCanonicalRejectsVariablesThatDoNotMatchTheRecognition() throws IOException {
        Map<String, Tensor> source = fixture(Ml5Fixtures.ZORA);
        Recognized r = CharLstmNames.recognize(source);

        var e = assertThrows(IllegalArgumentException.class,
                () -> CharLstmNames.toCanonical(without(source, "rnnlm/softmax_w"), r));

        assertContains(e.getMessage(), "rnnlm/softmax_w is missing");
    }

    @Test
    void recognizedIsAnImmutableCopy() {
        var map = new LinkedHashMap<String, String>(Map.of("a", "b"));
        var ignored = new ArrayList<>(List.of("x"));
        var r = new Recognized(TestModels.oneHot(3, 1, 2, 1.0), NamingScheme.ANNA, map, ignored);

        map.put("c", "d");
        ignored.add("y");

        assertEquals(Map.of("a", "b"), r.canonicalToSource());
        assertEquals(List.of("x"), r.ignored());
        assertThrows(UnsupportedOperationException.class, () -> r.ignored().add("z"));
    }
}
