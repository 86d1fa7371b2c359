package org.scopedrnn.fs;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A file read front to back into buffers: on the plain local file system a {@link FileChannel}
 * filling a direct buffer (one copy, kernel to buffer, as {@code dd}), elsewhere the file system's
 * own input stream (see {@link NewFile} for which is which).
 */
public sealed interface FileInput extends Closeable permits FileInput.Local, FileInput.Hadoop {

    static FileInput open(FileSystem fs, Path path) throws IOException {
        if (LocalFiles.isPlainLocal(fs)) {
            return new Local(FileChannel.open(LocalFiles.toNio(fs, path), StandardOpenOption.READ));
        }
        return new Hadoop(fs.open(path));
    }

    /**
     * A little-endian buffer of {@code capacity} bytes of the kind {@link #readFully} fills without a
     * copy; use it only until close. A heap buffer, unless the file lends a direct one.
     */
    default ByteBuffer buffer(int capacity) {
        return HeapBuffers.allocate(capacity);
    }

    /**
     * Fills {@code b} from its position to its limit.
     *
     * @throws EOFException if the file ends first
     */
    void readFully(ByteBuffer b) throws IOException;

    /** A plain local file: its channel fills the direct buffer it lends. */
    final class Local extends LocalChannel implements FileInput {

        Local(FileChannel channel) {
            super(channel);
        }

        @Override
        public void readFully(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                if (channel.read(b) < 0) {
                    throw new EOFException("end of file with " + b.remaining() + " bytes still to read");
                }
            }
        }
    }

    /** Any other file system: its own input stream. */
    final class Hadoop implements FileInput {
        private final FSDataInputStream in;

        Hadoop(FSDataInputStream in) {
            this.in = in;
        }

        @Override
        public void readFully(ByteBuffer b) throws IOException {
            in.readFully(HeapBuffers.arrayOf(b), b.arrayOffset() + b.position(), b.remaining());
            b.position(b.limit());
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
