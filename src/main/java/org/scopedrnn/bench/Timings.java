package org.scopedrnn.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Repeated measurements of one figure (after warm-up), in its unit (per second for rates, or milliseconds).
 *
 * @param values one per repetition, in the order measured
 */
public record Timings(List<Double> values) {

    public Timings {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("a measurement needs at least one repetition");
        }
        values = List.copyOf(values);
    }

    public double median() {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Units per second of {@code units} done in each of {@code nanos}. */
    public static Timings rates(double units, long... nanos) {
        return new Timings(Arrays.stream(nanos).mapToObj(t -> units / (t / 1e9)).toList());
    }
}
