package org.scopedrnn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The test side of the training task gate ({@code org.scopedrnn.train.internal.TaskGate}): lets a
 * given number of training tasks run, then holds the next ones until {@link #release}, so a fault
 * test kills while a task is provably running, not when a sleep guesses it is.
 */
public final class GatedTasks implements AutoCloseable {

    /** The environment variable a driver started in another process reads. */
    public static final String ENV = "SCOPED_RNN_TEST_TASK_GATE";
    /** The system property an in-process driver reads. */
    public static final String PROPERTY = "scopedrnn.test.task-gate";

    private static final Pattern LINE = Pattern.compile(
            "pid=(\\d+) stage=(\\d+) stage-attempt=(\\d+) partition=(\\d+) attempt=(\\d+) tid=(\\d+)");

    private final Path dir;
    private final int letThrough;

    /** One training task as it recorded itself when it started: its ticket n, executor pid and Spark ids. */
    public record Task(long n, long pid, int stage, int stageAttempt, int partition, int attempt, long tid) {

        /** Spark's name for it in "Lost task 1.0 in stage 7.0 (TID 14)". */
        public String sparkName() {
            return "task " + partition + "." + attempt + " in stage " + stage + "." + stageAttempt + " (TID " + tid
                    + ")";
        }
    }

    private GatedTasks(Path dir, int letThrough) {
        this.dir = dir;
        this.letThrough = letThrough;
    }

    /** A new gate in {@code dir} (created) that lets {@code letThrough} training tasks run and holds the rest. */
    public static GatedTasks holdingAfter(Path dir, int letThrough) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("hold"), String.valueOf(letThrough));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GatedTasks(dir, letThrough);
    }

    /** The environment a driver process needs to honour this gate. */
    public Map<String, String> env() {
        return Map.of(ENV, dir.toString());
    }

    public Path dir() {
        return dir;
    }

    /**
     * The first held task, once it has started; empty if {@code running} turned false first (the
     * run ended or stopped before it got that far). {@code diagnostics} explains a timeout.
     */
    public Optional<Task> awaitHeld(BooleanSupplier running, Duration timeout, Supplier<String> diagnostics)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path first = dir.resolve("task-" + letThrough);
        while (!Files.exists(first)) {
            if (!running.getAsBoolean()) {
                return Optional.empty();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no training task reached the gate (" + letThrough + " let through) within "
                        + timeout + ": " + tasks() + "\n" + diagnostics.get());
            }
            Thread.sleep(20);
        }
        return Optional.of(read(first));
    }

    /** Opens the gate: held tasks go on, and later ones are not held. */
    public void release() {
        try {
            Files.deleteIfExists(dir.resolve("hold"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every training task that has started so far, in the order they took their tickets. */
    public List<Task> tasks() {
        var out = new ArrayList<Task>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("task-")).toList()) {
                out.add(read(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort((a, b) -> Long.compare(a.n(), b.n()));
        return out;
    }

    /** The tasks that ran {@code lost}'s partition of its stage again after it: its re-runs. */
    public List<Task> reruns(Task lost) {
        return tasks().stream().filter(t -> t.n() > lost.n() && t.stage() == lost.stage()
                && t.partition() == lost.partition()).toList();
    }

    private static Task read(Path p) {
        String text;
        try {
            text = Files.readString(p).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            throw new AssertionError(p + " does not read as a task record: '" + text + "'");
        }
        long n = Long.parseLong(p.getFileName().toString().substring("task-".length()));
        return new Task(n, Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Long.parseLong(m.group(6)));
    }

    /** Releases whatever is still held, so a failed test leaves no task waiting. */
    @Override
    public void close() {
        release();
    }
}
