package org.scopedrnn.scope;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * All variables of one model instance, keyed by fully qualified name, in creation order.
 *
 * <p>Create one per model (training, sampling, evaluation each get their own): TensorFlow's
 * store is global per graph, which is why building a second model in the same process
 * failed with "already exists"; here two stores never see each other's variables, and
 * weights move between models by name. Start building at {@link #root()}.
 *
 * <p>Not thread-safe: a model is built by one thread, on the driver. Confine a store (and
 * its scopes) to one thread, or synchronize externally.
 */
public final class VariableStore {

    private final Map<String, Variable> byName = new LinkedHashMap<>();
    /** Qualified names that {@link VariableScope#uniqueScope} must not hand out again. */
    private final Set<String> takenScopeNames = new HashSet<>();
    private final VariableScope root = new VariableScope(this, "", Reuse.NONE);

    /** An empty store. */
    public VariableStore() {
    }

    /** The top-level scope: name {@code ""}, reuse {@link Reuse#NONE} (create only). */
    public VariableScope root() {
        return root;
    }

    /** All variables in creation order, as an unmodifiable snapshot. */
    public List<Variable> variables() {
        return List.copyOf(byName.values());
    }

    /** The variable with this fully qualified name, if any. */
    public Optional<Variable> find(String qualifiedName) {
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        return Optional.ofNullable(byName.get(qualifiedName));
    }

    /**
     * The variable with this fully qualified name.
     *
     * @throws IllegalArgumentException naming it and listing similar names, if it is missing
     */
    public Variable get(String qualifiedName) {
        return find(qualifiedName).orElseThrow(() -> missing(qualifiedName));
    }

    /** The total number of parameters: the sum of all variables' sizes. */
    public long totalSize() {
        long total = 0;
        for (Variable v : byName.values()) {
            total = Math.addExact(total, v.size());
        }
        return total;
    }

    /** The number of variables. */
    public int size() {
        return byName.size();
    }

    @Override
    public String toString() {
        return "VariableStore[" + size() + " variables, " + totalSize() + " parameters]";
    }

    void add(Variable variable) {
        Variable previous = byName.putIfAbsent(variable.name(), variable);
        if (previous != null) {
            // Callers check first; reaching this is a bug in this package, not user error.
            throw new IllegalStateException("Variable " + variable.name() + " added twice");
        }
        takeWithParents(ScopeNames.parent(variable.name()));
    }

    /**
     * Marks a scope name and all its enclosing scopes as taken, so that unique default
     * names never land on a scope that was opened explicitly or already holds variables.
     */
    void takeWithParents(String scopeName) {
        String scope = scopeName;
        // Stopping at the first already-taken scope is safe: its parents were taken with it.
        while (!scope.isEmpty() && takenScopeNames.add(scope)) {
            scope = ScopeNames.parent(scope);
        }
    }

    boolean isTaken(String scopeName) {
        return takenScopeNames.contains(scopeName);
    }

    private IllegalArgumentException missing(String qualifiedName) {
        List<String> close = CloseNames.among(qualifiedName, byName.keySet());
        String hint = close.isEmpty()
                ? "No similar names."
                : "Similar names: " + String.join(", ", close);
        return new IllegalArgumentException("Variable " + qualifiedName
                + " not found in this store (" + size() + (size() == 1 ? " variable). " : " variables). ")
                + hint);
    }
}
