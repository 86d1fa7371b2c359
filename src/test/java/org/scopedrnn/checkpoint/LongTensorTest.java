package org.scopedrnn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LongTensorTest {

    @Test
    void valuesMustMatchTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LongTensor(new long[] {4}, new long[3]));
        assertEquals("shape [4] has 4 elements but 3 values were given", e.getMessage());
    }

    @Test
    void scalarGlobalStepHasEmptyShapeAndSizeOne() {
        LongTensor t = LongTensor.scalar(1000);
        assertArrayEquals(new long[0], t.shape());
        assertArrayEquals(new long[] {1000}, t.values());
        assertEquals(1, t.size());
        assertEquals(DType.INT64, t.dtype());
    }

    @Test
    void inputsAndOutputsAreDefensiveCopies() {
        long[] values = {1, 2};
        LongTensor t = new LongTensor(new long[] {2}, values);
        values[0] = 9;
        t.values()[1] = 9;
        assertEquals(new LongTensor(new long[] {2}, new long[] {1, 2}), t);
    }

    @Test
    void equalityAndHashAreByValue() {
        assertEquals(LongTensor.scalar(3), LongTensor.scalar(3));
        assertEquals(LongTensor.scalar(3).hashCode(), LongTensor.scalar(3).hashCode());
        assertNotEquals(LongTensor.scalar(3), LongTensor.scalar(4));
        assertNotEquals(LongTensor.scalar(3), new LongTensor(new long[] {1}, new long[] {3}));
    }

    @Test
    void toStringShowsShapeAndValues() {
        assertEquals("LongTensor[shape=[], values=[7]]", LongTensor.scalar(7).toString());
    }
}
