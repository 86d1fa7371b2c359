package org.scopedrnn.checkpoint;

import java.util.Arrays;

/**
 * An int64 tensor (e.g. {@code global_step}). Equality is by shape and values.
 *
 * @param shape dimensions, outermost first; {@code []} for a scalar
 * @param values elements in row-major order; exactly as many as the shape describes
 */
public record LongTensor(long[] shape, long[] values) implements Tensor {

    private static final int TO_STRING_LIMIT = 8;

    public LongTensor {
        if (values == null) {
            throw new IllegalArgumentException("values must not be null");
        }
        shape = Shapes.checkedCopy(shape, values.length);
        values = values.clone();
    }

    public static LongTensor scalar(long value) {
        return new LongTensor(new long[0], new long[] {value});
    }

    @Override
    public DType dtype() {
        return DType.INT64;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The elements, row-major. A copy: for large tensors read it once and keep it. */
    @Override
    public long[] values() {
        return values.clone();
    }

    @Override
    public long size() {
        return values.length;
    }

    /** The backing array, for this package's writers only; never modify or leak it. */
    long[] valuesNoCopy() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LongTensor t
                && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "LongTensor[shape=" + Shapes.format(shape) + ", values="
                + Shapes.abbreviate(values.length, i -> Long.toString(values[i]), TO_STRING_LIMIT) + "]";
    }
}
