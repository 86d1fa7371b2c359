package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.TestCorpora;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.checkpoint.NativeCheckpoint;

/** {@code train --resume} as a scheduler reruns it: changed model settings are refused, an unchanged command resumes. */
class ResumeSettingsCliTest extends SparkTestBase {

    @TempDir
    static Path dir;

    static Path corpus;

    /** 22 minibatches per epoch, 4 per averaging round; model.hidden=32 where the default is 128. */
    static final String[] HIDDEN_32 = {"--set", "model.hidden=32", "--set", "data.seq-length=20"};
    static final String[] TINY = {"--set", "train.batch-size=8", "--set", "train.averaging-frequency=2",
        "--set", "sample.chars=20", "--set", "report.epoch-sample-chars=0"};

    @BeforeAll
    static void writeCorpus() {
        corpus = TestCorpora.write(dir, "corpus.txt", TestCorpora.annaPrefix(4000));
    }

    private static CliRun train(Path run, String[] settings, String... more) {
        String[] head = MainTest.concat(new String[] {"train", "char-lstm", "--input", corpus.toString(), "--run-dir",
            run.toString()}, TINY);
        return CliRun.of(MainTest.concat(MainTest.concat(head, settings), more));
    }

    @Test
    void resumeWithAnotherHiddenSizeIsRefusedNamingItAndLeavesTheRunDirAlone() throws IOException {
        Path run = dir.resolve("hidden");
        assertEquals(0, train(run, HIDDEN_32, "--epochs", "1").exitCode());
        Map<String, String> before = contents(run);

        CliRun changed = train(run, HIDDEN_32, "--epochs", "2", "--resume", "--set", "model.hidden=64",
            "--set", "model.layers=3");
        assertEquals(Main.BAD_INPUT, changed.exitCode(), changed.err());
        assertTrue(changed.err().contains("error: cannot resume run dir " + run + ": this command sets 2 settings "
            + "differently from its checkpoint (step 22): model.layers 2 -> 3, model.hidden 32 -> 64."), changed.err());
        assertTrue(changed.err().contains("start a new --run-dir"), changed.err());
        assertFalse(changed.err().contains("\tat "), "no stack trace: " + changed.err());
        assertEquals(before, contents(run), "a refused resume writes and deletes nothing");

        CliRun unchanged = train(run, HIDDEN_32, "--epochs", "2", "--resume");
        assertEquals(0, unchanged.exitCode(), unchanged.err());
        assertTrue(unchanged.err().contains("resuming from"), unchanged.err());
        assertEquals(44, latest(run).step());
    }

    @Test
    void aResumeThatLeavesSettingsOutTakesThemFromTheCheckpoint() throws IOException {
        Path run = dir.resolve("defaults");
        assertEquals(0, train(run, HIDDEN_32, "--epochs", "1").exitCode());

        // as after an upgrade that changed the defaults under a command that never named them
        CliRun resumed = train(run, new String[0], "--epochs", "2", "--resume");
        assertEquals(0, resumed.exitCode(), resumed.err());
        CheckpointMetadata last = latest(run);
        assertEquals(44, last.step(), "22 steps per epoch: data.seq-length is still 20, not the default 50");
        assertEquals(32L, ((Number) last.spec().get("hiddenSize")).longValue());
    }

    private static CheckpointMetadata latest(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            Path last = s.filter(p -> p.getFileName().toString().startsWith("step-"))
                .max((a, b) -> Long.compare(step(a), step(b))).orElseThrow();
            return NativeCheckpoint.readMetadata(new org.apache.hadoop.fs.Path(last.toString()), new Configuration());
        }
    }

    private static long step(Path checkpoint) {
        return Long.parseLong(checkpoint.getFileName().toString().substring("step-".length()));
    }

    /** Every file under {@code run} with a digest of its bytes. */
    private static Map<String, String> contents(Path run) throws IOException {
        var out = new TreeMap<String, String>();
        try (Stream<Path> s = Files.walk(run)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(run.relativize(p).toString(), Integer.toHexString(Arrays.hashCode(Files.readAllBytes(p))));
            }
        }
        return out;
    }
}
