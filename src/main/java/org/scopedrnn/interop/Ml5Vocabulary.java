package org.scopedrnn.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.scopedrnn.checkpoint.Bounded;
import org.scopedrnn.checkpoint.CheckpointFormatException;
import org.scopedrnn.data.Vocabulary;

/**
 * The vocabulary of an ml5 checkpoint ({@code vocab.json}, an object character -> id) and of
 * {@code --vocab FILE} (that, or a JSON list of characters in id order): parsed, checked, written.
 */
final class Ml5Vocabulary {

    private Ml5Vocabulary() {
    }

    static List<String> parse(JsonNode root, String what) throws CheckpointFormatException {
        List<String> symbols;
        if (root.isObject()) {
            symbols = vocabularyFromObject(root, what);
        } else if (root.isArray()) {
            symbols = new ArrayList<>(root.size());
            for (int i = 0; i < root.size(); i++) {
                JsonNode c = root.get(i);
                if (!c.isTextual()) {
                    throw new CheckpointFormatException(what + ": entry " + i + " is " + Ml5Checkpoint.abbreviate(c)
                            + "; expected a one-character string");
                }
                symbols.add(c.textValue());
            }
        } else {
            throw new CheckpointFormatException(what + " is " + Ml5Checkpoint.abbreviate(root) + "; expected a JSON object"
                    + " character -> id (like ml5's vocab.json) or a JSON list of characters in id order");
        }
        try {
            return checked(symbols);
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException(what + ": " + e.getMessage(), e);
        }
    }

    private static List<String> vocabularyFromObject(JsonNode root, String what)
            throws CheckpointFormatException {
        int n = root.size();
        String[] byId = new String[n];
        Map<Long, List<String>> outOfRange = new TreeMap<>();
        Map<Integer, List<String>> duplicated = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String c = field.getKey();
            JsonNode id = field.getValue();
            if (!id.isIntegralNumber() || !id.canConvertToLong()) {
                throw new CheckpointFormatException(what + ": character " + quote(c) + " has id "
                        + Ml5Checkpoint.abbreviate(id) + "; expected an integer id in 0.." + (n - 1));
            }
            long v = id.longValue();
            if (v < 0 || v >= n) {
                outOfRange.computeIfAbsent(v, k -> new ArrayList<>()).add(quote(c));
            } else if (byId[(int) v] != null) {
                duplicated.computeIfAbsent((int) v, k -> new ArrayList<>(List.of(quote(byId[(int) v]))))
                        .add(quote(c));
            } else {
                byId[(int) v] = c;
            }
        }
        if (!outOfRange.isEmpty() || !duplicated.isEmpty()) {
            TreeSet<Integer> missing = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                if (byId[i] == null) {
                    missing.add(i);
                }
            }
            StringBuilder sb = new StringBuilder(what + ": the " + n + " ids must be exactly 0.." + (n - 1)
                    + ", each once;");
            if (!outOfRange.isEmpty()) {
                sb.append(" out of range ").append(Bounded.text(outOfRange.toString()));
            }
            if (!duplicated.isEmpty()) {
                sb.append(" shared ").append(Bounded.text(duplicated.toString()));
            }
            sb.append(" missing ").append(abbreviateIds(missing));
            throw new CheckpointFormatException(sb.toString());
        }
        return Arrays.asList(byId);
    }

    /**
     * {@code symbols} as an unmodifiable list, checked: not empty, each entry exactly one code
     * point, no entry twice.
     */
    static List<String> checked(List<String> symbols) {
        if (symbols == null) {
            throw new IllegalArgumentException("vocabulary must not be null");
        }
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("vocabulary is empty; expected at least one character");
        }
        Vocabulary.checkEntries(symbols);
        return List.copyOf(symbols);
    }

    static byte[] json(List<String> vocabulary) throws IOException {
        ObjectNode root = Ml5Checkpoint.JSON.createObjectNode();
        for (int i = 0; i < vocabulary.size(); i++) {
            root.put(vocabulary.get(i), i);
        }
        return (Ml5Checkpoint.JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviateIds(TreeSet<Integer> ids) {
        if (ids.size() <= 20) {
            return ids.toString();
        }
        List<Integer> first = new ArrayList<>(ids).subList(0, 20);
        return first.toString().replace("]", ", ... (" + (ids.size() - 20) + " more)]");
    }

    /** A character or string, cut short, with whitespace and control characters made visible. */
    private static String quote(String s) {
        return Vocabulary.quote(Bounded.text(s));
    }
}
