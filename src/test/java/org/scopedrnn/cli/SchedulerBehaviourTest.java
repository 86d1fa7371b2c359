package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.GatedTasks;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.TestCorpora;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.checkpoint.NativeCheckpoint;

/** What a batch scheduler relies on: exit codes, refusing a used run dir, --overwrite, --max-wall-time. */
class SchedulerBehaviourTest extends SparkTestBase {

    @TempDir
    static Path dir;

    static Path corpus;

    /** 22 minibatches per epoch, 4 per averaging round. */
    static final String[] TINY = {"--set", "model.hidden=16", "--set", "data.seq-length=20", "--set",
        "train.batch-size=8", "--set", "train.averaging-frequency=2", "--set", "train.checkpoint-every-steps=4",
        "--set", "sample.chars=20"};

    @BeforeAll
    static void writeCorpus() {
        corpus = TestCorpora.write(dir, "corpus.txt", TestCorpora.annaPrefix(4000));
    }

    private static CliRun train(String model, Path run, String... more) {
        String[] head = model.equals("seq2seq")
            ? new String[] {"train", "seq2seq", "--run-dir", run.toString(), "--set", "data.task=copy", "--set",
                "data.copy-examples=300", "--set", "model.hidden=16", "--set", "model.embedding-size=8", "--set",
                "train.batch-size=16", "--set", "translate.examples=1"}
            : MainTest.concat(new String[] {"train", "char-lstm", "--input", corpus.toString(), "--run-dir",
                run.toString()}, TINY);
        return CliRun.of(MainTest.concat(head, more));
    }

    @Test
    void runDirWithCheckpointsIsRefusedNamingResumeAndOverwrite() {
        Path run = dir.resolve("refused");
        assertEquals(0, train("char-lstm", run, "--epochs", "1").exitCode());
        CliRun again = train("char-lstm", run, "--epochs", "1");
        assertEquals(Main.BAD_INPUT, again.exitCode());
        assertTrue(again.err().contains("--resume") && again.err().contains("--overwrite"), again.err());
    }

    @Test
    void overwriteDeletesTheOldCheckpointsAndStartsAfresh() throws IOException {
        Path run = dir.resolve("overwritten");
        assertEquals(0, train("char-lstm", run, "--epochs", "2").exitCode());
        long twoEpochs = lastStep(run);

        CliRun fresh = train("char-lstm", run, "--epochs", "1", "--overwrite");
        assertEquals(0, fresh.exitCode(), fresh.err());
        assertTrue(fresh.err().contains("--overwrite: deleting the checkpoints"), fresh.err());
        assertFalse(fresh.err().contains("resuming"), fresh.err());
        assertEquals(twoEpochs / 2, lastStep(run), "only the new one-epoch run's checkpoints are left");
        try (Stream<Path> s = Files.list(run)) {
            assertEquals(List.of("checkpoints"), s.map(p -> p.getFileName().toString())
                    .filter(n -> n.contains("checkpoints")).toList(),
                "the old checkpoints directory is gone, not left aside");
        }
    }

    @Test
    void resumeAndOverwriteTogetherAreRefusedBeforeSparkStarts() {
        CliRun run = train("char-lstm", dir.resolve("both"), "--resume", "--overwrite");
        assertEquals(Main.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("--resume and --overwrite"), run.err());
        assertFalse(Files.exists(dir.resolve("both")));
    }

    @Test
    void maxWallTimeStopsWithACompleteCheckpointAndExitCode3ThenResumeFinishes() throws Exception {
        Path run = dir.resolve("walltime");
        // The limit counts from JVM start, as a scheduler's does: give this run about eight seconds, time
        // to reach its first round even on a busy machine.
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long limitSeconds = (System.currentTimeMillis() - jvmStart) / 1000 + 8;
        Instant deadline = Instant.ofEpochMilli(jvmStart).plusSeconds(limitSeconds);
        CliRun stopped;
        boolean heldPastDeadline;
        // A fast machine could train all 66 steps in that time: the test-only gate holds the first round
        // until the deadline has passed. A slower one may stop before the first round, as it should.
        try (var gate = GatedTasks.holdingAfter(dir.resolve("walltime-gate"), 0)) {
            System.setProperty(GatedTasks.PROPERTY, gate.dir().toString());
            try {
                var training = CompletableFuture.supplyAsync(
                    () -> train("char-lstm", run, "--epochs", "3", "--max-wall-time", limitSeconds + "s"));
                heldPastDeadline = gate.awaitHeld(() -> !training.isDone(), Duration.ofMinutes(3), () -> "in-process")
                        .isPresent();
                if (heldPastDeadline) {
                    while (!Instant.now().isAfter(deadline)) {
                        Thread.sleep(50);
                    }
                    gate.release();
                }
                stopped = training.get(5, TimeUnit.MINUTES);
            } finally {
                System.clearProperty(GatedTasks.PROPERTY);
            }
        }
        assertEquals(Main.STOPPED_AT_WALL_TIME, stopped.exitCode(), stopped.err());
        assertTrue(stopped.err().contains("stopped at --max-wall-time"), stopped.err());
        assertFalse(stopped.out().contains("----- sample"), "no sample after a stop: " + stopped.out());
        long stepAtStop = lastStep(run);
        assertTrue(stepAtStop < 66, "stopped before the end (66 steps), at " + stepAtStop);
        if (heldPastDeadline) {
            assertEquals(4, stepAtStop, "the first round ended past the deadline: the next check stops the run");
        }
        NativeCheckpoint.read(checkpoint(run, stepAtStop), new Configuration()); // complete

        CliRun resumed = train("char-lstm", run, "--epochs", "3", "--resume");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("resuming from"), resumed.err());
        CheckpointMetadata last = NativeCheckpoint.readMetadata(checkpoint(run, lastStep(run)), new Configuration());
        assertEquals(66, last.step());
        assertEquals(3, last.epoch());
    }

    @Test
    void seq2seqPastItsWallTimeCheckpointsWhereItIsAndExits3() throws IOException {
        Path run = dir.resolve("seq2seq-walltime");
        CliRun stopped = train("seq2seq", run, "--epochs", "1", "--max-wall-time", "1s"); // this JVM is older
        assertEquals(Main.STOPPED_AT_WALL_TIME, stopped.exitCode(), stopped.err());
        assertEquals(0, lastStep(run), "stopped before the first round, with a resumable step-0 checkpoint");
        NativeCheckpoint.read(checkpoint(run, 0), new Configuration());
    }

    @Test
    void badWallTimeIsAnErrorNamingTheValue() {
        CliRun run = train("char-lstm", dir.resolve("bad-time"), "--max-wall-time", "30 minutes");
        assertEquals(Main.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("'30 minutes'"), run.err());
    }

    @Test
    void wallTimesParseAsSchedulersWriteThem() {
        assertEquals(Duration.ofSeconds(90), RunOptions.parseDuration("90s"));
        assertEquals(Duration.ofMinutes(30), RunOptions.parseDuration("30m"));
        assertEquals(Duration.ofMinutes(90), RunOptions.parseDuration("1h30m"));
        assertEquals(Duration.ofHours(50), RunOptions.parseDuration("2d2h"));
        assertThrows(IllegalArgumentException.class, () -> RunOptions.parseDuration("0m"));
        assertThrows(IllegalArgumentException.class, () -> RunOptions.parseDuration("30"));
        assertThrows(IllegalArgumentException.class, () -> RunOptions.parseDuration(""));
    }

    @Test
    void runtimeFailuresExit1AndBadInputExits2() {
        assertEquals(Main.FAILURE, Main.report(new UncheckedIOException(new IOException("No space left on device"))));
        assertEquals(Main.FAILURE, Main.report(new IllegalStateException("executor lost 4 times")));
        assertEquals(Main.BAD_INPUT, Main.report(new RuntimeException(new IllegalArgumentException("bad value"))));
        assertEquals(Main.BAD_INPUT, CliRun.of("train", "char-lstm", "--no-such-option").exitCode());
    }

    @Test
    void sparkSecretsAreNeitherStoredNorPrinted() throws IOException {
        Path run = dir.resolve("secret");
        CliRun r = train("char-lstm", run, "--epochs", "1", "--set", "spark.conf.\"spark.authenticate.secret\"=hunter2");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse((r.out() + r.err()).contains("hunter2"));
        try (Stream<Path> s = Files.walk(run)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains("hunter2"), p + " holds the secret");
            }
        }
    }

    private static org.apache.hadoop.fs.Path checkpoint(Path run, long step) {
        return new org.apache.hadoop.fs.Path(run.resolve("checkpoints/step-" + step).toString());
    }

    private static long lastStep(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("step-"))
                    .mapToLong(n -> Long.parseLong(n.substring(5))).max().orElseThrow();
        }
    }
}
