package org.scopedrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.MiniHdfs;

class RunDirLockTest {

    @TempDir
    java.nio.file.Path tmp;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private Path runDir(String name) {
        return new Path(tmp.resolve(name).toString());
    }

    private String logged() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    /** A lock file as another process would have left it. */
    private static void plantLock(FileSystem fs, Path runDir, String host, long pid, long ageMillis)
            throws IOException {
        var holder = new LockHolder(host, pid, Instant.parse("2026-01-01T00:00:00Z"), Instant.now(), "planted");
        Path file = new Path(runDir, RunDirLock.FILE);
        fs.mkdirs(runDir);
        try (FSDataOutputStream out = fs.create(file, true)) {
            out.write(holder.format().getBytes(StandardCharsets.UTF_8));
        }
        fs.setTimes(file, System.currentTimeMillis() - ageMillis, -1);
    }

    private static FileSystem local() throws IOException {
        return FileSystem.getLocal(new Configuration()).getRawFileSystem();
    }

    @Test
    void theLockNamesThisHostPidAndStartAndIsGoneAfterClose() throws IOException {
        Path run = runDir("run");
        try (RunDirLock lock = RunDirLock.acquire(run, new Configuration(), false, log)) {
            LockHolder holder = RunDirLock.read(local(), new Path(run, RunDirLock.FILE)).orElseThrow();
            assertEquals(ProcessHandle.current().pid(), holder.pid());
            assertEquals(LockHolder.localHost(), holder.host());
            assertTrue(holder.processAlive());
            lock.ensureHeld();
        }
        assertFalse(Files.exists(tmp.resolve("run").resolve(RunDirLock.FILE)));
        assertFalse(Files.exists(tmp.resolve("run")), "the run dir this lock created, left empty, is removed");
    }

    @Test
    void aSecondAcquireWhileTheFirstHoldsIsRefusedNamingTheHolder() throws IOException {
        Path run = runDir("held");
        try (RunDirLock first = RunDirLock.acquire(run, new Configuration(), false, log)) {
            var refused = assertThrows(IllegalArgumentException.class,
                    () -> RunDirLock.acquire(run, new Configuration(), false, log));
            assertTrue(refused.getMessage().contains("process " + ProcessHandle.current().pid() + " on "
                    + LockHolder.localHost()), refused.getMessage());
            assertTrue(refused.getMessage().contains("--break-lock"), refused.getMessage());
            first.ensureHeld(); // the refused attempt did not disturb the holder
        }
    }

    @Test
    void aLockOfADeadProcessOnThisHostIsTakenOverWithAMessage() throws IOException {
        Path run = runDir("dead");
        long deadPid = deadPid();
        plantLock(local(), run, LockHolder.localHost(), deadPid, 0);
        try (RunDirLock lock = RunDirLock.acquire(run, new Configuration(), false, log)) {
            lock.ensureHeld();
        }
        assertTrue(logged().contains("taking over the lock") && logged().contains("process " + deadPid)
                && logged().contains("no longer running"), logged());
    }

    @Test
    void aLivePidThatStartedAfterTheLockWasTakenIsAReusedPidNotTheHolder() throws IOException {
        Path run = runDir("reused");
        // this JVM's pid, but the planted holder "started" in 2026-01-01: another process had the pid then
        plantLock(local(), run, LockHolder.localHost(), ProcessHandle.current().pid(), 0);
        try (RunDirLock lock = RunDirLock.acquire(run, new Configuration(), false, log)) {
            lock.ensureHeld();
        }
        assertTrue(logged().contains("no longer running"), logged());
    }

    @Test
    void anotherHostsLockIsHonouredWhileItsLeaseIsFreshAndTakenOverOnceItExpires() throws IOException {
        Path run = runDir("other-host");
        var conf = new Configuration();
        conf.set(RunDirLock.LEASE_KEY, "60s");
        plantLock(local(), run, "some-other-host", 4242, TimeUnit.SECONDS.toMillis(5));
        var refused = assertThrows(IllegalArgumentException.class, () -> RunDirLock.acquire(run, conf, false, log));
        assertTrue(refused.getMessage().contains("process 4242 on some-other-host"), refused.getMessage());

        plantLock(local(), run, "some-other-host", 4242, TimeUnit.SECONDS.toMillis(90));
        try (RunDirLock lock = RunDirLock.acquire(run, conf, false, log)) {
            lock.ensureHeld();
        }
        assertTrue(logged().contains("lease expired"), logged());
    }

    @Test
    void breakLockTakesOverALockThatLooksAlive() throws IOException {
        Path run = runDir("broken");
        plantLock(local(), run, "some-other-host", 4242, 0);
        try (RunDirLock lock = RunDirLock.acquire(run, new Configuration(), true, log)) {
            lock.ensureHeld();
        }
        assertTrue(logged().contains("--break-lock"), logged());
    }

    @Test
    void anEmptyLockFileBeingWrittenIsHonouredUntilItsLeaseExpires() throws IOException {
        Path run = runDir("empty");
        Files.createDirectories(tmp.resolve("empty"));
        Files.createFile(tmp.resolve("empty").resolve(RunDirLock.FILE));
        var refused = assertThrows(IllegalArgumentException.class,
                () -> RunDirLock.acquire(run, new Configuration(), false, log));
        assertTrue(refused.getMessage().contains("unreadable lock"), refused.getMessage());
        local().setTimes(new Path(run, RunDirLock.FILE), System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1), -1);
        RunDirLock.acquire(run, new Configuration(), false, log).close();
    }

    @Test
    void theLeaseIsRenewedWhileTheRunLivesAndALockTakenOverMeanwhileIsNoticed() throws Exception {
        Path run = runDir("lease");
        var conf = new Configuration();
        conf.set(RunDirLock.LEASE_KEY, "400ms"); // renewed every 100 ms
        Path file = new Path(run, RunDirLock.FILE);
        try (RunDirLock lock = RunDirLock.acquire(run, conf, false, log)) {
            local().setTimes(file, 1000, -1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (local().getFileStatus(file).getModificationTime() == 1000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(local().getFileStatus(file).getModificationTime() > 1000, "the lease was renewed");

            // as a takeover after an expired lease leaves it, moved in whole
            plantLock(local(), runDir("elsewhere"), "some-other-host", 4242, 0);
            Files.move(tmp.resolve("elsewhere").resolve(RunDirLock.FILE), tmp.resolve("lease").resolve(RunDirLock.FILE),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            while (System.nanoTime() < deadline && !logged().contains("lost the lock")) {
                Thread.sleep(20);
            }
            var lost = assertThrows(IOException.class, lock::ensureHeld);
            assertTrue(lost.getMessage().contains("some-other-host"), lost.getMessage());
        }
        assertTrue(Files.exists(tmp.resolve("lease").resolve(RunDirLock.FILE)), "the new holder's lock is left alone");
    }

    @Test
    void aRunDirThatIsAFileIsRefusedAsBadInput() throws IOException {
        Files.writeString(tmp.resolve("plain-file"), "x");
        var refused = assertThrows(IllegalArgumentException.class,
                () -> RunDirLock.acquire(runDir("plain-file"), new Configuration(), false, log));
        assertTrue(refused.getMessage().contains("is a file"), refused.getMessage());
        assertEquals("x", Files.readString(tmp.resolve("plain-file")));
    }

    @Test
    void onHdfsTheLockIsExclusiveAndReleased() throws IOException {
        MiniHdfs hdfs = MiniHdfs.shared();
        Path run = new Path(hdfs.uri("/lock-test/run"));
        Configuration conf = hdfs.fs().getConf();
        try (RunDirLock lock = RunDirLock.acquire(run, conf, false, log)) {
            assertTrue(hdfs.fs().exists(new Path(run, RunDirLock.FILE)));
            var refused = assertThrows(IllegalArgumentException.class, () -> RunDirLock.acquire(run, conf, false, log));
            assertTrue(refused.getMessage().contains("still running"), refused.getMessage());
            lock.ensureHeld();
        }
        assertFalse(hdfs.fs().exists(run), "released, and the run dir it created is gone");
        plantLock(hdfs.fs(), run, LockHolder.localHost(), deadPid(), 0);
        RunDirLock.acquire(run, conf, false, log).close();
        assertTrue(logged().contains("no longer running"), logged());
    }

    /** A pid no process has now: a child that has exited. */
    private static long deadPid() throws IOException {
        Process p = new ProcessBuilder("true").start();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return p.pid();
    }
}
