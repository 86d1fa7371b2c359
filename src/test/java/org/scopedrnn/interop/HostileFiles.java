package org.scopedrnn.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.scopedrnn.wire.MaskedCrc32c;
import org.scopedrnn.wire.ProtoWire;

/** Checkpoint files no writer here would produce, for tests of the readers from other packages. */
public final class HostileFiles {

    private static final int DT_FLOAT = 1;

    private HostileFiles() {}

    /**
     * {@code PREFIX.index} of a one-shard TensorFlow checkpoint listing one float32 variable at offset
     * 0 with the given shape and byte size (whatever the data file holds), and a CRC of 0.
     */
    public static void tensorFlowIndex(Path prefix, String name, long[] shape, long size) throws IOException {
        tensorFlowIndex(prefix, name, shape, size, 0);
    }

    /** A one-variable TensorFlow checkpoint whose index records {@code data}'s length and CRC32C. */
    public static void tensorFlowCheckpoint(Path prefix, String name, long[] shape, byte[] data) throws IOException {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(data);
        tensorFlowIndex(prefix, name, shape, data.length, crc.getValue());
        Files.write(tensorFlowData(prefix), data);
    }

    private static void tensorFlowIndex(Path prefix, String name, long[] shape, long size, long crc32c)
            throws IOException {
        ProtoWire.Writer dims = new ProtoWire.Writer();
        for (long d : shape) {
            dims.message(2, new ProtoWire.Writer().varint(1, d).toByteArray());
        }
        byte[] entry = new ProtoWire.Writer()
                .varint(1, DT_FLOAT)
                .message(2, dims.toByteArray())
                .varint(4, 0)
                .varint(5, size)
                .fixed32(6, MaskedCrc32c.mask(crc32c))
                .toByteArray();
        byte[] header = new ProtoWire.Writer()
                .varint(1, 1)
                .message(3, new ProtoWire.Writer().varint(1, 1).toByteArray())
                .toByteArray();
        List<LevelDbTable.Entry> table = List.of(new LevelDbTable.Entry(new byte[0], header),
                new LevelDbTable.Entry(name.getBytes(StandardCharsets.UTF_8), entry));
        Files.write(Path.of(prefix + TensorFlowCheckpoint.INDEX_SUFFIX),
                LevelDbTable.build(table, LevelDbTable.DEFAULT_BLOCK_SIZE));
    }

    /** {@code PREFIX.data-00000-of-00001}, the data file of a one-shard checkpoint. */
    public static Path tensorFlowData(Path prefix) {
        var hadoop = new org.apache.hadoop.fs.Path(prefix.toString());
        return Path.of(TensorFlowCheckpoint.dataPath(hadoop, 0, 1).toString());
    }
}
