package org.scopedrnn.wire;

import java.util.zip.CRC32C;

/**
 * CRC32C as LevelDB, TensorFlow checkpoints and TFRecord files store it: "masked", so that a
 * checksum of data that itself holds checksums is not trivially related to them.
 */
public final class MaskedCrc32c {

    private static final int MASK_DELTA = 0xa282ead8;

    private MaskedCrc32c() {}

    /** The mask of a CRC32C value (given unsigned, as {@link CRC32C#getValue} returns it). */
    public static int mask(long crc) {
        int c = (int) crc;
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    /** The inverse of {@link #mask}, as an unsigned value. */
    public static long unmask(long masked) {
        int rot = (int) masked - MASK_DELTA;
        return Integer.toUnsignedLong((rot >>> 17) | (rot << 15));
    }

    /** The masked CRC32C of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static int of(byte[] bytes, int offset, int length) {
        var crc = new CRC32C();
        crc.update(bytes, offset, length);
        return mask(crc.getValue());
    }
}
