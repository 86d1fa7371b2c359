package org.scopedrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.checkpoint.LongTensor;

/**
 * {@code train seq2seq --resume} refuses a checkpoint it cannot continue, as {@code train char-lstm}
 * does, through the same loop: another model's run, other kept settings, another training plan.
 * Each refusal happens before anything is trained or deleted: the checkpoints stay byte for byte.
 */
class Seq2SeqResumeRefusalTest extends SparkTestBase {

    private static final Configuration HADOOP = new Configuration();

    @TempDir
    static java.nio.file.Path dir;

    /** A finished one-epoch run every test tries to resume. */
    static java.nio.file.Path run;
    static java.nio.file.Path pairs;

    @BeforeAll
    static void trainOnce() throws IOException {
        pairs = writePairs(dir.resolve("pairs.txt"), 40);
        run = dir.resolve("run");
        train(TinyJobs.seq2seq(pairs, 16, 0.1, 1, 8), run);
    }

    private static java.nio.file.Path writePairs(java.nio.file.Path file, int count) throws IOException {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(TinyJobs.pairLine(i));
        }
        return Files.writeString(file, text);
    }

    private static Seq2SeqTrainer.Result train(Seq2SeqJob job, java.nio.file.Path runDir) throws IOException {
        var quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new Seq2SeqTrainer(job, new Path(runDir.toString()), true, HADOOP, quiet, quiet).run(sc());
    }

    @Test
    void aChangedBatchSizeIsRefusedNamingItAndLeavesTheCheckpointsByteIdentical() throws IOException {
        Map<String, String> before = checkpointBytes(run);

        var e = assertThrows(IllegalArgumentException.class,
                () -> train(TinyJobs.seq2seq(pairs, 16, 0.1, 2, 4), run));

        assertTrue(e.getMessage().startsWith("cannot resume run dir "), e.getMessage());
        assertTrue(e.getMessage().contains("train.batch-size 8 -> 4"), e.getMessage());
        assertEquals(before, checkpointBytes(run));
    }

    @Test
    void pairsThatChangeTheBatchesPerEpochAreRefusedAsAnotherPlanAndLeaveTheCheckpointsByteIdentical()
            throws IOException {
        java.nio.file.Path file = writePairs(dir.resolve("growing-pairs.txt"), 40);
        java.nio.file.Path growing = dir.resolve("run-growing");
        train(TinyJobs.seq2seq(file, 16, 0.1, 1, 8), growing);
        writePairs(file, 80); // same path, same settings: only the content changed
        Map<String, String> before = checkpointBytes(growing);

        var e = assertThrows(IllegalArgumentException.class,
                () -> train(TinyJobs.seq2seq(file, 16, 0.1, 2, 8), growing));

        assertTrue(e.getMessage().contains("was trained with another plan: batchesPerEpoch 4 -> 9"), e.getMessage());
        assertEquals(before, checkpointBytes(growing));
    }

    @Test
    void aCharLstmRunDirIsRefusedNamingBothModelsAndLeftByteIdentical() throws IOException {
        java.nio.file.Path charRun = dir.resolve("char-run");
        var meta = new CheckpointMetadata(CharLstmTrainer.MODEL_TYPE, Map.of(), List.of("a", "b"), 3, 1, null, 7L,
                Map.of(), Map.of(), "2026-01-01T00:00:00Z");
        new RunDir(new Path(charRun.toString()), HADOOP).store(1)
                .save(new Checkpoint(Map.of("global_step", LongTensor.scalar(3)), meta));
        Map<String, String> before = checkpointBytes(charRun);

        var e = assertThrows(IllegalArgumentException.class,
                () -> train(TinyJobs.seq2seq(pairs, 16, 0.1, 2, 8), charRun));

        assertTrue(e.getMessage().contains("it holds a char-lstm run, not a seq2seq one"), e.getMessage());
        assertEquals(before, checkpointBytes(charRun));
    }

    /** Every file under the run dir's checkpoints, by relative path, with its SHA-256. */
    private static Map<String, String> checkpointBytes(java.nio.file.Path runDir) throws IOException {
        java.nio.file.Path root = runDir.resolve(RunDir.CHECKPOINTS);
        var out = new TreeMap<String, String>();
        try (Stream<java.nio.file.Path> s = Files.walk(root)) {
            for (java.nio.file.Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), sha256(Files.readAllBytes(p)));
            }
        }
        assertTrue(!out.isEmpty(), "the run dir holds checkpoints to compare: " + root);
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
