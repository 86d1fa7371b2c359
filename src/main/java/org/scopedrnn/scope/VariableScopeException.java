package org.scopedrnn.scope;

/**
 * One of TensorFlow's three variable-sharing errors, with TF's wording so users can search
 * for it: a variable that already exists while not reusing, a variable missing while
 * reusing, or a shape mismatch while sharing.
 *
 * <p>It is an {@link IllegalArgumentException} because the model's configuration (scope
 * names, reuse modes, shapes) is what is wrong, and it surfaces on the driver before any
 * training starts.
 */
public class VariableScopeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String variableName;

    /**
     * @param variableName the fully qualified name of the variable concerned
     * @param message the complete message
     */
    public VariableScopeException(String variableName, String message) {
        super(message);
        this.variableName = variableName;
    }

    /** The fully qualified name of the variable concerned. */
    public String variableName() {
        return variableName;
    }

    static VariableScopeException alreadyExists(Variable existing) {
        return new VariableScopeException(existing.name(), "Variable " + existing.name()
                + " already exists, disallowed. Did you mean to set reuse=True or"
                + " reuse=AUTO_REUSE in VarScope? Originally defined at: " + existing.definedAt());
    }

    static VariableScopeException doesNotExist(String name) {
        return new VariableScopeException(name, "Variable " + name
                + " does not exist, or was not created with get_variable()."
                + " Did you mean to set reuse=AUTO_REUSE in VarScope?");
    }

    static VariableScopeException shapeMismatch(Variable requested, Variable existing) {
        return new VariableScopeException(existing.name(), "Trying to share variable "
                + existing.name() + ", but specified shape " + requested.shapeString()
                + " and found shape " + existing.shapeString() + ".");
    }
}
