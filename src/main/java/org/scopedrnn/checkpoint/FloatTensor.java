package org.scopedrnn.checkpoint;

import java.util.Arrays;

/**
 * A float32 tensor. Equality is by shape and values ({@link Arrays#equals(float[], float[])}:
 * NaN equals NaN, 0.0 differs from -0.0).
 *
 * @param shape dimensions, outermost first; {@code []} for a scalar
 * @param values elements in row-major order; exactly as many as the shape describes
 */
public record FloatTensor(long[] shape, float[] values) implements Tensor {

    private static final int TO_STRING_LIMIT = 8;

    public FloatTensor {
        if (values == null) {
            throw new IllegalArgumentException("values must not be null");
        }
        shape = Shapes.checkedCopy(shape, values.length);
        values = values.clone();
    }

    public static FloatTensor scalar(float value) {
        return new FloatTensor(new long[0], new float[] {value});
    }

    @Override
    public DType dtype() {
        return DType.FLOAT32;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The elements, row-major. A copy: for large tensors read it once and keep it. */
    @Override
    public float[] values() {
        return values.clone();
    }

    @Override
    public long size() {
        return values.length;
    }

    /** The backing array, for this package's writers only; never modify or leak it. */
    float[] valuesNoCopy() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t
                && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FloatTensor[shape=" + Shapes.format(shape) + ", values="
                + Shapes.abbreviate(values.length, i -> Float.toString(values[i]), TO_STRING_LIMIT) + "]";
    }
}
