package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.GatedTasks;
import org.scopedrnn.LogTail;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.TestCorpora;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.report.RunReport;
import org.scopedrnn.report.TensorBoardChecks;

/**
 * A training JVM killed with SIGKILL after its first checkpoint, while a task of the next round is
 * held by the test-only task gate (so the run is provably mid-round, however fast the machine),
 * resumes from it and finishes; TensorBoard then reads both processes' event files.
 */
class KillAndResumeTest extends SparkTestBase {

    @TempDir
    Path dir;

    /** Training tasks per averaging round (train.workers): the gate holds the second round's first task. */
    static final int FIRST_ROUND_TASKS = 2;

    static final String[] JOB = {"--set", "model.hidden=16", "--set", "data.seq-length=20", "--set",
        "train.batch-size=8", "--set", "train.averaging-frequency=2", "--set", "train.checkpoint-every-steps=4",
        "--set", "sample.chars=20", "--epochs", "3"};

    @Test
    void killedTrainingResumesFromItsLastCompleteCheckpoint() throws Exception {
        Path corpus = TestCorpora.write(dir, "corpus.txt", TestCorpora.annaPrefix(4000));
        Path run = dir.resolve("run");
        Path checkpoints = run.resolve("checkpoints");

        Path log = dir.resolve("killed-run.log");
        try (var gate = GatedTasks.holdingAfter(dir.resolve("gate"), FIRST_ROUND_TASKS)) {
            Process training = startTrainingJvm(corpus, run, log, gate);
            try {
                gate.awaitHeld(training::isAlive, Duration.ofMinutes(3), () -> tail(log)).orElseThrow(
                    () -> new AssertionError("training JVM exited before a task was held:\n" + tail(log)));
                assertFalse(committed(checkpoints).isEmpty(), "the first round's checkpoint is committed before "
                        + "the second round starts");
            } finally {
                training.destroyForcibly(); // SIGKILL mid-round: no shutdown hooks, no chance to tidy up
                training.waitFor(30, TimeUnit.SECONDS);
            }
        }

        for (Path p : committed(checkpoints)) {
            NativeCheckpoint.read(new org.apache.hadoop.fs.Path(p.toString()), new Configuration()); // every visible checkpoint is whole
        }

        long stepAtKill = lastStep(checkpoints);
        CliRun resumed = CliRun.of(MainTest.concat(new String[] {"train", "char-lstm", "--input", corpus.toString(),
            "--run-dir", run.toString(), "--resume"}, JOB));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("resuming from"), resumed.err());
        long finalStep = lastStep(checkpoints);
        assertTrue(finalStep > stepAtKill, "resumed run trained on from step " + stepAtKill + " to " + finalStep);
        var meta = NativeCheckpoint.readMetadata(
                new org.apache.hadoop.fs.Path(checkpoints.resolve("step-" + finalStep).toString()), new Configuration());
        assertEquals(3, meta.epoch());

        try (Stream<Path> s = Files.list(run.resolve(RunReport.TENSORBOARD))) {
            assertEquals(2, s.count(), "an event file per process: the killed one's is kept");
        }
        // the killed JVM's file, never closed, still holds its rows: TensorBoard shows what metrics.csv has
        TensorBoardChecks.assertMatchesMetrics(run, RunReport.Unit.CHARS);
    }

    private static Process startTrainingJvm(Path corpus, Path run, Path log, GatedTasks gate) throws IOException {
        var args = new ArrayList<>(List.of("train", "char-lstm", "--input", corpus.toString(), "--run-dir",
            run.toString()));
        args.addAll(List.of(JOB));
        return TrainingJvm.start(log, gate.env(), args);
    }

    private static String tail(Path log) {
        return LogTail.of(log);
    }

    private static long lastStep(Path checkpoints) throws IOException {
        return committed(checkpoints).stream()
                .mapToLong(p -> Long.parseLong(p.getFileName().toString().substring("step-".length())))
                .max().orElseThrow();
    }

    private static List<Path> committed(Path checkpoints) throws IOException {
        try (Stream<Path> s = Files.list(checkpoints)) {
            return s.filter(p -> p.getFileName().toString().startsWith("step-")).sorted().toList();
        }
    }
}
