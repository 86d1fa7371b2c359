package org.scopedrnn.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.zip.CRC32C;

/**
 * Streams tensors to the data file as little-endian bytes, one reusable chunk at a time, so
 * writing never needs a second copy of the whole checkpoint in memory.
 */
final class TensorWriter {

    static final int CHUNK_BYTES = 1 << 20;

    private final OutputStream out;
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final FloatBuffer floats = chunk.asFloatBuffer();
    private final LongBuffer longs = chunk.asLongBuffer();
    private final CRC32C crc = new CRC32C();
    private long offset;

    TensorWriter(OutputStream out) {
        this.out = out;
    }

    /** Appends {@code tensor} and says where it went. */
    VariableEntry write(String name, Tensor tensor) throws IOException {
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
        int perChunk = CHUNK_BYTES / Float.BYTES;
        for (int i = 0; i < values.length; i += perChunk) {
            int n = Math.min(perChunk, values.length - i);
            floats.clear();
            floats.put(values, i, n);
            emit(n * Float.BYTES);
        }
    }

    private void writeLongs(long[] values) throws IOException {
        int perChunk = CHUNK_BYTES / Long.BYTES;
        for (int i = 0; i < values.length; i += perChunk) {
            int n = Math.min(perChunk, values.length - i);
            longs.clear();
            longs.put(values, i, n);
            emit(n * Long.BYTES);
        }
    }

    private void emit(int bytes) throws IOException {
        crc.update(chunk.array(), 0, bytes);
        out.write(chunk.array(), 0, bytes);
        offset += bytes;
    }
}
