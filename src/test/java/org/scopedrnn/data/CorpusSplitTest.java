package org.scopedrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CorpusSplitTest {

    private static int[] range(int n) {
        return IntStream.range(0, n).toArray();
    }

    @Test
    void lastTenPercentIsHeldOut() {
        CorpusSplit s = CorpusSplit.of(range(200), 0.1, 10);

        assertArrayEquals(range(180), s.train());
        assertArrayEquals(IntStream.range(180, 200).toArray(), s.validation());
    }

    @Test
    void trainAndValidationTogetherAreTheCorpusInOrder() {
        int[] ids = range(1234);
        CorpusSplit s = CorpusSplit.of(ids, 0.1, 10);

        assertEquals(1234, s.train().length + s.validation().length);
        assertEquals(s.train().length, s.validation()[0]);
        assertEquals(123, s.validation().length, "round(1234 * 0.9) = 1111");
    }

    @Test
    void zeroFractionKeepsEverythingForTraining() {
        CorpusSplit s = CorpusSplit.of(range(50), 0.0, 100);

        assertArrayEquals(range(50), s.train());
        assertEquals(0, s.validation().length);
    }

    @Test
    void validationShorterThanOneSequenceIsAnErrorWithTheNumbers() {
        var e = assertThrows(CorpusException.class, () -> CorpusSplit.of(range(100), 0.1, 10));

        assertTrue(e.getMessage().contains("last 10% = 10 characters"), e.getMessage());
        assertTrue(e.getMessage().contains("one sequence of 11 characters"), e.getMessage());
    }

    @Test
    void validationOfExactlyOneSequenceIsEnough() {
        assertEquals(11, CorpusSplit.of(range(110), 0.1, 10).validation().length);
    }

    @Test
    void fractionOutsideZeroToOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> CorpusSplit.of(range(100), 1.0, 10));
        assertThrows(IllegalArgumentException.class, () -> CorpusSplit.of(range(100), -0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> CorpusSplit.of(range(100), Double.NaN, 10));
    }

    @Test
    void splitDoesNotShareTheInputArray() {
        int[] ids = range(200);
        CorpusSplit s = CorpusSplit.of(ids, 0.1, 10);
        ids[0] = 99;
        ids[199] = 99;
        assertEquals(0, s.train()[0]);
        assertEquals(199, s.validation()[19]);
    }
}
