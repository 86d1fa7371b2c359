package org.scopedrnn.interop;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.Bounded;
import org.scopedrnn.checkpoint.CheckpointFormatException;
import org.scopedrnn.checkpoint.DType;
import org.scopedrnn.checkpoint.Shapes;
import org.scopedrnn.checkpoint.VariableEntry;
import org.scopedrnn.wire.MaskedCrc32c;
import org.scopedrnn.wire.ProtoWire;
import org.scopedrnn.wire.ProtoWire;

/**
 * The protobuf messages of a TensorFlow V2 checkpoint's index ({@code tensor_bundle.proto}), read and
 * written with {@link ProtoWire}: {@code BundleHeaderProto} (shard count, endianness, version) and one
 * {@code BundleEntryProto} per variable (dtype, shape, shard, offset, size, masked CRC32C). Reading
 * checks each the way TensorFlow's BundleReader does, and says what is wrong with a hostile one.
 */
final class BundleIndex {

    /** {@code kTensorBundleVersion}: the bundle format version TensorFlow writes and reads. */
    static final int BUNDLE_VERSION = 1;
    static final int DT_FLOAT = 1;
    static final int DT_INT64 = 9;
    static final int LITTLE_ENDIAN = 0;
    static final int BIG_ENDIAN = 1;
    /** Java arrays cannot be longer than this on common JVMs. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /**
     * TensorFlow's {@code DataType} names by number, for messages about types this reader
     * does not support; {@code _REF} types are these plus 100.
     */
    private static final String[] DTYPE_NAMES = {
        "DT_INVALID", "DT_FLOAT", "DT_DOUBLE", "DT_INT32", "DT_UINT8", "DT_INT16", "DT_INT8",
        "DT_STRING", "DT_COMPLEX64", "DT_INT64", "DT_BOOL", "DT_QINT8", "DT_QUINT8", "DT_QINT32",
        "DT_BFLOAT16", "DT_QINT16", "DT_QUINT16", "DT_UINT16", "DT_COMPLEX128", "DT_HALF",
        "DT_RESOURCE", "DT_VARIANT", "DT_UINT32", "DT_UINT64"
    };

    private BundleIndex() {}

    /** One variable's index entry, validated against its shape. */
    record BundleEntry(
            String name, DType dtype, long[] shape, int shard, long offset, long size, long crc32c) {

        long end() {
            return offset + size;
        }

        String bytes() {
            return "bytes " + offset + ".." + end();
        }
    }

    /** Checks the BundleHeaderProto the way TensorFlow's BundleReader does; returns num_shards. */
    static int parseHeader(byte[] value, Path index) throws CheckpointFormatException {
        long numShards = 0;
        long endianness = LITTLE_ENDIAN;
        long producer = 0;
        long minConsumer = 0;
        List<Long> badConsumers = new ArrayList<>();
        try {
            ProtoWire.Reader r = new ProtoWire.Reader(value);
            while (r.next()) {
                switch (r.field()) {
                    case 1 -> numShards = r.varintValue();
                    case 2 -> endianness = r.varintValue();
                    case 3 -> {
                        ProtoWire.Reader v = r.messageValue();
                        while (v.next()) {
                            switch (v.field()) {
                                case 1 -> producer = v.varintValue();
                                case 2 -> minConsumer = v.varintValue();
                                case 3 -> badConsumers.add(v.varintValue());
                                default -> v.skip();
                            }
                        }
                    }
                    default -> r.skip();
                }
            }
        } catch (ProtoWire.MalformedException e) {
            throw new CheckpointFormatException("TensorFlow checkpoint index " + index
                    + " has a malformed bundle header: " + e.getMessage(), e);
        }
        String where = "TensorFlow checkpoint index " + index + ": bundle header ";
        if (numShards < 1 || numShards > 99_999) {
            throw new CheckpointFormatException(
                    where + "has num_shards " + numShards + "; expected 1 to 99999");
        }
        if (endianness == BIG_ENDIAN) {
            throw new CheckpointFormatException(where + "says the tensors are big-endian; this reader"
                    + " supports little-endian checkpoints only (written on x86, ARM, ...)");
        }
        if (endianness != LITTLE_ENDIAN) {
            throw new CheckpointFormatException(
                    where + "has unknown endianness " + endianness + "; expected 0 (LITTLE)");
        }
        if (producer < 0 || minConsumer > BUNDLE_VERSION || badConsumers.contains((long) BUNDLE_VERSION)) {
            throw new CheckpointFormatException(where + "has version {producer " + producer
                    + ", min_consumer " + minConsumer + ", bad_consumers "
                    + Bounded.list(badConsumers.size(), i -> badConsumers.get(i).toString(), "versions")
                    + "}; this reader implements bundle version " + BUNDLE_VERSION
                    + " (written by a newer TensorFlow?)");
        }
        return (int) numShards;
    }

    static BundleEntry parseEntry(LevelDbTable.Entry raw, int numShards, Path index)
            throws CheckpointFormatException {
        String name = variableName(raw.key(), index);
        String where = "TensorFlow checkpoint index " + index + ": variable " + Bounded.text(name);
        RawEntry fields = RawEntry.decode(raw.value(), where);
        long shard = fields.shard;
        long offset = fields.offset;
        long size = fields.size;
        long crc = fields.crc;
        List<Long> dims = fields.dims;
        if (fields.sliced) {
            throw new CheckpointFormatException(where + " is partitioned (stored as slices); this reader"
                    + " supports whole variables only");
        }
        DType type = supportedType(fields.dtype, where);
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        if (fields.unknownRank) {
            throw new CheckpointFormatException(where + " has a shape of unknown rank; expected a"
                    + " fully defined shape");
        }
        long elements;
        try {
            elements = Shapes.elementCount(shape);
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException(where + ": " + e.getMessage(), e);
        }
        if (elements > MAX_ELEMENTS) {
            throw new CheckpointFormatException(where + " has shape " + Shapes.format(shape) + ", "
                    + elements + " elements; this reader holds at most " + MAX_ELEMENTS + " per variable");
        }
        long expected = elements * type.byteSize();
        if (size != expected) {
            throw new CheckpointFormatException(where + " records " + Long.toUnsignedString(size)
                    + " bytes but its shape " + Shapes.format(shape) + " of " + type.tfName() + " needs "
                    + expected + " bytes");
        }
        if (shard < 0 || shard >= numShards) {
            throw new CheckpointFormatException(where + " is in shard " + shard + "; the bundle header"
                    + " says there are " + numShards + " shards");
        }
        if (offset < 0) {
            throw new CheckpointFormatException(where + " has offset " + Long.toUnsignedString(offset)
                    + "; expected at most " + Long.MAX_VALUE);
        }
        return new BundleEntry(name, type, shape, (int) shard, offset, size, MaskedCrc32c.unmask(crc));
    }

    private static String dtypeName(long dtype) {
        if (dtype >= 0 && dtype < DTYPE_NAMES.length) {
            return DTYPE_NAMES[(int) dtype] + " (" + dtype + ")";
        }
        if (dtype > 100 && dtype < 100 + DTYPE_NAMES.length) {
            return DTYPE_NAMES[(int) dtype - 100] + "_REF (" + dtype + ")";
        }
        return Long.toString(dtype);
    }

    /**
     * Checks that every data file a variable needs exists and holds that variable's bytes,
     * before anything is allocated for the tensors.
     */
    /** The index key: a variable name, which must be UTF-8. */
    private static String variableName(byte[] key, Path index) throws CheckpointFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointFormatException("TensorFlow checkpoint index " + index + " has key "
                    + LevelDbTable.printable(key) + ", which is not UTF-8; expected a variable name",
                    e);
        }
    }

    private static DType supportedType(long dtype, String where) throws CheckpointFormatException {
        if (dtype == DT_FLOAT) {
            return DType.FLOAT32;
        }
        if (dtype == DT_INT64) {
            return DType.INT64;
        }
        throw new CheckpointFormatException(where + " has dtype " + dtypeName(dtype)
                + "; this reader supports DT_FLOAT (float32) and DT_INT64 (int64)");
    }

    /** The fields of a BundleEntryProto, as decoded; {@link #parseEntry} checks them. */
    private static final class RawEntry {
        long dtype;
        long shard;
        long offset;
        long size;
        long crc;
        boolean sliced;
        final List<Long> dims = new ArrayList<>();
        boolean unknownRank;

        static RawEntry decode(byte[] value, String where) throws CheckpointFormatException {
            RawEntry out = new RawEntry();
            try {
                ProtoWire.Reader r = new ProtoWire.Reader(value);
                while (r.next()) {
                    switch (r.field()) {
                        case 1 -> out.dtype = r.varintValue();
                        case 2 -> {
                            // A repeated occurrence merges into the first, as protobuf merges messages.
                            ProtoWire.Reader s = r.messageValue();
                            while (s.next()) {
                                if (s.field() == 2) {
                                    ProtoWire.Reader d = s.messageValue();
                                    long dim = 0;
                                    while (d.next()) {
                                        if (d.field() == 1) {
                                            dim = d.varintValue();
                                        } else {
                                            d.skip();
                                        }
                                    }
                                    out.dims.add(dim);
                                } else if (s.field() == 3) {
                                    out.unknownRank = s.varintValue() != 0;
                                } else {
                                    s.skip();
                                }
                            }
                        }
                        case 3 -> out.shard = r.varintValue();
                        case 4 -> out.offset = r.varintValue();
                        case 5 -> out.size = r.varintValue();
                        case 6 -> out.crc = r.fixed32Value();
                        case 7 -> {
                            out.sliced = true;
                            r.skip();
                        }
                        default -> r.skip();
                    }
                }
            } catch (ProtoWire.MalformedException e) {
                throw new CheckpointFormatException(
                        where + " has a malformed BundleEntryProto: " + e.getMessage(), e);
            }
            return out;
        }
    }

    /** BundleHeaderProto{num_shards: 1, endianness: LITTLE, version: {producer: 1}}. */
    static byte[] header() {
        byte[] version = new ProtoWire.Writer().varint(1, BUNDLE_VERSION).toByteArray();
        return new ProtoWire.Writer()
                .varint(1, 1)
                .varint(2, LITTLE_ENDIAN)
                .message(3, version)
                .toByteArray();
    }

    /** BundleEntryProto for one variable in shard 0, as protobuf serializes it. */
    static byte[] entry(VariableEntry e) {
        ProtoWire.Writer shape = new ProtoWire.Writer();
        for (long dim : e.shape()) {
            shape.message(2, new ProtoWire.Writer().varint(1, dim).toByteArray());
        }
        return new ProtoWire.Writer()
                .varint(1, e.dtype() == DType.FLOAT32 ? DT_FLOAT : DT_INT64)
                .message(2, shape.toByteArray())
                .varint(4, e.offset())
                .varint(5, e.length())
                .fixed32(6, MaskedCrc32c.mask(e.crc32c()))
                .toByteArray();
    }
}
