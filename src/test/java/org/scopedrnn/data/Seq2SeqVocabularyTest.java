package org.scopedrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class Seq2SeqVocabularyTest {

    private static final List<Pair> PAIRS = List.of(new Pair("Go.", "Va !"), new Pair("Hi.", "Salut."));

    @Test
    void reservedIdsArePadStartEndAndCharactersFollowThemSortedByCodePoint() {
        Seq2SeqVocabulary v = Seq2SeqVocabulary.of(PAIRS);

        assertEquals(0, v.padId());
        assertEquals(1, v.startId());
        assertEquals(2, v.endId());
        assertEquals(List.of(".", "G", "H", "i", "o"), v.source().symbols());
        assertEquals(List.of(" ", "!", ".", "S", "V", "a", "l", "t", "u"), v.target().symbols());
        assertEquals(6, v.sourceSize());
        assertEquals(12, v.targetSize());
        assertArrayEquals(new int[] {2, 5, 1}, v.encodeSource("Go."));
        assertArrayEquals(new int[] {7, 8, 3, 4}, v.encodeTarget("Va !"));
    }

    @Test
    void theSamePairsInAnyOrderGiveTheSameIds() {
        assertEquals(Seq2SeqVocabulary.of(PAIRS), Seq2SeqVocabulary.of(List.of(PAIRS.get(1), PAIRS.get(0))));
    }

    @Test
    void tabsAndLineEndsAreOrdinaryCharactersNotMarkers() {
        Seq2SeqVocabulary v = Seq2SeqVocabulary.of(List.of(new Pair("a\tb", "x\ny\tz")));

        int[] ids = v.encodeTarget("x\ny\tz");

        for (int id : ids) {
            assertTrue(id >= Seq2SeqVocabulary.TARGET_OFFSET, "id " + id + " clashes with a reserved id");
        }
        assertEquals("x\ny\tz", v.decodeTarget(ids));
    }

    @Test
    void encodeThenDecodeRoundTripsBothSides() {
        Seq2SeqVocabulary v = Seq2SeqVocabulary.of(PAIRS);

        assertEquals("Hi.", v.decodeSource(v.encodeSource("Hi.")));
        assertEquals("Salut.", v.decodeTarget(v.encodeTarget("Salut.")));
    }

    @Test
    void decodeTargetStopsAtTheFirstEndAndDropsPadAndStart() {
        Seq2SeqVocabulary v = Seq2SeqVocabulary.of(PAIRS);
        int[] va = v.encodeTarget("Va");

        assertEquals("Va", v.decodeTarget(new int[] {1, va[0], 0, va[1], 2, va[0], va[0]}));
        assertEquals("", v.decodeTarget(new int[] {2, va[0]}));
        assertEquals("Va", v.decodeTarget(va));
        assertEquals("Go", v.decodeSource(new int[] {2, 5, 0, 0}));
    }

    @Test
    void decodeRejectsIdsOutsideTheVocabulary() {
        Seq2SeqVocabulary v = Seq2SeqVocabulary.of(PAIRS);

        var e = assertThrows(IllegalArgumentException.class, () -> v.decodeTarget(new int[] {3, 12}));
        assertTrue(e.getMessage().contains("target id 12 is outside the target vocabulary [0, 12)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> v.decodeSource(new int[] {6}));
        assertThrows(IllegalArgumentException.class, () -> v.decodeSource(new int[] {-1}));
    }

    @Test
    void sourceWithUnknownCharactersFailsListingAllOfThem() {
        Seq2SeqVocabulary v = Seq2SeqVocabulary.of(PAIRS);

        var e = assertThrows(Seq2SeqVocabulary.UnknownCharactersException.class, () -> v.encodeSource("Go? Go!"));

        assertEquals("source", e.side());
        assertEquals(List.of(" ", "!", "?"), e.unknown());
        assertTrue(e.getMessage().contains("3 character(s) are not in the model's source vocabulary: "
                + "[' ', '!', '?']"), e.getMessage());
        assertTrue(e.getMessage().contains("remove or replace them in the input"), e.getMessage());
    }

    @Test
    void sourceUnknownCharactersCanBeSkipped() {
        Seq2SeqVocabulary v = Seq2SeqVocabulary.of(PAIRS);

        assertArrayEquals(v.encodeSource("Go."), v.encodeSource("G?o!.", true));
    }

    @Test
    void targetWithUnknownCharactersFails() {
        Seq2SeqVocabulary v = Seq2SeqVocabulary.of(PAIRS);

        var e = assertThrows(Seq2SeqVocabulary.UnknownCharactersException.class, () -> v.encodeTarget("Vaé"));

        assertEquals("target", e.side());
        assertEquals(List.of("é"), e.unknown());
    }

    @Test
    void encodedPairHasNoMarkersAndCopiesItsArrays() {
        Seq2SeqVocabulary v = Seq2SeqVocabulary.of(PAIRS);
        int[] source = v.encodeSource("Go.");

        var p = v.encode(new Pair("Go.", "Va !"));
        var same = new Seq2SeqVocabulary.EncodedPair(source, v.encodeTarget("Va !"));
        source[0] = 99;

        assertEquals(p, same);
        assertEquals(3, p.sourceLength());
        assertEquals(4, p.targetLength());
        p.target()[0] = 99;
        assertNotEquals(99, p.target()[0]);
    }

    @Test
    void encodedPairNeedsASourceCharacter() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Seq2SeqVocabulary.EncodedPair(new int[0], new int[] {3}));
        assertTrue(e.getMessage().contains("at least one character"), e.getMessage());
    }

    @Test
    void sidesWithFewerThanTwoCharactersAreACorpusException() {
        var e = assertThrows(CorpusException.class, () -> Seq2SeqVocabulary.of(List.of(new Pair("aaa", "xy"))));

        assertTrue(e.getMessage().contains("source sentences are too uniform"), e.getMessage());
    }

    @Test
    void targetIdsAreDescribedForLogs() {
        Seq2SeqVocabulary v = Seq2SeqVocabulary.of(PAIRS);

        assertEquals("<PAD>", v.describeTargetId(0));
        assertEquals("<START>", v.describeTargetId(1));
        assertEquals("<END>", v.describeTargetId(2));
        assertEquals("' '", v.describeTargetId(3));
    }

    @Test
    void indexesMapCodePointsToShiftedIds() {
        Seq2SeqVocabulary v = Seq2SeqVocabulary.of(PAIRS);

        assertEquals(1, v.sourceIndex().get((int) '.'));
        assertEquals(3, v.targetIndex().get((int) ' '));
    }
}
