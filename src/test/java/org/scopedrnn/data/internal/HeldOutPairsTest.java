package org.scopedrnn.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scopedrnn.data.PairSplit;

class HeldOutPairsTest {

    @Test
    void holdsOutExactlyThePairsAndOrderOfTodaysShuffledSplit() {
        for (int n : new int[] {1, 2, 3, 10, 97, 1000, 10_000}) {
            for (double fraction : new double[] {0.0, 0.1, 0.25, 0.5, 0.9}) {
                for (long seed : new long[] {0, 7, 12345}) {
                    var items = new ArrayList<Integer>();
                    for (int i = 0; i < n; i++) {
                        items.add(i);
                    }
                    PairSplit<Integer> today = PairSplit.of(items, fraction, PairSplit.Mode.SHUFFLED, seed);
                    int cut = (int) HeldOutPairs.cut(n, fraction);
                    assertEquals(today.train().size(), cut, n + " pairs, " + fraction);
                    List<Integer> heldOut = new ArrayList<>();
                    for (int i : HeldOutPairs.of(n, cut, seed)) {
                        heldOut.add(i);
                    }
                    assertEquals(today.validation(), heldOut, n + " pairs, fraction " + fraction + ", seed " + seed);
                }
            }
        }
    }
}
