package org.scopedrnn.train.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * <b>Test only.</b> Holds training tasks where a fault test wants them, so that the test can kill an
 * executor or a driver while a task is provably running, on a machine of any speed. Inert (not even
 * installed) unless the driver is started with the system property {@value #PROPERTY} or the
 * environment variable {@value #ENV} naming a directory that the test and every executor see (one
 * host's local directory for a loopback cluster or local mode). Never set either in production.
 *
 * <p>The protocol, in that directory: each training task, at its first minibatch, claims the next
 * number n by creating {@code ticket-<n>} exclusively, then writes {@code task-<n>} (atomically) as
 * one line {@code pid=P stage=S stage-attempt=A partition=I attempt=N tid=T}. While a file
 * {@value #HOLD} exists holding a number K (empty: 0), a task whose n is K or more waits until the
 * test deletes {@value #HOLD}. So K training tasks run, and the next one is held once its
 * {@code task-<K>} is visible.
 */
public final class TaskGate implements TrainingHook {

    private static final long serialVersionUID = 1L;

    /** System property naming the gate directory; wins over {@link #ENV}. */
    public static final String PROPERTY = "scopedrnn.test.task-gate";
    /** Environment variable naming the gate directory. */
    public static final String ENV = "SCOPED_RNN_TEST_TASK_GATE";
    static final String HOLD = "hold";

    private static final long POLL_MILLIS = 20;
    /** Task attempts of this JVM that already passed the gate: it acts once per task, not per minibatch. */
    private static final Set<Long> ENTERED = ConcurrentHashMap.newKeySet();

    private final String dir;

    private TaskGate(String dir) {
        this.dir = dir;
    }

    /** The gate this driver was started with, if any; a named directory that does not exist is an error. */
    public static Optional<TaskGate> configured() {
        String dir = System.getProperty(PROPERTY, System.getenv(ENV));
        if (dir == null || dir.isBlank()) {
            return Optional.empty();
        }
        if (!Files.isDirectory(Path.of(dir))) {
            throw new IllegalArgumentException(PROPERTY + " / " + ENV + " (test only) names '" + dir
                    + "', which is not a directory: create it, or unset it outside tests");
        }
        return Optional.of(new TaskGate(dir));
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        enter(TaskContext.get());
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        enter(TaskContext.get());
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
    }

    /** Claims this task's number and, if the gate is closed to it, waits until the test opens it. */
    void enter(TaskContext task) {
        if (task == null || !ENTERED.add(task.taskAttemptId())) {
            return; // not a Spark task (nothing to hold), or this task already passed
        }
        try {
            Path gate = Path.of(dir);
            long n = claim(gate);
            record(gate, n, task);
            while (held(gate, n)) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("test task gate " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the task is being killed: let it go
        }
    }

    private static long claim(Path gate) throws IOException {
        for (long n = 0; ; n++) {
            try {
                Files.createFile(gate.resolve("ticket-" + n));
                return n;
            } catch (FileAlreadyExistsException taken) {
                // another task has it: try the next number
            }
        }
    }

    private static void record(Path gate, long n, TaskContext task) throws IOException {
        String line = "pid=" + ProcessHandle.current().pid() + " stage=" + task.stageId() + " stage-attempt="
                + task.stageAttemptNumber() + " partition=" + task.partitionId() + " attempt="
                + task.attemptNumber() + " tid=" + task.taskAttemptId() + "\n";
        Path tmp = gate.resolve(".task-" + n + ".tmp");
        Files.writeString(tmp, line, StandardCharsets.UTF_8);
        Files.move(tmp, gate.resolve("task-" + n), StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean held(Path gate, long n) throws IOException {
        String allowed;
        try {
            allowed = Files.readString(gate.resolve(HOLD), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException open) {
            return false;
        }
        return n >= (allowed.isEmpty() ? 0 : Long.parseLong(allowed));
    }
}
