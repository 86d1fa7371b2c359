package org.scopedrnn.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowPermutationTest {

    private static List<Long> order(long n, long seed, int epoch) {
        var p = new WindowPermutation(n, seed, epoch);
        var out = new ArrayList<Long>();
        for (long i = 0; i < n; i++) {
            out.add(p.apply(i));
        }
        return out;
    }

    @Test
    void isABijectionForEverySizeUpTo300AndSomeLargeOnes() {
        for (long n : new long[] {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 100, 255, 256, 257, 300, 10_007, 65_537}) {
            BitSet seen = new BitSet();
            for (long x : order(n, 42, 3)) {
                assertTrue(x >= 0 && x < n, n + ": " + x);
                assertTrue(!seen.get((int) x), n + ": " + x + " twice");
                seen.set((int) x);
            }
            assertEquals(n, seen.cardinality());
        }
    }

    @Test
    void sameSeedAndEpochGiveTheSameOrderOthersAnother() {
        assertEquals(order(1000, 7, 2), order(1000, 7, 2));
        assertNotEquals(order(1000, 7, 2), order(1000, 7, 3));
        assertNotEquals(order(1000, 7, 2), order(1000, 8, 2));
    }

    @Test
    void shufflesWellEnoughThatFewElementsStayInPlace() {
        List<Long> o = order(10_000, 1, 0);
        long fixed = 0;
        for (int i = 0; i < o.size(); i++) {
            fixed += o.get(i) == i ? 1 : 0;
        }
        // a uniform permutation fixes 1 element on average; the identity would fix 10,000
        assertTrue(fixed < 20, "fixed points: " + fixed);
    }
}
