package org.scopedrnn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scopedrnn.checkpoint.TestCheckpoints.assertContains;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeCheckpointTest {

    private static final Configuration CONF = new Configuration();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir java.nio.file.Path tmp;

    private Path dir(String name) {
        return new Path(tmp.resolve(name).toString());
    }

    private java.nio.file.Path local(String name, String file) {
        return tmp.resolve(name).resolve(file);
    }

    private Path written(String name, Checkpoint ckpt) throws IOException {
        Path d = dir(name);
        NativeCheckpoint.write(ckpt, d, CONF);
        return d;
    }

    @Test
    void roundTripIsBitIdenticalIncludingNaNNegativeZeroAndInt64() throws IOException {
        float[] special = {
            Float.intBitsToFloat(0x7fc12345), Float.intBitsToFloat(0xffc00000), -0.0f, 0.0f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MAX_VALUE
        };
        Map<String, Tensor> vars = new LinkedHashMap<>();
        vars.put("softmax/weights", new FloatTensor(new long[] {2, 4}, special));
        vars.put(TestCheckpoints.CELL0 + "/kernel", TestCheckpoints.ramp(new long[] {3, 5}, -1));
        vars.put(TestCheckpoints.CELL0 + "/kernel/Adam", TestCheckpoints.ramp(new long[] {3, 5}, 2));
        vars.put(TestCheckpoints.CELL0 + "/kernel/Adam_1", TestCheckpoints.ramp(new long[] {3, 5}, 3));
        vars.put("beta1_power", FloatTensor.scalar(0.9f));
        vars.put("global_step", LongTensor.scalar(1234567890123L));
        vars.put("int64/extremes", new LongTensor(new long[] {3}, new long[] {Long.MIN_VALUE, -1, Long.MAX_VALUE}));
        vars.put("empty", new FloatTensor(new long[] {2, 0}, new float[0]));
        Checkpoint original = new Checkpoint(vars, TestCheckpoints.metadata(7, 1.5));

        Checkpoint read = NativeCheckpoint.read(written("ckpt", original), CONF);

        assertEquals(original, read);
        assertEquals(List.copyOf(vars.keySet()), List.copyOf(read.variables().keySet()));
        float[] back = read.floatVariable("softmax/weights").values();
        for (int i = 0; i < special.length; i++) {
            assertEquals(Float.floatToRawIntBits(special[i]), Float.floatToRawIntBits(back[i]),
                    "bits of element " + i);
        }
        assertEquals(LongTensor.scalar(1234567890123L), read.find("global_step").orElseThrow());
        assertArrayEquals(new long[0], read.find("global_step").orElseThrow().shape());
    }

    @Test
    void metadataRoundTripsIncludingAwkwardVocabularyAndNestedSpec() throws IOException {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("layers", List.of(Map.of("hidden", 512), Map.of("hidden", 256L)));
        spec.put("keepProb", 0.5);
        spec.put("name", "anna \"quoted\" \\ path");
        spec.put("embedding", null);
        spec.put("big", new java.math.BigInteger("123456789012345678901234567890"));
        Map<String, Object> config = Map.of("train", Map.of("epochs", 20, "clip", 5.0f));
        CheckpointMetadata meta = new CheckpointMetadata(
                "seq2seq", spec, List.of("\n", "\"", "\\", "\u0000", "é", "😀", " "), 1000, 3, 1.119,
                -5L, config, Map.of("java", "17", "dl4j", "1.0.0-M2"), "2026-11-22T00:35:33.123Z");
        Checkpoint ckpt = new Checkpoint(Map.of("x", FloatTensor.scalar(1)), meta);
        Path d = written("ckpt", ckpt);

        assertEquals(meta, NativeCheckpoint.readMetadata(d, CONF));
        assertEquals(meta, NativeCheckpoint.read(d, CONF).metadata());
    }

    @Test
    void unmeasuredValidationLossRoundTripsAsNull() throws IOException {
        Path d = written("ckpt", TestCheckpoints.charLstm(3, null));
        assertEquals(null, NativeCheckpoint.readMetadata(d, CONF).validationLoss());
    }

    @Test
    void directoryHoldsOnlyTheDataFileAndTheManifest() throws IOException {
        written("ckpt", TestCheckpoints.charLstm(1, 2.0));
        try (Stream<java.nio.file.Path> files = Files.list(tmp.resolve("ckpt"))) {
            assertEquals(List.of("checkpoint.json", "variables.bin"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void manifestDescribesEachVariableWithOffsetLengthAndCrc32c() throws IOException {
        Checkpoint ckpt = TestCheckpoints.charLstm(1, 2.0);
        written("ckpt", ckpt);
        JsonNode root = JSON.readTree(local("ckpt", "checkpoint.json").toFile());
        byte[] data = Files.readAllBytes(local("ckpt", "variables.bin"));

        assertEquals("scoped-rnn-checkpoint", root.get("format").asText());
        assertEquals(1, root.get("formatVersion").asInt());
        assertEquals("variables.bin", root.get("dataFile").asText());
        assertEquals(data.length, root.get("dataLength").asLong());
        JsonNode kernel = root.get("variables").get(0);
        assertEquals(TestCheckpoints.CELL0 + "/kernel", kernel.get("name").asText());
        assertEquals("float32", kernel.get("dtype").asText());
        assertEquals("[7,16]", kernel.get("shape").toString());
        assertEquals(0, kernel.get("offset").asLong());
        assertEquals(7 * 16 * 4, kernel.get("length").asLong());
        CRC32C crc = new CRC32C();
        crc.update(data, 0, 7 * 16 * 4);
        assertEquals(crc.getValue(), kernel.get("crc32c").asLong());
        ByteBuffer le = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(ckpt.floatVariable(TestCheckpoints.CELL0 + "/kernel").values()[1], le.getFloat(4));
        JsonNode step = root.get("variables").get(8);
        assertEquals("int64", step.get("dtype").asText());
        assertEquals(1L, le.getLong((int) step.get("offset").asLong()));
        assertTrue(Files.readString(local("ckpt", "checkpoint.json")).contains("\n  \"metadata\""),
                "pretty-printed");
    }

    @Test
    void truncatedDataFileNamesTheFileLengthsAndTheCutVariable() throws IOException {
        written("ckpt", TestCheckpoints.charLstm(1, null));
        java.nio.file.Path data = local("ckpt", "variables.bin");
        long full = Files.size(data);
        long cutAt = 7 * 16 * 4 + 10; // inside the second variable, the bias
        try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
            f.setLength(cutAt);
        }

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> NativeCheckpoint.read(dir("ckpt"), CONF));
        assertContains(e, "variables.bin");
        assertContains(e, "truncated");
        assertContains(e, "expected " + full + " bytes, found " + cutAt);
        assertContains(e, "variable " + TestCheckpoints.CELL0 + "/bias ");
    }

    @Test
    void extraBytesAfterTheLastVariableAreRejected() throws IOException {
        written("ckpt", TestCheckpoints.charLstm(1, null));
        Files.write(local("ckpt", "variables.bin"), new byte[] {1, 2, 3},
                java.nio.file.StandardOpenOption.APPEND);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> NativeCheckpoint.read(dir("ckpt"), CONF));
        assertContains(e, "unexpected bytes after the last variable");
    }

    @Test
    void flippedByteFailsTheCrcOfTheVariableHoldingIt() throws IOException {
        written("ckpt", TestCheckpoints.charLstm(1, null));
        java.nio.file.Path data = local("ckpt", "variables.bin");
        byte[] bytes = Files.readAllBytes(data);
        bytes[7 * 16 * 4 + 16 * 4 + 5] ^= 0x01; // inside kernel/Adam, after kernel and bias
        Files.write(data, bytes);

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> NativeCheckpoint.read(dir("ckpt"), CONF));
        assertContains(e, "variable " + TestCheckpoints.CELL0 + "/kernel/Adam is corrupt");
        assertContains(e, "CRC32C");
    }

    @Test
    void unknownFormatVersionIsRejectedNamingBothVersions() throws IOException {
        Path d = written("ckpt", TestCheckpoints.charLstm(1, null));
        editManifest("ckpt", root -> root.put("formatVersion", 7));

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> NativeCheckpoint.read(d, CONF));
        assertEquals("checkpoint " + d + " has format version 7; this build reads version 1"
                + " (written by a newer scoped-rnn?)", e.getMessage());
        assertThrows(CheckpointFormatException.class, () -> NativeCheckpoint.readMetadata(d, CONF));
    }

    @Test
    void wrongFormatMarkerMeansNotAScopedRnnCheckpoint() throws IOException {
        Path d = written("ckpt", TestCheckpoints.charLstm(1, null));
        editManifest("ckpt", root -> root.put("format", "tfjs-weights"));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> NativeCheckpoint.read(d, CONF));
        assertContains(e, d + " is not a scoped-rnn checkpoint");
        assertContains(e, "\"tfjs-weights\"");
    }

    @Test
    void directoryWithoutManifestIsNotACheckpointAndTheMessageSaysWhatToPass() throws IOException {
        Files.createDirectories(tmp.resolve("run"));
        Path d = dir("run");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> NativeCheckpoint.read(d, CONF));
        assertEquals(d + " is not a scoped-rnn checkpoint (no checkpoint.json): pass a checkpoint"
                + " directory such as RUN_DIR/checkpoints/step-1000", e.getMessage());
        assertFalse(NativeCheckpoint.isCheckpoint(d, CONF));
    }

    @Test
    void runDirectoryPassedByMistakeGetsAHintAboutItsCheckpoints() throws IOException {
        Files.createDirectories(tmp.resolve("run").resolve("checkpoints"));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> NativeCheckpoint.readMetadata(dir("run"), CONF));
        assertContains(e, "contains checkpoints");
    }

    @Test
    void missingDirectoryIsFileNotFoundNamingIt() {
        Path d = dir("nowhere");
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> NativeCheckpoint.read(d, CONF));
        assertContains(e, d.toString());
        assertThrows(FileNotFoundException.class, () -> NativeCheckpoint.readMetadata(d, CONF));
    }

    @Test
    void isCheckpointNeedsTheCommittedManifest() throws IOException {
        Path d = written("ckpt", TestCheckpoints.charLstm(1, null));
        assertTrue(NativeCheckpoint.isCheckpoint(d, CONF));
        Files.delete(local("ckpt", "checkpoint.json"));
        assertFalse(NativeCheckpoint.isCheckpoint(d, CONF));
        assertFalse(NativeCheckpoint.isCheckpoint(dir("nowhere"), CONF));
    }

    @Test
    void hostileManifestClaimingAHugeShapeFailsCleanlyWithoutAllocating() throws IOException {
        Path d = written("ckpt", TestCheckpoints.charLstm(1, null));
        long huge = 1L << 40; // elements: 4 TiB of floats
        editManifest("ckpt", root -> {
            ArrayNode vars = JSON.createArrayNode();
            ObjectNode v = vars.addObject();
            v.put("name", "evil").put("dtype", "float32");
            v.putArray("shape").add(1L << 20).add(1L << 20);
            v.put("offset", 0).put("length", huge * 4).put("crc32c", 0);
            root.set("variables", vars);
            root.put("dataLength", huge * 4);
        });
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> NativeCheckpoint.read(d, CONF));
        assertContains(e, "evil");
        assertContains(e, "at most");
    }

    @Test
    void hostileManifestWhoseTotalsLieAboutTheDataFileFailsBeforeReading() throws IOException {
        Path d = written("ckpt", TestCheckpoints.charLstm(1, null));
        long elements = 100_000_000L; // fits an array, but the data file is only a few KB
        editManifest("ckpt", root -> {
            ObjectNode v = (ObjectNode) root.get("variables").get(8);
            v.put("dtype", "float32").putArray("shape").add(elements);
            v.put("length", elements * 4);
            root.put("dataLength", v.get("offset").asLong() + elements * 4);
        });
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> NativeCheckpoint.read(d, CONF));
        assertContains(e, "truncated");
        assertContains(e, "variable global_step");
    }

    @Test
    void manifestWhoseLengthDisagreesWithTheShapeIsRejected() throws IOException {
        Path d = written("ckpt", TestCheckpoints.charLstm(1, null));
        editManifest("ckpt", root -> ((ObjectNode) root.get("variables").get(1)).putArray("shape").add(17));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> NativeCheckpoint.read(d, CONF));
        assertContains(e, TestCheckpoints.CELL0 + "/bias");
        assertContains(e, "needs 68 bytes");
    }

    @Test
    void unknownDtypeIsRejectedNamingTheVariable() throws IOException {
        Path d = written("ckpt", TestCheckpoints.charLstm(1, null));
        editManifest("ckpt", root -> ((ObjectNode) root.get("variables").get(4)).put("dtype", "bfloat16"));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> NativeCheckpoint.read(d, CONF));
        assertContains(e, "softmax/weights");
        assertContains(e, "bfloat16");
    }

    @Test
    void dataFileNameCannotEscapeTheCheckpointDirectory() throws IOException {
        Path d = written("ckpt", TestCheckpoints.charLstm(1, null));
        editManifest("ckpt", root -> root.put("dataFile", "../other/variables.bin"));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> NativeCheckpoint.read(d, CONF));
        assertContains(e, "../other/variables.bin");
    }

    @Test
    void manifestThatIsNotJsonIsReportedAsSuch() throws IOException {
        Path d = written("ckpt", TestCheckpoints.charLstm(1, null));
        Files.writeString(local("ckpt", "checkpoint.json"), "{\"format\": ");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> NativeCheckpoint.read(d, CONF));
        assertContains(e, "not valid JSON");
    }

    @Test
    void invalidMetadataInTheFileIsAFormatErrorNamingTheField() throws IOException {
        Path d = written("ckpt", TestCheckpoints.charLstm(1, null));
        editManifest("ckpt", root -> ((ObjectNode) root.get("metadata")).put("createdAt", "yesterday"));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> NativeCheckpoint.readMetadata(d, CONF));
        assertContains(e, "createdAt");
        assertContains(e, "yesterday");
    }

    @Test
    void missingDataFileIsReported() throws IOException {
        Path d = written("ckpt", TestCheckpoints.charLstm(1, null));
        Files.delete(local("ckpt", "variables.bin"));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> NativeCheckpoint.read(d, CONF));
        assertContains(e, "variables.bin is missing");
    }

    @Test
    void writeRefusesAnExistingDirectory() throws IOException {
        Files.createDirectories(tmp.resolve("ckpt"));
        assertThrows(FileAlreadyExistsException.class,
                () -> NativeCheckpoint.write(TestCheckpoints.charLstm(1, null), dir("ckpt"), CONF));
    }

    @Test
    void fileUriAndPlainPathReachTheSameCheckpoint() throws IOException {
        Checkpoint ckpt = TestCheckpoints.charLstm(5, 1.0);
        NativeCheckpoint.write(ckpt, new Path(tmp.resolve("a").toUri()), CONF);
        assertEquals(ckpt, NativeCheckpoint.read(dir("a"), CONF));
        assertEquals(ckpt, NativeCheckpoint.read(new Path("file://" + tmp.resolve("a")), CONF));
    }

    @Test
    void formatVersion1CheckpointStillLoads() throws IOException, URISyntaxException {
        Path fixture = new Path(getClass().getResource("/checkpoints/v1-tiny").toURI());

        Checkpoint c = NativeCheckpoint.read(fixture, CONF);

        assertEquals(List.of("rnn/kernel", "rnn/kernel/Adam", "softmax/biases", "beta1_power",
                "global_step"), new ArrayList<>(c.variables().keySet()));
        assertEquals(new FloatTensor(new long[] {2, 3}, new float[] {1.5f, -2.25f, 0f, -0f, 1e-3f, 3e38f}),
                c.floatVariable("rnn/kernel"));
        assertEquals(new FloatTensor(new long[] {2, 3}, new float[] {0.125f, 0.25f, 0.5f, 1, 2, 4}),
                c.floatVariable("rnn/kernel/Adam"));
        assertEquals(new FloatTensor(new long[] {3}, new float[] {0.1f, 0.2f, 0.3f}),
                c.floatVariable("softmax/biases"));
        assertEquals(FloatTensor.scalar(0.9f), c.floatVariable("beta1_power"));
        assertEquals(LongTensor.scalar(1000), c.find("global_step").orElseThrow());
        CheckpointMetadata m = c.metadata();
        assertEquals("char-lstm", m.modelType());
        assertEquals(Map.of("hiddenSize", 3L, "layers", 1L, "oneHot", true), m.spec());
        assertEquals(List.of("a", "b", "\n"), m.vocabulary());
        assertEquals(1000, m.step());
        assertEquals(2, m.epoch());
        assertEquals(1.25, m.validationLoss());
        assertEquals(7L, m.seed());
        assertEquals(Map.of("learningRate", 0.001, "batchSize", 100L), m.config());
        assertEquals(Map.of("scoped-rnn", "0.1.0-SNAPSHOT", "java", "17"), m.versions());
        assertEquals("2026-11-22T00:00:00Z", m.createdAt());
    }

    private void editManifest(String name, Consumer<ObjectNode> edit) throws IOException {
        java.nio.file.Path json = local(name, "checkpoint.json");
        ObjectNode root = (ObjectNode) JSON.readTree(json.toFile());
        edit.accept(root);
        JSON.writeValue(json.toFile(), root);
    }
}
