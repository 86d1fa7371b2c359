package org.scopedrnn.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.DataSet;
import org.scopedrnn.GatedTasks;
import org.scopedrnn.SparkTestBase;

/** The test-only task gate: absent unless named, and holding exactly the tasks past its allowance. */
class TaskGateTest extends SparkTestBase {

    @TempDir
    Path dir;

    @AfterEach
    void unset() {
        System.clearProperty(TaskGate.PROPERTY);
    }

    @Test
    void nothingIsInstalledUnlessATestNamesAGateDirectory() {
        assertEquals(null, System.getenv(TaskGate.ENV), "the gate variable is set in this environment");
        assertTrue(TaskGate.configured().isEmpty());
    }

    @Test
    void aGateDirectoryThatDoesNotExistIsRefusedNamingIt() {
        System.setProperty(TaskGate.PROPERTY, dir.resolve("nope").toString());
        var e = assertThrows(IllegalArgumentException.class, TaskGate::configured);
        assertTrue(e.getMessage().contains(dir.resolve("nope") + "', which is not a directory"), e.getMessage());
    }

    @Test
    void theTaskPastTheAllowanceIsHeldUntilReleasedAndRecordsItself() throws Exception {
        try (var gate = GatedTasks.holdingAfter(dir.resolve("gate"), 1)) {
            System.setProperty(TaskGate.PROPERTY, gate.dir().toString());
            TaskGate hook = TaskGate.configured().orElseThrow();
            // two tasks at once (local[2]), each calling the hook for three minibatches
            var job = CompletableFuture.runAsync(() -> sc().parallelize(List.of(0, 1), 2).foreach(x -> {
                for (int i = 0; i < 3; i++) {
                    hook.preUpdate((DataSet) null, null);
                }
            }));
            GatedTasks.Task held = gate.awaitHeld(() -> !job.isDone(), Duration.ofMinutes(1), () -> "")
                    .orElseThrow(() -> new AssertionError("the job ended with no task held: " + gate.tasks()));
            assertEquals(1, held.n());
            assertEquals(ProcessHandle.current().pid(), held.pid());
            assertFalse(job.isDone(), "the held task keeps its job from finishing");

            gate.release();
            job.get(1, TimeUnit.MINUTES);
            List<GatedTasks.Task> tasks = gate.tasks();
            assertEquals(2, tasks.size(), "one record per task, not per minibatch: " + tasks);
            assertEquals(Set.of(0, 1), tasks.stream().map(GatedTasks.Task::partition).collect(Collectors.toSet()));
            assertEquals(1, tasks.stream().map(GatedTasks.Task::stage).distinct().count(), tasks.toString());
            assertTrue(gate.reruns(held).isEmpty(), "nothing failed, nothing ran again: " + tasks);
        }
    }
}
