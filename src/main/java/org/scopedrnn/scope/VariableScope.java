package org.scopedrnn.scope;

import java.util.Objects;

/**
 * A named region of a {@link VariableStore} with a reuse mode, like TensorFlow 1's
 * {@code variable_scope}; {@link #getVariable} is TF's {@code get_variable}.
 *
 * <p>Scopes are cheap immutable views: opening a scope creates nothing in the store except a
 * record of its name, used by {@link #uniqueScope}. Child scopes inherit the reuse mode;
 * an explicit {@link Reuse#REUSE} or {@link Reuse#AUTO_REUSE} overrides it, while
 * {@link Reuse#NONE} never switches a reusing scope back to create-only (as in TF).
 *
 * <p>Not thread-safe, like its store: confine a store and its scopes to one thread.
 */
public final class VariableScope {

    private final VariableStore store;
    private final String name;
    private final Reuse reuse;

    VariableScope(VariableStore store, String name, Reuse reuse) {
        this.store = store;
        this.name = name;
        this.reuse = reuse;
    }

    /** The fully qualified scope name, {@code ""} for the root. */
    public String name() {
        return name;
    }

    /** The effective reuse mode, with inheritance already resolved. */
    public Reuse reuse() {
        return reuse;
    }

    /** The store this scope's variables live in. */
    public VariableStore store() {
        return store;
    }

    /**
     * Opens a child scope that inherits this scope's reuse mode. Opening the same name again
     * is allowed and yields the same qualified name (TF semantics; sharing its variables then
     * needs a reuse mode).
     *
     * @param name one or more components; {@code "a/b"} equals {@code scope("a").scope("b")}
     */
    public VariableScope scope(String name) {
        return scope(name, Reuse.NONE);
    }

    /**
     * Opens a child scope with the given reuse mode; {@link Reuse#NONE} inherits this scope's.
     *
     * @param name one or more components; {@code "a/b"} equals {@code scope("a").scope("b")}
     */
    public VariableScope scope(String name, Reuse reuse) {
        return open(ScopeNames.qualify(this.name, name), reuse);
    }

    /**
     * Opens a child scope under a default name made unique, like TF's {@code default_name}:
     * {@code defaultName} if no scope of that name was opened under this scope (explicitly or
     * uniquely, or implied by an existing variable), else {@code defaultName_1},
     * {@code defaultName_2}, ... Inherits this scope's reuse mode.
     *
     * @param defaultName a single name component
     */
    public VariableScope uniqueScope(String defaultName) {
        return uniqueScope(defaultName, Reuse.NONE);
    }

    /**
     * As {@link #uniqueScope(String)}, with a reuse mode.
     *
     * @throws IllegalArgumentException for {@link Reuse#REUSE}: a fresh unique scope holds no
     *     variables to reuse (TF: "reuse=True cannot be used without a name_or_scope")
     */
    public VariableScope uniqueScope(String defaultName, Reuse reuse) {
        ScopeNames.checkComponent(defaultName);
        Objects.requireNonNull(reuse, "reuse");
        if (reuse == Reuse.REUSE) {
            throw new IllegalArgumentException("reuse=True cannot be used without a name_or_scope:"
                    + " unique scope '" + defaultName + "' under scope '" + name
                    + "' would be new and empty; open the scope to reuse by its explicit name");
        }
        String candidate = ScopeNames.qualify(name, defaultName);
        for (int i = 1; store.isTaken(candidate); i++) {
            candidate = ScopeNames.qualify(name, defaultName + "_" + i);
        }
        return open(candidate, reuse);
    }

    /**
     * Gets or creates a variable in this scope, recording the caller's source location as
     * where it was defined. See {@link #getVariable(String, long[], String)}.
     */
    public Variable getVariable(String name, long... shape) {
        return getVariable(name, shape, CallSite.ofCaller());
    }

    /**
     * Gets or creates the variable {@code name} qualified by this scope, per this scope's
     * effective reuse mode: {@link Reuse#NONE} creates and fails if it exists,
     * {@link Reuse#REUSE} returns it and fails if it is missing, {@link Reuse#AUTO_REUSE}
     * does whichever applies. An existing variable is returned only if its shape matches.
     *
     * @param name one or more components, qualified by this scope's name
     * @param shape every dimension at least 1; empty for a scalar
     * @param definedAt where this definition comes from, e.g. a config path
     *     ({@code conf/seq2seq.conf: decoder.scope}); kept only if the variable is created
     * @return the created variable, or the existing one (same instance) when reusing
     * @throws VariableScopeException for TensorFlow's three errors, with TF's wording
     * @throws IllegalArgumentException for an invalid name or shape
     */
    public Variable getVariable(String name, long[] shape, String definedAt) {
        // Built first so that a bad name or shape is reported whatever the reuse mode.
        Variable requested = new Variable(ScopeNames.qualify(this.name, name), shape, definedAt);
        Variable existing = store.find(requested.name()).orElse(null);
        if (existing == null) {
            if (reuse == Reuse.REUSE) {
                throw VariableScopeException.doesNotExist(requested.name());
            }
            store.add(requested);
            return requested;
        }
        if (reuse == Reuse.NONE) {
            throw VariableScopeException.alreadyExists(existing);
        }
        if (!existing.hasShape(shape)) {
            throw VariableScopeException.shapeMismatch(requested, existing);
        }
        return existing;
    }

    @Override
    public String toString() {
        return "VariableScope[name=" + name + ", reuse=" + reuse + "]";
    }

    private VariableScope open(String qualifiedName, Reuse requested) {
        Objects.requireNonNull(requested, "reuse");
        store.takeWithParents(qualifiedName);
        Reuse effective = requested == Reuse.NONE ? this.reuse : requested;
        return new VariableScope(store, qualifiedName, effective);
    }
}
