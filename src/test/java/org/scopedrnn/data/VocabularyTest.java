package org.scopedrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void symbolsAreSortedByCodePoint() {
        Vocabulary v = Vocabulary.of("hello, World\n");

        assertEquals(List.of("\n", " ", ",", "W", "d", "e", "h", "l", "o", "r"), v.symbols());
        assertEquals(10, v.size());
        assertEquals("W", v.symbol(3));
    }

    @Test
    void sameCharactersInAnyOrderGiveTheSameVocabulary() {
        assertEquals(Vocabulary.of("abcabc xyz"), Vocabulary.of("zyx cbacba"));
        assertEquals(Vocabulary.of("The quick brown fox").symbols(), Vocabulary.of("xof nworb kciuq ehT").symbols());
    }

    @Test
    void encodeThenDecodeRoundTrips() {
        String text = "the cat sat\non the mat.";
        Vocabulary v = Vocabulary.of(text);

        int[] ids = v.encode(text, false);

        assertEquals(text.length(), ids.length);
        assertEquals(text, v.decode(ids));
    }

    @Test
    void encodeUsesTheSortedIds() {
        Vocabulary v = Vocabulary.of("cab");
        assertArrayEquals(new int[] {2, 0, 1, 1}, v.encode("cabb", false));
    }

    @Test
    void unknownCharactersAreListedInTheError() {
        Vocabulary v = Vocabulary.of("abc");

        var e = assertThrows(Vocabulary.UnknownCharactersException.class, () -> v.encode("a\nbxcx!", false));

        assertEquals(List.of("\n", "!", "x"), e.unknown());
        assertTrue(e.getMessage().contains("3 character(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("['\\n', '!', 'x']"), e.getMessage());
        // no option named: each command adds the fix it offers (evaluate can skip them, sample cannot)
        assertFalse(e.getMessage().contains("--"), e.getMessage());
    }

    @Test
    void unknownControlAndQuoteCharactersAreRenderedVisibly() {
        Vocabulary v = Vocabulary.of("ab");

        var e = assertThrows(Vocabulary.UnknownCharactersException.class, () -> v.encode("a\t\r'\u0001", false));

        assertTrue(e.getMessage().contains("['\\u0001', '\\t', '\\r', '\\'']"), e.getMessage());
    }

    @Test
    void skipUnknownDropsThem() {
        Vocabulary v = Vocabulary.of("abc");

        int[] ids = v.encode("a\nbxcx!", true);

        assertEquals("abc", v.decode(ids));
    }

    @Test
    void nonBmpCharacterIsOneEntry() {
        String text = "a😀b😀";
        Vocabulary v = Vocabulary.of(text);

        assertEquals(List.of("a", "b", "😀"), v.symbols());
        int[] ids = v.encode(text, false);
        assertArrayEquals(new int[] {0, 2, 1, 2}, ids);
        assertEquals(text, v.decode(ids));
    }

    @Test
    void unknownNonBmpCharacterIsListedWhole() {
        var e = assertThrows(Vocabulary.UnknownCharactersException.class, () -> Vocabulary.of("ab").encode("a🎉", false));
        assertEquals(List.of("🎉"), e.unknown());
    }

    @Test
    void duplicateEntryIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Vocabulary(List.of("a", "b", "a")));
        assertTrue(e.getMessage().contains("'a' appears twice (ids 0 and 2)"), e.getMessage());
    }

    @Test
    void multiCharacterEntryIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Vocabulary(List.of("a", "bc")));
        assertTrue(e.getMessage().contains("entry 1"), e.getMessage());
        assertTrue(e.getMessage().contains("'bc'"), e.getMessage());
    }

    @Test
    void emptyEntryIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Vocabulary(List.of("a", "")));
    }

    @Test
    void fewerThanTwoSymbolsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.of("aaaa"));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        assertTrue(e.getMessage().contains("['a']"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Vocabulary(List.of()));
    }

    @Test
    void explicitSymbolOrderIsKept() {
        // a vocabulary stored in a checkpoint keeps its ids even if not sorted
        Vocabulary v = new Vocabulary(List.of("b", "a"));
        assertArrayEquals(new int[] {1, 0}, v.encode("ab", false));
    }

    @Test
    void symbolsCannotBeModified() {
        Vocabulary v = Vocabulary.of("ab");
        assertThrows(UnsupportedOperationException.class, () -> v.symbols().add("c"));
    }
}
