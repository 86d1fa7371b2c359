package org.scopedrnn.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewFileAndFileInputTest {

    /** A local file system that is not exactly Hadoop's: it must keep Hadoop's streams. */
    static final class SubclassedLocalFs extends RawLocalFileSystem {}

    @TempDir java.nio.file.Path tmp;

    private FileSystem plainLocal() throws IOException {
        return HadoopFs.forPath(new Path(tmp.toString()), new Configuration());
    }

    private FileSystem subclassed() throws IOException {
        FileSystem fs = new SubclassedLocalFs();
        fs.initialize(java.net.URI.create("file:///"), new Configuration());
        return fs;
    }

    @Test
    void thePlainLocalFileSystemGoesThroughDirectChannelsAndOthersThroughHadoopStreams() throws IOException {
        Path a = new Path(tmp.resolve("a").toString());
        try (NewFile local = NewFile.create(plainLocal(), a); NewFile other = NewFile.create(subclassed(),
                new Path(tmp.resolve("b").toString()))) {
            assertTrue(local instanceof NewFile.Local && local.buffer(8).isDirect());
            assertTrue(other instanceof NewFile.Hadoop && !other.buffer(8).isDirect());
        }
        try (FileInput local = FileInput.open(plainLocal(), a); FileInput other = FileInput.open(subclassed(), a)) {
            assertTrue(local instanceof FileInput.Local && local.buffer(8).isDirect());
            assertTrue(other instanceof FileInput.Hadoop && !other.buffer(8).isDirect());
        }
    }

    @Test
    void bytesRoundTripLittleEndianOnBothPathsAndEitherReadsWhatTheOtherWrote() throws IOException {
        for (FileSystem writer : new FileSystem[] {plainLocal(), subclassed()}) {
            for (FileSystem reader : new FileSystem[] {plainLocal(), subclassed()}) {
                java.nio.file.Path file = tmp.resolve("f-" + System.nanoTime());
                Path p = new Path(file.toString());
                try (NewFile out = NewFile.create(writer, p)) {
                    ByteBuffer b = out.buffer(12);
                    assertEquals(ByteOrder.LITTLE_ENDIAN, b.order());
                    out.write(b.putFloat(-0.0f).putLong(0x0102030405060708L).flip());
                    assertFalse(b.hasRemaining(), "write consumes the buffer");
                    out.sync();
                }
                assertArrayEquals(new byte[] {0, 0, 0, (byte) 0x80, 8, 7, 6, 5, 4, 3, 2, 1},
                        Files.readAllBytes(file));
                try (FileInput in = FileInput.open(reader, p)) {
                    ByteBuffer b = in.buffer(12);
                    in.readFully(b);
                    b.flip();
                    assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(b.getFloat()));
                    assertEquals(0x0102030405060708L, b.getLong());
                }
            }
        }
    }

    @Test
    void aNewFileCreatesMissingParentDirectoriesOnBothPathsAsHadoopDoes() throws IOException {
        for (FileSystem fs : new FileSystem[] {plainLocal(), subclassed()}) {
            java.nio.file.Path file = tmp.resolve("p-" + System.nanoTime()).resolve("q").resolve("f");
            NewFile.create(fs, new Path(file.toString())).close();
            assertTrue(Files.isRegularFile(file), file.toString());
        }
    }

    @Test
    void syncingTwoFilesTogetherReportsAFailureOfEitherOnBothPaths() throws IOException {
        for (FileSystem fs : new FileSystem[] {plainLocal(), subclassed()}) {
            for (int broken = 0; broken < 2; broken++) {
                NewFile[] files = new NewFile[2];
                for (int i = 0; i < 2; i++) {
                    files[i] = NewFile.create(fs, new Path(tmp.resolve("s-" + System.nanoTime()).toString()));
                    files[i].write(new byte[] {1, 2, 3});
                }
                NewFile.syncBoth(files[0], files[1]);
                files[broken].close(); // a closed file cannot be synced
                assertThrows(IOException.class, () -> NewFile.syncBoth(files[0], files[1]), "broken " + broken);
                files[1 - broken].close();
            }
        }
    }

    @Test
    void aNewFileRefusesAnExistingOneOnBothPaths() throws IOException {
        Files.write(tmp.resolve("there"), new byte[] {1});
        Path p = new Path(tmp.resolve("there").toString());
        assertThrows(IOException.class, () -> NewFile.create(plainLocal(), p).close());
        assertThrows(IOException.class, () -> NewFile.create(subclassed(), p).close());
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(tmp.resolve("there")), "left as it was");
    }

    @Test
    void readingPastTheEndIsAnEofOnBothPaths() throws IOException {
        Files.write(tmp.resolve("short"), new byte[5]);
        Path p = new Path(tmp.resolve("short").toString());
        for (FileSystem fs : new FileSystem[] {plainLocal(), subclassed()}) {
            try (FileInput in = FileInput.open(fs, p)) {
                assertThrows(EOFException.class, () -> in.readFully(in.buffer(8)));
            }
        }
    }
}
