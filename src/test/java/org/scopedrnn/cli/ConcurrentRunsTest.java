package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.TestCorpora;

/** One run dir, one run: a second training on it is refused while the first lives, and takes over once it is gone. */
class ConcurrentRunsTest extends SparkTestBase {

    @TempDir
    Path dir;

    @Test
    void aSecondRunIsRefusedNamingTheHolderAndTakesOverOnceTheHolderIsKilled() throws Exception {
        Path corpus = TestCorpora.write(dir, "corpus.txt", TestCorpora.annaPrefix(4000));
        Path run = dir.resolve("run");
        Process first = startTrainingJvm(corpus, run, dir.resolve("first.log"));
        try {
            waitForLock(run, first);
            CliRun second = train(corpus, run, "--resume");
            assertEquals(Main.BAD_INPUT, second.exitCode(), second.err());
            assertTrue(second.err().contains("process " + first.pid() + " on ")
                    && second.err().contains("still running"), second.err());
            assertTrue(first.isAlive(), "the refused run left the first alone");
        } finally {
            first.destroyForcibly(); // SIGKILL: its lock stays behind
            first.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(run.resolve("run.lock")));

        CliRun third = train(corpus, run, "--resume");
        assertEquals(0, third.exitCode(), third.err());
        assertTrue(third.err().contains("taking over the lock") && third.err().contains("process " + first.pid())
                && third.err().contains("no longer running"), third.err());
        assertFalse(Files.exists(run.resolve("run.lock")), "released at the end");
    }

    @Test
    void aLockThatLooksAliveIsRefusedUntilBreakLock() throws IOException {
        Path corpus = TestCorpora.write(dir, "corpus.txt", TestCorpora.annaPrefix(4000));
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("run.lock"), "host=some-other-host\npid=4242\nprocess-started=" + Instant.now()
                + "\nacquired=" + Instant.now() + "\ntoken=planted\n");

        CliRun refused = train(corpus, run);
        assertEquals(Main.BAD_INPUT, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("process 4242 on some-other-host") && refused.err().contains("--break-lock"),
                refused.err());
        assertFalse(refused.err().contains("\tat "), refused.err());

        CliRun broken = train(corpus, run, "--break-lock");
        assertEquals(0, broken.exitCode(), broken.err());
        assertTrue(broken.err().contains("taking over the lock") && broken.err().contains("--break-lock"),
                broken.err());
    }

    private static CliRun train(Path corpus, Path run, String... more) {
        return CliRun.of(MainTest.concat(MainTest.concat(new String[] {"train", "char-lstm", "--input",
            corpus.toString(), "--run-dir", run.toString(), "--epochs", "1"}, SchedulerBehaviourTest.TINY), more));
    }

    /** A training that outlives the test: it is killed, never waited for. */
    private static Process startTrainingJvm(Path corpus, Path run, Path log) throws IOException {
        var args = new ArrayList<>(List.of("train", "char-lstm", "--input", corpus.toString(), "--run-dir",
            run.toString(), "--epochs", "100000"));
        args.addAll(List.of(SchedulerBehaviourTest.TINY));
        return TrainingJvm.start(log, java.util.Map.of(), args);
    }

    private static void waitForLock(Path run, Process training) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (Files.exists(run.resolve("run.lock"))) {
                return;
            }
            if (!training.isAlive()) {
                throw new AssertionError("the first training exited with " + training.exitValue()
                        + " before taking its lock; see first.log");
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no lock within 3 minutes");
    }
}
