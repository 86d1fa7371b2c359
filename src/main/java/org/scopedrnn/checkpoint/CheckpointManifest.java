package org.scopedrnn.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;

/**
 * checkpoint.json of format version 1: metadata plus where each variable's bytes are.
 *
 * <p>Parsing checks the format marker and version before anything else, so a newer file is
 * reported as newer rather than as malformed; then it checks every entry against the others
 * (contiguous, in order, lengths matching shapes) so the reader only has to compare the total
 * with the data file's real length before allocating anything. Unknown fields are ignored so
 * that version 1 can grow optional fields without breaking older readers.
 *
 * @param dataFile the data file's name inside the checkpoint directory
 * @param dataLength total bytes of the data file
 */
record CheckpointManifest(
        CheckpointMetadata metadata, List<VariableEntry> variables, String dataFile, long dataLength) {

    static final String FORMAT = "scoped-rnn-checkpoint";
    static final String DATA_FILE = "variables.bin";

    /** Java arrays cannot be longer than this on common JVMs. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

    byte[] toJson() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", NativeCheckpoint.FORMAT_VERSION);
        root.set("metadata", metadataJson(metadata));
        ArrayNode vars = root.putArray("variables");
        for (VariableEntry e : variables) {
            ObjectNode v = vars.addObject();
            v.put("name", e.name());
            v.put("dtype", e.dtype().tfName());
            ArrayNode shape = v.putArray("shape");
            for (long d : e.shape()) {
                shape.add(d);
            }
            v.put("offset", e.offset());
            v.put("length", e.length());
            v.put("crc32c", e.crc32c());
        }
        root.put("dataFile", dataFile);
        root.put("dataLength", dataLength);
        String text = JSON.writeValueAsString(root) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode metadataJson(CheckpointMetadata m) {
        ObjectNode node = JSON.createObjectNode();
        node.put("modelType", m.modelType());
        node.set("spec", JSON.valueToTree(m.spec()));
        node.set("vocabulary", JSON.valueToTree(m.vocabulary()));
        node.put("step", m.step());
        node.put("epoch", m.epoch());
        node.put("validationLoss", m.validationLoss());
        node.put("seed", m.seed());
        node.set("config", JSON.valueToTree(m.config()));
        node.set("versions", JSON.valueToTree(m.versions()));
        node.put("createdAt", m.createdAt());
        return node;
    }

    /**
     * Parses and validates checkpoint.json.
     *
     * @param dir the checkpoint directory, for messages
     * @param metadataOnly skip the variable list (for {@link NativeCheckpoint#readMetadata})
     */
    static CheckpointManifest parse(byte[] json, Path dir, boolean metadataOnly)
            throws CheckpointFormatException {
        Fields f = new Fields(dir);
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw f.error("checkpoint.json is not valid JSON: " + Bounded.text(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw f.error("checkpoint.json could not be parsed: " + Bounded.text(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw f.error("checkpoint.json is not a JSON object");
        }
        checkFormat(root, dir, f);
        CheckpointMetadata metadata = parseMetadata(f.object(root, "metadata"), f);
        if (metadataOnly) {
            return new CheckpointManifest(metadata, List.of(), DATA_FILE, 0);
        }
        String dataFile = f.text(root, "dataFile");
        if (dataFile.isEmpty() || dataFile.contains("/") || dataFile.contains("\\")
                || dataFile.equals(".") || dataFile.equals("..")) {
            throw f.error("dataFile is \"" + Bounded.text(dataFile) + "\"; expected a file name inside the"
                    + " checkpoint directory such as \"" + DATA_FILE + "\"");
        }
        long dataLength = f.nonNegativeLong(root, "dataLength", "dataLength");
        List<VariableEntry> variables = parseVariables(f.array(root, "variables"), dataLength, f);
        return new CheckpointManifest(metadata, variables, dataFile, dataLength);
    }

    private static void checkFormat(JsonNode root, Path dir, Fields f)
            throws CheckpointFormatException {
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.asText(null))) {
            throw new CheckpointFormatException(
                    dir + " is not a scoped-rnn checkpoint: checkpoint.json has format "
                            + (format == null ? "(missing)" : Fields.abbreviate(format)) + ", expected \"" + FORMAT
                            + "\"");
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
            throw f.error("checkpoint.json has formatVersion "
                    + (version == null ? "(missing)" : Fields.abbreviate(version)) + "; expected an integer");
        }
        int v = version.intValue();
        if (v != NativeCheckpoint.FORMAT_VERSION) {
            throw new CheckpointFormatException(
                    "checkpoint " + dir + " has format version " + v + "; this build reads version "
                            + NativeCheckpoint.FORMAT_VERSION
                            + (v > NativeCheckpoint.FORMAT_VERSION ? " (written by a newer scoped-rnn?)" : ""));
        }
    }

    private static CheckpointMetadata parseMetadata(JsonNode m, Fields f)
            throws CheckpointFormatException {
        List<String> vocabulary = new ArrayList<>();
        JsonNode vocab = f.array(m, "vocabulary");
        for (int i = 0; i < vocab.size(); i++) {
            if (!vocab.get(i).isTextual()) {
                throw f.error("metadata.vocabulary[" + i + "] is " + Fields.abbreviate(vocab.get(i))
                        + "; expected a string");
            }
            vocabulary.add(vocab.get(i).textValue());
        }
        Map<String, String> versions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : iterable(f.object(m, "versions"))) {
            if (!e.getValue().isTextual()) {
                throw f.error("metadata.versions." + Bounded.text(e.getKey()) + " is " + Fields.abbreviate(e.getValue())
                        + "; expected a string");
            }
            versions.put(e.getKey(), e.getValue().textValue());
        }
        JsonNode loss = m.get("validationLoss");
        if (loss != null && !loss.isNull() && !loss.isNumber()) {
            throw f.error("metadata.validationLoss is " + Fields.abbreviate(loss) + "; expected a number or null");
        }
        long epoch = f.nonNegativeLong(m, "epoch", "metadata.epoch");
        if (epoch > Integer.MAX_VALUE) {
            throw f.error("metadata.epoch is " + epoch + "; expected at most " + Integer.MAX_VALUE);
        }
        try {
            return new CheckpointMetadata(
                    f.text(m, "modelType"),
                    JSON.convertValue(f.object(m, "spec"), OBJECT),
                    vocabulary,
                    f.nonNegativeLong(m, "step", "metadata.step"),
                    (int) epoch,
                    loss == null || loss.isNull() ? null : loss.doubleValue(),
                    f.longValue(m, "seed", "metadata.seed"),
                    JSON.convertValue(f.object(m, "config"), OBJECT),
                    versions,
                    f.text(m, "createdAt"));
        } catch (IllegalArgumentException e) {
            throw f.error("checkpoint.json has invalid metadata: " + e.getMessage(), e);
        }
    }

    private static List<VariableEntry> parseVariables(JsonNode vars, long dataLength, Fields f)
            throws CheckpointFormatException {
        List<VariableEntry> out = new ArrayList<>(vars.size());
        Set<String> names = new HashSet<>();
        long expectedOffset = 0;
        for (int i = 0; i < vars.size(); i++) {
            JsonNode v = vars.get(i);
            String where = "variables[" + i + "]";
            if (!v.isObject()) {
                throw f.error(where + " is " + Fields.abbreviate(v) + "; expected an object");
            }
            String name = f.text(v, "name");
            if (name.isEmpty() || !names.add(name)) {
                throw f.error(where + " has "
                        + (name.isEmpty() ? "an empty name" : "duplicate name " + Bounded.text(name)));
            }
            where = where + " (" + Bounded.text(name) + ")";
            DType dtype;
            try {
                dtype = DType.fromTfName(f.text(v, "dtype"));
            } catch (IllegalArgumentException e) {
                throw f.error(where + ": " + e.getMessage(), e);
            }
            long[] shape = parseShape(f.array(v, "shape"), where, f);
            VariableEntry e = new VariableEntry(name, dtype, shape,
                    f.nonNegativeLong(v, "offset", where + ".offset"),
                    f.nonNegativeLong(v, "length", where + ".length"),
                    f.nonNegativeLong(v, "crc32c", where + ".crc32c"));
            checkEntry(e, where, expectedOffset, dataLength, f);
            expectedOffset = e.end();
            out.add(e);
        }
        if (expectedOffset != dataLength) {
            throw f.error("variables end at byte " + expectedOffset + " but dataLength is " + dataLength);
        }
        return out;
    }

    private static long[] parseShape(JsonNode shape, String where, Fields f)
            throws CheckpointFormatException {
        long[] dims = new long[shape.size()];
        for (int d = 0; d < dims.length; d++) {
            JsonNode dim = shape.get(d);
            if (!dim.isIntegralNumber() || !dim.canConvertToLong() || dim.longValue() < 0) {
                throw f.error(where + ".shape is " + Fields.abbreviate(shape) + "; expected an array of integers >= 0");
            }
            dims[d] = dim.longValue();
        }
        return dims;
    }

    /** Everything about one entry that can be known without touching the data file. */
    private static void checkEntry(
            VariableEntry e, String where, long expectedOffset, long dataLength, Fields f)
            throws CheckpointFormatException {
        String shape = Shapes.format(e.shape());
        long elements;
        try {
            elements = Shapes.elementCount(e.shape());
        } catch (IllegalArgumentException ex) {
            throw f.error(where + ": " + ex.getMessage(), ex);
        }
        if (elements > MAX_ELEMENTS) {
            throw f.error(where + " has shape " + shape + " = " + elements
                    + " elements; a variable can hold at most " + MAX_ELEMENTS);
        }
        long expectedLength = elements * e.dtype().byteSize();
        if (e.length() != expectedLength) {
            throw f.error(where + " has length " + e.length() + " but its shape " + shape + " of "
                    + e.dtype().tfName() + " needs " + expectedLength + " bytes");
        }
        if (e.crc32c() > 0xFFFF_FFFFL) {
            throw f.error(where + ".crc32c is " + e.crc32c() + "; expected a 32-bit unsigned value");
        }
        if (e.offset() != expectedOffset) {
            throw f.error(where + " starts at byte " + e.offset() + "; expected " + expectedOffset
                    + " (variables are stored contiguously, in listed order)");
        }
        if (e.end() > dataLength) {
            throw f.error(where + " ends at byte " + e.end() + ", past dataLength " + dataLength);
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }

    /** Typed access to required fields, with errors naming the checkpoint and the field. */
    private record Fields(Path dir) {

        CheckpointFormatException error(String message) {
            return new CheckpointFormatException("checkpoint " + dir + ": " + message);
        }

        CheckpointFormatException error(String message, Throwable cause) {
            return new CheckpointFormatException("checkpoint " + dir + ": " + message, cause);
        }

        private JsonNode required(JsonNode parent, String field) throws CheckpointFormatException {
            JsonNode n = parent.get(field);
            if (n == null) {
                throw error("checkpoint.json has no field \"" + field + "\"");
            }
            return n;
        }

        String text(JsonNode parent, String field) throws CheckpointFormatException {
            JsonNode n = required(parent, field);
            if (!n.isTextual()) {
                throw error("field \"" + field + "\" is " + abbreviate(n) + "; expected a string");
            }
            return n.textValue();
        }

        JsonNode object(JsonNode parent, String field) throws CheckpointFormatException {
            JsonNode n = required(parent, field);
            if (!n.isObject()) {
                throw error("field \"" + field + "\" is " + abbreviate(n) + "; expected an object");
            }
            return n;
        }

        JsonNode array(JsonNode parent, String field) throws CheckpointFormatException {
            JsonNode n = required(parent, field);
            if (!n.isArray()) {
                throw error("field \"" + field + "\" is " + abbreviate(n) + "; expected an array");
            }
            return n;
        }

        long longValue(JsonNode parent, String field, String where) throws CheckpointFormatException {
            JsonNode n = required(parent, field);
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw error(where + " is " + abbreviate(n) + "; expected a 64-bit integer");
            }
            return n.longValue();
        }

        long nonNegativeLong(JsonNode parent, String field, String where)
                throws CheckpointFormatException {
            long v = longValue(parent, field, where);
            if (v < 0) {
                throw error(where + " is " + v + "; expected >= 0");
            }
            return v;
        }

        static String abbreviate(JsonNode n) {
            return Bounded.text(n.toString());
        }
    }
}
