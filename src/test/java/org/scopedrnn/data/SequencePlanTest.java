package org.scopedrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SequencePlanTest {

    @Test
    void windowsAreNonOverlappingInputsWithOneCharacterAhead() {
        // 101 chars, seq 10: 10 windows (starts 0..90, last target char is 100)
        assertEquals(10, new SequencePlan(101, 10, 3).windows());
        // 100 chars: the 10th window would need char 100 -> 9 windows
        assertEquals(9, new SequencePlan(100, 10, 3).windows());
        assertEquals(1, new SequencePlan(11, 10, 1).windows());
    }

    @Test
    void batchesPerEpochCountsOnlyFullBatches() {
        assertEquals(3, new SequencePlan(101, 10, 3).batchesPerEpoch());
        assertEquals(2, new SequencePlan(101, 10, 4).batchesPerEpoch());
        assertEquals(1, new SequencePlan(101, 10, 10).batchesPerEpoch());
        assertEquals(0, new SequencePlan(101, 10, 11).batchesPerEpoch());
    }

    @Test
    void batchesHaveBatchSizeStartsAndThereAreBatchesPerEpochOfThem() {
        var plan = new SequencePlan(1001, 7, 4);

        List<int[]> batches = plan.batches(1, 0);

        assertEquals(plan.batchesPerEpoch(), batches.size());
        batches.forEach(b -> assertEquals(4, b.length));
    }

    @Test
    void everyWindowStartIsAMultipleOfSeqLengthAndInRange() {
        var plan = new SequencePlan(1000, 7, 4);
        Set<Integer> seen = new HashSet<>();

        for (int[] batch : plan.batches(5, 2)) {
            for (int s : batch) {
                assertEquals(0, s % 7, "start " + s);
                assertTrue(s >= 0 && s + 7 <= 1000 - 1, "window " + s + ".." + (s + 7) + " must fit in 1000 chars");
                assertTrue(seen.add(s), "window " + s + " used twice in one epoch");
            }
        }
        assertEquals(plan.batchesPerEpoch() * 4, seen.size());
    }

    @Test
    void batchesAreDeterministicForSeedAndEpoch() {
        var plan = new SequencePlan(1001, 10, 5);

        assertArrayEquals(flatten(plan.batches(42, 3)), flatten(plan.batches(42, 3)));
        assertArrayEquals(flatten(plan.batches(42, 3)), flatten(new SequencePlan(1001, 10, 5).batches(42, 3)));
    }

    @Test
    void batchesDifferBetweenEpochsAndSeeds() {
        var plan = new SequencePlan(1001, 10, 5);

        assertFalse(java.util.Arrays.equals(flatten(plan.batches(42, 0)), flatten(plan.batches(42, 1))));
        assertFalse(java.util.Arrays.equals(flatten(plan.batches(42, 0)), flatten(plan.batches(43, 0))));
    }

    @Test
    void batchesAreShuffledNotInTextOrder() {
        var plan = new SequencePlan(1001, 10, 100);
        int[] order = flatten(plan.batches(7, 0));
        int[] sorted = order.clone();
        java.util.Arrays.sort(sorted);
        assertFalse(java.util.Arrays.equals(sorted, order));
    }

    @Test
    void corpusShorterThanOneWindowIsACorpusExceptionWithTheNumbers() {
        var e = assertThrows(CorpusException.class, () -> new SequencePlan(10, 10, 1));

        assertTrue(e.getMessage().contains("has 10 characters"), e.getMessage());
        assertTrue(e.getMessage().contains("= 11"), e.getMessage());
    }

    @Test
    void nonPositiveSizesAreRejected() {
        var seq = assertThrows(IllegalArgumentException.class, () -> new SequencePlan(100, 0, 1));
        assertTrue(seq.getMessage().contains("sequence length"), seq.getMessage());
        var batch = assertThrows(IllegalArgumentException.class, () -> new SequencePlan(100, 10, 0));
        assertTrue(batch.getMessage().contains("batch size"), batch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SequencePlan(100, -3, 1));
    }

    @Test
    void sequentialCoversAllWindowsInOrder() {
        List<int[]> batches = SequencePlan.sequential(101, 10, 3);

        assertEquals(4, batches.size());
        assertArrayEquals(new int[] {0, 10, 20}, batches.get(0));
        assertArrayEquals(new int[] {30, 40, 50}, batches.get(1));
        assertArrayEquals(new int[] {60, 70, 80}, batches.get(2));
        assertArrayEquals(new int[] {90}, batches.get(3));
    }

    @Test
    void sequentialOfExactMultipleHasNoPartialBatch() {
        List<int[]> batches = SequencePlan.sequential(61, 10, 3);
        assertEquals(2, batches.size());
        assertArrayEquals(new int[] {30, 40, 50}, batches.get(1));
    }

    private static int[] flatten(List<int[]> batches) {
        var all = new ArrayList<Integer>();
        batches.forEach(b -> {
            for (int s : b) {
                all.add(s);
            }
        });
        return all.stream().mapToInt(Integer::intValue).toArray();
    }
}
