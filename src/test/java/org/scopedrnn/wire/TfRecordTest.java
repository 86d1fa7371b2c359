package org.scopedrnn.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class TfRecordTest {

    private static final HexFormat HEX = HexFormat.of();

    /** Event(wall_time=1.5, file_version="brain.Event:2"), serialized by Python's protobuf. */
    static final String VERSION_EVENT = "09000000000000f83f1a0d627261696e2e4576656e743a32";
    /** Event(wall_time=2.25, step=7, summary={value {tag: "loss/train", simple_value: 0.5}}). */
    static final String SCALAR_EVENT = "09000000000000024010072a130a110a0a6c6f73732f747261696e150000003f";
    /** Those two events as TensorFlow's {@code tf.io.TFRecordWriter} wrote them, in one file. */
    static final String WRITTEN_BY_TENSORFLOW = "1800000000000000a37f4b22" + VERSION_EVENT + "2a28646c"
            + "200000000000000029eda950" + SCALAR_EVENT + "e4791bb4";

    @Test
    void framesEventsByteForByteAsTensorFlowDoes() {
        byte[] ours = concat(TfRecord.frame(HEX.parseHex(VERSION_EVENT)), TfRecord.frame(HEX.parseHex(SCALAR_EVENT)));
        assertEquals(WRITTEN_BY_TENSORFLOW, HEX.formatHex(ours));
    }

    @Test
    void emptyRecordStillCarriesBothChecksums() {
        byte[] record = TfRecord.frame(new byte[0]);
        assertEquals(TfRecord.OVERHEAD, record.length);
        assertEquals(MaskedCrc32c.of(new byte[0], 0, 0), littleEndianInt(record, 12));
        assertEquals(MaskedCrc32c.of(new byte[8], 0, 8), littleEndianInt(record, 8), "the checksum of a zero length");
    }

    @Test
    void maskIsUndoneByUnmaskAndChangesTheValue() {
        var crc = new CRC32C();
        crc.update(HEX.parseHex(SCALAR_EVENT));
        long plain = crc.getValue();
        int masked = MaskedCrc32c.mask(plain);
        assertEquals(plain, MaskedCrc32c.unmask(Integer.toUnsignedLong(masked)));
        assertEquals(0xb41b79e4, masked, "the data checksum TensorFlow wrote after the scalar event");
    }

    private static int littleEndianInt(byte[] b, int offset) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (b[offset + i] & 0xff) << (8 * i);
        }
        return v;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
