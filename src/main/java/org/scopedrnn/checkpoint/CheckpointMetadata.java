package org.scopedrnn.checkpoint;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scopedrnn.checkpoint.internal.JsonValues;

/**
 * What a checkpoint's tensors need to be used again: the model, its vocabulary, where training
 * stood, and where it came from. Everything here is written to checkpoint.json as plain JSON.
 *
 * <p>Maps and lists are deep-copied and unmodifiable; integer values in {@code spec} and
 * {@code config} become {@link Long} and floating point ones {@link Double}, exactly as they
 * come back from the file, so a read checkpoint equals the one written.
 *
 * @param modelType "char-lstm" or "seq2seq"
 * @param spec the model spec as JSON-able map (strings, numbers, booleans, nested maps/lists)
 * @param vocabulary characters in id order, one Unicode code point per entry, no duplicates
 * @param step optimizer steps taken, {@code >= 0}
 * @param epoch completed epochs, {@code >= 0}
 * @param validationLoss mean cross-entropy in nats/char, finite and {@code >= 0}; null if not
 *     measured
 * @param seed the training seed
 * @param config the resolved training config, JSON-able
 * @param versions component versions (e.g. scoped-rnn, dl4j, spark, java)
 * @param createdAt an ISO-8601 instant such as {@code 2026-01-31T12:00:00Z}
 */
public record CheckpointMetadata(
        String modelType,
        Map<String, Object> spec,
        List<String> vocabulary,
        long step,
        int epoch,
        Double validationLoss,
        long seed,
        Map<String, Object> config,
        Map<String, String> versions,
        String createdAt) {

    public CheckpointMetadata {
        if (modelType == null || modelType.isBlank()) {
            throw new IllegalArgumentException(
                    "modelType is " + (modelType == null ? "null" : "\"" + Bounded.text(modelType) + "\"")
                            + "; expected a model type such as \"char-lstm\"");
        }
        spec = JsonValues.copyObject(spec, "spec");
        vocabulary = checkedVocabulary(vocabulary);
        if (step < 0) {
            throw new IllegalArgumentException("step is " + step + "; expected >= 0");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch is " + epoch + "; expected >= 0");
        }
        if (validationLoss != null && !(Double.isFinite(validationLoss) && validationLoss >= 0)) {
            throw new IllegalArgumentException(
                    "validationLoss is " + validationLoss
                            + "; expected a finite cross-entropy >= 0 in nats/char, or null if not measured");
        }
        config = JsonValues.copyObject(config, "config");
        versions = checkedVersions(versions);
        createdAt = checkedInstant(createdAt);
    }

    private static List<String> checkedVocabulary(List<String> vocabulary) {
        if (vocabulary == null) {
            throw new IllegalArgumentException("vocabulary must not be null (use an empty list)");
        }
        List<String> copy = new ArrayList<>(vocabulary.size());
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            String s = vocabulary.get(i);
            if (s == null || s.isEmpty() || s.codePointCount(0, s.length()) != 1) {
                throw new IllegalArgumentException(
                        "vocabulary[" + i + "] is " + describe(s) + "; expected exactly one character"
                                + " (one Unicode code point)");
            }
            // A lone surrogate cannot be encoded as UTF-8, so it could not be written to JSON.
            if (s.length() == 1 && Character.isSurrogate(s.charAt(0))) {
                throw new IllegalArgumentException(
                        "vocabulary[" + i + "] is the lone surrogate " + describe(s)
                                + "; expected a complete Unicode code point");
            }
            Integer earlier = firstIndex.putIfAbsent(s, i);
            if (earlier != null) {
                throw new IllegalArgumentException(
                        "vocabulary[" + i + "] " + describe(s) + " duplicates vocabulary[" + earlier
                                + "]; each character must have one id");
            }
            copy.add(s);
        }
        return Collections.unmodifiableList(copy);
    }

    private static Map<String, String> checkedVersions(Map<String, String> versions) {
        if (versions == null) {
            throw new IllegalArgumentException("versions must not be null (use an empty map)");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : versions.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException(
                        "versions has entry " + Bounded.text(e.getKey()) + "=" + Bounded.text(e.getValue())
                                + "; expected non-null names and versions");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    private static String checkedInstant(String createdAt) {
        try {
            Instant.parse(createdAt);
            return createdAt;
        } catch (NullPointerException | DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "createdAt is " + (createdAt == null ? "null" : "\"" + Bounded.text(createdAt) + "\"")
                            + "; expected an ISO-8601 instant such as 2026-01-31T12:00:00Z", e);
        }
    }

    /** Quoted, with code points when short, because vocabulary entries are often invisible. */
    private static String describe(String s) {
        if (s == null) {
            return "null";
        }
        if (s.length() > 4) {
            return "\"" + Bounded.text(s) + "\"";
        }
        StringBuilder sb = new StringBuilder("\"").append(s).append("\" (");
        s.chars().forEach(c -> sb.append(String.format("U+%04X ", c)));
        sb.setLength(sb.length() - (s.isEmpty() ? 0 : 1));
        return sb.append(')').toString();
    }
}
