package org.scopedrnn.interop;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.Bounded;
import org.scopedrnn.checkpoint.CheckpointFormatException;
import org.scopedrnn.checkpoint.DType;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.LongTensor;
import org.scopedrnn.checkpoint.Shapes;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.checkpoint.TensorWriter;
import org.scopedrnn.fs.HadoopFs;
import org.scopedrnn.interop.BundleIndex.BundleEntry;
import org.scopedrnn.fs.Heap;
import org.scopedrnn.fs.NewFile;

/**
 * TensorFlow's V2 checkpoint format (a "tensor bundle"), read and written in plain Java: no
 * TensorFlow runtime and no protobuf library. A checkpoint is named by its prefix, e.g.
 * {@code /x/model.ckpt}, and is two files:
 *
 * <ul>
 *   <li>{@code PREFIX.index}: a LevelDB-format sorted table whose empty key holds a
 *       {@code BundleHeaderProto} (shard count, endianness, format version) and whose other keys
 *       are variable names, each holding a {@code BundleEntryProto} (dtype, shape, shard, byte
 *       offset and size, masked CRC32C);
 *   <li>{@code PREFIX.data-00000-of-00001}: the tensors' raw little-endian bytes, unaligned.
 *       Checkpoints written by TensorFlow with several shards ({@code data-0000k-of-0000N}) are
 *       read too.
 * </ul>
 *
 * <p>Files written here are read by {@code tf.train.load_checkpoint}, {@code
 * tf.train.list_variables} and {@code tf.compat.v1.train.Saver.restore}; with the same
 * variables they are byte-identical to what TensorFlow's Saver writes (it too writes the
 * tensors in name order). Reading verifies every block checksum of the index and every
 * tensor's CRC32C, and checks every offset and length against the real file sizes before
 * allocating anything. Only float32 and int64 variables are supported; others are reported by
 * name and type. TensorFlow's {@code checkpoint} state file (for {@code
 * tf.train.latest_checkpoint}) is not written: it belongs to whoever manages a directory of
 * checkpoints.
 *
 * <p>Works on any Hadoop FileSystem: plain local paths, {@code file:}, {@code hdfs://}, ...
 */
public final class TensorFlowCheckpoint {

    static final String INDEX_SUFFIX = ".index";

    /**
     * Far above any real index (about 100 bytes per variable, so room for half a million
     * variables); stops a hostile file early.
     */
    private static final long MAX_INDEX_BYTES = 64L << 20;
    private static final int STREAM_BUFFER = 64 << 10;
    private static final int READ_CHUNK = 1 << 20;
    private static final Comparator<byte[]> BYTEWISE = Arrays::compareUnsigned;

    private TensorFlowCheckpoint() {}

    /** {@code PREFIX.index}. */
    static Path indexPath(Path prefix) {
        return prefix.suffix(INDEX_SUFFIX);
    }

    /** {@code PREFIX.data-0000k-of-0000N}, as TensorFlow's {@code DataFilename} spells it. */
    static Path dataPath(Path prefix, int shard, int numShards) {
        return prefix.suffix(String.format(".data-%05d-of-%05d", shard, numShards));
    }

    /** True if {@code PREFIX.index} exists; reads nothing. */
    public static boolean exists(Path prefix, Configuration conf) throws IOException {
        FileStatus status = HadoopFs.statusOrNull(HadoopFs.forPath(prefix, conf), indexPath(prefix));
        return status != null && status.isFile();
    }

    // ---------------------------------------------------------------------------------- reading

    /**
     * All variables of the checkpoint at {@code prefix}, sorted by name as the index stores
     * them (bytewise on UTF-8): float32 as {@link FloatTensor}, int64 as {@link LongTensor}.
     *
     * @throws FileNotFoundException naming {@code PREFIX.index} if it does not exist
     * @throws CheckpointFormatException naming the file and, where one is to blame, the variable:
     *     not an index, truncated or corrupt files (checksums), unsupported dtypes, partitioned
     *     variables, big-endian or newer-format bundles
     */
    public static Map<String, Tensor> read(Path prefix, Configuration conf) throws IOException {
        FileSystem fs = HadoopFs.forPath(prefix, conf);
        Path index = indexPath(prefix);
        List<LevelDbTable.Entry> table = LevelDbTable.read(readIndex(fs, index, prefix), index.toString());
        if (table.isEmpty() || table.get(0).key().length != 0) {
            throw new CheckpointFormatException("TensorFlow checkpoint index " + index
                    + " has no bundle header (the entry with the empty key must come first)");
        }
        int numShards = BundleIndex.parseHeader(table.get(0).value(), index);
        List<BundleEntry> entries = new ArrayList<>(table.size() - 1);
        for (LevelDbTable.Entry e : table.subList(1, table.size())) {
            entries.add(BundleIndex.parseEntry(e, numShards, index));
        }
        Map<Integer, Path> dataFiles = checkDataFiles(fs, prefix, numShards, entries);

        Map<String, Tensor> variables = new LinkedHashMap<>();
        Map<Integer, FSDataInputStream> open = new HashMap<>();
        try {
            ByteBuffer chunk = ByteBuffer.allocate(READ_CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (BundleEntry e : entries) {
                FSDataInputStream in = open.get(e.shard());
                if (in == null) {
                    in = fs.open(dataFiles.get(e.shard()), STREAM_BUFFER);
                    open.put(e.shard(), in);
                }
                variables.put(e.name(), readTensor(in, dataFiles.get(e.shard()), e, chunk));
            }
        } catch (IOException | RuntimeException e) {
            for (FSDataInputStream in : open.values()) {
                try {
                    in.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
        for (FSDataInputStream in : open.values()) {
            in.close();
        }
        return variables;
    }

    private static byte[] readIndex(FileSystem fs, Path index, Path prefix) throws IOException {
        FileStatus status = HadoopFs.statusOrNull(fs, index);
        if (status == null) {
            throw new FileNotFoundException("TensorFlow checkpoint index " + index
                    + " does not exist: pass the checkpoint prefix (e.g. /x/model.ckpt for"
                    + " /x/model.ckpt.index), not a directory or a data file (got " + prefix + ")");
        }
        if (!status.isFile()) {
            throw new CheckpointFormatException(
                    "TensorFlow checkpoint index " + index + " is a directory, not a file");
        }
        if (status.getLen() > MAX_INDEX_BYTES) {
            throw new CheckpointFormatException("TensorFlow checkpoint index " + index + " is "
                    + status.getLen() + " bytes; expected at most " + MAX_INDEX_BYTES);
        }
        String heap = Heap.shortfall(status.getLen());
        if (heap != null) {
            throw new CheckpointFormatException("TensorFlow checkpoint index " + index + " " + heap);
        }
        byte[] bytes = new byte[(int) status.getLen()];
        try (FSDataInputStream in = fs.open(index)) {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new CheckpointFormatException("TensorFlow checkpoint index " + index
                    + " shrank while being read; was it being rewritten?", e);
        }
        return bytes;
    }

    private static Map<Integer, Path> checkDataFiles(
            FileSystem fs, Path prefix, int numShards, List<BundleEntry> entries) throws IOException {
        Map<Integer, Path> paths = new HashMap<>();
        Map<Integer, Long> lengths = new HashMap<>();
        for (BundleEntry e : entries) {
            Path data = paths.get(e.shard());
            if (data == null) {
                data = dataPath(prefix, e.shard(), numShards);
                FileStatus status = HadoopFs.statusOrNull(fs, data);
                if (status == null || !status.isFile()) {
                    throw new CheckpointFormatException("TensorFlow checkpoint data file " + data
                            + " is missing; it holds variable " + Bounded.text(e.name()));
                }
                paths.put(e.shard(), data);
                lengths.put(e.shard(), status.getLen());
            }
            long length = lengths.get(e.shard());
            if (e.offset() > length || e.size() > length - e.offset()) {
                throw new CheckpointFormatException("TensorFlow checkpoint data file " + data
                        + " is truncated: it has " + length + " bytes but variable " + Bounded.text(e.name())
                        + " is at " + e.bytes());
            }
        }
        return paths;
    }

    private static Tensor readTensor(FSDataInputStream in, Path file, BundleEntry e, ByteBuffer chunk)
            throws IOException {
        String heap = Heap.shortfall(e.size());
        if (heap != null) {
            throw new CheckpointFormatException("TensorFlow checkpoint data file " + file + ": variable "
                    + Bounded.text(e.name()) + " (shape " + Shapes.format(e.shape()) + ", " + e.dtype().tfName() + ") "
                    + heap);
        }
        int count = Math.toIntExact(e.size() / e.dtype().byteSize());
        float[] floats = e.dtype() == DType.FLOAT32 ? new float[count] : null;
        long[] longs = e.dtype() == DType.INT64 ? new long[count] : null;
        int perChunk = chunk.capacity() / e.dtype().byteSize();
        CRC32C crc = new CRC32C();
        in.seek(e.offset());
        for (int i = 0; i < count; i += perChunk) {
            int n = Math.min(perChunk, count - i);
            int bytes = n * e.dtype().byteSize();
            try {
                in.readFully(chunk.array(), 0, bytes);
            } catch (EOFException eof) {
                throw new CheckpointFormatException("TensorFlow checkpoint data file " + file
                        + " ended inside variable " + Bounded.text(e.name()) + " (" + e.bytes()
                        + "); was it truncated while being read?", eof);
            }
            crc.update(chunk.array(), 0, bytes);
            chunk.clear();
            if (floats != null) {
                chunk.asFloatBuffer().get(floats, i, n);
            } else {
                chunk.asLongBuffer().get(longs, i, n);
            }
        }
        if (crc.getValue() != e.crc32c()) {
            throw new CheckpointFormatException("TensorFlow checkpoint data file " + file + ": variable "
                    + Bounded.text(e.name()) + " is corrupt: its CRC32C is " + crc.getValue()
                    + " but the index records "
                    + e.crc32c() + " (" + e.bytes() + ")");
        }
        return floats != null ? new FloatTensor(e.shape(), floats) : new LongTensor(e.shape(), longs);
    }

    // ---------------------------------------------------------------------------------- writing

    /**
     * Writes {@code variables} as the checkpoint {@code PREFIX.index} plus {@code
     * PREFIX.data-00000-of-00001}, creating the parent directory if needed.
     *
     * <p>Both files are written under temporary names and synced, then renamed into place,
     * index last, so a reader sees either a complete checkpoint or none. A checkpoint already
     * at {@code prefix} is replaced, as TensorFlow's Saver does: its index is removed first, so
     * no index ever points into the wrong data file.
     *
     * @param variables name (scope-qualified, non-empty) to tensor; written sorted by name
     * @throws IllegalArgumentException if a name is null, empty or not encodable as UTF-8, or a
     *     tensor is null
     */
    public static void write(Map<String, ? extends Tensor> variables, Path prefix, Configuration conf)
            throws IOException {
        write(variables, prefix, conf, LevelDbTable.DEFAULT_BLOCK_SIZE);
    }

    /** {@link #write(Map, Path, Configuration)} with another index block size, for tests. */
    static void write(
            Map<String, ? extends Tensor> variables, Path prefix, Configuration conf, int blockSize)
            throws IOException {
        List<Named> sorted = sortedByKey(variables);
        FileSystem fs = HadoopFs.forPath(prefix, conf);
        if (prefix.getName().isEmpty()) {
            throw new IllegalArgumentException("checkpoint prefix " + prefix + " has no file name;"
                    + " expected e.g. /x/model.ckpt");
        }
        Path index = indexPath(prefix);
        Path data = dataPath(prefix, 0, 1);
        String temp = ".tempstate" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong());
        Path pendingData = data.suffix(temp);
        Path pendingIndex = index.suffix(temp);
        try {
            List<LevelDbTable.Entry> table = new ArrayList<>(sorted.size() + 1);
            table.add(new LevelDbTable.Entry(new byte[0], BundleIndex.header()));
            try (NewFile out = NewFile.create(fs, pendingData)) {
                TensorWriter writer = new TensorWriter(out, TensorWriter.bytesOf(variables.values()));
                for (Named v : sorted) {
                    table.add(new LevelDbTable.Entry(v.key(),
                            BundleIndex.entry(writer.write(v.name(), v.tensor()))));
                }
                out.sync();
            }
            byte[] indexBytes = LevelDbTable.build(table, blockSize);
            try (NewFile out = NewFile.create(fs, pendingIndex)) {
                out.write(indexBytes);
                out.sync();
            }
            // Commit: no index while the data file is swapped, then the new index.
            deleteFile(fs, index);
            deleteFile(fs, data);
            HadoopFs.rename(fs, pendingData, data);
            HadoopFs.rename(fs, pendingIndex, index);
        } catch (IOException | RuntimeException e) {
            for (Path p : List.of(pendingData, pendingIndex)) {
                try {
                    deleteFile(fs, p);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    /** Deletes the file {@code path} if there is one; refuses to delete a directory. */
    private static void deleteFile(FileSystem fs, Path path) throws IOException {
        FileStatus status = HadoopFs.statusOrNull(fs, path);
        if (status == null) {
            return;
        }
        if (status.isDirectory()) {
            throw new IOException("cannot replace checkpoint file " + path + ": it is a directory");
        }
        if (!fs.delete(path, false) && HadoopFs.statusOrNull(fs, path) != null) {
            throw new IOException("could not delete " + path);
        }
    }

    private static List<Named> sortedByKey(Map<String, ? extends Tensor> variables) {
        if (variables == null) {
            throw new IllegalArgumentException("variables must not be null");
        }
        List<Named> sorted = new ArrayList<>(variables.size());
        for (Map.Entry<String, ? extends Tensor> v : variables.entrySet()) {
            String name = v.getKey();
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("variable name is " + (name == null ? "null" : "empty")
                        + "; expected a scope-qualified name such as lstm_cell/rnn/.../kernel (the empty"
                        + " key holds the bundle header)");
            }
            if (v.getValue() == null) {
                throw new IllegalArgumentException("variable " + name + " has a null tensor");
            }
            ByteBuffer utf8;
            try {
                utf8 = StandardCharsets.UTF_8.newEncoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .encode(CharBuffer.wrap(name));
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(
                        "variable name " + name + " is not valid Unicode (unpaired surrogate)", e);
            }
            byte[] key = new byte[utf8.remaining()];
            utf8.get(key);
            sorted.add(new Named(name, key, v.getValue()));
        }
        // TensorFlow's table orders keys bytewise on UTF-8, which differs from String order.
        sorted.sort(Comparator.comparing(Named::key, BYTEWISE));
        return sorted;
    }

    /** A variable to write, with its name as the index key. */
    private record Named(String name, byte[] key, Tensor tensor) {}
}
