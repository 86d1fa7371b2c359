package org.scopedrnn.interop;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.scopedrnn.checkpoint.CheckpointFormatException;
import org.scopedrnn.wire.MaskedCrc32c;
import org.scopedrnn.wire.ProtoWire;

/**
 * An immutable sorted string table in the LevelDB file format, as TensorFlow's
 * {@code tensorflow/core/lib/io/table_builder.cc} writes it for checkpoint indexes: uncompressed
 * data blocks of prefix-compressed entries with restart points, an empty metaindex block, an
 * index block mapping a separator key (at or after each data block's last key, before the next
 * block's first) to the block's handle, and a 48-byte footer ending in the table magic. Every
 * block is followed by a 5-byte trailer: compression type and the masked CRC32C of the block
 * and type.
 *
 * <p>The builder reproduces TensorFlow's choices exactly (restart interval 16 in data blocks, 1
 * in the index block, shortest separators, short successor for the last block), so a table
 * built here from TensorFlow's entries with TensorFlow's block size is byte-identical to
 * TensorFlow's. The reader checks every bound against the table's length and every block's
 * checksum, and that keys are strictly increasing.
 */
final class LevelDbTable {

    static final long MAGIC = 0xdb4775248b80fb57L;
    static final int FOOTER_LENGTH = 48;
    static final int TRAILER_LENGTH = 5;
    /** {@code table::Options::block_size} in TensorFlow: 256 KiB (LevelDB's own default is 4 KiB). */
    static final int DEFAULT_BLOCK_SIZE = 256 << 10;

    private static final int RESTART_INTERVAL = 16;
    private static final int MAX_HANDLE_LENGTH = 20;
    private static final byte NO_COMPRESSION = 0;
    private static final byte SNAPPY_COMPRESSION = 1;
    private static final int MAX_PRINTED = 200;

    /** One key/value pair; keys compare as unsigned bytes. */
    record Entry(byte[] key, byte[] value) {

        Entry {
            if (key == null || value == null) {
                throw new IllegalArgumentException("key and value must not be null");
            }
        }
    }

    private LevelDbTable() {}

    // ---------------------------------------------------------------------------------- writing

    /**
     * The table holding {@code entries}.
     *
     * @param entries in strictly increasing unsigned-byte order of key
     * @param blockSize data blocks are cut once they reach about this many bytes
     * @throws IllegalArgumentException if the keys are not strictly increasing
     */
    static byte[] build(List<Entry> entries, int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize is " + blockSize + "; expected at least 1");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LevelDbBlockBuilder data = new LevelDbBlockBuilder(RESTART_INTERVAL);
        LevelDbBlockBuilder index = new LevelDbBlockBuilder(1);
        byte[] lastKey = null;
        long[] pendingHandle = null;
        for (Entry e : entries) {
            byte[] key = e.key();
            if (lastKey != null) {
                if (Arrays.compareUnsigned(key, lastKey) <= 0) {
                    throw new IllegalArgumentException("keys must be strictly increasing: "
                            + printable(key) + " after " + printable(lastKey));
                }
                // TensorFlow's TableBuilder gives an entry of twice the block size a block of its own.
                if ((long) key.length + e.value().length >= 2L * blockSize && !data.isEmpty()) {
                    pendingHandle = writeBlock(out, data);
                }
            }
            if (pendingHandle != null) {
                index.add(shortestSeparator(lastKey, key), encodeHandle(pendingHandle));
                pendingHandle = null;
            }
            lastKey = key;
            data.add(key, e.value());
            if (data.sizeEstimate() >= blockSize) {
                pendingHandle = writeBlock(out, data);
            }
        }
        if (!data.isEmpty()) {
            pendingHandle = writeBlock(out, data);
        }
        long[] metaindexHandle = writeBlock(out, new LevelDbBlockBuilder(RESTART_INTERVAL));
        if (pendingHandle != null) {
            index.add(shortSuccessor(lastKey), encodeHandle(pendingHandle));
        }
        long[] indexHandle = writeBlock(out, index);

        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        footer.writeBytes(encodeHandle(metaindexHandle));
        footer.writeBytes(encodeHandle(indexHandle));
        byte[] padded = Arrays.copyOf(footer.toByteArray(), FOOTER_LENGTH);
        putFixed32(padded, FOOTER_LENGTH - 8, (int) MAGIC);
        putFixed32(padded, FOOTER_LENGTH - 4, (int) (MAGIC >>> 32));
        out.writeBytes(padded);
        return out.toByteArray();
    }

    /** Writes the block and its trailer; returns its handle {offset, size}. */
    private static long[] writeBlock(ByteArrayOutputStream out, LevelDbBlockBuilder block) {
        byte[] contents = block.finish();
        long[] handle = {out.size(), contents.length};
        out.writeBytes(contents);
        CRC32C crc = new CRC32C();
        crc.update(contents);
        crc.update(NO_COMPRESSION);
        byte[] trailer = new byte[TRAILER_LENGTH];
        trailer[0] = NO_COMPRESSION;
        putFixed32(trailer, 1, MaskedCrc32c.mask(crc.getValue()));
        out.writeBytes(trailer);
        return handle;
    }

    private static byte[] encodeHandle(long[] handle) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProtoWire.putVarint(out, handle[0]);
        ProtoWire.putVarint(out, handle[1]);
        return out.toByteArray();
    }

    /** A short key k with start <= k < limit, as LevelDB's bytewise comparator picks it. */
    private static byte[] shortestSeparator(byte[] start, byte[] limit) {
        int min = Math.min(start.length, limit.length);
        int diff = 0;
        while (diff < min && start[diff] == limit[diff]) {
            diff++;
        }
        if (diff < min) {
            int b = start[diff] & 0xff;
            if (b < 0xff && b + 1 < (limit[diff] & 0xff)) {
                byte[] sep = Arrays.copyOf(start, diff + 1);
                sep[diff]++;
                return sep;
            }
        }
        return start;
    }

    /** A short key at or after {@code key}. */
    private static byte[] shortSuccessor(byte[] key) {
        for (int i = 0; i < key.length; i++) {
            if ((key[i] & 0xff) != 0xff) {
                byte[] succ = Arrays.copyOf(key, i + 1);
                succ[i]++;
                return succ;
            }
        }
        return key;
    }

    // ---------------------------------------------------------------------------------- reading

    /**
     * All entries of the table in {@code table}, in key order.
     *
     * @param file the table's file, for messages
     * @throws CheckpointFormatException naming {@code file} if the table is truncated, corrupt
     *     (checksum, bounds, key order) or not a LevelDB table
     */
    static List<Entry> read(byte[] table, String file) throws CheckpointFormatException {
        return new Parser(table, file).entries();
    }

    private static final class Parser {

        private final byte[] t;
        private final String file;
        private final int footerStart;

        Parser(byte[] table, String file) {
            this.t = table;
            this.file = file;
            this.footerStart = table.length - FOOTER_LENGTH;
        }

        List<Entry> entries() throws CheckpointFormatException {
            if (t.length < FOOTER_LENGTH) {
                throw error("is " + t.length + " bytes, shorter than the " + FOOTER_LENGTH
                        + "-byte table footer: truncated, or not a TensorFlow checkpoint index");
            }
            long magic = fixed32(t, t.length - 8) | (fixed32(t, t.length - 4) << 32);
            if (magic != MAGIC) {
                throw error("does not end in the table magic number (found 0x"
                        + HexFormat.of().toHexDigits(magic) + ", expected 0x"
                        + HexFormat.of().toHexDigits(MAGIC)
                        + "): truncated, or not a TensorFlow V2 checkpoint index");
            }
            int[] pos = {footerStart};
            int footerEnd = t.length - 8;
            long[] metaindex = handle(pos, footerEnd, "the footer's metaindex handle");
            long[] indexHandle = handle(pos, footerEnd, "the footer's index handle");
            block(metaindex, "metaindex block");
            List<Entry> index = parseBlock(indexHandle, "index block");

            List<Entry> out = new ArrayList<>();
            byte[] previousKey = null;
            byte[] previousSeparator = null;
            for (Entry ie : index) {
                String where = "data block for index key " + printable(ie.key());
                if (previousSeparator != null && Arrays.compareUnsigned(ie.key(), previousSeparator) <= 0) {
                    throw error("index block keys are out of order at " + printable(ie.key()));
                }
                previousSeparator = ie.key();
                int[] p = {0};
                long[] h = handleIn(ie.value(), p, where);
                if (p[0] != ie.value().length) {
                    throw error("index entry " + printable(ie.key()) + " has " + ie.value().length
                            + " bytes; expected a block handle of " + p[0]);
                }
                for (Entry e : parseBlock(h, where)) {
                    if (previousKey != null && Arrays.compareUnsigned(e.key(), previousKey) <= 0) {
                        throw error("keys are not strictly increasing: " + printable(e.key()) + " after "
                                + printable(previousKey) + " (" + where + ")");
                    }
                    if (Arrays.compareUnsigned(e.key(), ie.key()) > 0) {
                        throw error("key " + printable(e.key()) + " sorts after its block's index key "
                                + printable(ie.key()));
                    }
                    previousKey = e.key();
                    out.add(e);
                }
            }
            return out;
        }

        /** The block's contents range {offset, size}, after checking bounds, type and checksum. */
        private int[] block(long[] handle, String what) throws CheckpointFormatException {
            long offset = handle[0];
            long size = handle[1];
            if (offset < 0 || size < 0 || offset > footerStart
                    || size > footerStart - offset - TRAILER_LENGTH) {
                throw error(what + " claims bytes " + Long.toUnsignedString(offset) + " + "
                        + Long.toUnsignedString(size) + " (+" + TRAILER_LENGTH + " trailer) but the"
                        + " blocks end at byte " + footerStart + ": truncated or corrupt");
            }
            int off = (int) offset;
            int n = (int) size;
            CRC32C crc = new CRC32C();
            crc.update(t, off, n + 1);
            long stored = MaskedCrc32c.unmask(fixed32(t, off + n + 1));
            if (crc.getValue() != stored) {
                throw error(what + " (bytes " + off + ".." + (off + n) + ") is corrupt: its CRC32C is "
                        + crc.getValue() + " but its trailer records " + stored);
            }
            byte type = t[off + n];
            if (type == SNAPPY_COMPRESSION) {
                throw error(what + " is Snappy-compressed; this reader supports uncompressed tables"
                        + " only (TensorFlow writes checkpoint indexes uncompressed)");
            }
            if (type != NO_COMPRESSION) {
                throw error(what + " has unknown compression type " + type + "; expected 0 (none)");
            }
            return new int[] {off, n};
        }

        private List<Entry> parseBlock(long[] handle, String what) throws CheckpointFormatException {
            int[] range = block(handle, what);
            int start = range[0];
            int size = range[1];
            if (size < 4) {
                throw error(what + " is " + size + " bytes; expected at least 4 (the restart count)");
            }
            long restarts = fixed32(t, start + size - 4);
            long maxRestarts = (size - 4) / 4;
            if (restarts > maxRestarts) {
                throw error(what + " claims " + restarts + " restart points but has room for "
                        + maxRestarts);
            }
            int limit = start + size - 4 - (int) restarts * 4;
            List<Entry> out = new ArrayList<>();
            byte[] key = new byte[0];
            int[] pos = {start};
            while (pos[0] < limit) {
                long shared = varint32(pos, limit, what);
                long unshared = varint32(pos, limit, what);
                long valueLength = varint32(pos, limit, what);
                if (shared > key.length || unshared + valueLength > limit - pos[0]) {
                    throw error(what + " has a malformed entry at byte " + pos[0] + " (shares " + shared
                            + " bytes with a " + key.length + "-byte key, then claims " + unshared + " + "
                            + valueLength + " bytes with " + (limit - pos[0]) + " left)");
                }
                byte[] next = Arrays.copyOf(key, (int) (shared + unshared));
                System.arraycopy(t, pos[0], next, (int) shared, (int) unshared);
                pos[0] += (int) unshared;
                byte[] value = Arrays.copyOfRange(t, pos[0], pos[0] + (int) valueLength);
                pos[0] += (int) valueLength;
                key = next;
                out.add(new Entry(key, value));
            }
            return out;
        }

        private long[] handle(int[] pos, int limit, String what) throws CheckpointFormatException {
            long offset = varint64(t, pos, limit, what);
            long size = varint64(t, pos, limit, what);
            return new long[] {offset, size};
        }

        private long[] handleIn(byte[] value, int[] pos, String what) throws CheckpointFormatException {
            int limit = Math.min(value.length, MAX_HANDLE_LENGTH);
            long offset = varint64(value, pos, limit, what + " handle");
            long size = varint64(value, pos, limit, what + " handle");
            return new long[] {offset, size};
        }

        private long varint32(int[] pos, int limit, String what) throws CheckpointFormatException {
            long v = varint64(t, pos, Math.min(limit, pos[0] + 5), what);
            if (v > 0xffffffffL || v < 0) {
                throw error(what + " has a varint32 out of range at byte " + pos[0]);
            }
            return v;
        }

        private long varint64(byte[] b, int[] pos, int limit, String what)
                throws CheckpointFormatException {
            long v = 0;
            for (int shift = 0; shift < 64 && pos[0] < limit; shift += 7) {
                byte x = b[pos[0]++];
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    return v;
                }
            }
            throw error(what + " has a truncated or overlong varint");
        }

        private CheckpointFormatException error(String detail) {
            return new CheckpointFormatException("TensorFlow checkpoint index " + file + " " + detail);
        }
    }

    private static long fixed32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16
                | (b[at + 3] & 0xffL) << 24;
    }

    static void putFixed32(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    /** A key for messages: UTF-8 text in quotes, with anything unprintable escaped. */
    static String printable(byte[] key) {
        String s = new String(key, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().limit(MAX_PRINTED).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append(s.codePointCount(0, s.length()) > MAX_PRINTED ? "...\"" : "\"").toString();
    }
}
