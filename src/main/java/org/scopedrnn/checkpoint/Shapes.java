package org.scopedrnn.checkpoint;


/** Shape arithmetic and formatting shared by the tensor types and the file readers. */
public final class Shapes {

    private Shapes() {}

    /**
     * Product of the dimensions (1 for a scalar).
     *
     * @throws IllegalArgumentException if a dimension is negative or the product overflows a long
     */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException(
                        "shape " + format(shape) + " has negative dimension " + shape[i] + " at index " + i);
            }
            try {
                n = Math.multiplyExact(n, shape[i]);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(
                        "shape " + format(shape) + " has more than " + Long.MAX_VALUE + " elements", e);
            }
        }
        return n;
    }

    /**
     * A copy of {@code shape}, checked to describe exactly {@code valueCount} elements.
     *
     * @throws IllegalArgumentException naming the shape, its element count and the value count
     */
    public static long[] checkedCopy(long[] shape, int valueCount) {
        if (shape == null) {
            throw new IllegalArgumentException("shape must not be null (use [] for a scalar)");
        }
        long[] copy = shape.clone();
        long expected = elementCount(copy);
        if (expected != valueCount) {
            throw new IllegalArgumentException(
                    "shape " + format(copy) + " has " + expected + " elements but " + valueCount
                            + " values were given");
        }
        return copy;
    }

    /**
     * {@code [2, 3]}, the way TensorFlow prints shapes; a shape read from a hostile file may have
     * any number of dimensions, so a long one is cut short with its count.
     */
    public static String format(long[] shape) {
        return Bounded.shape(shape);
    }

    /** Up to {@code limit} values then a count of the rest, so huge tensors print briefly. */
    public static String abbreviate(int length, java.util.function.IntFunction<String> value, int limit) {
        StringBuilder sb = new StringBuilder("[");
        int shown = Math.min(length, limit);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(value.apply(i));
        }
        if (length > shown) {
            sb.append(", ... (").append(length - shown).append(" more)");
        }
        return sb.append(']').toString();
    }
}
