package org.scopedrnn.fs;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/** When a Hadoop path may be read and written with java.nio directly, and its java.nio path. */
final class LocalFiles {

    private LocalFiles() {}

    /**
     * Exactly Hadoop's raw local file system ({@link HadoopFs#forPath} gives it for local paths): a
     * subclass may change what reads and writes do, so it keeps Hadoop's streams.
     */
    static boolean isPlainLocal(FileSystem fs) {
        return fs.getClass() == RawLocalFileSystem.class;
    }

    static java.nio.file.Path toNio(FileSystem fs, Path path) {
        return ((RawLocalFileSystem) fs).pathToFile(path).toPath();
    }
}
