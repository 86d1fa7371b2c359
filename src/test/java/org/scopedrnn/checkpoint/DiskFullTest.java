package org.scopedrnn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.FaultyFs;

/** A disk that fills up during a save: the save fails with an IOException and leaves nothing half-written. */
class DiskFullTest {

    private static final Configuration CONF = FaultyFs.register(new Configuration());

    @TempDir
    java.nio.file.Path tmp;

    private List<String> entries() throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(tmp.resolve("checkpoints"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSaveThatFillsTheDiskFailsAsIoExceptionAndLeavesTheEarlierCheckpointAlone() throws IOException {
        FaultyFs.disk("fills-on-second-save", Long.MAX_VALUE);
        Path dir = FaultyFs.path("fills-on-second-save", tmp.resolve("checkpoints"));
        var store = new CheckpointStore(dir, CONF, 3);
        store.save(TestCheckpoints.charLstm(4, null));
        FaultyFs.disk("fills-on-second-save", 700); // room for part of the next one

        IOException e = assertThrows(IOException.class, () -> store.save(TestCheckpoints.charLstm(8, null)));
        assertTrue(e.getMessage().contains("No space left on device") && e.getMessage().contains(".tmp-step-8"),
                e.getMessage());
        assertEquals(List.of("step-4"), entries(), "no .tmp-step-8 left behind");
        assertEquals(TestCheckpoints.charLstm(4, null), NativeCheckpoint.read(store.latest().orElseThrow(), CONF));
    }

    @Test
    void withMarkerCommitsTheHalfWrittenStepDirectoryIsRemoved() throws IOException {
        FaultyFs.disk("marker-full", 700);
        var conf = new Configuration(CONF);
        conf.set(CheckpointStore.COMMIT_KEY, "marker");
        var store = new CheckpointStore(FaultyFs.path("marker-full", tmp.resolve("checkpoints")), conf, 3);
        assertThrows(IOException.class, () -> store.save(TestCheckpoints.charLstm(8, null)));
        assertEquals(List.of(), entries());
    }
}
