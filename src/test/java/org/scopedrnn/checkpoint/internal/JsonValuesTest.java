package org.scopedrnn.checkpoint.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

    @Test
    void integersBecomeLongsAndFloatsBecomeDoubles() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("i", 1);
        in.put("s", (short) 2);
        in.put("f", 0.25f);
        in.put("small", BigInteger.TEN);
        in.put("big", BigInteger.ONE.shiftLeft(70));
        assertEquals(Map.of("i", 1L, "s", 2L, "f", 0.25, "small", 10L,
                "big", BigInteger.ONE.shiftLeft(70)), JsonValues.copyObject(in, "spec"));
    }

    @Test
    void orderAndNullsArePreserved() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("z", null);
        in.put("a", Arrays.asList(1, null));
        Map<String, Object> out = JsonValues.copyObject(in, "spec");
        assertEquals(List.of("z", "a"), List.copyOf(out.keySet()));
        assertEquals(Arrays.asList(1L, null), out.get("a"));
    }

    @Test
    void nonFiniteNumbersAreRejectedBecauseJsonCannotHoldThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonValues.copyObject(Map.of("lr", List.of(Double.NaN)), "config"));
        assertEquals("config.lr[0] is NaN; JSON has no NaN or Infinity, expected a finite number",
                e.getMessage());
    }

    @Test
    void nonStringKeysAreRejected() {
        Map<Object, Object> inner = new HashMap<>();
        inner.put(3, "x");
        assertThrows(IllegalArgumentException.class,
                () -> JsonValues.copyObject(Map.of("m", inner), "spec"));
    }

    @Test
    void nullMapIsRejectedNamingTheField() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> JsonValues.copyObject(null, "config"));
        assertEquals("config must not be null (use an empty map)", e.getMessage());
    }
}
