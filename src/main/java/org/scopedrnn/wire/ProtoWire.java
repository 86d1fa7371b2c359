package org.scopedrnn.wire;

import java.io.ByteArrayOutputStream;

/**
 * The few pieces of the protobuf wire format that TensorFlow's checkpoint index and TensorBoard's
 * event files need: varints, fixed32, fixed64 and length-delimited fields. Enough to write the
 * messages the way protobuf's proto3 serializer does (fields in number order, zero scalars
 * omitted) and to read them back while skipping fields this build does not know, as protobuf
 * readers must.
 */
public final class ProtoWire {

    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    public static final int FIXED32 = 5;

    private ProtoWire() {}

    /** Bytes that are not a well-formed protobuf message; the message says where and why. */
    public static final class MalformedException extends Exception {
        public MalformedException(String message) {
            super(message);
        }
    }

    /** Appends fields to a growing message. */
    public static final class Writer {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /** A varint field, omitted when zero (proto3 scalar default). */
        public Writer varint(int field, long value) {
            if (value != 0) {
                tag(field, VARINT);
                putVarint(out, value);
            }
            return this;
        }

        /** A fixed32 field, omitted when zero (proto3 scalar default). */
        public Writer fixed32(int field, int value) {
            if (value != 0) {
                tag(field, FIXED32);
                for (int i = 0; i < 4; i++) {
                    out.write(value >>> (8 * i));
                }
            }
            return this;
        }

        /** A fixed64 field (a double's bits, say), omitted when zero (proto3 scalar default). */
        public Writer fixed64(int field, long value) {
            if (value != 0) {
                tag(field, FIXED64);
                for (int i = 0; i < 8; i++) {
                    out.write((int) (value >>> (8 * i)));
                }
            }
            return this;
        }

        /**
         * A float field written even when zero: a member of a {@code oneof} is present or absent, and
         * leaving out 0.0 would make a reader see no value at all.
         */
        public Writer floatMember(int field, float value) {
            tag(field, FIXED32);
            int bits = Float.floatToIntBits(value);
            for (int i = 0; i < 4; i++) {
                out.write(bits >>> (8 * i));
            }
            return this;
        }

        /** A length-delimited field (sub-message or bytes), always written, even when empty. */
        public Writer message(int field, byte[] bytes) {
            tag(field, LENGTH_DELIMITED);
            putVarint(out, bytes.length);
            out.write(bytes, 0, bytes.length);
            return this;
        }

        public byte[] toByteArray() {
            return out.toByteArray();
        }

        private void tag(int field, int wireType) {
            putVarint(out, ((long) field << 3) | wireType);
        }
    }

    /** Appends {@code value} as a base-128 varint (negative values take ten bytes). */
    public static void putVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    /** Reads the fields of one message, in order. */
    public static final class Reader {

        private final byte[] buf;
        private int pos;
        private final int end;
        private int field;
        private int wireType;

        public Reader(byte[] buf) {
            this(buf, 0, buf.length);
        }

        public Reader(byte[] buf, int offset, int length) {
            this.buf = buf;
            this.pos = offset;
            this.end = offset + length;
        }

        /** Moves to the next field; false at the end of the message. */
        public boolean next() throws MalformedException {
            if (pos == end) {
                return false;
            }
            long tag = varint();
            field = (int) (tag >>> 3);
            wireType = (int) (tag & 7);
            if (tag >>> 3 > Integer.MAX_VALUE || field == 0) {
                throw new MalformedException("invalid field number " + (tag >>> 3));
            }
            return true;
        }

        public int field() {
            return field;
        }

        public int wireType() {
            return wireType;
        }

        /** The current field's value as a varint. */
        public long varintValue() throws MalformedException {
            expect(VARINT);
            return varint();
        }

        /** The current field's value as a fixed32, unsigned. */
        public long fixed32Value() throws MalformedException {
            expect(FIXED32);
            need(4);
            long v = 0;
            for (int i = 0; i < 4; i++) {
                v |= (long) (buf[pos++] & 0xff) << (8 * i);
            }
            return v;
        }

        /** The current length-delimited field's contents, as a reader. */
        public Reader messageValue() throws MalformedException {
            expect(LENGTH_DELIMITED);
            int length = length();
            Reader sub = new Reader(buf, pos, length);
            pos += length;
            return sub;
        }

        /** Skips the current field's value, whatever its wire type. */
        public void skip() throws MalformedException {
            switch (wireType) {
                case VARINT -> varint();
                case FIXED64 -> advance(8);
                case LENGTH_DELIMITED -> advance(length());
                case FIXED32 -> advance(4);
                default -> throw new MalformedException(
                        "field " + field + " has unsupported wire type " + wireType);
            }
        }

        private void expect(int type) throws MalformedException {
            if (wireType != type) {
                throw new MalformedException(
                        "field " + field + " has wire type " + wireType + "; expected " + type);
            }
        }

        private int length() throws MalformedException {
            long length = varint();
            if (length < 0 || length > end - pos) {
                throw new MalformedException("field " + field + " claims " + Long.toUnsignedString(length)
                        + " bytes but only " + (end - pos) + " remain in the message");
            }
            return (int) length;
        }

        private void advance(int n) throws MalformedException {
            need(n);
            pos += n;
        }

        private void need(int n) throws MalformedException {
            if (end - pos < n) {
                throw new MalformedException("message ends inside field " + field);
            }
        }

        private long varint() throws MalformedException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos == end) {
                    throw new MalformedException("message ends inside a varint");
                }
                byte b = buf[pos++];
                v |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new MalformedException("varint longer than 10 bytes");
        }
    }
}
