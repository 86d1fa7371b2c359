package org.scopedrnn.interop;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.Bounded;
import org.scopedrnn.checkpoint.CheckpointFormatException;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.Shapes;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.fs.HadoopFs;
import org.scopedrnn.fs.Heap;

/**
 * An ml5.js / TensorFlow.js char-RNN checkpoint directory, as ml5's {@code CharRNN} loads it:
 *
 * <ul>
 *   <li>{@code manifest.json}: an object {@code {"<TF variable name>": {"filename": ..., "shape":
 *       [...]}}};
 *   <li>one file per variable holding its elements as raw little-endian float32, row-major, no
 *       header (a scalar such as ml5's {@code Variable} is one float, 4 bytes);
 *   <li>optionally {@code vocab.json}: an object character -> id (what ml5 writes), or a JSON list
 *       of the characters in id order.
 * </ul>
 *
 * <p>Reading checks every entry before allocating anything: the file name must stay inside the
 * directory, the shape must fit in a Java array, and the file's real length must be exactly
 * {@code 4 * product(shape)} bytes. Writing goes to a temporary sibling directory that is renamed
 * into place at the end, so {@code dir} either does not exist or is complete.
 *
 * <p>This class knows the file format only; which names and shapes make a char-LSTM, and how they
 * map to the canonical names, is {@code org.scopedrnn.interop.CharLstmNames}'s business.
 *
 * @param variables tensors by the manifest's (TensorFlow) names, in manifest order; an unmodifiable
 *     copy
 * @param vocabulary the characters in id order, if the directory has a {@code vocab.json}
 */
public record Ml5Checkpoint(Map<String, Tensor> variables, Optional<List<String>> vocabulary) {

    public static final String MANIFEST = "manifest.json";
    public static final String VOCAB = "vocab.json";

    /** Far above any real manifest or vocabulary; stops a hostile file before it is read. */
    private static final long MAX_JSON_BYTES = 64L << 20;
    /** Java arrays cannot be longer than this on common JVMs. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int CHUNK_BYTES = 64 << 10;
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public Ml5Checkpoint {
        if (variables == null) {
            throw new IllegalArgumentException("variables must not be null");
        }
        if (vocabulary == null) {
            throw new IllegalArgumentException("vocabulary must not be null (use Optional.empty())");
        }
        Map<String, Tensor> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : variables.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException("variable name is "
                        + (e.getKey() == null ? "null" : "empty") + "; expected a TensorFlow name such as"
                        + " rnnlm/softmax_w");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("variable " + e.getKey() + " has a null tensor");
            }
            copy.put(e.getKey(), e.getValue());
        }
        variables = Collections.unmodifiableMap(copy);
        vocabulary = vocabulary.map(Ml5Vocabulary::checked);
    }

    /** Whether {@code dir} looks like an ml5/tfjs checkpoint ({@code dir/manifest.json} is a file). */
    public static boolean exists(Path dir, Configuration conf) throws IOException {
        FileSystem fs = HadoopFs.forPath(dir, conf);
        FileStatus status = HadoopFs.statusOrNull(fs, new Path(dir, MANIFEST));
        return status != null && status.isFile();
    }

    // ---- reading ----

    /**
     * Reads every variable listed in {@code dir/manifest.json}, and {@code dir/vocab.json} if there.
     *
     * @throws FileNotFoundException if {@code dir} does not exist
     * @throws CheckpointFormatException if it is not an ml5 checkpoint, or an entry is malformed,
     *     escapes the directory, or its file is missing or of the wrong length
     */
    public static Ml5Checkpoint read(Path dir, Configuration conf) throws IOException {
        FileSystem fs = HadoopFs.forPath(dir, conf);
        FileStatus dirStatus = HadoopFs.statusOrNull(fs, dir);
        if (dirStatus == null) {
            throw new FileNotFoundException("ml5 checkpoint directory " + dir + " does not exist");
        }
        if (!dirStatus.isDirectory()) {
            throw new CheckpointFormatException(dir + " is a file; an ml5 checkpoint is a directory with "
                    + MANIFEST + " and one raw float32 file per variable");
        }
        Path manifestFile = new Path(dir, MANIFEST);
        FileStatus manifestStatus = ownFileStatus(fs, dir, manifestFile, "");
        if (manifestStatus == null || !manifestStatus.isFile()) {
            throw new CheckpointFormatException(dir + " is not an ml5 checkpoint: it has no " + MANIFEST);
        }
        JsonNode manifest = readJson(fs, manifestFile, "ml5 checkpoint " + dir + ": " + MANIFEST);
        List<Entry> entries = parseManifest(manifest, dir);
        Map<String, Tensor> variables = new LinkedHashMap<>();
        for (Entry e : entries) {
            variables.put(e.name(), readVariable(fs, dir, e));
        }
        Path vocabFile = new Path(dir, VOCAB);
        FileStatus vocabStatus = ownFileStatus(fs, dir, vocabFile, "");
        if (vocabStatus != null && !vocabStatus.isFile()) {
            throw new CheckpointFormatException("ml5 checkpoint " + dir + ": " + vocabFile
                    + " is a directory; expected a JSON file");
        }
        String what = "vocabulary file " + vocabFile;
        Optional<List<String>> vocabulary = vocabStatus == null
                ? Optional.empty()
                : Optional.of(Ml5Vocabulary.parse(readJson(fs, vocabFile, what), what));
        return new Ml5Checkpoint(variables, vocabulary);
    }

    /**
     * Reads a vocabulary file (for {@code --vocab FILE}, or an ml5 {@code vocab.json}): a JSON
     * object character -> id whose ids are exactly 0..n-1, or a JSON list of the characters in id
     * order. Each character is one Unicode code point, and appears once.
     *
     * @return the characters in id order
     * @throws CheckpointFormatException naming the file and what is wrong with it
     */
    public static List<String> readVocabularyFile(Path file, Configuration conf) throws IOException {
        FileSystem fs = HadoopFs.forPath(file, conf);
        FileStatus status = HadoopFs.statusOrNull(fs, file);
        if (status == null) {
            throw new FileNotFoundException("vocabulary file " + file + " does not exist");
        }
        if (!status.isFile()) {
            throw new CheckpointFormatException("vocabulary file " + file + " is a directory; expected a"
                    + " JSON file (a list of characters, or an object character -> id)");
        }
        String what = "vocabulary file " + file;
        return Ml5Vocabulary.parse(readJson(fs, file, what), what);
    }

    private record Entry(String name, String filename, long[] shape, long bytes) {}

    static JsonNode readJson(FileSystem fs, Path file, String what) throws IOException {
        FileStatus status = fs.getFileStatus(file);
        if (status.getLen() > MAX_JSON_BYTES) {
            throw new CheckpointFormatException(what + " is " + status.getLen() + " bytes; expected at most "
                    + MAX_JSON_BYTES);
        }
        String heap = Heap.shortfall(status.getLen());
        if (heap != null) {
            throw new CheckpointFormatException(what + " " + heap);
        }
        byte[] bytes = new byte[(int) status.getLen()];
        try (FSDataInputStream in = fs.open(file)) {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new CheckpointFormatException(what + " shrank while it was read", e);
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || root.isMissingNode()) {
                throw new CheckpointFormatException(what + " is empty; expected JSON");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new CheckpointFormatException(
                    what + " is not valid JSON: " + Bounded.text(e.getOriginalMessage()), e);
        }
    }

    private static List<Entry> parseManifest(JsonNode root, Path dir) throws CheckpointFormatException {
        String where = "ml5 checkpoint " + dir + ": " + MANIFEST;
        if (!root.isObject()) {
            throw new CheckpointFormatException(where + " is " + abbreviate(root) + "; expected an object"
                    + " {\"<variable name>\": {\"filename\": ..., \"shape\": [...]}, ...}");
        }
        if (root.isEmpty()) {
            throw new CheckpointFormatException(where + " lists no variables");
        }
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode v = field.getValue();
            String at = where + ": variable " + Bounded.text(name);
            if (name.isEmpty()) {
                throw new CheckpointFormatException(where + " has a variable with an empty name");
            }
            if (!v.isObject()) {
                throw new CheckpointFormatException(at + " is " + abbreviate(v)
                        + "; expected {\"filename\": ..., \"shape\": [...]}");
            }
            JsonNode filename = v.get("filename");
            if (filename == null || !filename.isTextual()) {
                throw new CheckpointFormatException(at + " has filename "
                        + (filename == null ? "(missing)" : abbreviate(filename)) + "; expected a string");
            }
            String problem = fileNameProblem(filename.textValue());
            if (problem != null) {
                throw new CheckpointFormatException(at + " has filename \"" + Bounded.text(filename.textValue())
                        + "\": " + problem + "; expected a plain file name inside " + dir);
            }
            JsonNode dtype = v.get("dtype");
            if (dtype != null && !"float32".equals(dtype.asText(null))) {
                throw new CheckpointFormatException(at + " has dtype " + abbreviate(dtype)
                        + "; ml5 checkpoints hold float32 only");
            }
            long[] shape = parseShape(v.get("shape"), at);
            long elements;
            try {
                elements = Shapes.elementCount(shape);
            } catch (IllegalArgumentException e) {
                throw new CheckpointFormatException(at + ": " + e.getMessage(), e);
            }
            if (elements > MAX_ELEMENTS) {
                throw new CheckpointFormatException(at + " has shape " + Shapes.format(shape) + " = " + elements
                        + " elements; a variable can hold at most " + MAX_ELEMENTS);
            }
            entries.add(new Entry(name, filename.textValue(), shape, elements * Float.BYTES));
        }
        return entries;
    }

    private static long[] parseShape(JsonNode shape, String at) throws CheckpointFormatException {
        if (shape == null || !shape.isArray()) {
            throw new CheckpointFormatException(at + " has shape "
                    + (shape == null ? "(missing)" : abbreviate(shape))
                    + "; expected an array of integers >= 0 ([] for a scalar)");
        }
        long[] dims = new long[shape.size()];
        for (int d = 0; d < dims.length; d++) {
            JsonNode dim = shape.get(d);
            if (!dim.isIntegralNumber() || !dim.canConvertToLong() || dim.longValue() < 0) {
                throw new CheckpointFormatException(at + " has shape " + abbreviate(shape)
                        + "; expected an array of integers >= 0 ([] for a scalar)");
            }
            dims[d] = dim.longValue();
        }
        return dims;
    }

    /**
     * Why {@code name} is not a plain file name inside the checkpoint directory, or null if it is.
     * Subdirectories are not allowed: ml5 never writes them, and refusing them keeps every path
     * trivially inside the directory.
     */
    static String fileNameProblem(String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "it names a directory";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return "it contains a path separator (a path, possibly escaping the directory)";
        }
        if (name.indexOf(':') >= 0) {
            return "it contains ':' (a URI scheme or drive letter)";
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "it contains a control character";
        }
        return null;
    }

    /**
     * The status of {@code file} in the checkpoint directory, or null if there is none; a symbolic
     * link is refused. Every link is, also one that points inside the directory: ml5, tfjs and this
     * tool write plain files, and so do a copy or a download, while a link could make a model
     * directory read any file its user can (a key, a device, a FIFO that blocks forever). Refusing
     * all of them needs no resolving of where a link points, which could change between the check
     * and the read.
     */
    private static FileStatus ownFileStatus(FileSystem fs, Path dir, Path file, String what) throws IOException {
        FileStatus status = HadoopFs.linkStatusOrNull(fs, file);
        if (status != null && status.isSymlink()) {
            throw new CheckpointFormatException("ml5 checkpoint " + dir + ": " + what + file.getName()
                    + " is a symbolic link (to " + Bounded.text(String.valueOf(status.getSymlink())) + "); an ml5"
                    + " checkpoint holds plain files only: replace the link with a copy of the file (cp -L)");
        }
        return status;
    }

    private static Tensor readVariable(FileSystem fs, Path dir, Entry e) throws IOException {
        Path file = new Path(dir, e.filename());
        String variable = "ml5 checkpoint " + dir + ": variable " + Bounded.text(e.name());
        FileStatus status = ownFileStatus(fs, dir, file, "variable " + Bounded.text(e.name()) + ": its file ");
        String shape = Shapes.format(e.shape());
        if (status == null || !status.isFile()) {
            throw new CheckpointFormatException(variable + " (shape " + shape + "): its file " + file
                    + (status == null ? " is missing" : " is a directory"));
        }
        if (status.getLen() != e.bytes()) {
            throw new CheckpointFormatException(variable + " has shape " + shape + ", so its file " + file
                    + " should hold " + e.bytes() + " bytes (float32, 4 per element) but it has " + status.getLen() + " bytes");
        }
        String heap = Heap.shortfall(e.bytes());
        if (heap != null) {
            throw new CheckpointFormatException(variable + " (shape " + shape + ", float32) " + heap);
        }
        float[] values = new float[(int) (e.bytes() / Float.BYTES)];
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FSDataInputStream in = fs.open(file, CHUNK_BYTES)) {
            int perChunk = CHUNK_BYTES / Float.BYTES;
            for (int i = 0; i < values.length; i += perChunk) {
                int n = Math.min(perChunk, values.length - i);
                in.readFully(chunk.array(), 0, n * Float.BYTES);
                chunk.clear();
                chunk.asFloatBuffer().get(values, i, n);
            }
            if (in.read() >= 0) {
                throw new CheckpointFormatException(variable + ": its file " + file + " grew past " + e.bytes() + " bytes while it was read");
            }
        } catch (EOFException eof) {
            throw new CheckpointFormatException(variable + ": its file " + file + " ended before " + e.bytes() + " bytes; was it truncated while being read?", eof);
        }
        return new FloatTensor(e.shape(), values);
    }

    // ---- writing ----

    /**
     * Writes an ml5 checkpoint into the new directory {@code dir}: {@code manifest.json}, one raw
     * float32 file per variable named like ml5 names them (the variable name with {@code '/'}
     * replaced by {@code '_'}), and {@code vocab.json} as an object character -> id. Everything is
     * written into a temporary sibling directory first, then renamed to {@code dir}.
     *
     * @param variables float32 tensors by TensorFlow name, written in this order (use
     *     {@code CharLstmNames.toMl5} for a char-LSTM)
     * @param vocabulary the characters in id order
     * @throws FileAlreadyExistsException if {@code dir} exists
     * @throws IllegalArgumentException if a tensor is not float32, two names map to one file name,
     *     or the vocabulary is invalid
     */
    public static void write(Path dir, Map<String, ? extends Tensor> variables, List<String> vocabulary,
            Configuration conf) throws IOException {
        Ml5Writer.write(dir, variables, vocabulary, conf);
    }

    /** The file ml5 stores variable {@code name} in: the name with every {@code '/'} replaced by {@code '_'}. */
    public static String fileName(String name) {
        return name.replace('/', '_');
    }

    // ---- messages ----

    static String abbreviate(JsonNode n) {
        return Bounded.text(n.toString());
    }
}
