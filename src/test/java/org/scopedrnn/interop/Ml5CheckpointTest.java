package org.scopedrnn.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scopedrnn.Ml5Fixtures;
import org.scopedrnn.checkpoint.CheckpointFormatException;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.LongTensor;
import org.scopedrnn.checkpoint.Tensor;

class Ml5CheckpointTest {

    private static final Configuration CONF = new Configuration();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir java.nio.file.Path tmp;

    private static Path hadoop(java.nio.file.Path p) {
        return new Path(p.toAbsolutePath().toString());
    }

    /** A hand-made ml5 directory: {@code manifest} as given, files as given (raw bytes). */
    private java.nio.file.Path handMade(String name, String manifest, Map<String, byte[]> files) throws IOException {
        java.nio.file.Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("manifest.json"), manifest, StandardCharsets.UTF_8);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        return dir;
    }

    private static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    private java.nio.file.Path withVocab(String vocabJson) throws IOException {
        java.nio.file.Path dir = handMade("v", "{\"w\": {\"filename\": \"w\", \"shape\": [2]}}",
                Map.of("w", floats(1, 2)));
        Files.writeString(dir.resolve("vocab.json"), vocabJson, StandardCharsets.UTF_8);
        return dir;
    }

    private static Map<String, Tensor> tinyVariables() {
        var vars = new LinkedHashMap<String, Tensor>();
        vars.put("rnnlm/softmax_w", new FloatTensor(new long[] {2, 3}, new float[] {1, -2, 3.5f, Float.NaN, -0f,
                Float.MIN_VALUE}));
        vars.put("rnnlm/softmax_b", new FloatTensor(new long[] {3}, new float[] {0.25f, 1e-30f, -7}));
        vars.put("Variable", FloatTensor.scalar(0.002f));
        return vars;
    }

    // ---- the fixtures written by ml5 / TensorFlow ----

    @Test
    void readsZoraNealeHurstonWithTf12KernelBiasNamesInManifestOrder() throws IOException {
        Ml5Checkpoint ckpt = Ml5Checkpoint.read(Ml5Fixtures.hadoopDir(Ml5Fixtures.ZORA), CONF);

        assertEquals(List.of("Variable", "embedding",
                "rnnlm/multi_rnn_cell/cell_0/basic_lstm_cell/bias", "rnnlm/multi_rnn_cell/cell_0/basic_lstm_cell/kernel",
                "rnnlm/multi_rnn_cell/cell_1/basic_lstm_cell/bias", "rnnlm/multi_rnn_cell/cell_1/basic_lstm_cell/kernel",
                "rnnlm/softmax_b", "rnnlm/softmax_w"), List.copyOf(ckpt.variables().keySet()));
        assertArrayEquals(new long[] {80, 128}, ckpt.variables().get("embedding").shape());
        assertArrayEquals(new long[] {256, 512},
                ckpt.variables().get("rnnlm/multi_rnn_cell/cell_1/basic_lstm_cell/kernel").shape());
        assertArrayEquals(new long[] {512}, ckpt.variables().get("rnnlm/multi_rnn_cell/cell_0/basic_lstm_cell/bias").shape());
        assertArrayEquals(new long[] {128, 80}, ckpt.variables().get("rnnlm/softmax_w").shape());
        assertArrayEquals(new long[] {80}, ckpt.variables().get("rnnlm/softmax_b").shape());
        // ml5's scalar Variable: a 4-byte file, read as a float32 scalar
        FloatTensor variable = (FloatTensor) ckpt.variables().get("Variable");
        assertArrayEquals(new long[0], variable.shape());
        assertEquals(0.00044961934f, variable.values()[0], 1e-11f);
        List<String> vocab = ckpt.vocabulary().orElseThrow();
        assertEquals(80, vocab.size());
        assertEquals(" ", vocab.get(0));
        assertEquals("e", vocab.get(1));
        assertEquals("\r", vocab.get(10));
        assertEquals("\n", vocab.get(11));
        assertEquals("\u00a2", vocab.get(79));
    }

    @Test
    void readsDarwinWithLegacyWeightsBiasesNames() throws IOException {
        Ml5Checkpoint ckpt = Ml5Checkpoint.read(Ml5Fixtures.hadoopDir(Ml5Fixtures.DARWIN), CONF);

        assertEquals(List.of("Variable", "embedding",
                "rnnlm/multi_rnn_cell/cell_0/basic_lstm_cell/biases", "rnnlm/multi_rnn_cell/cell_0/basic_lstm_cell/weights",
                "rnnlm/multi_rnn_cell/cell_1/basic_lstm_cell/biases", "rnnlm/multi_rnn_cell/cell_1/basic_lstm_cell/weights",
                "rnnlm/softmax_b", "rnnlm/softmax_w"), List.copyOf(ckpt.variables().keySet()));
        assertArrayEquals(new long[] {100, 128}, ckpt.variables().get("embedding").shape());
        assertArrayEquals(new long[] {256, 512},
                ckpt.variables().get("rnnlm/multi_rnn_cell/cell_0/basic_lstm_cell/weights").shape());
        assertArrayEquals(new long[] {128, 100}, ckpt.variables().get("rnnlm/softmax_w").shape());
        assertEquals(0.002f, ((FloatTensor) ckpt.variables().get("Variable")).values()[0]);
        List<String> vocab = ckpt.vocabulary().orElseThrow();
        assertEquals(100, vocab.size());
        assertEquals(" ", vocab.get(0));
        assertEquals("\u00e0", vocab.get(99));
    }

    @Test
    void existsIsTrueForAFixtureAndFalseForADirectoryWithoutManifest() throws IOException {
        assertTrue(Ml5Checkpoint.exists(Ml5Fixtures.hadoopDir(Ml5Fixtures.DARWIN), CONF));
        assertFalse(Ml5Checkpoint.exists(hadoop(tmp), CONF));
        assertFalse(Ml5Checkpoint.exists(hadoop(tmp.resolve("nowhere")), CONF));
    }

    // ---- round trip ----

    @Test
    void writeThenReadIsBitIdenticalAndFilesMatchTheFixtureByteForByte() throws IOException {
        Path fixture = Ml5Fixtures.hadoopDir(Ml5Fixtures.ZORA);
        Ml5Checkpoint original = Ml5Checkpoint.read(fixture, CONF);
        java.nio.file.Path out = tmp.resolve("nested/export");

        Ml5Checkpoint.write(hadoop(out), original.variables(), original.vocabulary().orElseThrow(), CONF);
        Ml5Checkpoint back = Ml5Checkpoint.read(hadoop(out), CONF);

        assertEquals(original, back);
        assertEquals(List.copyOf(original.variables().keySet()), List.copyOf(back.variables().keySet()));
        // ml5's file naming: same names, same bytes as what ml5 shipped
        for (String name : original.variables().keySet()) {
            String file = Ml5Checkpoint.fileName(name);
            assertEquals(-1L, Files.mismatch(Ml5Fixtures.dir(Ml5Fixtures.ZORA).resolve(file), out.resolve(file)), file);
        }
        JsonNode vocab = JSON.readTree(out.resolve("vocab.json").toFile());
        assertEquals(JSON.readTree(Ml5Fixtures.dir(Ml5Fixtures.ZORA).resolve("vocab.json").toFile()), vocab);
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals(JSON.readTree(Ml5Fixtures.dir(Ml5Fixtures.ZORA).resolve("manifest.json").toFile()), manifest);
        try (Stream<java.nio.file.Path> siblings = Files.list(out.getParent())) {
            assertEquals(List.of(out), siblings.toList(), "the temporary directory was renamed, nothing left beside");
        }
    }

    @Test
    void roundTripKeepsNaNNegativeZeroAndSubnormalBits() throws IOException {
        java.nio.file.Path out = tmp.resolve("tiny");

        Ml5Checkpoint.write(hadoop(out), tinyVariables(), List.of("a", "\n", "\u00e9"), CONF);
        Ml5Checkpoint back = Ml5Checkpoint.read(hadoop(out), CONF);

        assertEquals(new Ml5Checkpoint(tinyVariables(), Optional.of(List.of("a", "\n", "\u00e9"))), back);
        float[] w = ((FloatTensor) back.variables().get("rnnlm/softmax_w")).values();
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(w[4]));
        assertEquals(Float.MIN_VALUE, w[5]);
        assertArrayEquals(floats(0.25f, 1e-30f, -7), Files.readAllBytes(out.resolve("rnnlm_softmax_b")));
        assertEquals(4, Files.size(out.resolve("Variable")));
    }

    @Test
    void writeRefusesAnExistingDirectory() throws IOException {
        java.nio.file.Path out = Files.createDirectories(tmp.resolve("taken"));

        assertThrows(FileAlreadyExistsException.class,
                () -> Ml5Checkpoint.write(hadoop(out), tinyVariables(), List.of("a", "b"), CONF));
    }

    @Test
    void writeRejectsInt64TensorsAndNamesThatShareAFile() {
        var withStep = new LinkedHashMap<String, Tensor>(tinyVariables());
        withStep.put("global_step", LongTensor.scalar(5));
        var clash = new LinkedHashMap<String, Tensor>();
        clash.put("a/b", FloatTensor.scalar(1));
        clash.put("a_b", FloatTensor.scalar(2));

        var int64 = assertThrows(IllegalArgumentException.class,
                () -> Ml5Checkpoint.write(hadoop(tmp.resolve("x")), withStep, List.of("a", "b"), CONF));
        var shared = assertThrows(IllegalArgumentException.class,
                () -> Ml5Checkpoint.write(hadoop(tmp.resolve("y")), clash, List.of("a", "b"), CONF));

        assertTrue(int64.getMessage().contains("global_step is int64"), int64.getMessage());
        assertTrue(shared.getMessage().contains("a/b and a_b would both be stored in file a_b"), shared.getMessage());
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    // ---- malformed directories ----

    @Test
    void wrongFileLengthNamesTheVariableTheFileAndBothByteCounts() throws IOException {
        java.nio.file.Path dir = handMade("short",
                "{\"rnnlm/softmax_w\": {\"filename\": \"rnnlm_softmax_w\", \"shape\": [2, 3]}}",
                Map.of("rnnlm_softmax_w", floats(1, 2, 3, 4, 5)));

        var e = assertThrows(CheckpointFormatException.class, () -> Ml5Checkpoint.read(hadoop(dir), CONF));

        assertTrue(e.getMessage().contains("variable rnnlm/softmax_w"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("rnnlm_softmax_w").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("should hold 24 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("has 20 bytes"), e.getMessage());
    }

    @Test
    void scalarFileOfMoreThanFourBytesIsRejected() throws IOException {
        java.nio.file.Path dir = handMade("scalar", "{\"Variable\": {\"filename\": \"Variable\", \"shape\": []}}",
                Map.of("Variable", floats(1, 2)));

        var e = assertThrows(CheckpointFormatException.class, () -> Ml5Checkpoint.read(hadoop(dir), CONF));

        assertTrue(e.getMessage().contains("should hold 4 bytes") && e.getMessage().contains("has 8 bytes"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside", "/etc/passwd", "sub/w", "..", ".", "..\\\\outside", "file:w", ""})
    void fileNameThatIsNotAPlainNameInsideTheDirectoryIsRejected(String filename) throws IOException {
        // a real, correctly sized file where "../outside" points, so only the name check can stop it
        Files.write(tmp.resolve("outside"), floats(1, 2));
        java.nio.file.Path dir = handMade("escape", "{\"w\": {\"filename\": \"" + filename + "\", \"shape\": [2]}}",
                Map.of());

        var e = assertThrows(CheckpointFormatException.class, () -> Ml5Checkpoint.read(hadoop(dir), CONF));

        assertTrue(e.getMessage().contains("variable w has filename"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a plain file name inside"), e.getMessage());
    }

    @Test
    void missingVariableFileIsNamed() throws IOException {
        java.nio.file.Path dir = handMade("missing", "{\"embedding\": {\"filename\": \"embedding\", \"shape\": [2, 2]}}",
                Map.of());

        var e = assertThrows(CheckpointFormatException.class, () -> Ml5Checkpoint.read(hadoop(dir), CONF));

        assertTrue(e.getMessage().contains("variable embedding") && e.getMessage().contains("is missing"),
                e.getMessage());
    }

    @Test
    void hugeShapeIsRejectedBeforeAllocating() throws IOException {
        java.nio.file.Path dir = handMade("huge", "{\"w\": {\"filename\": \"w\", \"shape\": [100000, 100000]}}",
                Map.of("w", floats(1)));

        var e = assertThrows(CheckpointFormatException.class, () -> Ml5Checkpoint.read(hadoop(dir), CONF));

        assertTrue(e.getMessage().contains("10000000000 elements"), e.getMessage());
    }

    @Test
    void malformedManifestEntriesAreNamed() throws IOException {
        String[][] cases = {
            {"[1, 2]", "expected an object"},
            {"{}", "lists no variables"},
            {"{\"w\": 3}", "variable w is 3"},
            {"{\"w\": {\"shape\": [1]}}", "filename (missing)"},
            {"{\"w\": {\"filename\": \"w\", \"shape\": [-1]}}", "expected an array of integers >= 0"},
            {"{\"w\": {\"filename\": \"w\"}}", "shape (missing)"},
            {"{\"w\": {\"filename\": \"w\", \"shape\": [1], \"dtype\": \"int32\"}}", "float32 only"},
            {"{\"w\": {\"filename\": \"w\", \"shape\": [1]}, \"w\": {\"filename\": \"w\", \"shape\": [1]}}",
                "not valid JSON"},
            {"{\"w\": ", "not valid JSON"},
        };
        for (int i = 0; i < cases.length; i++) {
            java.nio.file.Path dir = handMade("bad" + i, cases[i][0], Map.of("w", floats(1)));

            var e = assertThrows(CheckpointFormatException.class, () -> Ml5Checkpoint.read(hadoop(dir), CONF),
                    cases[i][0]);

            assertTrue(e.getMessage().contains(cases[i][1]), cases[i][0] + " -> " + e.getMessage());
            assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
        }
    }

    @Test
    void directoryWithoutManifestOrMissingDirectoryIsReportedAsSuch() {
        var notMl5 = assertThrows(CheckpointFormatException.class, () -> Ml5Checkpoint.read(hadoop(tmp), CONF));
        assertThrows(FileNotFoundException.class, () -> Ml5Checkpoint.read(hadoop(tmp.resolve("nowhere")), CONF));

        assertTrue(notMl5.getMessage().contains("no manifest.json"), notMl5.getMessage());
    }

    // ---- vocabularies ----

    @Test
    void vocabularyAsAnObjectIsOrderedById() throws IOException {
        java.nio.file.Path dir = withVocab("{\"b\": 2, \"\\r\": 0, \"\u00e9\": 1}");

        assertEquals(Optional.of(List.of("\r", "\u00e9", "b")), Ml5Checkpoint.read(hadoop(dir), CONF).vocabulary());
    }

    @Test
    void vocabularyAsAListKeepsItsOrder() throws IOException {
        java.nio.file.Path file = Files.writeString(tmp.resolve("vocab.json"), "[\"z\", \"a\", \"\\n\", \"\ud83d\ude00\"]");

        assertEquals(List.of("z", "a", "\n", "\ud83d\ude00"), Ml5Checkpoint.readVocabularyFile(hadoop(file), CONF));
    }

    @Test
    void checkpointWithoutVocabJsonHasNoVocabulary() throws IOException {
        java.nio.file.Path dir = handMade("novocab", "{\"w\": {\"filename\": \"w\", \"shape\": [1]}}",
                Map.of("w", floats(1)));

        assertEquals(Optional.empty(), Ml5Checkpoint.read(hadoop(dir), CONF).vocabulary());
    }

    @Test
    void vocabularyIdsMustBeExactlyZeroToNMinusOne() throws IOException {
        java.nio.file.Path gap = Files.writeString(tmp.resolve("gap.json"), "{\"a\": 0, \"b\": 2, \"c\": 3}");
        java.nio.file.Path shared = Files.writeString(tmp.resolve("shared.json"), "{\"a\": 0, \"b\": 1, \"c\": 1}");
        java.nio.file.Path text = Files.writeString(tmp.resolve("text.json"), "{\"a\": 0, \"b\": \"1\"}");

        var gapError = assertThrows(CheckpointFormatException.class,
                () -> Ml5Checkpoint.readVocabularyFile(hadoop(gap), CONF));
        var sharedError = assertThrows(CheckpointFormatException.class,
                () -> Ml5Checkpoint.readVocabularyFile(hadoop(shared), CONF));
        var textError = assertThrows(CheckpointFormatException.class,
                () -> Ml5Checkpoint.readVocabularyFile(hadoop(text), CONF));

        assertTrue(gapError.getMessage().contains("must be exactly 0..2"), gapError.getMessage());
        assertTrue(gapError.getMessage().contains("out of range {3=['c']}"), gapError.getMessage());
        assertTrue(gapError.getMessage().contains("missing [1]"), gapError.getMessage());
        assertTrue(gapError.getMessage().contains(gap.toString()), gapError.getMessage());
        assertTrue(sharedError.getMessage().contains("shared {1=['b', 'c']}"), sharedError.getMessage());
        assertTrue(sharedError.getMessage().contains("missing [2]"), sharedError.getMessage());
        assertTrue(textError.getMessage().contains("character 'b' has id \"1\""), textError.getMessage());
    }

    @Test
    void vocabularyKeyOfSeveralCharactersIsRejected() throws IOException {
        java.nio.file.Path dir = withVocab("{\"a\": 0, \"ab\": 1}");

        var e = assertThrows(CheckpointFormatException.class, () -> Ml5Checkpoint.read(hadoop(dir), CONF));

        assertTrue(e.getMessage().contains("entry 1 is 'ab'; expected exactly one character"), e.getMessage());
        assertTrue(e.getMessage().contains("vocab.json"), e.getMessage());
    }

    @Test
    void vocabularyThatIsNeitherObjectNorListOrRepeatsACharacterIsRejected() throws IOException {
        String[][] cases = {
            {"\"abc\"", "expected a JSON object character -> id"},
            {"42", "expected a JSON object character -> id"},
            {"[\"a\", 1]", "entry 1 is 1; expected a one-character string"},
            {"[\"a\", \"b\", \"a\"]", "'a' appears twice (ids 0 and 2)"},
            {"[]", "vocabulary is empty"},
            {"{\"a\": 0, \"a\": 1}", "not valid JSON"},
        };
        for (int i = 0; i < cases.length; i++) {
            java.nio.file.Path file = Files.writeString(tmp.resolve("v" + i + ".json"), cases[i][0]);

            var e = assertThrows(CheckpointFormatException.class,
                    () -> Ml5Checkpoint.readVocabularyFile(hadoop(file), CONF), cases[i][0]);

            assertTrue(e.getMessage().contains(cases[i][1]), cases[i][0] + " -> " + e.getMessage());
            assertTrue(e.getMessage().startsWith("vocabulary file " + file), e.getMessage());
        }
    }

    @Test
    void recordRejectsAnInvalidVocabulary() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Ml5Checkpoint(tinyVariables(), Optional.of(List.of("a", "bc"))));

        assertTrue(e.getMessage().contains("entry 1 is 'bc'"), e.getMessage());
    }
}
