package org.scopedrnn.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.TestCorpora;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.checkpoint.NativeCheckpoint;

/**
 * Training on a real standalone cluster on loopback ({@code scripts/local-cluster.sh start 2}, RPC
 * authentication on): a char-LSTM submitted with {@code scripts/submit.sh} survives the loss of an
 * executor JVM mid-epoch; a seq2seq run by {@code scripts/scoped-rnn} whose driver is killed resumes.
 * A watcher reads every checkpoint the moment it is visible.
 */
class LocalClusterIT {

    @TempDir
    static Path dir;

    static LocalCluster cluster;

    static final String[] CHAR_LSTM = {"--set", "model.hidden=16", "--set", "data.seq-length=20", "--set",
        "train.batch-size=8", "--set", "train.averaging-frequency=2", "--set", "train.checkpoint-every-steps=4",
        "--set", "train.keep-last=2", "--set", "sample.chars=20", "--epochs", "1"};

    static final String[] SEQ2SEQ = {"--set", "data.task=copy", "--set", "data.copy-examples=400", "--set",
        "model.hidden=32", "--set", "model.embedding-size=16", "--set", "train.batch-size=16", "--set",
        "train.averaging-frequency=2", "--set", "train.checkpoint-every-steps=4", "--set", "train.keep-last=2",
        "--set", "translate.examples=2", "--epochs", "1"};

    @BeforeAll
    static void startCluster() {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        cluster = LocalCluster.start(dir.resolve("cluster"), 2, HexFormat.of().formatHex(secret));
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
    void executorKilledMidEpochJobStillCompletes() throws Exception {
        Path corpus = TestCorpora.write(dir, "corpus.txt", TestCorpora.annaPrefix(6_000));
        Path run = dir.resolve("char-lstm");
        Path checkpoints = run.resolve("checkpoints");
        var cmd = new ArrayList<>(List.of(LocalCluster.HOME.resolve("scripts/submit.sh").toString(),
            "--master", cluster.master(), "--executor-memory", "768m", "--",
            "train", "char-lstm", "--input", corpus.toString(), "--run-dir", run.toString()));
        cmd.addAll(List.of(CHAR_LSTM));
        Path log = dir.resolve("char-lstm.log");

        try (var watcher = new CheckpointWatcher(checkpoints)) {
            Process driver = start(cmd, log);
            try {
                awaitCheckpoint(checkpoints, driver, log);
                assertEquals(2, cluster.executors().size(), "one executor per worker: " + cluster.executors());
                long victim = awaitExecutorRunningATask(driver);
                ProcessHandle.of(victim).orElseThrow().destroyForcibly(); // SIGKILL, mid-task, mid-epoch
                assertTrue(driver.isAlive(), "the kill must land while the job runs");
                assertTrue(driver.waitFor(5, TimeUnit.MINUTES), "driver did not finish");
                assertEquals(0, driver.exitValue(), tail(log));
            } finally {
                driver.destroyForcibly();
            }
            assertEquals(List.of(), watcher.failures(), "a partial checkpoint was visible as complete");
            assertTrue(watcher.reads() > 0, "the watcher read no checkpoint");
        }
        String driverLog = Files.readString(log);
        assertTrue(driverLog.contains("Lost executor"), "Spark noticed the killed executor:\n" + tail(log));
        assertTrue(driverLog.contains("Lost task"), "the killed executor's task was lost and re-run:\n" + tail(log));
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
        try (var watcher = new CheckpointWatcher(checkpoints)) {
            Process driver = start(launcher(run, false), log);
            try {
                awaitCheckpoint(checkpoints, driver, log);
            } finally {
                driver.destroyForcibly(); // SIGKILL: no shutdown hook, no clean Spark stop
                driver.waitFor(30, TimeUnit.SECONDS);
            }
            long stepAtKill = lastMetadata(checkpoints).step();
            awaitNoExecutors(); // the Master saw the driver go and had the Workers kill its executors

            Process resumed = start(launcher(run, true), resumedLog);
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

    private static Process start(List<String> cmd, Path log) throws IOException {
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.putAll(cluster.driverEnv());
        return pb.start();
    }

    private static void awaitCheckpoint(Path checkpoints, Process driver, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            if (!CheckpointWatcher.committed(checkpoints).isEmpty()) {
                return;
            }
            if (!driver.isAlive()) {
                throw new AssertionError("driver exited with " + driver.exitValue() + " before its first checkpoint:\n"
                        + tail(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint within 4 minutes:\n" + tail(log));
    }

    private static long awaitExecutorRunningATask(Process driver) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline && driver.isAlive()) {
            var busy = cluster.executorRunningATask();
            if (busy.isPresent()) {
                return busy.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no executor was seen running a task");
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
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
