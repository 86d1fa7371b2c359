package org.scopedrnn.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scopedrnn.checkpoint.TestCheckpoints.assertContains;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.PythonPeer;
import org.scopedrnn.checkpoint.CheckpointFormatException;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.LongTensor;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.checkpoint.TestCheckpoints;
import org.scopedrnn.wire.MaskedCrc32c;
import org.scopedrnn.wire.ProtoWire;

class TensorFlowCheckpointTest {

    private static final Configuration CONF = new Configuration();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CELL0 = TestCheckpoints.CELL0;
    private static final String CELL1 = "lstm_cell/rnn/multi_rnn_cell/cell_1/basic_lstm_cell";
    private static final String DATA = ".data-00000-of-00001";
    private static final int SMALL_BLOCKS = 4 << 10;
    private static final java.nio.file.Path FIXTURE = org.scopedrnn.Fixtures.ROOT.resolve("tf1-char-lstm").toAbsolutePath();

    @TempDir java.nio.file.Path tmp;

    private Path prefix(String name) {
        return new Path(tmp.resolve(name).toString());
    }

    private java.nio.file.Path file(String name, String suffix) {
        return tmp.resolve(name + suffix);
    }

    private static Path fixturePrefix() {
        PythonPeer.assumeOrFailOnCi(Files.isDirectory(FIXTURE),
                "fixture folder " + FIXTURE + " is absent (see src/test/fixtures/README.md)");
        return new Path(FIXTURE.resolve("model.ckpt").toString());
    }

    // ------------------------------------------------------------------------------ TF's files

    @Test
    void readsCheckpointWrittenByTensorFlow() throws IOException {
        Map<String, Tensor> vars = TensorFlowCheckpoint.read(fixturePrefix(), CONF);

        assertEquals(List.of(CELL0 + "/bias", CELL0 + "/kernel", CELL1 + "/bias", CELL1 + "/kernel",
                "softmax/biases", "softmax/weights"), List.copyOf(vars.keySet()));
        assertShape(vars, CELL0 + "/kernel", 63 + 32, 128);
        assertShape(vars, CELL0 + "/bias", 128);
        assertShape(vars, CELL1 + "/kernel", 32 + 32, 128);
        assertShape(vars, CELL1 + "/bias", 128);
        assertShape(vars, "softmax/weights", 32, 63);
        assertShape(vars, "softmax/biases", 63);
        // Reference values from TensorFlow 2.21: tf.train.load_checkpoint(...).get_tensor(name).
        assertBits(0x39c17c84, vars, CELL0 + "/kernel", 0);
        assertBits(0xbe864836, vars, CELL0 + "/kernel", 95 * 128 - 1);
        assertValue(-0.08482034f, vars, CELL0 + "/kernel", 6080);
        assertBits(0xbef610d1, vars, CELL0 + "/bias", 0);
        assertBits(0x3e278f5a, vars, CELL1 + "/bias", 127);
        assertValue(-0.07473691f, vars, CELL1 + "/kernel", 4096);
        assertBits(0xbf670b44, vars, "softmax/weights", 0);
        assertValue(-0.010981445f, vars, "softmax/weights", 1 * 63 + 2);
        assertBits(0x3e195a67, vars, "softmax/weights", 32 * 63 - 1);
        assertBits(0xbd725a60, vars, "softmax/biases", 62);
        assertTrue(TensorFlowCheckpoint.exists(fixturePrefix(), CONF));
    }

    @Test
    void rewritingTensorFlowsCheckpointIsByteIdenticalToTensorFlowsFiles() throws IOException {
        Path fixture = fixturePrefix();
        TensorFlowCheckpoint.write(TensorFlowCheckpoint.read(fixture, CONF), prefix("copy"), CONF);

        assertArrayEquals(Files.readAllBytes(FIXTURE.resolve("model.ckpt.index")),
                Files.readAllBytes(file("copy", ".index")), "index");
        assertArrayEquals(Files.readAllBytes(FIXTURE.resolve("model.ckpt" + DATA)),
                Files.readAllBytes(file("copy", DATA)), "data");
    }

    // ------------------------------------------------------------------------------ round trips

    private static Map<String, Tensor> trainingState() {
        float[] special = {
            Float.intBitsToFloat(0x7fc12345), Float.intBitsToFloat(0xffc00000), -0.0f, 0.0f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MAX_VALUE
        };
        Map<String, Tensor> vars = new LinkedHashMap<>();
        vars.put("softmax/weights", new FloatTensor(new long[] {2, 4}, special));
        vars.put("softmax/biases", TestCheckpoints.ramp(new long[] {4}, -0.5f));
        vars.put(CELL0 + "/kernel", TestCheckpoints.ramp(new long[] {3, 5}, -1));
        vars.put(CELL0 + "/kernel/Adam", TestCheckpoints.ramp(new long[] {3, 5}, 2));
        vars.put(CELL0 + "/kernel/Adam_1", TestCheckpoints.ramp(new long[] {3, 5}, 3));
        vars.put(CELL0 + "/bias", TestCheckpoints.ramp(new long[] {5}, 0.125f));
        vars.put("beta1_power", FloatTensor.scalar(0.9f));
        vars.put("global_step", LongTensor.scalar(1234567890123L));
        vars.put("int64/extremes",
                new LongTensor(new long[] {3}, new long[] {Long.MIN_VALUE, -1, Long.MAX_VALUE}));
        vars.put("empty", new FloatTensor(new long[] {2, 0}, new float[0]));
        return vars;
    }

    @Test
    void roundTripIsBitIdenticalIncludingNaNNegativeZeroAndInt64() throws IOException {
        Map<String, Tensor> vars = trainingState();
        TensorFlowCheckpoint.write(vars, prefix("ckpt"), CONF);

        Map<String, Tensor> read = TensorFlowCheckpoint.read(prefix("ckpt"), CONF);

        assertEquals(new TreeMap<>(vars), new TreeMap<>(read));
        assertEquals(new ArrayList<>(new TreeMap<>(vars).keySet()), List.copyOf(read.keySet()), "sorted");
        float[] original = ((FloatTensor) vars.get("softmax/weights")).values();
        float[] back = ((FloatTensor) read.get("softmax/weights")).values();
        for (int i = 0; i < original.length; i++) {
            assertEquals(Float.floatToRawIntBits(original[i]), Float.floatToRawIntBits(back[i]),
                    "bits of element " + i);
        }
        assertEquals(LongTensor.scalar(1234567890123L), read.get("global_step"));
        assertArrayEquals(new long[0], read.get("beta1_power").shape());
    }

    @Test
    void writesOnlyTheIndexAndOneDataFileWithTheTensorsBackToBack() throws IOException {
        Map<String, Tensor> vars = trainingState();
        TensorFlowCheckpoint.write(vars, prefix("ckpt"), CONF);

        try (Stream<java.nio.file.Path> files = Files.list(tmp)) {
            assertEquals(List.of("ckpt" + DATA, "ckpt.index"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        long bytes = 0;
        for (Tensor t : vars.values()) {
            bytes += t.size() * t.dtype().byteSize();
        }
        assertEquals(bytes, Files.size(file("ckpt", DATA)), "no padding, no header");
    }

    @Test
    void manyVariablesSpanSeveralIndexBlocks() throws IOException {
        Map<String, Tensor> vars = manyVariables(600);
        TensorFlowCheckpoint.write(vars, prefix("small"), CONF, SMALL_BLOCKS);
        TensorFlowCheckpoint.write(vars, prefix("default"), CONF);

        assertTrue(dataBlocks(file("small", ".index")) >= 5,
                "blocks: " + dataBlocks(file("small", ".index")));
        assertEquals(1, dataBlocks(file("default", ".index")));
        assertEquals(new TreeMap<>(vars), new TreeMap<>(TensorFlowCheckpoint.read(prefix("small"), CONF)));
        assertEquals(new TreeMap<>(vars), new TreeMap<>(TensorFlowCheckpoint.read(prefix("default"), CONF)));
    }

    private static Map<String, Tensor> manyVariables(int n) {
        Map<String, Tensor> vars = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String scope = "layer_" + (i % 7) + "/unit_" + i + "/" + CELL0;
            vars.put(scope + "/kernel", TestCheckpoints.ramp(new long[] {2, 3}, i));
            if (i % 5 == 0) {
                vars.put(scope + "/kernel/Adam", TestCheckpoints.ramp(new long[] {2, 3}, -i));
                vars.put(scope + "/global_step", LongTensor.scalar(i * 1000L));
            }
        }
        return vars;
    }

    @Test
    void namesAreSortedBytewiseOnUtf8AsTensorFlowsTableRequires() throws IOException {
        // U+1F600 is a surrogate pair (D83D ...) in UTF-16, so Java's String order puts it before
        // U+E000; in UTF-8 (F0 ...) it sorts after EE ..., and the table must follow UTF-8.
        Map<String, Tensor> vars = new LinkedHashMap<>();
        vars.put("a/\uE000", FloatTensor.scalar(1));
        vars.put("a/\uD83D\uDE00", FloatTensor.scalar(2));
        vars.put("a/b", FloatTensor.scalar(3));
        vars.put("a/é", FloatTensor.scalar(4));
        TensorFlowCheckpoint.write(vars, prefix("ckpt"), CONF);

        Map<String, Tensor> read = TensorFlowCheckpoint.read(prefix("ckpt"), CONF);

        assertEquals(List.of("a/b", "a/é", "a/\uE000", "a/\uD83D\uDE00"), List.copyOf(read.keySet()));
        assertEquals(FloatTensor.scalar(2), read.get("a/\uD83D\uDE00"));
    }

    @Test
    void writeReplacesAnExistingCheckpointAndLeavesNoTemporaryFiles() throws IOException {
        TensorFlowCheckpoint.write(manyVariables(50), prefix("ckpt"), CONF);
        Map<String, Tensor> second = Map.of("only", LongTensor.scalar(2));

        TensorFlowCheckpoint.write(second, prefix("ckpt"), CONF);

        assertEquals(second, TensorFlowCheckpoint.read(prefix("ckpt"), CONF));
        try (Stream<java.nio.file.Path> files = Files.list(tmp)) {
            assertEquals(List.of("ckpt" + DATA, "ckpt.index"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void writeCreatesTheParentDirectoryAndAcceptsFileUris() throws IOException {
        Map<String, Tensor> vars = trainingState();
        Path prefix = new Path(tmp.resolve("run").resolve("checkpoints").toUri().toString(), "model.ckpt");
        TensorFlowCheckpoint.write(vars, prefix, CONF);

        assertTrue(Files.isRegularFile(tmp.resolve("run/checkpoints/model.ckpt.index")));
        assertEquals(new TreeMap<>(vars), new TreeMap<>(TensorFlowCheckpoint.read(
                new Path(tmp.resolve("run/checkpoints/model.ckpt").toString()), CONF)));
    }

    @Test
    void writeRefusesToReplaceADirectory() throws IOException {
        Files.createDirectories(file("ckpt", ".index"));
        IOException e = assertThrows(IOException.class,
                () -> TensorFlowCheckpoint.write(trainingState(), prefix("ckpt"), CONF));
        assertContains(e, "ckpt.index: it is a directory");
        try (Stream<java.nio.file.Path> files = Files.list(tmp)) {
            assertEquals(List.of("ckpt.index"), files.map(p -> p.getFileName().toString()).toList(),
                    "temporary files removed");
        }
    }

    @Test
    void emptyCheckpointHoldsOnlyTheHeader() throws IOException {
        TensorFlowCheckpoint.write(Map.of(), prefix("ckpt"), CONF);
        assertEquals(Map.of(), TensorFlowCheckpoint.read(prefix("ckpt"), CONF));
        assertEquals(0, Files.size(file("ckpt", DATA)));
    }

    @Test
    void writeRejectsNamesTheIndexCannotHold() {
        Map<String, Tensor> empty = Map.of("", FloatTensor.scalar(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorFlowCheckpoint.write(empty, prefix("ckpt"), CONF));
        assertContains(e, "variable name is empty");
        Map<String, Tensor> surrogate = Map.of("bad/\uD800", FloatTensor.scalar(1));
        e = assertThrows(IllegalArgumentException.class,
                () -> TensorFlowCheckpoint.write(surrogate, prefix("ckpt"), CONF));
        assertContains(e, "not valid Unicode");
        assertFalse(Files.exists(file("ckpt", ".index")));
    }

    @Test
    void existsNeedsTheIndex() throws IOException {
        assertFalse(TensorFlowCheckpoint.exists(prefix("ckpt"), CONF));
        TensorFlowCheckpoint.write(trainingState(), prefix("ckpt"), CONF);
        assertTrue(TensorFlowCheckpoint.exists(prefix("ckpt"), CONF));
        Files.delete(file("ckpt", ".index"));
        assertFalse(TensorFlowCheckpoint.exists(prefix("ckpt"), CONF));
    }

    // ------------------------------------------------------------------- corrupt and truncated

    @Test
    void missingIndexIsFileNotFoundNamingIt() {
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> TensorFlowCheckpoint.read(prefix("nowhere"), CONF));
        assertContains(e, prefix("nowhere") + ".index");
    }

    @Test
    void flippedByteInDataFailsTheCrcOfTheVariableHoldingIt() throws IOException {
        Map<String, Tensor> vars = trainingState();
        TensorFlowCheckpoint.write(vars, prefix("ckpt"), CONF);
        byte[] data = Files.readAllBytes(file("ckpt", DATA));
        data[(int) offsetOf(vars, CELL0 + "/kernel") + 7] ^= 0x10;
        Files.write(file("ckpt", DATA), data);

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TensorFlowCheckpoint.read(prefix("ckpt"), CONF));
        assertContains(e, "variable " + CELL0 + "/kernel is corrupt");
        assertContains(e, "CRC32C");
        assertContains(e, file("ckpt", DATA).toString());
    }

    @Test
    void truncatedDataFileNamesTheVariableThatIsCutOff() throws IOException {
        Map<String, Tensor> vars = trainingState();
        TensorFlowCheckpoint.write(vars, prefix("ckpt"), CONF);
        try (RandomAccessFile f = new RandomAccessFile(file("ckpt", DATA).toFile(), "rw")) {
            f.setLength(offsetOf(vars, CELL0 + "/kernel") + 3);
        }

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TensorFlowCheckpoint.read(prefix("ckpt"), CONF));
        assertContains(e, file("ckpt", DATA) + " is truncated");
        assertContains(e, "variable " + CELL0 + "/kernel ");
    }

    @Test
    void missingDataFileIsReportedWithAVariableItHolds() throws IOException {
        TensorFlowCheckpoint.write(trainingState(), prefix("ckpt"), CONF);
        Files.delete(file("ckpt", DATA));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TensorFlowCheckpoint.read(prefix("ckpt"), CONF));
        assertContains(e, file("ckpt", DATA) + " is missing; it holds variable beta1_power");
    }

    @Test
    void truncatedIndexIsRejectedAtEveryLength() throws IOException {
        TensorFlowCheckpoint.write(manyVariables(100), prefix("ckpt"), CONF, SMALL_BLOCKS);
        byte[] index = Files.readAllBytes(file("ckpt", ".index"));
        for (int length : new int[] {0, 1, 47, 48, index.length / 2, index.length - 49, index.length - 1}) {
            Files.write(file("ckpt", ".index"), java.util.Arrays.copyOf(index, length));
            CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                    () -> TensorFlowCheckpoint.read(prefix("ckpt"), CONF), "length " + length);
            assertContains(e, "TensorFlow checkpoint index " + file("ckpt", ".index"));
            assertContains(e, "truncated");
        }
    }

    @Test
    void badMagicSaysItIsNotATensorFlowIndex() throws IOException {
        TensorFlowCheckpoint.write(trainingState(), prefix("ckpt"), CONF);
        byte[] index = Files.readAllBytes(file("ckpt", ".index"));
        index[index.length - 1] = 0x00;
        Files.write(file("ckpt", ".index"), index);

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TensorFlowCheckpoint.read(prefix("ckpt"), CONF));
        assertContains(e, file("ckpt", ".index").toString());
        assertContains(e, "expected 0xdb4775248b80fb57");
        assertContains(e, "not a TensorFlow V2 checkpoint index");
    }

    @Test
    void flippedByteInTheIndexFailsABlockChecksum() throws IOException {
        TensorFlowCheckpoint.write(trainingState(), prefix("ckpt"), CONF);
        byte[] index = Files.readAllBytes(file("ckpt", ".index"));
        index[20] ^= 0x01; // inside the first data block
        Files.write(file("ckpt", ".index"), index);

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TensorFlowCheckpoint.read(prefix("ckpt"), CONF));
        assertContains(e, file("ckpt", ".index").toString());
        assertContains(e, "is corrupt: its CRC32C is");
    }

    @Test
    void hostileIndexClaimingTerabytesFailsCleanlyWithoutAllocating() throws IOException {
        Files.write(file("ckpt", DATA), new byte[64]);
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put("evil/huge", entryProto(1, new long[] {1L << 38}, 0, 0, 1L << 40, 0));
        writeIndex("ckpt", 1, entries);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TensorFlowCheckpoint.read(prefix("ckpt"), CONF));
        assertContains(e, "variable evil/huge");
        assertContains(e, "at most");

        // Fits a Java array (2 GiB of floats) but not the 64-byte data file: refused before reading.
        entries.put("evil/huge", entryProto(1, new long[] {1L << 29}, 0, 0, 1L << 31, 0));
        writeIndex("ckpt", 1, entries);
        e = assertThrows(CheckpointFormatException.class,
                () -> TensorFlowCheckpoint.read(prefix("ckpt"), CONF));
        assertContains(e, file("ckpt", DATA) + " is truncated");
        assertContains(e, "variable evil/huge is at bytes 0..2147483648");
    }

    @Test
    void hostileBlockHandleIsBoundedByTheIndexFile() throws IOException {
        TensorFlowCheckpoint.write(trainingState(), prefix("ckpt"), CONF);
        byte[] index = Files.readAllBytes(file("ckpt", ".index"));
        int[] pos = {index.length - 48};
        long metaindexOffset = varint(index, pos);
        long metaindexSize = varint(index, pos);
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        ProtoWire.putVarint(footer, metaindexOffset);
        ProtoWire.putVarint(footer, metaindexSize);
        ProtoWire.putVarint(footer, 0);
        ProtoWire.putVarint(footer, 1L << 40);
        System.arraycopy(footer.toByteArray(), 0, index, index.length - 48, footer.size());
        Files.write(file("ckpt", ".index"), index);

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TensorFlowCheckpoint.read(prefix("ckpt"), CONF));
        assertContains(e, "index block claims bytes 0 + 1099511627776");
    }

    @Test
    void sizeThatDisagreesWithTheShapeIsRejected() throws IOException {
        Files.write(file("ckpt", DATA), new byte[64]);
        writeIndex("ckpt", 1, Map.of("softmax/biases", entryProto(1, new long[] {3}, 0, 0, 16, 0)));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TensorFlowCheckpoint.read(prefix("ckpt"), CONF));
        assertContains(e, "variable softmax/biases records 16 bytes but its shape [3] of float32 needs 12");
    }

    @Test
    void unsupportedDtypeIsRejectedNamingTheVariableAndTheType() throws IOException {
        Files.write(file("ckpt", DATA), new byte[64]);
        writeIndex("ckpt", 1, Map.of("learning_rate", entryProto(2, new long[0], 0, 0, 8, 0)));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TensorFlowCheckpoint.read(prefix("ckpt"), CONF));
        assertContains(e, file("ckpt", ".index").toString());
        assertContains(e, "variable learning_rate has dtype DT_DOUBLE (2)");
        assertContains(e, "supports DT_FLOAT (float32) and DT_INT64 (int64)");
    }

    @Test
    void partitionedVariablesAreRejected() throws IOException {
        Files.write(file("ckpt", DATA), new byte[64]);
        byte[] sliced = new ProtoWire.Writer()
                .varint(1, 1)
                .message(2, new ProtoWire.Writer()
                        .message(2, new ProtoWire.Writer().varint(1, 4).toByteArray())
                        .toByteArray())
                .message(7, new byte[0])
                .toByteArray();
        writeIndex("ckpt", 1, Map.of("embedding", sliced));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TensorFlowCheckpoint.read(prefix("ckpt"), CONF));
        assertContains(e, "variable embedding is partitioned");
    }

    @Test
    void bigEndianAndNewerFormatBundlesAreRejected() throws IOException {
        Files.write(file("ckpt", DATA), new byte[0]);
        writeIndex("ckpt", header(1, 1, 0), Map.of());
        assertContains(assertThrows(CheckpointFormatException.class,
                () -> TensorFlowCheckpoint.read(prefix("ckpt"), CONF)), "big-endian");
        writeIndex("ckpt", header(1, 0, 2), Map.of());
        assertContains(assertThrows(CheckpointFormatException.class,
                () -> TensorFlowCheckpoint.read(prefix("ckpt"), CONF)), "min_consumer 2");
        writeIndex("ckpt", header(1, 0, 0), Map.of());
        assertEquals(Map.of(), TensorFlowCheckpoint.read(prefix("ckpt"), CONF));
    }

    @Test
    void readsCheckpointsShardedOverSeveralDataFiles() throws IOException {
        byte[] x = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f).array();
        byte[] y = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(99).putLong(7).array();
        Files.write(file("ckpt", ".data-00000-of-00002"), x);
        Files.write(file("ckpt", ".data-00001-of-00002"), y);
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put("x", entryProto(1, new long[] {2}, 0, 0, 8, crc(x, 0, 8)));
        entries.put("y", entryProto(9, new long[0], 1, 8, 8, crc(y, 8, 8)));
        writeIndex("ckpt", 2, entries);

        Map<String, Tensor> read = TensorFlowCheckpoint.read(prefix("ckpt"), CONF);

        assertEquals(new FloatTensor(new long[] {2}, new float[] {1.5f, -2f}), read.get("x"));
        assertEquals(LongTensor.scalar(7), read.get("y"));
        Files.delete(file("ckpt", ".data-00001-of-00002"));
        assertContains(assertThrows(CheckpointFormatException.class,
                () -> TensorFlowCheckpoint.read(prefix("ckpt"), CONF)),
                "ckpt.data-00001-of-00002 is missing; it holds variable y");
    }

    // --------------------------------------------------------------------- real TensorFlow

    @Test
    void tensorflowReadsOurCheckpoint() throws IOException {
        Map<String, Tensor> vars = new LinkedHashMap<>(trainingState());
        vars.putAll(manyVariables(150));
        vars.put("unicode/é", FloatTensor.scalar(0.5f));
        TensorFlowCheckpoint.write(vars, prefix("ours"), CONF, SMALL_BLOCKS);
        assertTrue(dataBlocks(file("ours", ".index")) > 1);

        JsonNode seen = JSON.readTree(PythonPeer.lastLine(PythonPeer.run(
                "/interop/tf_read_checkpoint.py", prefix("ours").toString())));

        assertSameVariables(vars, seen.get("loaded"), "tf.train.load_checkpoint");
        assertSameVariables(vars, seen.get("restored"), "Saver.restore");
        List<String> listed = new ArrayList<>();
        for (JsonNode pair : seen.get("listed")) {
            listed.add(pair.get(0).asText());
            assertArrayEquals(vars.get(pair.get(0).asText()).shape(), longs(pair.get(1)),
                    "list_variables shape of " + pair.get(0));
        }
        // Python sorts str by code point, which is UTF-8 byte order: the order we write and read.
        assertEquals(List.copyOf(TensorFlowCheckpoint.read(prefix("ours"), CONF).keySet()), listed);
        for (Iterator<Map.Entry<String, JsonNode>> it = seen.get("loaded").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(vars.get(e.getKey()).dtype().tfName(), e.getValue().get("declaredDtype").asText());
            assertArrayEquals(vars.get(e.getKey()).shape(), longs(e.getValue().get("declaredShape")));
        }
    }

    @Test
    void weReadCheckpointTensorFlowJustWrote() throws IOException {
        JsonNode written = JSON.readTree(PythonPeer.lastLine(PythonPeer.run(
                "/interop/tf_write_checkpoint.py", prefix("theirs").toString())));

        Map<String, Tensor> read = TensorFlowCheckpoint.read(prefix("theirs"), CONF);

        assertSameVariables(read, written.get("variables"), "TensorFlow's Saver");
        assertEquals(LongTensor.scalar(1234567890123L), read.get("global_step"));
        assertTrue(read.containsKey(CELL0 + "/kernel/Adam_1"));
        assertTrue(Float.isNaN(((FloatTensor) read.get("softmax/weights")).values()[0]));
        // And what we write from it is what TensorFlow wrote, byte for byte.
        TensorFlowCheckpoint.write(read, prefix("ours"), CONF);
        assertArrayEquals(Files.readAllBytes(file("theirs", ".index")),
                Files.readAllBytes(file("ours", ".index")));
        assertArrayEquals(Files.readAllBytes(file("theirs", DATA)), Files.readAllBytes(file("ours", DATA)));
    }

    @Test
    void weReadTensorFlowsMultiBlockIndex() throws IOException {
        JsonNode written = JSON.readTree(PythonPeer.lastLine(PythonPeer.run(
                "/interop/tf_write_checkpoint.py", prefix("many").toString(), "--many", "8000")));
        assertTrue(dataBlocks(file("many", ".index")) > 1, "TensorFlow wrote one index block");

        Map<String, Tensor> read = TensorFlowCheckpoint.read(prefix("many"), CONF);

        assertSameVariables(read, written.get("variables"), "TensorFlow's SaveV2");
        // Several 256 KiB blocks cut, separated and indexed exactly as TensorFlow does it.
        TensorFlowCheckpoint.write(read, prefix("ours"), CONF);
        assertArrayEquals(Files.readAllBytes(file("many", ".index")),
                Files.readAllBytes(file("ours", ".index")));
        assertArrayEquals(Files.readAllBytes(file("many", DATA)), Files.readAllBytes(file("ours", DATA)));
    }

    /** Compares tensors with the scripts' JSON: dtype, shape and exact values (float bits). */
    private static void assertSameVariables(Map<String, Tensor> expected, JsonNode actual, String view) {
        List<String> names = new ArrayList<>();
        actual.fieldNames().forEachRemaining(names::add);
        assertEquals(new TreeMap<>(expected).keySet(), new java.util.TreeSet<>(names), view + ": names");
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            JsonNode v = actual.get(e.getKey());
            String where = view + ": " + e.getKey();
            Tensor t = e.getValue();
            assertEquals(t.dtype().tfName(), v.get("dtype").asText(), where + " dtype");
            assertArrayEquals(t.shape(), longs(v.get("shape")), where + " shape");
            long[] values = longs(v.get("values"));
            if (t instanceof FloatTensor f) {
                float[] floats = f.values();
                long[] bits = new long[floats.length];
                for (int i = 0; i < floats.length; i++) {
                    bits[i] = Integer.toUnsignedLong(Float.floatToRawIntBits(floats[i]));
                }
                assertArrayEquals(bits, values, where + " float32 bits");
            } else {
                assertArrayEquals(((LongTensor) t).values(), values, where + " int64 values");
            }
        }
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    // ------------------------------------------------------------------------------- helpers

    private static void assertShape(Map<String, Tensor> vars, String name, long... shape) {
        assertInstanceOf(FloatTensor.class, vars.get(name), name);
        assertArrayEquals(shape, vars.get(name).shape(), name);
    }

    private static void assertBits(int bits, Map<String, Tensor> vars, String name, int index) {
        float actual = ((FloatTensor) vars.get(name)).values()[index];
        assertEquals(Integer.toHexString(bits), Integer.toHexString(Float.floatToRawIntBits(actual)),
                name + "[" + index + "]");
    }

    private static void assertValue(float expected, Map<String, Tensor> vars, String name, int index) {
        assertEquals(expected, ((FloatTensor) vars.get(name)).values()[index], name + "[" + index + "]");
    }

    /** Number of data blocks: entries in the index block (whose restart interval is 1). */
    private static int dataBlocks(java.nio.file.Path index) throws IOException {
        byte[] t = Files.readAllBytes(index);
        int[] pos = {t.length - 48};
        varint(t, pos);
        varint(t, pos);
        int offset = (int) varint(t, pos);
        int size = (int) varint(t, pos);
        return ByteBuffer.wrap(t, offset + size - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static long varint(byte[] b, int[] pos) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b[pos[0]++];
            v |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                return v;
            }
        }
    }

    private static byte[] header(int numShards, int endianness, int minConsumer) {
        return new ProtoWire.Writer()
                .varint(1, numShards)
                .varint(2, endianness)
                .message(3, new ProtoWire.Writer().varint(1, 1).varint(2, minConsumer).toByteArray())
                .toByteArray();
    }

    private static byte[] entryProto(int dtype, long[] shape, int shard, long offset, long size, long crc) {
        ProtoWire.Writer dims = new ProtoWire.Writer();
        for (long d : shape) {
            dims.message(2, new ProtoWire.Writer().varint(1, d).toByteArray());
        }
        return new ProtoWire.Writer()
                .varint(1, dtype)
                .message(2, dims.toByteArray())
                .varint(3, shard)
                .varint(4, offset)
                .varint(5, size)
                .fixed32(6, MaskedCrc32c.mask(crc))
                .toByteArray();
    }

    private void writeIndex(String name, int numShards, Map<String, byte[]> entries) throws IOException {
        writeIndex(name, header(numShards, 0, 0), entries);
    }

    private void writeIndex(String name, byte[] header, Map<String, byte[]> entries) throws IOException {
        List<LevelDbTable.Entry> table = new ArrayList<>();
        table.add(new LevelDbTable.Entry(new byte[0], header));
        for (Map.Entry<String, byte[]> e : new TreeMap<>(entries).entrySet()) {
            table.add(new LevelDbTable.Entry(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    e.getValue()));
        }
        Files.write(file(name, ".index"), LevelDbTable.build(table, SMALL_BLOCKS));
    }

    /** Where {@code name}'s bytes start: the data file holds the tensors in name order. */
    private static long offsetOf(Map<String, Tensor> vars, String name) {
        long offset = 0;
        for (Map.Entry<String, Tensor> e : new TreeMap<>(vars).headMap(name).entrySet()) {
            offset += e.getValue().size() * e.getValue().dtype().byteSize();
        }
        return offset;
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32C c = new CRC32C();
        c.update(bytes, offset, length);
        return c.getValue();
    }
}
