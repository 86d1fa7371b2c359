package org.scopedrnn.data.internal;

/**
 * A seeded permutation of {@code [0, n)} that is computed one element at a time, in constant
 * memory: a balanced 4-round Feistel network on the smallest even number of bits covering n, with
 * cycle walking (re-applied until the value falls below n; expected fewer than 4 steps). The driver
 * uses it to say which window fills which minibatch slot of an epoch without holding a list of
 * every window, so its memory does not grow with the corpus.
 */
public final class WindowPermutation {

    private static final int ROUNDS = 4;

    private final long n;
    private final int halfBits;
    private final long halfMask;
    private final long key;

    public WindowPermutation(long n, long seed, int epoch) {
        if (n < 1) {
            throw new IllegalArgumentException("a permutation needs at least one element, got " + n);
        }
        this.n = n;
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(n - 1));
        this.halfBits = (bits + 1) / 2;
        this.halfMask = (1L << halfBits) - 1;
        this.key = mix(seed * 0x9E3779B97F4A7C15L + epoch);
    }

    public long size() {
        return n;
    }

    /** The element at position {@code p}. */
    public long apply(long p) {
        if (p < 0 || p >= n) {
            throw new IndexOutOfBoundsException("position " + p + " of " + n);
        }
        long x = p;
        do {
            x = feistel(x);
        } while (x >= n);
        return x;
    }

    private long feistel(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (int r = 0; r < ROUNDS; r++) {
            long f = mix(key ^ (right + ((long) r << 56))) & halfMask;
            long next = left ^ f;
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    /** SplitMix64's finalizer: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
