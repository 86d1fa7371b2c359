package org.scopedrnn.train;

import java.io.IOException;
import java.security.SecureRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.fs.HadoopFs;

/**
 * Checks, before any training time is spent, that a run dir and its {@code checkpoints/} can take
 * what training writes there: a file is created, written, renamed and deleted in each, as a
 * checkpoint save and a report update do. A problem is bad input, found in a second instead of
 * after the first epoch.
 */
final class RunDirProbe {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RunDirProbe() {
    }

    /** @throws IllegalArgumentException naming the directory, the step that failed and why */
    static void check(Path runDir, Path checkpointsDir, Configuration conf) throws IOException {
        FileSystem fs = HadoopFs.forPath(runDir, conf);
        requireDirectory(fs, runDir, "run dir " + runDir);
        FileStatus checkpoints = HadoopFs.statusOrNull(fs, checkpointsDir);
        if (checkpoints != null && !checkpoints.isDirectory()) {
            throw new IllegalArgumentException(checkpointsDir + " is a file, but checkpoints go into a directory of "
                    + "that name: move the file away or choose another --run-dir");
        }
        probe(fs, runDir);
        step(checkpointsDir, "create the directory", () -> {
            if (!fs.mkdirs(checkpointsDir)) {
                throw new IOException("mkdirs returned false");
            }
        });
        probe(fs, checkpointsDir);
    }

    private static void requireDirectory(FileSystem fs, Path dir, String what) throws IOException {
        FileStatus status = HadoopFs.statusOrNull(fs, dir);
        if (status == null || !status.isDirectory()) {
            throw new IllegalArgumentException(what + (status == null ? " does not exist" : " is a file")
                    + ": expected a directory; choose another --run-dir");
        }
    }

    /** Create, write, rename, delete: each step a save relies on. The hidden .tmp- name is one the store cleans up. */
    private static void probe(FileSystem fs, Path dir) throws IOException {
        String name = ".tmp-probe-" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
        Path written = new Path(dir, name);
        Path renamed = new Path(dir, name + "-renamed");
        try {
            step(dir, "create and write a file", () -> {
                try (FSDataOutputStream out = fs.create(written, false)) {
                    out.write(new byte[4096]);
                    HadoopFs.syncIfSupported(out);
                }
            });
            step(dir, "rename a file", () -> HadoopFs.rename(fs, written, renamed));
            step(dir, "delete a file", () -> HadoopFs.deleteRecursively(fs, renamed));
        } finally {
            quietlyDelete(fs, written);
            quietlyDelete(fs, renamed);
        }
    }

    /** One file system operation. */
    interface Step {
        void run() throws IOException;
    }

    private static void step(Path dir, String what, Step step) {
        try {
            step.run();
        } catch (IOException | FSError e) {
            Throwable cause = e instanceof FSError && e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("run dir check: cannot " + what + " in " + dir + " ("
                    + cause.getMessage() + "); training would fail at its first checkpoint: make it writable, free "
                    + "space, or choose another --run-dir", e);
        }
    }

    private static void quietlyDelete(FileSystem fs, Path p) {
        try {
            fs.delete(p, false);
        } catch (IOException | RuntimeException ignored) {
            // best effort: what is left is a hidden .tmp- file the next checkpoint save removes
        }
    }
}
