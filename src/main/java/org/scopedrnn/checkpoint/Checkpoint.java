package org.scopedrnn.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A model's variables by scope-qualified name (e.g.
 * {@code lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel}, {@code .../kernel/Adam},
 * {@code global_step}) plus the metadata needed to use them.
 *
 * @param variables name to tensor, in the order given (which is also the order on disk); an
 *     unmodifiable copy
 * @param metadata model, vocabulary, progress and provenance
 */
public record Checkpoint(Map<String, Tensor> variables, CheckpointMetadata metadata) {

    private static final int MAX_NAMES_IN_ERROR = 40;

    public Checkpoint {
        if (variables == null) {
            throw new IllegalArgumentException("variables must not be null");
        }
        if (metadata == null) {
            throw new IllegalArgumentException("metadata must not be null");
        }
        Map<String, Tensor> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : variables.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException(
                        "variable name is " + (e.getKey() == null ? "null" : "empty")
                                + "; expected a scope-qualified name such as lstm_cell/rnn/.../kernel");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("variable " + e.getKey() + " has a null tensor");
            }
            copy.put(e.getKey(), e.getValue());
        }
        variables = Collections.unmodifiableMap(copy);
    }

    /** The variable called {@code name}, if present. */
    public Optional<Tensor> find(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /**
     * The float32 variable called {@code name}.
     *
     * @throws NoSuchElementException naming {@code name} and listing the variables there are
     * @throws IllegalArgumentException if the variable is not float32
     */
    public FloatTensor floatVariable(String name) {
        Tensor t = variables.get(name);
        if (t == null) {
            throw new NoSuchElementException(
                    "checkpoint has no variable " + name + "; it has " + variables.size() + ": "
                            + availableNames());
        }
        if (!(t instanceof FloatTensor f)) {
            throw new IllegalArgumentException(
                    "variable " + name + " is " + t.dtype().tfName() + "; expected float32");
        }
        return f;
    }

    private String availableNames() {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (String n : variables.keySet()) {
            if (shown == MAX_NAMES_IN_ERROR) {
                sb.append(", ... (").append(variables.size() - shown).append(" more)");
                break;
            }
            sb.append(shown == 0 ? "" : ", ").append(n);
            shown++;
        }
        return sb.toString();
    }
}
