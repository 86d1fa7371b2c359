package org.scopedrnn.wire;

/**
 * TFRecord framing, the container of TensorFlow's record files and TensorBoard's event files: each
 * record is its length (uint64, little-endian), the masked CRC32C of those 8 bytes, the data, and
 * the masked CRC32C of the data. The length's own checksum lets a reader tell a file cut short
 * by a kill from a corrupt one before it trusts the length.
 */
public final class TfRecord {

    /** Bytes a record adds around its data. */
    public static final int OVERHEAD = 8 + 4 + 4;

    private TfRecord() {}

    /** {@code data} framed as one record. */
    public static byte[] frame(byte[] data) {
        byte[] record = new byte[data.length + OVERHEAD];
        putLittleEndian(record, 0, data.length, 8);
        putLittleEndian(record, 8, MaskedCrc32c.of(record, 0, 8), 4);
        System.arraycopy(data, 0, record, 12, data.length);
        putLittleEndian(record, 12 + data.length, MaskedCrc32c.of(data, 0, data.length), 4);
        return record;
    }

    private static void putLittleEndian(byte[] into, int offset, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            into[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
