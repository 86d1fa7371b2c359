package org.scopedrnn.scope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VariableTest {

    @Test
    void sizeIsTheProductOfTheShape() {
        assertEquals(2 * 3 * 4, new Variable("x", new long[] {2, 3, 4}, "here").size());
    }

    @Test
    void aScalarHasSizeOneAndAnEmptyShape() {
        Variable step = new Variable("global_step", new long[0], "here");
        assertEquals(1, step.size());
        assertEquals("[]", step.shapeString());
    }

    @Test
    void shapeStringIsTensorFlowStyle() {
        assertEquals("[640, 2048]", new Variable("k", new long[] {640, 2048}, "here").shapeString());
    }

    @Test
    void theShapeIsCopiedOnConstruction() {
        long[] shape = {2, 3};
        Variable v = new Variable("x", shape, "here");
        shape[0] = 99;
        assertArrayEquals(new long[] {2, 3}, v.shape());
    }

    @Test
    void theShapeAccessorReturnsACopy() {
        Variable v = new Variable("x", new long[] {2, 3}, "here");
        v.shape()[0] = 99;
        assertArrayEquals(new long[] {2, 3}, v.shape());
    }

    @Test
    void equalityAndHashCodeCompareShapesByValue() {
        Variable a = new Variable("x", new long[] {2, 3}, "here");
        Variable b = new Variable("x", new long[] {2, 3}, "here");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new Variable("x", new long[] {3, 2}, "here"));
        assertNotEquals(a, new Variable("y", new long[] {2, 3}, "here"));
        assertNotEquals(a, new Variable("x", new long[] {2, 3}, "there"));
    }

    @Test
    void toStringShowsTheShapeValues() {
        assertEquals("Variable[name=a/b, shape=[2, 3], definedAt=here]",
                new Variable("a/b", new long[] {2, 3}, "here").toString());
    }

    @Test
    void aZeroDimensionFailsNamingTheVariableAndShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Variable("rnn/kernel", new long[] {3, 0}, "here"));
        assertTrue(e.getMessage().contains("rnn/kernel"), e.getMessage());
        assertTrue(e.getMessage().contains("[3, 0]"), e.getMessage());
    }

    @Test
    void aNegativeDimensionFails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Variable("b", new long[] {-1}, "here"));
        assertTrue(e.getMessage().contains("[-1]"), e.getMessage());
    }

    @Test
    void anOverflowingSizeFails() {
        assertThrows(IllegalArgumentException.class,
                () -> new Variable("huge", new long[] {Long.MAX_VALUE, 2}, "here"));
    }

    @Test
    void anEmptyOrInvalidNameFails() {
        assertThrows(IllegalArgumentException.class, () -> new Variable("", new long[] {1}, "here"));
        assertThrows(IllegalArgumentException.class, () -> new Variable("a//b", new long[] {1}, "here"));
    }

    @Test
    void aBlankOriginFails() {
        assertThrows(IllegalArgumentException.class, () -> new Variable("x", new long[] {1}, " "));
    }
}
