package org.scopedrnn.data.internal;

import java.util.Arrays;
import java.util.Random;

/**
 * Which of a file's {@code n} pairs are held out for validation, and in what order: exactly the
 * pairs {@code PairSplit.of(pairs, fraction, SHUFFLED, seed)} holds out of the same list (a
 * Fisher-Yates shuffle with {@code java.util.Random(seed)} from the last index down, the last
 * {@code n - cut} positions held out), so one file gives today's split and the Keras peer's
 * {@code --split shuffled}. Only the shuffle's first {@code n - cut} swaps decide those positions,
 * so it is replayed in memory proportional to the held-out pairs, not to the file.
 */
public final class HeldOutPairs {

    private HeldOutPairs() {
    }

    /** Training pairs of a file of {@code n}: {@code ceil(n * (1 - fraction))}, as {@code PairSplit} keeps. */
    public static long cut(long n, double validationFraction) {
        return (long) Math.ceil(n * (1.0 - validationFraction));
    }

    /** The pair index (0-based within the file) at each held-out position {@code cut .. n - 1}, in that order. */
    public static int[] of(int n, int cut, long seed) {
        if (cut < 0 || cut > n) {
            throw new IllegalArgumentException("cut " + cut + " outside 0.." + n);
        }
        var rnd = new Random(seed);
        var moved = new IntMap(Math.max(16, 2 * (n - cut)));
        int[] out = new int[n - cut];
        for (int i = n - 1; i >= Math.max(cut, 1); i--) {
            int j = rnd.nextInt(i + 1);
            int atI = moved.get(i);
            out[i - cut] = moved.get(j);
            moved.put(j, atI);
        }
        if (cut == 0 && n > 0) {
            out[0] = moved.get(0);
        }
        return out;
    }

    /** Position -> value of a shuffled identity array, holding only the positions a swap wrote. */
    private static final class IntMap {
        private int[] keys;
        private int[] values;
        private int size;

        IntMap(int capacity) {
            int c = Integer.highestOneBit(Math.max(16, capacity) - 1) << 1;
            keys = new int[c];
            values = new int[c];
            Arrays.fill(keys, -1);
        }

        int get(int key) {
            int mask = keys.length - 1;
            for (int h = hash(key) & mask; ; h = (h + 1) & mask) {
                if (keys[h] == key) {
                    return values[h];
                }
                if (keys[h] < 0) {
                    return key;
                }
            }
        }

        void put(int key, int value) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int h = hash(key) & mask;
            while (keys[h] >= 0 && keys[h] != key) {
                h = (h + 1) & mask;
            }
            if (keys[h] < 0) {
                size++;
            }
            keys[h] = key;
            values[h] = value;
        }

        private void grow() {
            int[] oldKeys = keys;
            int[] oldValues = values;
            keys = new int[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            Arrays.fill(keys, -1);
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] >= 0) {
                    put(oldKeys[i], oldValues[i]);
                }
            }
        }

        private static int hash(int key) {
            return key * 0x9E3779B9 >>> 7 ^ key;
        }
    }
}
