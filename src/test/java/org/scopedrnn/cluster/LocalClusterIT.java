package org.scopedrnn.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.GatedTasks;
import org.scopedrnn.LogTail;
import org.scopedrnn.TestCorpora;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.checkpoint.NativeCheckpoint;

/**
 * Training on a real standalone cluster on loopback ({@code scripts/local-cluster.sh start 2}, RPC
 * authentication on): a char-LSTM submitted with {@code scripts/submit.sh} survives the loss of an
 * executor JVM mid-task; a seq2seq run by {@code scripts/scoped-rnn} whose driver is killed mid-round
 * resumes. Each kill lands while a training task is held by the test-only task gate ({@link GatedTasks}),
 * so it hits a running task on a machine of any speed. A watcher reads every checkpoint the moment
 * it is visible.
 */
class LocalClusterIT {

    @TempDir
    static Path dir;

    static LocalCluster cluster;

    static final String[] CHAR_LSTM = {"--set", "model.hidden=16", "--set", "data.seq-length=20", "--set",
        "train.batch-size=8", "--set", "train.averaging-frequency=2", "--set", "train.checkpoint-every-steps=4",
        "--set", "train.keep-last=2", "--set", "sample.chars=20", "--epochs", "1"};

    /**
     * Training tasks in the first averaging round (train.workers, 2 by default): the gate lets them
     * run and holds the second round's, after the step-4 checkpoint.
     */
    static final int FIRST_ROUND_TASKS = 2;

    static final String[] SEQ2SEQ = {"--set", "data.task=copy", "--set", "data.copy-examples=400", "--set",
        "model.hidden=32", "--set", "model.embedding-size=16", "--set", "train.batch-size=16", "--set",
        "train.averaging-frequency=2", "--set", "train.checkpoint-every-steps=4", "--set", "train.keep-last=2",
        "--set", "translate.examples=2", "--epochs", "1"};

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.startAuthenticated(dir.resolve("cluster"), 2);
    }

    @AfterAll
    static void stopClusterLeavesNoProcess() throws InterruptedException {
        if (cluster == null) {
            return;
        }
        LocalCluster.Result stop = cluster.script("stop");
        assertEquals(0, stop.code(), stop.output());
        assertEquals(List.of(), cluster.processes(), "processes left after local-cluster.sh stop");
        assertEquals(3, cluster.script("status").code(), "status after stop: not running");
    }

    @Test
    void executorKilledWhileRunningATaskLosesItReRunsItAndTheJobCompletes() throws Exception {
        Path corpus = TestCorpora.write(dir, "corpus.txt", TestCorpora.annaPrefix(6_000));
        Path run = dir.resolve("char-lstm");
        Path checkpoints = run.resolve("checkpoints");
        var cmd = new ArrayList<>(List.of(LocalCluster.HOME.resolve("scripts/submit.sh").toString(),
            "--master", cluster.master(), "--executor-memory", "768m", "--",
            "train", "char-lstm", "--input", corpus.toString(), "--run-dir", run.toString()));
        cmd.addAll(List.of(CHAR_LSTM));
        Path log = dir.resolve("char-lstm.log");

        GatedTasks.Task victim;
        try (var watcher = new CheckpointWatcher(checkpoints);
                var gate = GatedTasks.holdingAfter(dir.resolve("gate-char-lstm"), FIRST_ROUND_TASKS)) {
            Process driver = start(cmd, log, gate.env());
            try {
                victim = awaitHeld(gate, driver, log);
                assertFirstCheckpointCommitted(checkpoints, watcher);
                assertTrue(cluster.executors().contains(victim.pid()), "the held task runs in an executor of this "
                        + "cluster: " + victim + ", executors " + cluster.executors());
                ProcessHandle executor = ProcessHandle.of(victim.pid()).orElseThrow();
                executor.destroyForcibly(); // SIGKILL while its task is held: mid-task, mid-epoch
                executor.onExit().get(30, TimeUnit.SECONDS);
                assertTrue(driver.isAlive(), "the round waits for the killed task, so the job still runs");
                gate.release();
                assertTrue(driver.waitFor(5, TimeUnit.MINUTES), "driver did not finish");
                assertEquals(0, driver.exitValue(), tail(log));
            } finally {
                driver.destroyForcibly();
            }
            assertEquals(List.of(), watcher.failures(), "a partial checkpoint was visible as complete");
            assertFalse(gate.reruns(victim).isEmpty(), "the lost task's partition ran again: " + gate.tasks());
            System.out.println("killed executor " + victim.pid() + " while it ran " + victim.sparkName() + "; re-run: "
                    + gate.reruns(victim)); // in the build log: what the kill hit
        }
        String driverLog = Files.readString(log);
        assertTrue(driverLog.contains("Lost executor"), "Spark noticed the killed executor:\n" + tail(log));
        assertTrue(driverLog.contains("Lost " + victim.sparkName()),
            "the killed executor's task " + victim.sparkName() + " was lost:\n" + tail(log));
        for (Path p : CheckpointWatcher.committed(checkpoints)) {
            NativeCheckpoint.read(hadoopPath(p), new Configuration());
        }
        assertEquals(1, lastMetadata(checkpoints).epoch());
        assertTrue(driverLog.contains("epoch 1/1 validation nats/char="), tail(log));
    }

    @Test
    void driverKilledMidTrainingResumesFromTheLastCompleteCheckpoint() throws Exception {
        Path run = dir.resolve("seq2seq");
        Path checkpoints = run.resolve("checkpoints");
        Path log = dir.resolve("seq2seq.log");
        Path resumedLog = dir.resolve("seq2seq-resumed.log");
        try (var watcher = new CheckpointWatcher(checkpoints);
                var gate = GatedTasks.holdingAfter(dir.resolve("gate-seq2seq"), FIRST_ROUND_TASKS)) {
            Process driver = start(launcher(run, false), log, gate.env());
            try {
                awaitHeld(gate, driver, log);
                assertFirstCheckpointCommitted(checkpoints, watcher);
            } finally {
                driver.destroyForcibly(); // SIGKILL mid-round: no shutdown hook, no clean Spark stop
                driver.waitFor(30, TimeUnit.SECONDS);
            }
            gate.release(); // the resumed driver runs without the gate; this lets the orphaned task go too
            long stepAtKill = lastMetadata(checkpoints).step();
            awaitNoExecutors(); // the Master saw the driver go and had the Workers kill its executors

            Process resumed = start(launcher(run, true), resumedLog, Map.of());
            try {
                assertTrue(resumed.waitFor(5, TimeUnit.MINUTES), "resumed driver did not finish");
                assertEquals(0, resumed.exitValue(), tail(resumedLog));
            } finally {
                resumed.destroyForcibly();
            }
            assertEquals(List.of(), watcher.failures(), "a partial checkpoint was visible as complete");
            String out = Files.readString(resumedLog);
            assertTrue(out.contains("resuming from"), out);
            CheckpointMetadata last = lastMetadata(checkpoints);
            assertTrue(last.step() > stepAtKill, "trained on from step " + stepAtKill + " to " + last.step());
            assertEquals(1, last.epoch());
            assertTrue(out.contains("epoch 1/1 validation nats/char="), out);
        }
        for (Path p : CheckpointWatcher.committed(checkpoints)) {
            NativeCheckpoint.read(hadoopPath(p), new Configuration());
        }
    }

    @Test
    void driverWithoutTheSecretIsRefusedByTheMaster() throws Exception {
        Path log = dir.resolve("no-secret.log");
        var pb = new ProcessBuilder(launcher(dir.resolve("no-secret"), false)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(cluster.driverEnv());
        pb.environment().remove("SCOPED_RNN_SPARK_SECRET");
        Process driver = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(log).contains("Expected SaslMessage")) {
                assertTrue(System.nanoTime() < deadline && driver.isAlive(),
                    "the Master did not refuse an unauthenticated driver:\n" + tail(log));
                Thread.sleep(100);
            }
        } finally {
            driver.destroyForcibly(); // it would retry for a minute before giving up with exit code 1
            driver.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(Files.exists(dir.resolve("no-secret/checkpoints")));
        for (long pid : cluster.processes()) {
            String cmd = ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("");
            assertFalse(cmd.contains(cluster.secret), "the secret is on a command line: " + cmd);
        }
    }

    private static List<String> launcher(Path run, boolean resume) {
        var cmd = new ArrayList<>(List.of(LocalCluster.HOME.resolve("scripts/scoped-rnn").toString(), "train",
            "seq2seq", "--master", cluster.master(), "--run-dir", run.toString()));
        cmd.addAll(List.of(SEQ2SEQ));
        if (resume) {
            cmd.add("--resume");
        }
        return cmd;
    }

    private static Process start(List<String> cmd, Path log, Map<String, String> extraEnv) throws IOException {
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.putAll(cluster.driverEnv());
        env.putAll(extraEnv);
        return pb.start();
    }

    /** The first task of the second averaging round, held on its executor while the driver waits for it. */
    private static GatedTasks.Task awaitHeld(GatedTasks gate, Process driver, Path log) throws InterruptedException {
        return gate.awaitHeld(driver::isAlive, Duration.ofMinutes(4), () -> tail(log)).orElseThrow(
            () -> new AssertionError("driver exited with " + driver.exitValue() + " before a task was held:\n"
                    + tail(log)));
    }

    /**
     * The driver saves the step-4 checkpoint after the first round, before it submits the second:
     * with a second-round task held, that checkpoint is committed, and the watcher has read it.
     */
    private static void assertFirstCheckpointCommitted(Path checkpoints, CheckpointWatcher watcher)
            throws InterruptedException {
        List<Path> committed = CheckpointWatcher.committed(checkpoints);
        assertFalse(committed.isEmpty(), "no checkpoint committed before the second round");
        watcher.awaitSeen(committed.get(0).getFileName().toString(), Duration.ofMinutes(1));
    }

    private static void awaitNoExecutors() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!cluster.executors().isEmpty()) {
            assertFalse(System.nanoTime() > deadline, "executors of a killed driver still run: " + cluster.executors());
            Thread.sleep(200);
        }
    }

    private static CheckpointMetadata lastMetadata(Path checkpoints) throws IOException {
        List<Path> all = CheckpointWatcher.committed(checkpoints);
        Path last = all.stream().max((a, b) -> Long.compare(step(a), step(b))).orElseThrow();
        return NativeCheckpoint.readMetadata(hadoopPath(last), new Configuration());
    }

    private static long step(Path p) {
        return Long.parseLong(p.getFileName().toString().substring("step-".length()));
    }

    private static org.apache.hadoop.fs.Path hadoopPath(Path p) {
        return new org.apache.hadoop.fs.Path(p.toString());
    }

    private static String tail(Path log) {
        return LogTail.of(log);
    }
}
