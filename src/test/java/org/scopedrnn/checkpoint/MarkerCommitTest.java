package org.scopedrnn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The marker commit used on object stores, where a directory rename is a non-atomic copy: run on
 * a local file system that records every directory rename, so a test fails if one happens.
 */
class MarkerCommitTest {

    /** The local file system, recording the directories renamed through it. */
    public static final class DirRenameRecordingFs extends RawLocalFileSystem {
        static final List<String> DIR_RENAMES = Collections.synchronizedList(new ArrayList<>());

        @Override
        public boolean rename(Path src, Path dst) throws IOException {
            if (getFileStatus(src).isDirectory()) {
                DIR_RENAMES.add(src.getName() + " -> " + dst.getName());
            }
            return super.rename(src, dst);
        }
    }

    @TempDir java.nio.file.Path tmp;

    private Configuration conf(String mode) {
        var conf = new Configuration();
        conf.setClass("fs.file.impl", DirRenameRecordingFs.class, org.apache.hadoop.fs.FileSystem.class);
        conf.setBoolean("fs.file.impl.disable.cache", true);
        conf.set(CheckpointStore.COMMIT_KEY, mode);
        return conf;
    }

    private Path dir() {
        return new Path(tmp.resolve("checkpoints").toUri());
    }

    private List<String> entries() throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(tmp.resolve("checkpoints"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @BeforeEach
    void clear() {
        DirRenameRecordingFs.DIR_RENAMES.clear();
    }

    @Test
    void renameCommitRenamesTheTemporaryDirectory() throws IOException {
        new CheckpointStore(dir(), conf("rename"), 2).save(TestCheckpoints.charLstm(1, null));
        assertEquals(1, DirRenameRecordingFs.DIR_RENAMES.size(), DirRenameRecordingFs.DIR_RENAMES.toString());
        assertTrue(DirRenameRecordingFs.DIR_RENAMES.get(0).endsWith(" -> step-1"));
    }

    @Test
    void markerCommitNeverRenamesADirectoryAndKeepsRetentionAndReplace() throws IOException {
        Configuration conf = conf("marker");
        CheckpointStore store = new CheckpointStore(dir(), conf, 1);
        store.save(TestCheckpoints.charLstm(1, 2.0));
        store.save(TestCheckpoints.charLstm(2, 1.0)); // best
        store.save(TestCheckpoints.charLstm(3, 3.0));
        Checkpoint replacement = TestCheckpoints.charLstm(3, 4.0);
        store.save(replacement);

        assertEquals(List.of(), DirRenameRecordingFs.DIR_RENAMES);
        assertEquals(List.of("step-2", "step-3"), entries());
        assertEquals(replacement, NativeCheckpoint.read(new Path(dir(), "step-3"), conf));
    }

    @Test
    void markerClearDeletesEveryCheckpointWithoutRenamingADirectory() throws IOException {
        CheckpointStore store = new CheckpointStore(dir(), conf("marker"), 3);
        store.save(TestCheckpoints.charLstm(1, 2.0));
        store.save(TestCheckpoints.charLstm(2, 1.0));

        store.clear();

        assertEquals(List.of(), DirRenameRecordingFs.DIR_RENAMES);
        assertTrue(store.isEmpty());
    }

    @Test
    void markerCommitInterruptedBeforeTheManifestIsNotACheckpointAndIsCleanedUp() throws IOException {
        Configuration conf = conf("marker");
        CheckpointStore store = new CheckpointStore(dir(), conf, 3);
        store.save(TestCheckpoints.charLstm(1, null));
        // what a save killed after the data file but before checkpoint.json leaves in place
        Files.createDirectories(tmp.resolve("checkpoints/step-2"));
        Files.write(tmp.resolve("checkpoints/step-2/variables.bin"), new byte[64]);

        assertEquals(List.of(new Path(dir(), "step-1")), store.list());
        store.save(TestCheckpoints.charLstm(3, null));
        assertEquals(List.of("step-1", "step-3"), entries());
    }

    @Test
    void autoPicksMarkerForObjectStoresOnly() throws IOException {
        CheckpointStore store = new CheckpointStore(dir(), conf("auto"), 1);
        assertTrue(store.commitsWithMarker(withScheme("s3a")));
        assertTrue(store.commitsWithMarker(withScheme("gs")));
        assertFalse(store.commitsWithMarker(withScheme("hdfs")));
        assertFalse(store.commitsWithMarker(withScheme("file")));
    }

    @Test
    void unknownCommitModeIsRejectedNamingTheKey() {
        CheckpointStore store = new CheckpointStore(dir(), conf("atomic"), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.save(TestCheckpoints.charLstm(1, null)));
        assertEquals("scopedrnn.checkpoint.commit is 'atomic'; expected auto, rename or marker", e.getMessage());
    }

    private static RawLocalFileSystem withScheme(String scheme) {
        return new RawLocalFileSystem() {
            @Override
            public java.net.URI getUri() {
                return java.net.URI.create(scheme + "://bucket/");
            }
        };
    }
}
