package org.scopedrnn.checkpoint.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scopedrnn.checkpoint.Bounded;

/**
 * Deep, unmodifiable copies of JSON-able values (maps with string keys, lists, strings,
 * booleans, numbers, null).
 *
 * <p>Numbers are normalized to what a JSON parser gives back (integers to {@link Long} or, past
 * the long range, {@link BigInteger}; floating point to {@link Double}) so that metadata read
 * from a file equals the metadata that was written.
 */
public final class JsonValues {

    private JsonValues() {}

    /**
     * An unmodifiable, insertion-ordered deep copy of {@code map}.
     *
     * @param what the field's name, used in error messages (e.g. "spec")
     * @throws IllegalArgumentException naming the path of a value that is not JSON-able
     */
    public static Map<String, Object> copyObject(Map<String, ?> map, String what) {
        if (map == null) {
            throw new IllegalArgumentException(what + " must not be null (use an empty map)");
        }
        return copyMap(map, what);
    }

    private static Object copy(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer
                || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < Long.SIZE ? (Object) big.longValue() : big;
        }
        if (value instanceof Float || value instanceof Double) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(
                        Bounded.text(path) + " is " + d + "; JSON has no NaN or Infinity, expected a finite number");
            }
            return d;
        }
        if (value instanceof Map<?, ?> map) {
            return copyMap(map, path);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(copy(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(out);
        }
        throw new IllegalArgumentException(
                Bounded.text(path) + " is a " + value.getClass().getName() + "; expected a string, boolean, integer,"
                        + " float/double, list, map or null");
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException(
                        Bounded.text(path) + " has key " + Bounded.text(String.valueOf(e.getKey())) + " of type "
                                + (e.getKey() == null ? "null" : e.getKey().getClass().getName())
                                + "; expected string keys");
            }
            out.put(key, copy(e.getValue(), path + "." + key));
        }
        return Collections.unmodifiableMap(out);
    }
}
