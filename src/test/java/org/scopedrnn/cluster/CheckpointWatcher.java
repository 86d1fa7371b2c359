package org.scopedrnn.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.scopedrnn.checkpoint.NativeCheckpoint;

/**
 * Reads every checkpoint that becomes visible in a checkpoints directory, as often as it can,
 * while training runs: a {@code step-<n>} that exists but does not read back whole (manifest,
 * lengths, checksums) is a partial checkpoint visible as complete. One that vanished while being
 * read was removed by retention, which is allowed.
 */
final class CheckpointWatcher implements AutoCloseable {

    private final Path checkpoints;
    private final Thread thread;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Set<String> seen = new TreeSet<>();
    private volatile boolean running = true;

    CheckpointWatcher(Path checkpoints) {
        this.checkpoints = checkpoints;
        this.thread = new Thread(this::poll, "checkpoint-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        var conf = new Configuration();
        while (running) {
            for (Path p : committed(checkpoints)) {
                try {
                    NativeCheckpoint.read(new org.apache.hadoop.fs.Path(p.toString()), conf);
                    synchronized (this) {
                        seen.add(p.getFileName().toString());
                    }
                } catch (IOException | RuntimeException e) {
                    if (Files.exists(p)) {
                        failures.add(p + ": " + e);
                    }
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static List<Path> committed(Path checkpoints) {
        if (!Files.isDirectory(checkpoints)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(checkpoints)) {
            return s.filter(p -> p.getFileName().toString().startsWith("step-")).sorted().toList();
        } catch (IOException e) {
            return List.of(); // the directory is being replaced (--overwrite): look again next time
        }
    }

    List<String> failures() {
        return new ArrayList<>(failures);
    }

    synchronized Set<String> seen() {
        return new TreeSet<>(seen);
    }

    /** Waits until the watcher has read checkpoint {@code name} whole; the timeout only bounds a failure. */
    void awaitSeen(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!seen().contains(name)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the watcher did not read " + name + " within " + timeout + "; read "
                        + seen() + ", failures " + failures());
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
