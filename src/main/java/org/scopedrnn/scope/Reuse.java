package org.scopedrnn.scope;

/**
 * How {@link VariableScope#getVariable(String, long...)} treats existing variables, as
 * TensorFlow 1's {@code reuse} argument of {@code variable_scope}.
 */
public enum Reuse {
    /**
     * Inherit the parent scope's mode; at the top level this means create only (TF's
     * {@code reuse=None/False}). Asking for NONE inside a reusing scope keeps the parent's
     * mode, as TF ignores {@code reuse=False} there.
     */
    NONE,
    /** The variable must already exist and is returned (TF's {@code reuse=True}). */
    REUSE,
    /** Create the variable if missing, else return the existing one (TF's {@code AUTO_REUSE}). */
    AUTO_REUSE
}
