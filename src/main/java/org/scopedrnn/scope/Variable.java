package org.scopedrnn.scope;

import java.util.Arrays;
import java.util.Objects;

/**
 * A declared model variable: its fully qualified name, its shape (TensorFlow layout) and
 * where it was first defined, so collision messages can point at the culprit.
 *
 * <p>Immutable: the shape is copied on the way in and on the way out. Equality is by value,
 * including the shape's contents. A scalar has the empty shape {@code []} and size 1.
 *
 * @param name fully qualified, e.g. {@code rnn/lstm_cell/kernel}
 * @param shape every dimension at least 1
 * @param definedAt a builder call site ({@code File.java:42 (pkg.Class.method)}) or a config
 *     path ({@code conf/seq2seq.conf: decoder.scope})
 */
public record Variable(String name, long[] shape, String definedAt) {

    /**
     * @throws IllegalArgumentException if the name is not a valid qualified name, a dimension
     *     is below 1, the size overflows a long, or {@code definedAt} is blank
     */
    public Variable {
        if (ScopeNames.split(name).isEmpty()) {
            throw new IllegalArgumentException("A variable name must not be empty");
        }
        Objects.requireNonNull(shape, () -> "shape of variable " + name);
        shape = shape.clone();
        checkShape(name, shape);
        Objects.requireNonNull(definedAt, () -> "definedAt of variable " + name);
        if (definedAt.isBlank()) {
            throw new IllegalArgumentException("definedAt of variable " + name + " is blank");
        }
    }

    private static void checkShape(String name, long[] shape) {
        for (long dim : shape) {
            if (dim < 1) {
                throw new IllegalArgumentException("Variable " + name + " has invalid shape "
                        + Arrays.toString(shape) + ": every dimension must be >= 1");
            }
        }
        try {
            product(shape);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Variable " + name + " has shape "
                    + Arrays.toString(shape) + " whose size overflows a long", e);
        }
    }

    private static long product(long[] shape) {
        long size = 1;
        for (long dim : shape) {
            size = Math.multiplyExact(size, dim);
        }
        return size;
    }

    /** A copy of the shape; the record's array never escapes. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements: the product of the shape, 1 for a scalar. */
    public long size() {
        return product(shape);
    }

    /** The shape as TensorFlow's messages print it: {@code [a, b]}, {@code []} for a scalar. */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    /** True if {@code other} has exactly this shape. */
    boolean hasShape(long[] other) {
        return Arrays.equals(shape, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Variable v
                && name.equals(v.name)
                && Arrays.equals(shape, v.shape)
                && definedAt.equals(v.definedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), definedAt);
    }

    @Override
    public String toString() {
        return "Variable[name=" + name + ", shape=" + shapeString() + ", definedAt=" + definedAt + "]";
    }
}
