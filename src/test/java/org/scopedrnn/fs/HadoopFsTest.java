package org.scopedrnn.fs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopFsTest {

    private static final Configuration CONF = new Configuration();

    @TempDir java.nio.file.Path tmp;

    @Test
    void localPathsUseTheRawFileSystemSoNoCrcSideFilesAppear() throws IOException {
        Path file = new Path(tmp.resolve("f.bin").toString());
        FileSystem fs = HadoopFs.forPath(file, CONF);
        assertTrue(fs instanceof RawLocalFileSystem, fs.getClass().getName());
        try (FSDataOutputStream out = fs.create(file, false)) {
            out.write(1);
        }
        assertFalse(Files.exists(tmp.resolve(".f.bin.crc")));
    }

    @Test
    void renameRefusesToMoveIntoAnExistingDirectory() throws IOException {
        Files.createDirectories(tmp.resolve("a"));
        Files.createDirectories(tmp.resolve("b"));
        FileSystem fs = HadoopFs.forPath(new Path(tmp.toString()), CONF);
        assertThrows(FileAlreadyExistsException.class, () -> HadoopFs.rename(fs,
                new Path(tmp.resolve("a").toString()), new Path(tmp.resolve("b").toString())));
        assertTrue(Files.isDirectory(tmp.resolve("a")));
    }

    @Test
    void deleteOfAMissingPathSucceedsAndStatusOfItIsNull() throws IOException {
        Path missing = new Path(tmp.resolve("missing").toString());
        FileSystem fs = HadoopFs.forPath(missing, CONF);
        HadoopFs.deleteRecursively(fs, missing);
        assertNull(HadoopFs.statusOrNull(fs, missing));
    }

    @Test
    void localAndHdfsStreamsCanSyncSoCheckpointDataIsDurableBeforeItsManifest() throws IOException {
        Path local = new Path(tmp.resolve("sync.bin").toString());
        try (FSDataOutputStream out = HadoopFs.forPath(local, CONF).create(local, false)) {
            assertTrue(out.hasCapability(org.apache.hadoop.fs.StreamCapabilities.HSYNC));
            out.write(1);
            HadoopFs.syncIfSupported(out);
        }
        Path remote = new Path(org.scopedrnn.MiniHdfs.shared().uri("/sync/sync.bin"));
        try (FSDataOutputStream out = HadoopFs.forPath(remote, CONF).create(remote, false)) {
            assertTrue(out.hasCapability(org.apache.hadoop.fs.StreamCapabilities.HSYNC));
            out.write(1);
            HadoopFs.syncIfSupported(out);
        }
    }
}
