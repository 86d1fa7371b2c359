package org.scopedrnn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    private static final Configuration CONF = new Configuration();

    @TempDir java.nio.file.Path tmp;

    private java.nio.file.Path checkpoints() {
        return tmp.resolve("run").resolve("checkpoints");
    }

    private Path dir() {
        return new Path(checkpoints().toString());
    }

    private Path step(long n) {
        return new Path(dir(), "step-" + n);
    }

    private CheckpointStore store(int keepLast) {
        return new CheckpointStore(dir(), CONF, keepLast);
    }

    private List<String> entries() throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(checkpoints())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void storeWhoseDirectoryDoesNotExistYetIsEmpty() throws IOException {
        CheckpointStore store = store(3);
        assertTrue(store.isEmpty());
        assertEquals(List.of(), store.list());
        assertEquals(Optional.empty(), store.latest());
        assertEquals(Optional.empty(), store.best());
    }

    @Test
    void saveCommitsAStepDirectoryThatReadsBackEqual() throws IOException {
        Checkpoint ckpt = TestCheckpoints.charLstm(100, 2.5);
        Path saved = store(3).save(ckpt);

        assertEquals(step(100), saved);
        assertEquals(ckpt, NativeCheckpoint.read(saved, CONF));
        assertEquals(List.of("step-100"), entries());
        assertEquals(List.of(step(100)), store(3).list());
        assertFalse(store(3).isEmpty());
    }

    @Test
    void listIsAscendingByStepNumberNotByName() throws IOException {
        CheckpointStore store = store(10);
        for (long s : new long[] {1000, 20, 300, 9}) {
            store.save(TestCheckpoints.charLstm(s, null));
        }
        assertEquals(List.of(step(9), step(20), step(300), step(1000)), store.list());
        assertEquals(Optional.of(step(1000)), store.latest());
    }

    @Test
    void leftoverTmpDirectoryIsNeitherListedNorLatestAndNextSaveCleansItUp() throws IOException {
        CheckpointStore store = store(3);
        store.save(TestCheckpoints.charLstm(4, null));
        // A save of step 5 that died after writing everything but before the rename.
        NativeCheckpoint.write(TestCheckpoints.charLstm(5, 0.1),
                new Path(dir(), ".tmp-step-5-x"), CONF);

        assertEquals(List.of(step(4)), store.list());
        assertEquals(Optional.of(step(4)), store.latest());
        assertEquals(Optional.empty(), store.best());

        store.save(TestCheckpoints.charLstm(6, null));
        assertEquals(List.of("step-4", "step-6"), entries());
    }

    @Test
    void directoriesThatAreNotCommittedCheckpointsAreIgnored() throws IOException {
        CheckpointStore store = store(3);
        store.save(TestCheckpoints.charLstm(1, null));
        Files.createDirectories(checkpoints().resolve("step-7")); // no checkpoint.json
        Files.createDirectories(checkpoints().resolve("notes"));
        Files.writeString(checkpoints().resolve("step-8"), "a file, not a directory");
        NativeCheckpoint.write(TestCheckpoints.charLstm(9, null), new Path(dir(), "step-009"), CONF);

        assertEquals(List.of(step(1)), store.list());
    }

    @Test
    void retentionKeepsTheLastKPlusTheBest() throws IOException {
        CheckpointStore store = store(2);
        store.save(TestCheckpoints.charLstm(100, 2.0));
        store.save(TestCheckpoints.charLstm(200, 1.1)); // best
        store.save(TestCheckpoints.charLstm(300, 1.5));
        store.save(TestCheckpoints.charLstm(400, null));
        store.save(TestCheckpoints.charLstm(500, 1.3));

        assertEquals(List.of(step(200), step(400), step(500)), store.list());
        assertEquals(Optional.of(step(200)), store.best());
        assertEquals(Optional.of(step(500)), store.latest());
    }

    @Test
    void bestMovesToANewLowerLossAndTheOldBestAgesOut() throws IOException {
        CheckpointStore store = store(1);
        store.save(TestCheckpoints.charLstm(1, 2.0));
        store.save(TestCheckpoints.charLstm(2, 3.0));
        assertEquals(List.of(step(1), step(2)), store.list());
        store.save(TestCheckpoints.charLstm(3, 1.0));
        assertEquals(List.of(step(3)), store.list());
        assertEquals(Optional.of(step(3)), store.best());
    }

    @Test
    void bestOnATieIsTheEarliestCheckpoint() throws IOException {
        CheckpointStore store = store(5);
        store.save(TestCheckpoints.charLstm(1, 1.5));
        store.save(TestCheckpoints.charLstm(2, 1.5));
        assertEquals(Optional.of(step(1)), store.best());
    }

    @Test
    void savingAStepThatExistsReplacesItWithoutLeftovers() throws IOException {
        CheckpointStore store = store(3);
        store.save(TestCheckpoints.charLstm(5, 2.0));
        Checkpoint replacement = TestCheckpoints.charLstm(5, 1.0);

        Path saved = store.save(replacement);

        assertEquals(step(5), saved);
        assertEquals(replacement, NativeCheckpoint.read(saved, CONF));
        assertEquals(List.of("step-5"), entries());
    }

    @Test
    void stepMovedAsideByAnInterruptedReplaceIsRestoredByTheNextSave() throws IOException {
        CheckpointStore store = store(3);
        Checkpoint old = TestCheckpoints.charLstm(5, 2.0);
        // Crash between "rename step-5 aside" and "rename the new one in".
        NativeCheckpoint.write(old, new Path(dir(), ".replaced-step-5-abc123"), CONF);
        NativeCheckpoint.write(TestCheckpoints.charLstm(5, 1.0), new Path(dir(), ".tmp-step-5-def"), CONF);

        store.save(TestCheckpoints.charLstm(6, null));

        assertEquals(List.of("step-5", "step-6"), entries());
        assertEquals(old, NativeCheckpoint.read(step(5), CONF));
    }

    @Test
    void savingAnOlderStepThanTheLatestKeepsWhatWasJustSaved() throws IOException {
        CheckpointStore store = store(1);
        store.save(TestCheckpoints.charLstm(10, null));
        Path saved = store.save(TestCheckpoints.charLstm(5, null));
        assertEquals(List.of(step(5), step(10)), store.list());
        assertTrue(NativeCheckpoint.isCheckpoint(saved, CONF));
    }

    @Test
    void damagedMetadataDoesNotMakeACheckpointBest() throws IOException {
        CheckpointStore store = store(5);
        store.save(TestCheckpoints.charLstm(1, 2.0));
        store.save(TestCheckpoints.charLstm(2, 1.0));
        Files.writeString(checkpoints().resolve("step-2").resolve("checkpoint.json"), "garbage");
        assertEquals(Optional.of(step(1)), store.best());
    }

    @Test
    void keepLastBelowOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store(0));
        assertEquals("keepLast is 0; expected >= 1", e.getMessage());
    }
}
