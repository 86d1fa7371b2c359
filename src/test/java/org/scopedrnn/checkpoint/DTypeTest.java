package org.scopedrnn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DTypeTest {

    @Test
    void namesAndSizesMatchTensorFlow() {
        assertEquals("float32", DType.FLOAT32.tfName());
        assertEquals(4, DType.FLOAT32.byteSize());
        assertEquals("int64", DType.INT64.tfName());
        assertEquals(8, DType.INT64.byteSize());
    }

    @Test
    void fromTfNameRoundTripsAndRejectsUnknownNames() {
        for (DType t : DType.values()) {
            assertEquals(t, DType.fromTfName(t.tfName()));
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DType.fromTfName("float16"));
        assertEquals("unknown dtype \"float16\"; expected one of float32, int64", e.getMessage());
    }
}
