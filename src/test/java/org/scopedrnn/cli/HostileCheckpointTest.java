package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.LoopbackSparkCluster;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.LongTensor;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.interop.HostileFiles;
import org.scopedrnn.interop.TensorFlowCheckpoint;

/**
 * Hostile files against every reader, through the commands users run, in a JVM with a 64 MiB
 * heap: each must be refused as bad input (exit 2) naming the offending field, never make the
 * reader allocate what the file merely claims (that would end in an OutOfMemoryError, exit 1).
 */
class HostileCheckpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private final List<String> commands = new ArrayList<>();
    private final List<String> expected = new ArrayList<>();

    private void expect(String fragment, String... args) {
        commands.add(String.join("\t", args));
        expected.add(fragment);
    }

    @Test
    void hostileFilesAreRefusedNamingTheFieldWithoutAllocatingWhatTheyClaim() throws Exception {
        // native checkpoint.json
        expect("shape is [-1,4]; expected an array of integers >= 0",
                "inspect", "--checkpoint", nativeWith("negative-dim", v -> shape(v, -1, 4)));
        expect("has more than 9223372036854775807 elements",
                "inspect", "--checkpoint", nativeWith("long-overflow", v -> shape(v, 1L << 32, 1L << 32)));
        expect("a variable can hold at most 2147483639",
                "inspect", "--checkpoint", nativeWith("int-overflow", v -> shape(v, 1L << 31, 3)));
        expect(".length is -8; expected",
                "inspect", "--checkpoint", nativeWith("negative-length", v -> v.put("length", -8)));
        expect(".offset is -4; expected",
                "inspect", "--checkpoint", nativeWith("negative-offset", v -> v.put("offset", -4)));
        expect("needs 64 bytes", "inspect", "--checkpoint",
                nativeWith("length-lie", v -> v.put("length", 1L << 40)));
        // each variable within bounds, 1 GiB claimed in all: a 64 MiB heap survives only if the
        // claim is checked against the real file length before anything is allocated
        expect("is truncated: expected 1073741832 bytes",
                "inspect", "--checkpoint", nativeManifest("huge-data", root -> {
                    ObjectNode v = (ObjectNode) root.get("variables").get(0);
                    shape(v, 1L << 28);
                    v.put("length", 1L << 30);
                    ((ObjectNode) root.get("variables").get(1)).put("offset", 1L << 30);
                    root.put("dataLength", (1L << 30) + 8);
                }));
        String deep = nativeCheckpoint("deep-json");
        Path deepManifest = Path.of(deep, "checkpoint.json");
        // built as text: serializing a 5000-deep tree would overflow this JVM's stack, not the reader's
        String compact = JSON.writeValueAsString(JSON.readTree(deepManifest.toFile()));
        assertTrue(compact.contains("\"spec\":{\"hiddenSize\":4}"), compact);
        Files.writeString(deepManifest, compact.replace("\"spec\":{\"hiddenSize\":4}",
                "\"spec\":" + "{\"x\":".repeat(5000) + "1" + "}".repeat(5000)));
        expect("nesting depth", "inspect", "--checkpoint", deep);
        String bigManifest = nativeCheckpoint("big-manifest");
        sparse(Path.of(bigManifest, "checkpoint.json"), 200L << 20);
        expect("checkpoint.json is 209715200 bytes; expected at most 67108864", "inspect", "--checkpoint",
                bigManifest);
        String cut = nativeCheckpoint("cut-data");
        try (var f = new RandomAccessFile(Path.of(cut, "variables.bin").toFile(), "rw")) {
            f.setLength(f.length() - 3);
        }
        expect("is truncated", "inspect", "--checkpoint", cut);

        // a seq2seq spec claiming a model far larger than the tensors in the file
        expect("weights do not match its seq2seq metadata", "translate", "--checkpoint", hugeSeq2Seq());

        // vocabulary files
        expect("out of range {2000000000=['a']}", "sample", "--checkpoint",
                nativeCheckpoint("for-vocab-id"), "--vocab", write("vocab-id.json", "{\"a\": 2000000000}"));
        expect("out of range {-1=['a']}", "sample", "--checkpoint", nativeCheckpoint("for-vocab-neg"), "--vocab",
                write("vocab-neg.json", "{\"a\": -1}"));
        expect("nesting depth", "sample", "--checkpoint", nativeCheckpoint("for-vocab-deep"), "--vocab",
                write("vocab-deep.json", "[".repeat(100_000)));
        Path bigVocab = dir.resolve("vocab-big.json");
        sparse(bigVocab, 1L << 30);
        expect("is 1073741824 bytes; expected at most 67108864", "sample", "--checkpoint",
                nativeCheckpoint("for-vocab-big"), "--vocab", bigVocab.toString());

        // TensorFlow V2 and ml5
        String tf = dir.resolve("tf/model.ckpt").toString();
        TensorFlowCheckpoint.write(tensors(), new org.apache.hadoop.fs.Path(tf), CONF);
        try (var f = new RandomAccessFile(tf + ".index", "rw")) {
            f.setLength(f.length() / 2);
        }
        expect("TensorFlow checkpoint index", "inspect", "--checkpoint", tf);
        expect("elements", "inspect", "--checkpoint", ml5With(v -> {
            v.set("shape", JSON.createArrayNode().add(1L << 20).add(1L << 20).add(1L << 20));
        }));
        expect("shape", "inspect", "--checkpoint", ml5With(v -> {
            v.set("shape", JSON.createArrayNode().add(-3).add(4));
        }));

        assertEachRefusedAsBadInput();
    }

    @Test
    void sparseFilesAsLongAsTheyClaimAreRefusedBeforeTheHeapIsExhausted() throws Exception {
        // 8 GB each on paper, nothing on disk: every length check passes, only the heap check stops them
        long elements = 2_000_000_000L;
        long bytes = elements * Float.BYTES;
        String heapMessage = "(shape [2000000000], float32) needs 8000000000 bytes (7.5 GiB) but only ";

        String nativeDir = nativeManifest("sparse-native", root -> {
            ObjectNode v = (ObjectNode) root.get("variables").get(0);
            shape(v, elements);
            v.put("length", bytes);
            ((ObjectNode) root.get("variables").get(1)).put("offset", bytes);
            root.put("dataLength", bytes + Long.BYTES);
        });
        sparse(Path.of(nativeDir, "variables.bin"), bytes + Long.BYTES);
        expect("variable softmax/weights " + heapMessage, "inspect", "--checkpoint", nativeDir);

        Path tf = Files.createDirectories(dir.resolve("sparse-tf")).resolve("model.ckpt");
        HostileFiles.tensorFlowIndex(tf, "softmax/weights", new long[] {elements}, bytes);
        sparse(HostileFiles.tensorFlowData(tf), bytes);
        expect("variable softmax/weights " + heapMessage, "inspect", "--checkpoint", tf.toString());

        String ml5 = ml5With(v -> v.set("shape", JSON.createArrayNode().add(elements)));
        sparse(Path.of(ml5, "softmax_weights"), bytes);
        expect("variable softmax/weights " + heapMessage, "inspect", "--checkpoint", ml5);

        assertEachRefusedAsBadInput();
        String[] parts = batchLog.split("@@exit ");
        for (int i = 1; i < parts.length; i++) {
            assertTrue(parts[i].contains("SCOPED_RNN_HEAP="), parts[i]);
            assertFalse(parts[i].contains("\tat "), parts[i]);
        }
    }

    private String batchLog;

    /** Runs every expected command in one small-heap JVM: each must exit 2 naming what it expected. */
    private void assertEachRefusedAsBadInput() throws Exception {
        Path batch = Files.write(dir.resolve("batch.tsv"), commands, StandardCharsets.UTF_8);
        Path log = dir.resolve("batch.log");
        int exit = runSmallHeap(log, batch);
        String out = Files.readString(log);
        batchLog = out;
        assertEquals(0, exit, out);
        assertTrue(out.contains("@@done max heap "), out);
        String[] parts = out.split("@@exit ");
        assertEquals(commands.size() + 1, parts.length, out);
        for (int i = 0; i < commands.size(); i++) {
            String part = parts[i + 1];
            String where = "case " + i + " (" + commands.get(i).replace('\t', ' ') + "):\n" + part;
            assertTrue(part.startsWith("2\n"), where);
            assertTrue(part.contains(expected.get(i)), "expected '" + expected.get(i) + "' in " + where);
            assertFalse(part.contains("OutOfMemoryError"), where);
        }
    }

    private int runSmallHeap(Path log, Path batch) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m"));
        cmd.addAll(LoopbackSparkCluster.java17Flags());
        cmd.addAll(List.of("-cp", LoopbackSparkCluster.classPath(), CliBatch.class.getName(), batch.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(Duration.ofMinutes(3).toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("batch did not finish; log " + log);
        }
        return p.exitValue();
    }

    private static Map<String, Tensor> tensors() {
        var vars = new LinkedHashMap<String, Tensor>();
        vars.put("softmax/weights", new FloatTensor(new long[] {4, 4}, new float[16]));
        vars.put("global_step", LongTensor.scalar(7));
        return vars;
    }

    private String nativeCheckpoint(String name) throws IOException {
        Path d = dir.resolve(name);
        var meta = new CheckpointMetadata("char-lstm", Map.of("hiddenSize", 4L), List.of("a"), 7, 1, null, 1L,
                Map.of(), Map.of(), "2026-01-01T00:00:00Z");
        NativeCheckpoint.write(new Checkpoint(tensors(), meta), new org.apache.hadoop.fs.Path(d.toString()), CONF);
        return d.toString();
    }

    private String nativeManifest(String name, Consumer<ObjectNode> edit) throws IOException {
        String d = nativeCheckpoint(name);
        Path manifest = Path.of(d, "checkpoint.json");
        ObjectNode root = (ObjectNode) JSON.readTree(manifest.toFile());
        edit.accept(root);
        Files.write(manifest, JSON.writeValueAsBytes(root));
        return d;
    }

    /** Edits the first variable of a valid native checkpoint. */
    private String nativeWith(String name, Consumer<ObjectNode> edit) throws IOException {
        return nativeManifest(name, root -> edit.accept((ObjectNode) root.get("variables").get(0)));
    }

    private String hugeSeq2Seq() throws IOException {
        Path d = dir.resolve("seq2seq");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("sourceVocab", 3L); // the two symbols plus padding
        spec.put("targetVocab", 5L); // plus padding, start and end
        spec.put("embeddingSize", 1_000_000L);
        spec.put("hiddenSize", 1_000_000L); // kernels of (1M + 1M) x 4M floats: 32 TB
        spec.put("sharedEmbedding", false);
        spec.put("sourceVocabulary", List.of("a", "b"));
        spec.put("targetVocabulary", List.of("x", "y"));
        var meta = new CheckpointMetadata("seq2seq", spec, List.of(), 7, 1, null, 1L, Map.of(), Map.of(),
                "2026-01-01T00:00:00Z");
        NativeCheckpoint.write(new Checkpoint(tensors(), meta), new org.apache.hadoop.fs.Path(d.toString()), CONF);
        return d.toString();
    }

    private String ml5With(Consumer<ObjectNode> edit) throws IOException {
        Path d = dir.resolve("ml5-" + commands.size());
        Files.createDirectories(d);
        Files.write(d.resolve("softmax_weights"), new byte[64]);
        ObjectNode manifest = JSON.createObjectNode();
        ObjectNode v = manifest.putObject("softmax/weights");
        v.put("filename", "softmax_weights");
        v.set("shape", JSON.createArrayNode().add(4).add(4));
        edit.accept(v);
        Files.write(d.resolve("manifest.json"), JSON.writeValueAsBytes(manifest));
        Files.writeString(d.resolve("vocab.json"), "{\"a\": 0}");
        return d.toString();
    }

    private static void shape(ObjectNode v, long... dims) {
        ArrayNode a = v.putArray("shape");
        for (long d : dims) {
            a.add(d);
        }
    }

    private String write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    /** A file of {@code length} bytes that takes no disk space. */
    private static void sparse(Path file, long length) throws IOException {
        try (var f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

}
