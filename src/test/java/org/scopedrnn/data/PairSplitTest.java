package org.scopedrnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PairSplitTest {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void tailHoldsOutTheLastFractionInFileOrderLikeKerasValidationSplit() {
        PairSplit<Integer> s = PairSplit.of(range(10), 0.2, PairSplit.Mode.TAIL, 1);

        assertEquals(range(8), s.train());
        assertEquals(List.of(8, 9), s.validation());
    }

    @Test
    void trainingKeepsTheCeilingLikeKeras() {
        // Keras: split_at = ceil(n * (1 - f)); 7 * 0.8 = 5.6 -> 6 train, 1 validation
        PairSplit<Integer> s = PairSplit.of(range(7), 0.2, PairSplit.Mode.TAIL, 1);

        assertEquals(6, s.train().size());
        assertEquals(List.of(6), s.validation());
        assertEquals(8000, PairSplit.of(range(10_000), 0.2, PairSplit.Mode.TAIL, 1).train().size());
    }

    @Test
    void zeroFractionKeepsEverythingForTraining() {
        PairSplit<Integer> s = PairSplit.of(range(5), 0, PairSplit.Mode.SHUFFLED, 3);

        assertEquals(5, s.train().size());
        assertTrue(s.validation().isEmpty());
    }

    @Test
    void shuffledHoldsOutASeededSampleAndIsAPartition() {
        PairSplit<Integer> s = PairSplit.of(range(1000), 0.2, PairSplit.Mode.SHUFFLED, 9);

        assertEquals(800, s.train().size());
        assertEquals(200, s.validation().size());
        var all = new HashSet<>(s.train());
        all.addAll(s.validation());
        assertEquals(1000, all.size());
        assertEquals(s, PairSplit.of(range(1000), 0.2, PairSplit.Mode.SHUFFLED, 9));
        assertNotEquals(s.validation(), PairSplit.of(range(1000), 0.2, PairSplit.Mode.SHUFFLED, 10).validation());
        assertTrue(s.validation().stream().anyMatch(i -> i < 800), "a shuffled split is not the tail");
    }

    @Test
    void shuffledOrderIsPinnedAndMatchesTheKerasPeer() {
        // bench/keras_seq2seq.py's JavaRandom shuffle gives exactly these (checked by hand:
        // python -c 'import keras_seq2seq as k; print(k.split(list(range(10)), 0.3, "shuffled", 12345))')
        PairSplit<Integer> s = PairSplit.of(range(10), 0.3, PairSplit.Mode.SHUFFLED, 12345);

        assertEquals(List.of(3, 2, 0, 5, 8, 9, 6), s.train());
        assertEquals(List.of(7, 4, 1), s.validation());
        assertEquals(List.of(503, 21, 133, 861, 721),
                PairSplit.of(range(1000), 0.2, PairSplit.Mode.SHUFFLED, -7).validation().subList(0, 5));
    }

    @Test
    void theSplitIsACopy() {
        var items = new ArrayList<>(range(4));
        PairSplit<Integer> s = PairSplit.of(items, 0.5, PairSplit.Mode.TAIL, 0);
        items.set(0, 99);

        assertEquals(List.of(0, 1), s.train());
    }

    @Test
    void badFractionsAndNothingLeftToTrainOnAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> PairSplit.of(range(5), 1.0, PairSplit.Mode.TAIL, 0));
        assertThrows(IllegalArgumentException.class, () -> PairSplit.of(range(5), -0.1, PairSplit.Mode.TAIL, 0));
        assertThrows(IllegalArgumentException.class, () -> PairSplit.of(range(5), Double.NaN, PairSplit.Mode.TAIL, 0));
        var e = assertThrows(CorpusException.class, () -> PairSplit.of(List.of(), 0.2, PairSplit.Mode.TAIL, 0));
        assertTrue(e.getMessage().contains("no training pairs"), e.getMessage());
    }

    @Test
    void modesParseCaseInsensitively() {
        assertEquals(PairSplit.Mode.TAIL, PairSplit.Mode.parse("tail"));
        assertEquals(PairSplit.Mode.SHUFFLED, PairSplit.Mode.parse("Shuffled"));
        var e = assertThrows(IllegalArgumentException.class, () -> PairSplit.Mode.parse("random"));
        assertTrue(e.getMessage().contains("'random'"), e.getMessage());
    }
}
