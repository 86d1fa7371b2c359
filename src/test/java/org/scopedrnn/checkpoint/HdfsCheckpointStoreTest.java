package org.scopedrnn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.scopedrnn.MiniHdfs;

/** The checkpoint store against a real HDFS (NameNode + DataNode on loopback). */
class HdfsCheckpointStoreTest {

    private static final Configuration CONF = new Configuration();
    private static MiniHdfs hdfs;

    @BeforeAll
    static void startHdfs() throws IOException {
        hdfs = MiniHdfs.shared();
    }

    private static Path dir(TestInfo test) {
        return new Path(hdfs.uri("/store/" + test.getTestMethod().orElseThrow().getName() + "/checkpoints"));
    }

    private static List<String> entries(Path dir) throws IOException {
        FileSystem fs = dir.getFileSystem(CONF);
        return Arrays.stream(fs.listStatus(dir)).map(s -> s.getPath().getName()).sorted().toList();
    }

    @Test
    void checkpointRoundTripsThroughHdfsBitForBit(TestInfo test) throws IOException {
        Checkpoint ckpt = TestCheckpoints.charLstm(100, 2.5);
        Path saved = new CheckpointStore(dir(test), CONF, 3).save(ckpt);

        assertEquals("hdfs", saved.toUri().getScheme());
        assertEquals(ckpt, NativeCheckpoint.read(saved, CONF));
        assertEquals(List.of("checkpoint.json", "variables.bin"), entries(saved));
    }

    @Test
    void retentionOnHdfsKeepsTheLastKPlusTheBest(TestInfo test) throws IOException {
        CheckpointStore store = new CheckpointStore(dir(test), CONF, 2);
        store.save(TestCheckpoints.charLstm(100, 2.0));
        store.save(TestCheckpoints.charLstm(200, 1.1)); // best
        store.save(TestCheckpoints.charLstm(300, 1.5));
        store.save(TestCheckpoints.charLstm(400, null));
        store.save(TestCheckpoints.charLstm(500, 1.3));

        assertEquals(List.of("step-200", "step-400", "step-500"), entries(dir(test)));
        assertEquals(Optional.of(new Path(dir(test), "step-200")), store.best());
        assertEquals(Optional.of(new Path(dir(test), "step-500")), store.latest());
    }

    @Test
    void interruptedSaveOnHdfsIsNeverListedAsCompleteAndIsCleanedUp(TestInfo test) throws IOException {
        Path dir = dir(test);
        CheckpointStore store = new CheckpointStore(dir, CONF, 3);
        store.save(TestCheckpoints.charLstm(4, 3.0));
        FileSystem fs = dir.getFileSystem(CONF);
        // What a driver killed mid-save leaves: the data file half written, no checkpoint.json yet.
        Path tmp = new Path(dir, ".tmp-step-5-dead");
        try (FSDataOutputStream out = fs.create(new Path(tmp, "variables.bin"))) {
            out.write(new byte[1000]);
        }
        // ... and one killed after writing everything but before the rename.
        NativeCheckpoint.write(TestCheckpoints.charLstm(6, 0.1), new Path(dir, ".tmp-step-6-dead"), CONF);

        assertEquals(List.of(new Path(dir, "step-4")), store.list());
        assertEquals(Optional.of(new Path(dir, "step-4")), store.latest());
        assertEquals(Optional.of(new Path(dir, "step-4")), store.best());

        store.save(TestCheckpoints.charLstm(7, null));
        assertEquals(List.of("step-4", "step-7"), entries(dir));
    }

    @Test
    void replacingAStepOnHdfsLeavesOnlyTheNewOne(TestInfo test) throws IOException {
        CheckpointStore store = new CheckpointStore(dir(test), CONF, 3);
        store.save(TestCheckpoints.charLstm(5, 2.0));
        Checkpoint replacement = TestCheckpoints.charLstm(5, 1.0);
        Path saved = store.save(replacement);
        assertEquals(replacement, NativeCheckpoint.read(saved, CONF));
        assertEquals(List.of("step-5"), entries(dir(test)));
    }

    @Test
    void truncatedDataFileOnHdfsIsRejectedNamingTheVariable(TestInfo test) throws IOException {
        Path saved = new CheckpointStore(dir(test), CONF, 3).save(TestCheckpoints.charLstm(1, null));
        FileSystem fs = saved.getFileSystem(CONF);
        Path data = new Path(saved, "variables.bin");
        FileStatus status = fs.getFileStatus(data);
        assertTrue(fs.truncate(data, status.getLen() - 4) || waitForTruncate(fs, data, status.getLen() - 4));

        CheckpointFormatException e =
                assertThrows(CheckpointFormatException.class, () -> NativeCheckpoint.read(saved, CONF));
        assertTrue(e.getMessage().contains("is truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("global_step"), e.getMessage());
        assertFalse(e.getMessage().contains("file:"), e.getMessage());
    }

    /** HDFS truncation off a block boundary finishes asynchronously. */
    private static boolean waitForTruncate(FileSystem fs, Path p, long length) throws IOException {
        for (int i = 0; i < 100; i++) {
            if (fs.getFileStatus(p).getLen() == length) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
