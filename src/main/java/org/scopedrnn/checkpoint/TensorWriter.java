package org.scopedrnn.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.zip.CRC32C;
import org.scopedrnn.fs.NewFile;

/**
 * Streams tensors to the data file as little-endian bytes, one reusable chunk at a time, so
 * writing never needs a second copy of the whole checkpoint in memory. Each chunk is filled by a
 * bulk copy, checksummed while it is still in the CPU's cache, and handed to the file as it is
 * (a direct buffer for local files: no further copy before the kernel's).
 */
public final class TensorWriter {

    /** Large enough that per-chunk calls cost nothing, small enough to stay in a core's L2 cache. */
    static final int CHUNK_BYTES = 1 << 20;

    private final NewFile out;
    private final ByteBuffer chunk;
    private final FloatBuffer floats;
    private final LongBuffer longs;
    private final CRC32C crc = new CRC32C();
    private long offset;

    /** @param totalBytes what will be written, to size the chunk for small checkpoints */
    public TensorWriter(NewFile out, long totalBytes) {
        this.out = out;
        this.chunk = out.buffer(chunkBytes(totalBytes));
        this.floats = chunk.asFloatBuffer();
        this.longs = chunk.asLongBuffer();
    }

    /** {@link #CHUNK_BYTES}, or less for a smaller file: whole longs, at least one. */
    static int chunkBytes(long totalBytes) {
        long rounded = (Math.max(totalBytes, Long.BYTES) + Long.BYTES - 1) / Long.BYTES * Long.BYTES;
        return (int) Math.min(CHUNK_BYTES, rounded);
    }

    /** The bytes of {@code tensors}' elements. */
    public static long bytesOf(Iterable<? extends Tensor> tensors) {
        long total = 0;
        for (Tensor t : tensors) {
            total += (long) t.size() * t.dtype().byteSize();
        }
        return total;
    }

    /** Appends {@code tensor} and says where it went. */
    public VariableEntry write(String name, Tensor tensor) throws IOException {
        long start = offset;
        crc.reset();
        if (tensor instanceof FloatTensor f) {
            writeFloats(f.valuesNoCopy());
        } else if (tensor instanceof LongTensor l) {
            writeLongs(l.valuesNoCopy());
        } else {
            throw new IllegalStateException("unhandled tensor type " + tensor.getClass());
        }
        return new VariableEntry(
                name, tensor.dtype(), tensor.shape(), start, offset - start, crc.getValue());
    }

    /** Bytes written so far. */
    long length() {
        return offset;
    }

    private void writeFloats(float[] values) throws IOException {
        int perChunk = chunk.capacity() / Float.BYTES;
        for (int i = 0; i < values.length; i += perChunk) {
            int n = Math.min(perChunk, values.length - i);
            floats.clear();
            floats.put(values, i, n);
            emit(n * Float.BYTES);
        }
    }

    private void writeLongs(long[] values) throws IOException {
        int perChunk = chunk.capacity() / Long.BYTES;
        for (int i = 0; i < values.length; i += perChunk) {
            int n = Math.min(perChunk, values.length - i);
            longs.clear();
            longs.put(values, i, n);
            emit(n * Long.BYTES);
        }
    }

    private void emit(int bytes) throws IOException {
        chunk.clear().limit(bytes);
        crc.update(chunk);
        chunk.flip();
        out.write(chunk);
        offset += bytes;
    }
}
