package org.scopedrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.checkpoint.Tensor;

/** Resuming {@code train seq2seq}: what must match the checkpoint, and whose vocabularies a resumed model keeps. */
class Seq2SeqTrainerTest extends SparkTestBase {

    private static final Configuration HADOOP = new Configuration();

    @TempDir
    java.nio.file.Path dir;

    /** 40 pairs; the first source is {@code first}, so one character can be added or dropped alone. */
    private java.nio.file.Path pairs(String first) throws IOException {
        var text = new StringBuilder(first).append('\t').append(TinyJobs.TARGETS[0]).append('\n');
        for (int i = 1; i < 40; i++) {
            text.append(TinyJobs.pairLine(i));
        }
        return Files.writeString(dir.resolve("pairs.txt"), text);
    }

    private static Seq2SeqJob job(java.nio.file.Path pairs, int hidden, double validationFraction, int epochs) {
        return TinyJobs.seq2seq(pairs, hidden, validationFraction, epochs, 8);
    }

    private Seq2SeqTrainer.Result train(Seq2SeqJob job, boolean resume) throws IOException {
        var quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new Seq2SeqTrainer(job, new Path(dir.resolve("run").toString()), resume, HADOOP, quiet, quiet)
                .run(sc());
    }

    @Test
    void resumeWithOtherModelOrSplitSettingsIsRefusedListingEachAndLeavesTheCheckpoints() throws IOException {
        java.nio.file.Path input = pairs("Zut.");
        Seq2SeqTrainer.Result first = train(job(input, 16, 0.1, 1), false);
        List<String> before = checkpoints();

        var e = assertThrows(IllegalArgumentException.class, () -> train(job(input, 32, 0.2, 2), true));
        assertTrue(e.getMessage().contains("this command sets 2 settings differently from its checkpoint (step "
                + first.step() + "): model.hidden 16 -> 32, data.validation-fraction 0.1 -> 0.2."), e.getMessage());
        assertEquals(before, checkpoints());

        Seq2SeqTrainer.Result resumed = train(job(input, 16, 0.1, 2), true);
        assertEquals(2 * first.step(), resumed.step());
    }

    @Test
    void aResumedModelKeepsTheCheckpointsVocabulariesWhenTheDataLosesACharacter() throws IOException {
        Seq2SeqTrainer.Result first = train(job(pairs("Zut."), 16, 0.1, 1), false);
        java.nio.file.Path without = pairs("Hut."); // 'Z' occurred only there

        Seq2SeqTrainer.Result resumed = train(job(without, 16, 0.1, 2), true);
        assertEquals(2 * first.step(), resumed.step());
        CheckpointMetadata last = NativeCheckpoint.readMetadata(resumed.lastCheckpoint(), HADOOP);
        assertTrue(((List<?>) last.spec().get("sourceVocabulary")).contains("Z"), last.spec().toString());
        assertEquals(first.model().spec(), resumed.model().spec());
        assertTrue(resumed.vocabulary().source().symbols().contains("Z"), "the report decodes with it too");
    }

    @Test
    void aCharacterTheResumedModelNeverSawIsAnErrorNamingIt() throws IOException {
        train(job(pairs("Zut."), 16, 0.1, 1), false);
        List<String> before = checkpoints();
        java.nio.file.Path with = pairs("Qut.");

        var e = assertThrows(IllegalArgumentException.class, () -> train(job(with, 16, 0.1, 2), true));
        assertTrue(e.getMessage().contains("has 1 character(s) outside the resumed model's source vocabulary ['Q']"),
                e.getMessage());
        assertTrue(e.getMessage().contains("start a new --run-dir"), e.getMessage());
        assertEquals(before, checkpoints());
    }

    @Test
    void aRunResumedInTheMiddleOfAnEpochEndsWithTheUninterruptedRunsParameters() throws IOException {
        java.nio.file.Path input = pairs("Zut.");
        // 36 training pairs, minibatches of 8: 4 per epoch, 2 per round; a checkpoint every 2 minibatches
        Seq2SeqJob job = TinyJobs.seq2seq(input, 16, 0.1, 3, 8, 2, 100);
        Seq2SeqTrainer.Result whole = train(job, false);
        var quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path cut = new Path(dir.resolve("cut").toString());
        new Seq2SeqTrainer(job, cut, false, HADOOP, quiet, quiet).run(sc());
        var store = new RunDir(cut, HADOOP).store(100);
        FileSystem fs = cut.getFileSystem(HADOOP);
        for (Path p : store.list()) {
            if (NativeCheckpoint.readMetadata(p, HADOOP).step() > 6) {
                fs.delete(p, true);
            }
        }
        assertEquals(6, NativeCheckpoint.readMetadata(store.latest().orElseThrow(), HADOOP).step(),
                "the interrupted run stopped half way through epoch 2");

        Seq2SeqTrainer.Result resumed = new Seq2SeqTrainer(job, cut, true, HADOOP, quiet, quiet).run(sc());

        assertEquals(whole.step(), resumed.step());
        Map<String, Tensor> a = NativeCheckpoint.read(whole.lastCheckpoint(), HADOOP).variables();
        Map<String, Tensor> b = NativeCheckpoint.read(resumed.lastCheckpoint(), HADOOP).variables();
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            if (a.get(name) instanceof FloatTensor fa) {
                float[] x = fa.values();
                float[] y = ((FloatTensor) b.get(name)).values();
                for (int i = 0; i < x.length; i++) {
                    assertEquals(x[i], y[i], 1e-4 * Math.max(1, Math.abs(x[i])), name + "[" + i + "]");
                }
            }
        }
        assertEquals(whole.validation(), resumed.validation(), 1e-4);
        assertEquals(whole.heldOut(), resumed.heldOut());
    }

    private List<String> checkpoints() throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(dir.resolve("run/checkpoints"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
