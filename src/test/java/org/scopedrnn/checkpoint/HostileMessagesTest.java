package org.scopedrnn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.interop.HostileFiles;
import org.scopedrnn.interop.Ml5Checkpoint;
import org.scopedrnn.interop.TensorFlowCheckpoint;

/**
 * A reader's message quotes the file's content (shapes, names, JSON values) cut to a few hundred
 * characters with the total count, however much the file holds.
 */
class HostileMessagesTest {

    private static final Configuration CONF = new Configuration();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BOUND = 1000;

    @TempDir java.nio.file.Path tmp;

    private static void assertBounded(Exception e, String... fragments) {
        String m = e.getMessage();
        assertTrue(m.length() < BOUND, m.length() + " chars: " + m.substring(0, Math.min(m.length(), 2000)));
        for (String f : fragments) {
            assertTrue(m.contains(f), "expected '" + f + "' in " + m);
        }
    }

    @Test
    void aTensorFlowShapeOf200000DimensionsIsQuotedCutShort() throws IOException {
        java.nio.file.Path prefix = tmp.resolve("model.ckpt");
        long[] shape = new long[200_000];
        Arrays.fill(shape, 1);
        HostileFiles.tensorFlowIndex(prefix, "softmax/weights", shape, 8);
        Files.write(HostileFiles.tensorFlowData(prefix), new byte[8]);

        var e = assertThrows(CheckpointFormatException.class,
                () -> TensorFlowCheckpoint.read(new Path(prefix.toString()), CONF));

        assertBounded(e, "variable softmax/weights", "[1, 1, 1, ", "... (200000 dimensions)]", "records 8 bytes");
    }

    @Test
    void aTensorFlowVariableNameOfAMegabyteIsQuotedCutShort() throws IOException {
        java.nio.file.Path prefix = tmp.resolve("named.ckpt");
        HostileFiles.tensorFlowIndex(prefix, "n".repeat(1 << 20), new long[] {2}, 8);
        // the data file is missing: the message names the variable it should hold

        var e = assertThrows(CheckpointFormatException.class,
                () -> TensorFlowCheckpoint.read(new Path(prefix.toString()), CONF));

        assertBounded(e, "nnnn... (1048576 chars)");
    }

    @Test
    void nativeManifestValuesOfAMegabyteAreQuotedCutShort() throws IOException {
        Path dir = new Path(tmp.resolve("native").toString());
        NativeCheckpoint.write(TestCheckpoints.charLstm(3, null), dir, CONF);
        java.nio.file.Path manifest = tmp.resolve("native").resolve(NativeCheckpoint.MANIFEST);
        String huge = "x".repeat(1 << 20);
        for (String field : new String[] {"name", "dtype", "shape"}) {
            ObjectNode root = (ObjectNode) JSON.readTree(manifest.toFile());
            ObjectNode v = (ObjectNode) root.get("variables").get(0);
            if (field.equals("shape")) {
                v.putArray("shape").add(huge);
            } else if (field.equals("name")) {
                v.put("name", huge); // a long name is a name; the same one twice is not
                ((ObjectNode) root.get("variables").get(1)).put("name", huge);
            } else {
                v.put(field, huge);
            }
            java.nio.file.Path copy = tmp.resolve("native-" + field);
            Files.createDirectories(copy);
            Files.copy(tmp.resolve("native").resolve("variables.bin"), copy.resolve("variables.bin"));
            JSON.writeValue(copy.resolve(NativeCheckpoint.MANIFEST).toFile(), root);

            var e = assertThrows(CheckpointFormatException.class,
                    () -> NativeCheckpoint.read(new Path(copy.toString()), CONF));

            assertBounded(e, "xxxx... (");
        }
    }

    @Test
    void ml5ManifestNamesAndVocabularyKeysOfAMegabyteAreQuotedCutShort() throws IOException {
        java.nio.file.Path dir = Files.createDirectories(tmp.resolve("ml5"));
        String huge = "w".repeat(1 << 20);
        JSON.writeValue(dir.resolve("manifest.json").toFile(),
                Map.of(huge, Map.of("filename", "w", "shape", new long[] {2})));
        var e = assertThrows(CheckpointFormatException.class,
                () -> Ml5Checkpoint.read(new Path(dir.toString()), CONF));
        assertBounded(e, "wwww... (1048576 chars)", "is missing");

        Files.write(dir.resolve("w"), new byte[8]);
        JSON.writeValue(dir.resolve("manifest.json").toFile(), Map.of("w", Map.of("filename", "w", "shape",
                new long[] {2})));
        JSON.writeValue(dir.resolve("vocab.json").toFile(), Map.of(huge, 5));
        var vocab = assertThrows(CheckpointFormatException.class,
                () -> Ml5Checkpoint.read(new Path(dir.toString()), CONF));
        assertBounded(vocab, "out of range {5=['wwww");
    }
}
