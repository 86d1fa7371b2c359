package org.scopedrnn.checkpoint;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.fs.FileInput;
import org.scopedrnn.fs.HadoopFs;
import org.scopedrnn.fs.Heap;
import org.scopedrnn.fs.NewFile;

/**
 * The native checkpoint format, version 1: one directory holding
 *
 * <ul>
 *   <li>{@code variables.bin}: every tensor's elements, little-endian, row-major, concatenated
 *       in checkpoint order with no padding;
 *   <li>{@code checkpoint.json}: format marker and version, the metadata, and for each variable
 *       its name, dtype, shape, byte offset, byte length and CRC32C.
 * </ul>
 *
 * checkpoint.json is committed last (written beside, then renamed), so a directory without it
 * is never a checkpoint and a directory with it is complete. Reading verifies everything it
 * can: marker, version, every length against the shapes and the real file length (before
 * allocating), and every variable's CRC32C.
 *
 * <p>Works on any Hadoop FileSystem: plain local paths, {@code file:}, {@code hdfs://}, ...
 */
public final class NativeCheckpoint {

    public static final int FORMAT_VERSION = 1;

    static final String MANIFEST = "checkpoint.json";
    private static final String EXAMPLE = "RUN_DIR/checkpoints/step-1000";
    /** Far above any real manifest (a few KB per hundred variables); stops a hostile file early. */
    private static final long MAX_MANIFEST_BYTES = 64L << 20;

    private NativeCheckpoint() {}

    /**
     * Writes {@code ckpt} into the new directory {@code dir}.
     *
     * @throws FileAlreadyExistsException if {@code dir} exists
     */
    public static void write(Checkpoint ckpt, Path dir, Configuration conf) throws IOException {
        FileSystem fs = HadoopFs.forPath(dir, conf);
        if (HadoopFs.statusOrNull(fs, dir) != null) {
            throw new FileAlreadyExistsException(
                    "checkpoint directory " + dir + " already exists; write each checkpoint to a new"
                            + " directory (CheckpointStore replaces a step safely)");
        }
        if (!HadoopFs.mkdirs(fs, dir)) {
            throw new IOException("could not create checkpoint directory " + dir);
        }
        try {
            writeContents(ckpt, dir, fs);
        } catch (IOException | RuntimeException e) {
            // The directory is ours and cannot be a checkpoint yet; don't leave half of one behind.
            try {
                HadoopFs.deleteRecursively(fs, dir);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static void writeContents(Checkpoint ckpt, Path dir, FileSystem fs) throws IOException {
        Path pending = new Path(dir, MANIFEST + ".tmp");
        try (NewFile data = NewFile.create(fs, new Path(dir, CheckpointManifest.DATA_FILE))) {
            List<VariableEntry> entries = new ArrayList<>(ckpt.variables().size());
            TensorWriter writer = new TensorWriter(data, TensorWriter.bytesOf(ckpt.variables().values()));
            for (Map.Entry<String, Tensor> e : ckpt.variables().entrySet()) {
                entries.add(writer.write(e.getKey(), e.getValue()));
            }
            byte[] json = new CheckpointManifest(ckpt.metadata(), entries, CheckpointManifest.DATA_FILE,
                    writer.length()).toJson();
            try (NewFile manifest = NewFile.create(fs, pending)) {
                manifest.write(json);
                // Both durable before the rename commits them: else a crash could leave a "complete"
                // checkpoint whose data never reached the disk, or a renamed-in manifest whose bytes
                // were lost (a broken checkpoint, not an absent one). The directory is not synced: a
                // rename lost in a crash leaves the earlier state, which readers and the next save handle.
                NewFile.syncBoth(data, manifest);
            }
        }
        HadoopFs.rename(fs, pending, new Path(dir, MANIFEST));
    }

    /**
     * Reads and verifies the checkpoint in {@code dir}.
     *
     * @throws FileNotFoundException if {@code dir} does not exist
     * @throws CheckpointFormatException if it is not a checkpoint, or is corrupt, truncated or of
     *     another format version
     */
    public static Checkpoint read(Path dir, Configuration conf) throws IOException {
        FileSystem fs = HadoopFs.forPath(dir, conf);
        CheckpointManifest manifest = readManifest(fs, dir, false);
        Path data = new Path(dir, manifest.dataFile());
        FileStatus status = HadoopFs.statusOrNull(fs, data);
        if (status == null || !status.isFile()) {
            throw new CheckpointFormatException(
                    "checkpoint " + dir + ": data file " + data + " is missing");
        }
        checkDataLength(manifest, data, status.getLen());
        Map<String, Tensor> variables = new LinkedHashMap<>();
        try (FileInput in = FileInput.open(fs, data)) {
            TensorReader reader = new TensorReader(in, data, manifest.dataLength());
            for (VariableEntry e : manifest.variables()) {
                variables.put(e.name(), reader.read(e));
            }
        }
        return new Checkpoint(variables, manifest.metadata());
    }

    /** Whether {@code dir} holds a committed checkpoint (has checkpoint.json); reads nothing. */
    public static boolean isCheckpoint(Path dir, Configuration conf) throws IOException {
        FileSystem fs = HadoopFs.forPath(dir, conf);
        FileStatus status = HadoopFs.statusOrNull(fs, new Path(dir, MANIFEST));
        return status != null && status.isFile();
    }

    /** The metadata of the checkpoint in {@code dir}, without reading its tensors. */
    public static CheckpointMetadata readMetadata(Path dir, Configuration conf) throws IOException {
        return readManifest(HadoopFs.forPath(dir, conf), dir, true).metadata();
    }

    private static CheckpointManifest readManifest(FileSystem fs, Path dir, boolean metadataOnly)
            throws IOException {
        FileStatus dirStatus = HadoopFs.statusOrNull(fs, dir);
        if (dirStatus == null) {
            throw new FileNotFoundException("checkpoint directory " + dir + " does not exist");
        }
        if (!dirStatus.isDirectory()) {
            throw new CheckpointFormatException(
                    dir + " is a file, not a scoped-rnn checkpoint: pass a checkpoint directory such as "
                            + EXAMPLE);
        }
        Path json = new Path(dir, MANIFEST);
        FileStatus status = HadoopFs.statusOrNull(fs, json);
        if (status == null || !status.isFile()) {
            throw new CheckpointFormatException(
                    dir + " is not a scoped-rnn checkpoint (no " + MANIFEST + "): pass a checkpoint"
                            + " directory such as " + EXAMPLE + hintAbout(fs, dir));
        }
        if (status.getLen() > MAX_MANIFEST_BYTES) {
            throw new CheckpointFormatException(
                    "checkpoint " + dir + ": " + MANIFEST + " is " + status.getLen()
                            + " bytes; expected at most " + MAX_MANIFEST_BYTES);
        }
        String heap = Heap.shortfall(status.getLen());
        if (heap != null) {
            throw new CheckpointFormatException("checkpoint " + dir + ": " + MANIFEST + " " + heap);
        }
        byte[] bytes = new byte[(int) status.getLen()];
        try (FileInput in = FileInput.open(fs, json)) {
            in.readFully(ByteBuffer.wrap(bytes));
        }
        return CheckpointManifest.parse(bytes, dir, metadataOnly);
    }

    /** Points at checkpoints inside {@code dir} when the user passed a run or checkpoints dir. */
    private static String hintAbout(FileSystem fs, Path dir) throws IOException {
        List<String> inside = new ArrayList<>();
        for (FileStatus child : fs.listStatus(dir)) {
            String name = child.getPath().getName();
            if (child.isDirectory() && (name.equals("checkpoints") || name.startsWith("step-"))) {
                inside.add(name);
            }
        }
        if (inside.isEmpty()) {
            return "";
        }
        inside.sort(null);
        return " (" + dir + " contains " + String.join(", ", inside.subList(0, Math.min(5,
                inside.size()))) + (inside.size() > 5 ? ", ..." : "") + ")";
    }

    private static void checkDataLength(CheckpointManifest m, Path data, long actual)
            throws CheckpointFormatException {
        long expected = m.dataLength();
        if (actual > expected) {
            throw new CheckpointFormatException(
                    "checkpoint data file " + data + " has " + actual + " bytes; checkpoint.json expects "
                            + expected + " (unexpected bytes after the last variable)");
        }
        if (actual < expected) {
            VariableEntry cut = m.variables().stream()
                    .filter(e -> e.end() > actual)
                    .findFirst()
                    .orElseThrow();
            throw new CheckpointFormatException(
                    "checkpoint data file " + data + " is truncated: expected " + expected
                            + " bytes, found " + actual + "; variable " + Bounded.text(cut.name()) + " (bytes "
                            + cut.offset() + ".." + cut.end() + ") is cut off");
        }
    }
}
