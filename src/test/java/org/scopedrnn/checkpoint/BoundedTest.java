package org.scopedrnn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundedTest {

    @Test
    void shortTextIsQuotedWhole() {
        String s = "x".repeat(Bounded.MAX_CHARS);
        assertEquals(s, Bounded.text(s));
        assertEquals(null, Bounded.text(null));
    }

    @Test
    void longTextIsCutWithItsLength() {
        String cut = Bounded.text("y".repeat(600_000));
        assertEquals("y".repeat(Bounded.MAX_CHARS) + "... (600000 chars)", cut);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String s = "a".repeat(Bounded.MAX_CHARS - 1) + "\ud83d\ude00" + "tail";
        String cut = Bounded.text(s);
        assertTrue(cut.startsWith("a".repeat(Bounded.MAX_CHARS - 1) + "... ("), cut);
    }

    @Test
    void aLongListShowsTheItemsThatFitAndTheTotal() {
        assertEquals("[1, 2, 3]", Bounded.list(3, i -> Integer.toString(i + 1), "dimensions"));
        String cut = Bounded.list(200_000, i -> "1", "dimensions");
        assertTrue(cut.startsWith("[1, 1, ") && cut.endsWith(", ... (200000 dimensions)]"), cut);
        assertTrue(cut.length() < Bounded.MAX_CHARS + 40, cut);
        assertEquals("[" + "n".repeat(Bounded.MAX_CHARS) + "... (10000 chars), ... (2 names)]",
                Bounded.list(2, i -> "n".repeat(10_000), "names"));
    }

    @Test
    void shapesFormatTheWayTensorFlowPrintsThemAndLongOnesCut() {
        assertEquals("[2, 3]", Shapes.format(new long[] {2, 3}));
        assertEquals("[]", Shapes.format(new long[0]));
        assertTrue(Shapes.format(new long[100_000]).endsWith("... (100000 dimensions)]"));
    }
}
