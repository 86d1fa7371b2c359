package org.scopedrnn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapesTest {

    @Test
    void elementCountIsTheProductAndOneForAScalar() {
        assertEquals(1, Shapes.elementCount(new long[0]));
        assertEquals(24, Shapes.elementCount(new long[] {2, 3, 4}));
        assertEquals(0, Shapes.elementCount(new long[] {5, 0}));
    }

    @Test
    void elementCountOverflowIsAnErrorNotAWrappedNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shapes.elementCount(new long[] {1L << 32, 1L << 32}));
        assertTrue(e.getMessage().startsWith("shape [4294967296, 4294967296] has more than"));
    }

    @Test
    void abbreviateShowsALimitedNumberOfValues() {
        assertEquals("[0, 1, ... (3 more)]", Shapes.abbreviate(5, Integer::toString, 2));
        assertEquals("[]", Shapes.abbreviate(0, Integer::toString, 2));
    }
}
