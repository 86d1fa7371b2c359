package org.scopedrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PairPlanTest {

    @Test
    void batchesMatchTheKerasPeersPlan() {
        // bench/keras_seq2seq.py --bench times these batches; computed there with
        // python -c 'import keras_seq2seq as k; print(k.plan_batches(10, 3, 12345, 4))'
        var plan = new PairPlan(10, 3, true);
        List<int[]> first = new java.util.ArrayList<>(plan.batches(12345, 0));
        first.addAll(plan.batches(12345, 1).subList(0, 1));

        assertEquals(List.of(List.of(8, 9, 7), List.of(1, 6, 2), List.of(3, 0, 5), List.of(3, 4, 5)),
                first.stream().map(b -> Arrays.stream(b).boxed().toList()).toList());
        assertArrayEquals(new int[] {318, 536, 356, 425, 168},
                Arrays.copyOf(new PairPlan(1000, 32, true).batches(-7, 0).get(0), 5));
    }

    @Test
    void everyPairIsUsedOncePerEpochWithTheRemainderInTheLastBatch() {
        var plan = new PairPlan(10, 4);
        Set<Integer> seen = new HashSet<>();

        List<int[]> batches = plan.batches(1, 0);

        assertEquals(3, plan.batchesPerEpoch());
        assertEquals(List.of(4, 4, 2), batches.stream().map(b -> b.length).toList());
        batches.forEach(b -> Arrays.stream(b).forEach(i -> assertTrue(seen.add(i), "pair " + i + " used twice")));
        assertEquals(10, seen.size());
    }

    @Test
    void dropLastLeavesTheRemainderOutAndDifferentPairsEachEpoch() {
        var plan = new PairPlan(10, 4, true);

        assertEquals(2, plan.batchesPerEpoch());
        plan.batches(1, 0).forEach(b -> assertEquals(4, b.length));
        Set<Integer> epoch0 = new HashSet<>();
        Set<Integer> epoch1 = new HashSet<>();
        plan.batches(1, 0).forEach(b -> Arrays.stream(b).forEach(epoch0::add));
        plan.batches(1, 1).forEach(b -> Arrays.stream(b).forEach(epoch1::add));
        assertFalse(epoch0.equals(epoch1), "the same 8 of 10 pairs in two epochs");
    }

    @Test
    void batchesAreDeterministicForSeedAndEpochAndDifferAcrossEpochs() {
        var plan = new PairPlan(100, 8);

        assertTrue(same(plan.batches(7, 3), plan.batches(7, 3)));
        assertFalse(same(plan.batches(7, 3), plan.batches(7, 4)));
        assertFalse(same(plan.batches(7, 3), plan.batches(8, 3)));
    }

    @Test
    void shuffleMatchesSequencePlansDerivation() {
        // PairPlan over n pairs orders indices as SequencePlan orders window starts / seqLength
        var pairs = new PairPlan(30, 3, true);
        var windows = new SequencePlan(30 * 5 + 1, 5, 3);

        List<int[]> a = pairs.batches(11, 2);
        List<int[]> b = windows.batches(11, 2);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), Arrays.stream(b.get(i)).map(s -> s / 5).toArray());
        }
    }

    @Test
    void sequentialGroupsInOrder() {
        List<int[]> batches = PairPlan.sequential(5, 2);

        assertEquals(3, batches.size());
        assertArrayEquals(new int[] {0, 1}, batches.get(0));
        assertArrayEquals(new int[] {4}, batches.get(2));
        assertTrue(PairPlan.sequential(0, 2).isEmpty());
    }

    @Test
    void invalidPlansAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PairPlan(10, 0));
        assertThrows(CorpusException.class, () -> new PairPlan(0, 4));
        assertThrows(IllegalArgumentException.class, () -> PairPlan.sequential(3, 0));
    }

    private static boolean same(List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
