package org.scopedrnn.checkpoint;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.zip.CRC32C;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.fs.FileInput;
import org.scopedrnn.fs.Heap;

/**
 * Reads the tensors listed in checkpoint.json back from the data file, in file order, checking
 * each one's CRC32C. Entries must already be validated against the file's length, so every
 * allocation here is bounded by bytes that really exist. Each chunk is checksummed while it is
 * still in the CPU's cache, then copied in bulk into the tensor's array.
 */
final class TensorReader {

    private final FileInput in;
    private final Path file;
    private final ByteBuffer chunk;
    private final FloatBuffer floats;
    private final LongBuffer longs;
    private final CRC32C crc = new CRC32C();
    private long position;

    /** @param totalBytes the data file's verified length, to size the chunk for small checkpoints */
    TensorReader(FileInput in, Path file, long totalBytes) {
        this.in = in;
        this.file = file;
        this.chunk = in.buffer(TensorWriter.chunkBytes(totalBytes));
        this.floats = chunk.asFloatBuffer();
        this.longs = chunk.asLongBuffer();
    }

    Tensor read(VariableEntry e) throws IOException {
        if (e.offset() != position) {
            throw new IllegalStateException(
                    "entries must be read in file order: at " + position + ", asked for " + e.offset());
        }
        String heap = Heap.shortfall(e.length());
        if (heap != null) {
            throw new CheckpointFormatException("checkpoint data file " + file + ": variable " + Bounded.text(e.name())
                    + " (shape " + Shapes.format(e.shape()) + ", " + e.dtype().tfName() + ") " + heap);
        }
        crc.reset();
        int count = Math.toIntExact(e.length() / e.dtype().byteSize());
        Tensor t;
        if (e.dtype() == DType.FLOAT32) {
            float[] values = new float[count];
            readFloats(e, values);
            t = new FloatTensor(e.shape(), values);
        } else {
            long[] values = new long[count];
            readLongs(e, values);
            t = new LongTensor(e.shape(), values);
        }
        if (crc.getValue() != e.crc32c()) {
            throw new CheckpointFormatException(
                    "checkpoint data file " + file + ": variable " + Bounded.text(e.name())
                            + " is corrupt: its CRC32C is "
                            + crc.getValue() + " but checkpoint.json records " + e.crc32c() + " (bytes "
                            + e.offset() + ".." + e.end() + ")");
        }
        return t;
    }

    private void readFloats(VariableEntry e, float[] values) throws IOException {
        int perChunk = chunk.capacity() / Float.BYTES;
        for (int i = 0; i < values.length; i += perChunk) {
            int n = Math.min(perChunk, values.length - i);
            fill(e, n * Float.BYTES);
            floats.clear();
            floats.get(values, i, n);
        }
    }

    private void readLongs(VariableEntry e, long[] values) throws IOException {
        int perChunk = chunk.capacity() / Long.BYTES;
        for (int i = 0; i < values.length; i += perChunk) {
            int n = Math.min(perChunk, values.length - i);
            fill(e, n * Long.BYTES);
            longs.clear();
            longs.get(values, i, n);
        }
    }

    private void fill(VariableEntry e, int bytes) throws IOException {
        chunk.clear().limit(bytes);
        try {
            in.readFully(chunk);
        } catch (EOFException eof) {
            // The length was checked before reading, so the file shrank while we read it.
            throw new CheckpointFormatException(
                    "checkpoint data file " + file + " ended inside variable " + Bounded.text(e.name()) + " (bytes "
                            + e.offset() + ".." + e.end() + "); was it truncated while being read?", eof);
        }
        chunk.flip();
        crc.update(chunk);
        position += bytes;
    }
}
