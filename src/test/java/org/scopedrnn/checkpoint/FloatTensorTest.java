package org.scopedrnn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FloatTensorTest {

    @Test
    void valuesMustMatchTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FloatTensor(new long[] {2, 3}, new float[5]));
        assertEquals("shape [2, 3] has 6 elements but 5 values were given", e.getMessage());
    }

    @Test
    void negativeDimensionIsRejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FloatTensor(new long[] {2, -1}, new float[0]));
        assertEquals("shape [2, -1] has negative dimension -1 at index 1", e.getMessage());
    }

    @Test
    void nullShapeOrValuesIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new FloatTensor(null, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> new FloatTensor(new long[0], null));
    }

    @Test
    void scalarHasEmptyShapeAndSizeOne() {
        FloatTensor t = FloatTensor.scalar(0.5f);
        assertArrayEquals(new long[0], t.shape());
        assertEquals(1, t.size());
        assertEquals(DType.FLOAT32, t.dtype());
    }

    @Test
    void zeroSizedDimensionGivesAnEmptyTensor() {
        assertEquals(0, new FloatTensor(new long[] {3, 0}, new float[0]).size());
    }

    @Test
    void inputsAndOutputsAreDefensiveCopies() {
        long[] shape = {2};
        float[] values = {1, 2};
        FloatTensor t = new FloatTensor(shape, values);
        shape[0] = 9;
        values[0] = 9;
        t.values()[1] = 9;
        t.shape()[0] = 9;
        assertEquals(new FloatTensor(new long[] {2}, new float[] {1, 2}), t);
    }

    @Test
    void equalityIsByValueWithNaNEqualAndSignedZerosDistinct() {
        FloatTensor a = new FloatTensor(new long[] {2}, new float[] {Float.NaN, 0f});
        FloatTensor b = new FloatTensor(new long[] {2}, new float[] {Float.NaN, 0f});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new FloatTensor(new long[] {2}, new float[] {Float.NaN, -0f}));
        assertNotEquals(a, new FloatTensor(new long[] {1, 2}, new float[] {Float.NaN, 0f}));
    }

    @Test
    void toStringShowsShapeAndAbbreviatesLongValueLists() {
        assertEquals("FloatTensor[shape=[2], values=[1.0, 2.5]]",
                new FloatTensor(new long[] {2}, new float[] {1, 2.5f}).toString());
        assertEquals("FloatTensor[shape=[10], values=[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,"
                        + " ... (2 more)]]",
                new FloatTensor(new long[] {10}, new float[10]).toString());
    }
}
