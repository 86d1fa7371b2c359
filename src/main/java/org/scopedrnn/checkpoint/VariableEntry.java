package org.scopedrnn.checkpoint;

/**
 * Where one variable's bytes live in the data file, as listed in checkpoint.json.
 *
 * @param length bytes: element count times {@link DType#byteSize()}
 * @param crc32c CRC32C of those bytes, as an unsigned 32-bit value
 */
public record VariableEntry(
        String name, DType dtype, long[] shape, long offset, long length, long crc32c) {

    public long end() {
        return offset + length;
    }
}
