package org.scopedrnn.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.scopedrnn.fs.HadoopFs;

/**
 * Holds a run dir exclusively for one training run: {@code RUN_DIR/run.lock}, created only if
 * absent ({@code O_EXCL} on a local disk, {@code create(path, false)} on HDFS, where the NameNode
 * makes it atomic), naming its {@link LockHolder}. While the run lives a daemon thread renews the
 * lock's modification time: that is its lease.
 *
 * <p>A lock left by a process that is gone is taken over, with a message: on this host when its
 * process no longer runs, from another host (a scheduler restarting the driver elsewhere) when its
 * lease has expired. {@code --break-lock} takes over any lock. Otherwise the run is refused, naming
 * the holder. On object stores (S3A) an exclusive create does not exist: there two runs started
 * at the same moment can both believe they hold the lock (README).
 */
final class RunDirLock implements AutoCloseable {

    static final String FILE = RunDir.LOCK;
    /** Hadoop key: how long a lock stays valid without renewal (e.g. {@code 120s}); renewed four times as often. */
    static final String LEASE_KEY = "scopedrnn.lock.lease";
    static final long DEFAULT_LEASE_MILLIS = TimeUnit.MINUTES.toMillis(2);

    private final FileSystem fs;
    private final Path file;
    private final LockHolder me;
    private final List<Path> createdDirs;
    private final PrintStream log;
    private final ScheduledExecutorService renewer;
    private volatile String lostTo;

    private RunDirLock(FileSystem fs, Path file, LockHolder me, List<Path> createdDirs, long leaseMillis,
            PrintStream log) {
        this.fs = fs;
        this.file = file;
        this.me = me;
        this.createdDirs = createdDirs;
        this.log = log;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "run-dir-lock-lease " + file);
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, leaseMillis / 4);
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Creates the run dir if needed and takes its lock.
     *
     * @throws IllegalArgumentException the run dir is held by a live run, or cannot be created or written
     */
    static RunDirLock acquire(Path runDir, Configuration conf, boolean breakLock, PrintStream log) throws IOException {
        FileSystem fs = HadoopFs.forPath(runDir, conf);
        long lease = conf.getTimeDuration(LEASE_KEY, DEFAULT_LEASE_MILLIS, TimeUnit.MILLISECONDS);
        List<Path> created = createRunDir(fs, runDir);
        Path file = new Path(runDir, FILE);
        LockHolder me = LockHolder.current();
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                if (createExclusive(fs, file, me)) {
                    return new RunDirLock(fs, file, me, created, lease, log);
                }
                takeOverOrRefuse(fs, file, runDir, lease, breakLock, log);
            }
            throw new IllegalArgumentException("run dir " + runDir + " is being locked by other runs at this moment "
                    + "(" + file + " keeps reappearing): start one run per --run-dir");
        } catch (IOException | RuntimeException e) {
            try {
                removeIfEmpty(fs, created);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Throws if another run took this lock over (expired lease, --break-lock): then this run must not write. */
    void ensureHeld() throws IOException {
        if (lostTo != null) {
            throw new IOException("this run lost its lock " + file + " to " + lostTo
                    + ": another run took the run dir over, so this one stops without writing");
        }
    }

    /** Stops renewing, deletes the lock if it is still this run's, and the run dir if this lock created it and it is empty. */
    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            if (!renewer.awaitTermination(10, TimeUnit.SECONDS)) {
                log.println("warning: the lease renewal of " + file + " did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (lostTo == null && isMine()) {
                HadoopFs.deleteRecursively(fs, file);
            }
            removeIfEmpty(fs, createdDirs);
        } catch (IOException | RuntimeException e) {
            log.println("warning: could not release the lock " + file + " (" + e.getMessage()
                    + "); the next run takes it over once this process has ended");
        }
    }

    private void renew() {
        try {
            Optional<LockHolder> holder = read(fs, file);
            if (holder.isEmpty() || !holder.get().token().equals(me.token())) {
                lostTo = holder.map(LockHolder::describe).orElse("nobody (" + file + " was deleted)");
                log.println("warning: lost the lock " + file + " to " + lostTo + "; this run will not write again");
                renewer.shutdown();
                return;
            }
            long now = System.currentTimeMillis();
            fs.setTimes(file, now, -1);
            if (fs.getFileStatus(file).getModificationTime() < now - 1000) {
                // object stores (S3A) ignore setTimes; a rewrite is one atomic PUT there
                try (FSDataOutputStream out = fs.create(file, true)) {
                    out.write(me.format().getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | RuntimeException e) {
            // a transient failure: the lease lasts four renewals; a lock lost meanwhile is seen at the next one
            log.println("warning: could not renew the lease of " + file + ": " + e.getMessage());
        }
    }

    private boolean isMine() throws IOException {
        return read(fs, file).map(h -> h.token().equals(me.token())).orElse(false);
    }

    private static List<Path> createRunDir(FileSystem fs, Path runDir) throws IOException {
        var missing = new ArrayList<Path>();
        for (Path p = runDir; p != null; p = p.getParent()) {
            FileStatus status = HadoopFs.statusOrNull(fs, p);
            if (status != null) {
                if (!status.isDirectory()) {
                    throw new IllegalArgumentException("run dir " + runDir + ": " + p + " is a file, not a directory; "
                            + "move it away or choose another --run-dir");
                }
                break;
            }
            missing.add(p);
        }
        if (!missing.isEmpty()) {
            try {
                if (!fs.mkdirs(runDir)) {
                    throw new IOException("mkdirs returned false");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create run dir " + runDir + ": " + e.getMessage()
                        + "; choose a --run-dir this user can write", e);
            }
        }
        return missing; // deepest first
    }

    /** True if this call created the lock file; false if one was there. */
    private static boolean createExclusive(FileSystem fs, Path file, LockHolder me) throws IOException {
        byte[] text = me.format().getBytes(StandardCharsets.UTF_8);
        if (fs instanceof RawLocalFileSystem local) {
            // Hadoop's local create(path, false) checks, then creates: not atomic. O_EXCL is.
            java.nio.file.Path path = local.pathToFile(file).toPath();
            try {
                Files.createFile(path);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            } catch (IOException e) {
                throw cannotWrite(file, e);
            }
            fill(fs, file, () -> Files.write(path, text));
            return true;
        }
        FSDataOutputStream out;
        try {
            out = fs.create(file, false);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (HadoopFs.statusOrNull(fs, file) != null) {
                return false; // HDFS reports a lock another client is still creating this way
            }
            throw cannotWrite(file, e);
        }
        fill(fs, file, () -> {
            try (out) {
                out.write(text);
                HadoopFs.syncIfSupported(out);
            }
        });
        return true;
    }

    /** Writes the new lock's text; a lock that cannot be written (a full disk) is removed again. */
    private static void fill(FileSystem fs, Path file, RunDirProbe.Step write) throws IOException {
        try {
            write.run();
        } catch (IOException | org.apache.hadoop.fs.FSError e) {
            try {
                fs.delete(file, false);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw cannotWrite(file, e);
        }
    }

    private static IllegalArgumentException cannotWrite(Path file, Throwable e) {
        Throwable cause = e instanceof org.apache.hadoop.fs.FSError && e.getCause() != null ? e.getCause() : e;
        return new IllegalArgumentException("cannot write the lock file " + file + ": " + cause.getMessage()
                + "; the run dir must be writable by this user and have free space", e);
    }

    private static void takeOverOrRefuse(FileSystem fs, Path file, Path runDir, long lease, boolean breakLock,
            PrintStream log) throws IOException {
        FileStatus status = HadoopFs.statusOrNull(fs, file);
        if (status == null) {
            return; // released meanwhile: try again
        }
        Optional<LockHolder> holder = read(fs, file);
        String who = holder.map(LockHolder::describe).orElse("an unreadable lock");
        long age = System.currentTimeMillis() - status.getModificationTime();
        String why;
        if (breakLock) {
            why = "--break-lock";
        } else if (holder.isPresent() && holder.get().onThisHost()) {
            if (holder.get().processAlive()) {
                throw refusal(runDir, file, who + ", which is still running");
            }
            why = "that process is no longer running";
        } else if (age > lease) {
            why = "its lease expired " + (age - lease) / 1000 + " s ago (renewed every " + lease / 4000 + " s)";
        } else {
            throw refusal(runDir, file, who + ", renewed " + Math.max(0, age / 1000) + " s ago");
        }
        log.println("taking over the lock " + file + " from " + who + ": " + why);
        Path aside = new Path(runDir, "." + FILE + ".taken-over-" + Long.toHexString(System.nanoTime()));
        try {
            HadoopFs.rename(fs, file, aside);
        } catch (IOException e) {
            return; // another run moved it first: try again
        }
        Optional<LockHolder> moved = read(fs, aside);
        if (!moved.map(LockHolder::token).equals(holder.map(LockHolder::token))) {
            // another run took the stale lock over between our reading and our rename: give its lock back
            HadoopFs.rename(fs, aside, file);
            throw refusal(runDir, file, moved.map(LockHolder::describe).orElse("another run"));
        }
        HadoopFs.deleteRecursively(fs, aside);
    }

    private static IllegalArgumentException refusal(Path runDir, Path file, String holder) {
        return new IllegalArgumentException("run dir " + runDir + " is in use by " + holder + " (lock " + file
                + "): wait for that run to end, choose another --run-dir, or pass --break-lock if you know it is gone");
    }

    static Optional<LockHolder> read(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return LockHolder.parse(new String(in.readNBytes(4096), StandardCharsets.UTF_8));
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Deletes directories this run created, deepest first, as long as they are empty. */
    private static void removeIfEmpty(FileSystem fs, List<Path> dirs) throws IOException {
        for (Path dir : dirs) {
            if (HadoopFs.statusOrNull(fs, dir) == null || fs.listStatus(dir).length > 0 || !fs.delete(dir, false)) {
                return;
            }
        }
    }
}
