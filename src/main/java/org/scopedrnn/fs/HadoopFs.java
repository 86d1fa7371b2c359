package org.scopedrnn.fs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;

/** The few Hadoop FileSystem operations checkpoints need, with their sharp edges filed off. */
public final class HadoopFs {

    private HadoopFs() {}

    /**
     * The file system that holds {@code path}: HDFS, S3A, ... as configured, but for local paths
     * the raw local file system. Hadoop's default local file system is a ChecksumFileSystem that
     * writes a {@code .name.crc} beside every file; checkpoints carry their own CRC32C per
     * variable, so those side files would only clutter checkpoint directories (and cost a second
     * checksum pass on every read and write).
     */
    public static FileSystem forPath(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    /**
     * {@link FileSystem#mkdirs(Path)}, but through java.nio on the plain local file system: Hadoop's,
     * without its native library (the usual case), forks {@code chmod} for each directory it makes.
     */
    public static boolean mkdirs(FileSystem fs, Path dir) throws IOException {
        if (LocalFiles.isPlainLocal(fs)) {
            return Files.isDirectory(Files.createDirectories(LocalFiles.toNio(fs, dir)));
        }
        return fs.mkdirs(dir);
    }

    /** The status of {@code path}, or null if nothing is there. */
    public static FileStatus statusOrNull(FileSystem fs, Path path) throws IOException {
        try {
            return fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /**
     * The status of {@code path} itself, not of what it links to (so {@link FileStatus#isSymlink}
     * tells a link), or null if nothing is there. File systems without links give the plain status.
     */
    public static FileStatus linkStatusOrNull(FileSystem fs, Path path) throws IOException {
        try {
            return fs.getFileLinkStatus(path);
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /**
     * Renames {@code src} to {@code dst}, which must not exist.
     *
     * <p>Checked first because {@code FileSystem.rename} moves a directory <em>into</em> an
     * existing directory instead of failing, and reports most failures as {@code false}.
     */
    public static void rename(FileSystem fs, Path src, Path dst) throws IOException {
        if (statusOrNull(fs, dst) != null) {
            throw new FileAlreadyExistsException("cannot rename " + src + " to " + dst + ": it exists");
        }
        if (!fs.rename(src, dst)) {
            throw new IOException("could not rename " + src + " to " + dst);
        }
    }

    /** Deletes {@code path} recursively; succeeds if it is already gone. */
    public static void deleteRecursively(FileSystem fs, Path path) throws IOException {
        if (!fs.delete(path, true) && statusOrNull(fs, path) != null) {
            throw new IOException("could not delete " + path);
        }
    }

    /**
     * Makes what was written to {@code out} durable where the file system can (HDFS, local). Object
     * store streams (S3A) cannot sync: their data becomes visible, whole, when the stream closes, and
     * S3A of Hadoop 3.3 throws on {@code hsync} unless {@code fs.s3a.downgrade.syncable.exceptions}
     * is set; so ask the stream first, as Hadoop recommends.
     */
    public static void syncIfSupported(FSDataOutputStream out) throws IOException {
        if (out.hasCapability(StreamCapabilities.HSYNC)) {
            out.hsync();
        } else {
            out.flush();
        }
    }

    /**
     * Hadoop's local file system throws {@link FSError}, an Error, when a write fails (a full disk,
     * an I/O error): the IOException it wraps, saying what was being written.
     */
    public static IOException asIOException(FSError e, Path writing) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new IOException("could not write " + writing + ": " + cause.getMessage(), e);
    }
}
