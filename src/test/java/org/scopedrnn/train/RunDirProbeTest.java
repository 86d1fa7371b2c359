package org.scopedrnn.train;

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

class RunDirProbeTest {

    @TempDir
    java.nio.file.Path tmp;

    private static Path hadoop(java.nio.file.Path p) {
        return new Path(p.toString());
    }

    private List<String> entries(java.nio.file.Path dir) throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWritableRunDirPassesAndKeepsNothingButItsCheckpointsDirectory() throws IOException {
        java.nio.file.Path run = Files.createDirectories(tmp.resolve("run"));
        RunDirProbe.check(hadoop(run), hadoop(run.resolve("checkpoints")), new Configuration());
        assertEquals(List.of("checkpoints"), entries(run));
        assertEquals(List.of(), entries(run.resolve("checkpoints")));
    }

    @Test
    void checkpointsThatIsAFileIsRefusedNamingIt() throws IOException {
        java.nio.file.Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve("checkpoints"), "not a directory");
        var e = assertThrows(IllegalArgumentException.class,
                () -> RunDirProbe.check(hadoop(run), hadoop(run.resolve("checkpoints")), new Configuration()));
        assertTrue(e.getMessage().contains(run.resolve("checkpoints") + " is a file"), e.getMessage());
        assertEquals("not a directory", Files.readString(run.resolve("checkpoints")));
    }

    @Test
    void aRunDirThatIsAFileIsRefused() throws IOException {
        java.nio.file.Path run = Files.writeString(tmp.resolve("run"), "x");
        var e = assertThrows(IllegalArgumentException.class,
                () -> RunDirProbe.check(hadoop(run), hadoop(run.resolve("checkpoints")), new Configuration()));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
    }

    @Test
    void aFileSystemThatRefusesRenamesIsFoundBeforeTrainingAndNamesTheStep() throws IOException {
        java.nio.file.Path run = Files.createDirectories(tmp.resolve("run"));
        FaultyFs.disk("no-rename", Long.MAX_VALUE).refuseRenames();
        Path dir = FaultyFs.path("no-rename", run);
        var e = assertThrows(IllegalArgumentException.class,
                () -> RunDirProbe.check(dir, new Path(dir, "checkpoints"), FaultyFs.register(new Configuration())));
        assertTrue(e.getMessage().contains("cannot rename a file") && e.getMessage().contains("Permission denied"),
                e.getMessage());
        assertEquals(List.of(), entries(run), "the probe file is removed again");
    }

    @Test
    void aFullDiskIsFoundBeforeTraining() throws IOException {
        java.nio.file.Path run = Files.createDirectories(tmp.resolve("run"));
        FaultyFs.disk("probe-full", 100);
        Path dir = FaultyFs.path("probe-full", run);
        var e = assertThrows(IllegalArgumentException.class,
                () -> RunDirProbe.check(dir, new Path(dir, "checkpoints"), FaultyFs.register(new Configuration())));
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals(List.of(), entries(run));
    }
}
