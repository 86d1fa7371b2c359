package org.scopedrnn.sample;

/**
 * How characters are drawn.
 *
 * @param prime text fed first, its state carried into the first sampled character
 * @param length characters to generate after the prime
 * @param temperature divides the logits; below 1 sharper, above 1 flatter
 * @param topK draw among the k most likely characters (0 = all), 5 like the seed program
 * @param seed makes the draw reproducible
 */
public record SamplingOptions(String prime, int length, double temperature, int topK, long seed) {

    public static final String DEFAULT_PRIME = "The ";

    public SamplingOptions {
        if (prime == null || prime.isEmpty()) {
            throw new IllegalArgumentException("prime text must not be empty (the default is \"The \")");
        }
        if (length < 0) {
            throw new IllegalArgumentException("sample length must be >= 0, got " + length);
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 0 (0 = no limit), got " + topK);
        }
    }

    public static SamplingOptions defaults(int length, long seed) {
        return new SamplingOptions(DEFAULT_PRIME, length, 1.0, 5, seed);
    }
}
