package org.scopedrnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class WorkerSharesTest {

    private static List<Integer> sizes(int batches, int workers) {
        var shares = new WorkerShares(batches, workers);
        var sizes = new ArrayList<Integer>();
        for (int p = 0; p < shares.numPartitions(); p++) {
            sizes.add(0);
        }
        int last = 0;
        for (int b = 0; b < batches; b++) {
            int p = shares.getPartition(b);
            assertTrue(p >= last, "minibatch " + b + " went back to partition " + p);
            last = p;
            sizes.set(p, sizes.get(p) + 1);
        }
        return sizes;
    }

    @Test
    void eachWorkerGetsAContiguousRunAndTheRunsDifferByAtMostOne() {
        assertEquals(List.of(5, 5), sizes(10, 2));
        assertEquals(List.of(4, 3), sizes(7, 2));
        assertEquals(List.of(3, 2, 2), sizes(7, 3));
        assertEquals(List.of(1), sizes(1, 2), "fewer minibatches than workers: one partition each");
        assertEquals(List.of(1, 1, 1), sizes(3, 8));
    }

    @Test
    void aPartitionsRowsAreGatheredPerMinibatchInMinibatchOrder() {
        var rows = List.of(new Tuple2<>(4, "d"), new Tuple2<>(3, "a"), new Tuple2<>(4, "e"), new Tuple2<>(3, "b"));
        assertEquals(List.of(List.of("a", "b"), List.of("d", "e")), WorkerShares.byMinibatch(rows.iterator()));
    }

    @Test
    void aMinibatchOutsideTheRoundOrNoWorkersIsRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> new WorkerShares(4, 2).getPartition(4));
        assertEquals("minibatch 4 is outside the round's 0 to 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WorkerShares(4, 0));
    }
}
