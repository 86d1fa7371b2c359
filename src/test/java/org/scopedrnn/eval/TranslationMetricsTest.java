package org.scopedrnn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TranslationMetricsTest {

    private static final double EPS = 1e-12;

    // -- character accuracy

    @Test
    void perfectTranslationsScoreOneEverywhere() {
        var refs = List.of("Va !", "Cours\u202f!", "Je suis malade.", "Il fait très beau aujourd'hui.");

        var s = TranslationMetrics.evaluate(refs, refs);

        assertEquals(1.0, s.charAccuracy(), EPS);
        assertEquals(1.0, s.sequenceAccuracy(), EPS);
        assertEquals(1.0, s.charBleu().score(), EPS);
        assertEquals(1.0, s.wordBleu().score(), EPS);
        assertEquals(1.0, s.wordBleu().brevityPenalty(), EPS);
        assertEquals("sentences=4 char_accuracy=1.0000 sequence_accuracy=1.0000 char_bleu=1.0000 word_bleu=1.0000",
                s.summaryLine());
    }

    @Test
    void charAccuracyIsPositionWiseOverTheReferenceLength() {
        // "abcd" vs "abxd": 3 of 4; "xy" vs "xz": 1 of 2 -> 4 / 6 over the corpus (not the mean 0.625)
        assertEquals(4.0 / 6, TranslationMetrics.charAccuracy(List.of("abxd", "xz"), List.of("abcd", "xy")), EPS);
    }

    @Test
    void aShortHypothesisScoresZeroAtTheMissingPositionsAndExtraCharactersAreIgnored() {
        assertEquals(2.0 / 4, TranslationMetrics.charAccuracy(List.of("ab"), List.of("abcd")), EPS);
        assertEquals(1.0, TranslationMetrics.charAccuracy(List.of("abcdXYZ"), List.of("abcd")), EPS);
        assertEquals(0.0, TranslationMetrics.charAccuracy(List.of(""), List.of("abcd")), EPS);
    }

    @Test
    void charAccuracyIsNotAligned() {
        // one inserted character shifts every later position
        assertEquals(1.0 / 4, TranslationMetrics.charAccuracy(List.of("aXbcd"), List.of("abcd")), EPS);
    }

    @Test
    void charactersAreCodePoints() {
        assertEquals(2.0 / 3, TranslationMetrics.charAccuracy(List.of("😀x😀"), List.of("😀y😀")), EPS);
    }

    @Test
    void charAccuracyNeedsSomeReferenceCharacters() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TranslationMetrics.charAccuracy(List.of("a", ""), List.of("", "")));
        assertTrue(e.getMessage().contains("all 2 references are empty"), e.getMessage());
    }

    // -- sequence accuracy

    @Test
    void sequenceAccuracyCountsExactMatchesOnly() {
        var hyps = List.of("Va !", "Cours !", "Je suis malade", "");
        var refs = List.of("Va !", "Cours\u202f!", "Je suis malade.", "Salut.");

        assertEquals(0.25, TranslationMetrics.sequenceAccuracy(hyps, refs), EPS);
    }

    // -- BLEU, hand-computed

    @Test
    void bleuOfAHypothesisMissingOneWordIsHandComputed() {
        // p1 = 5/5, p2 = 3/4, p3 = 2/3, p4 = 1/2; c = 5, r = 6 -> BP = exp(1 - 6/5)
        // BLEU = exp(-0.2) * (1 * 3/4 * 2/3 * 1/2)^(1/4) = exp(-0.2) / sqrt(2) (NLTK: 0.5789300674674098)
        var b = TranslationMetrics.wordBleu(List.of("the cat sat on mat"), List.of("the cat sat on the mat"));

        assertEquals(List.of(5L, 3L, 2L, 1L), b.matches());
        assertEquals(List.of(5L, 4L, 3L, 2L), b.totals());
        assertEquals(List.of(1.0, 0.75, 2.0 / 3, 0.5), b.precisions());
        assertEquals(Math.exp(-0.2), b.brevityPenalty(), EPS);
        assertEquals(Math.exp(-0.2) / Math.sqrt(2), b.score(), EPS);
        assertEquals(0.5789300674674098, b.score(), 1e-15);
        assertEquals(5.0 / 6, b.lengthRatio(), EPS);
    }

    @Test
    void aLongerHypothesisHasNoBrevityPenaltyButLowerPrecision() {
        // p = 4/6, 3/5, 2/4, 1/3, BP = 1 -> (1/15)^(1/4) (NLTK: 0.5081327481546147)
        var b = TranslationMetrics.wordBleu(List.of("a b c d e f"), List.of("a b c d"));

        assertEquals(1.0, b.brevityPenalty(), EPS);
        assertEquals(Math.pow(1.0 / 15, 0.25), b.score(), EPS);
    }

    @Test
    void countsAreClipped() {
        // "the the the the" vs "the cat": unigram matches clipped to 1 of 4; no bigram match -> 0
        var b = TranslationMetrics.wordBleu(List.of("the the the the"), List.of("the cat"));

        assertEquals(List.of(1L, 0L, 0L, 0L), b.matches());
        assertEquals(0.0, b.score(), EPS);
    }

    @Test
    void countsAreSummedOverTheCorpusBeforeDividing() {
        // alone, the second pair has no 4-gram match (BLEU 0); with the first, the corpus has some
        var first = "a b c d e";
        var hyps = List.of(first, "x y z w");
        var refs = List.of(first, "x y z q");
        var b = TranslationMetrics.wordBleu(hyps, refs);

        assertEquals(0.0, TranslationMetrics.wordBleu(List.of("x y z w"), List.of("x y z q")).score(), EPS);
        assertEquals(List.of(8L, 6L, 4L, 2L), b.matches());
        assertEquals(List.of(9L, 7L, 5L, 3L), b.totals());
        assertEquals(Math.pow(8.0 / 9 * 6.0 / 7 * 4.0 / 5 * 2.0 / 3, 0.25), b.score(), EPS);
    }

    @Test
    void emptyHypothesesScoreZero() {
        var all = TranslationMetrics.evaluate(List.of("", ""), List.of("Va !", "Salut."));
        var some = TranslationMetrics.wordBleu(List.of("", "il fait beau aujourd'hui"),
                List.of("bonjour", "il fait beau aujourd'hui"));

        assertEquals(0.0, all.charBleu().score(), EPS);
        assertEquals(0.0, all.wordBleu().score(), EPS);
        assertEquals(0.0, all.charBleu().brevityPenalty(), EPS);
        assertEquals(0L, all.charBleu().hypothesisLength());
        assertEquals(0.0, all.charAccuracy(), EPS);
        assertEquals(0.0, all.sequenceAccuracy(), EPS);
        // an empty hypothesis adds its reference length: c = 4, r = 5 -> BP = exp(1 - 5/4)
        assertEquals(Math.exp(-0.25), some.score(), EPS);
    }

    @Test
    void aPerfectCorpusOfSentencesAllShorterThanFourWordsHasWordBleuZero() {
        // unsmoothed Papineni BLEU: no 4-grams anywhere -> p4 = 0/0 -> 0. Word BLEU on a sample of
        // only very short pairs (the start of fra-eng.txt) says nothing; char BLEU still does.
        var refs = List.of("Va !", "Cours\u202f!", "Je suis malade.");

        assertEquals(0.0, TranslationMetrics.wordBleu(refs, refs).score(), EPS);
        assertEquals(1.0, TranslationMetrics.charBleu(refs, refs).score(), EPS);
    }

    @Test
    void hypothesesShorterThanFourTokensHaveNoFourGramsSoBleuIsZeroAlone() {
        assertEquals(0.0, TranslationMetrics.wordBleu(List.of("Va !"), List.of("Va !")).score(), EPS);
        assertEquals(List.of(0L, 0L, 0L, 0L), TranslationMetrics.wordBleu(List.of(""), List.of("Va !")).totals());
    }

    @Test
    void charBleuCountsEveryCodePointIncludingSpaces() {
        // "ab c" vs "ab d": p1 = 3/4, p2 = 2/3 ("ab", "b "), p3 = 1/2, p4 = 0 -> 0
        var b = TranslationMetrics.charBleu(List.of("ab c"), List.of("ab d"));

        assertEquals(List.of(3L, 2L, 1L, 0L), b.matches());
        assertEquals(List.of(4L, 3L, 2L, 1L), b.totals());
        assertEquals(0.0, b.score(), EPS);
    }

    // -- BLEU, against NLTK 3.10 corpus_bleu (default weights and smoothing; every hypothesis has
    //    >= 4 tokens and every order some match, where NLTK and Papineni agree)

    @Test
    void wordBleuMatchesNltkWithBrevityPenalty() {
        var hyps = List.of("il fait très beau aujourd'hui", "je suis allé à la plage hier soir",
                "ferme la porte s'il te plaît");
        var refs = List.of("il fait vraiment très beau aujourd'hui", "hier soir je suis allé à la plage avec eux",
                "ferme la porte s'il te plaît");

        assertEquals(0.663043164578168, TranslationMetrics.wordBleu(hyps, refs).score(), 1e-14);
    }

    @Test
    void charBleuMatchesNltk() {
        var hyps = List.of("Va !", "Cours !", "Je suis malade.", "Il est parti.");
        var refs = List.of("Va !", "Courez !", "Je suis malade.", "Elle est partie.");

        assertEquals(0.7627162853024713, TranslationMetrics.charBleu(hyps, refs).score(), 1e-14);
    }

    @Test
    void multiReferenceBleuMatchesNltksDocumentedExample() {
        // nltk.translate.bleu_score.corpus_bleu docstring: 0.5920778868801042
        var hyps = List.of(
                "It is a guide to action which ensures that the military always obeys the commands of the party",
                "he read the book because he was interested in world history");
        var refs = List.of(
                List.of("It is a guide to action that ensures that the military will forever heed Party commands",
                        "It is the guiding principle which guarantees the military forces always being under the "
                                + "command of the Party",
                        "It is the practical guide for the army always to heed the directions of the party"),
                List.of("he was interested in world history because he read the book"));

        assertEquals(0.5920778868801042, TranslationMetrics.wordBleuMultiReference(hyps, refs).score(), 1e-14);
    }

    @Test
    void theClosestReferenceLengthIsTheShorterOnATie() {
        // hypothesis of 5 words; references of 4 and 6 words: r = 4, so no brevity penalty
        var b = TranslationMetrics.bleu(List.of(List.of("a", "b", "c", "d", "e")),
                List.of(List.of(List.of("a", "b", "c", "d"), List.of("a", "b", "c", "d", "e", "f"))));

        assertEquals(4, b.referenceLength());
        assertEquals(1.0, b.brevityPenalty(), EPS);
    }

    // -- tokenization and arguments

    @Test
    void wordsSplitAtAnyUnicodeSpaceAndKeepPunctuation() {
        assertEquals(List.of("Cours", "!"), TranslationMetrics.words("Cours\u202f!"));
        assertEquals(List.of("Go."), TranslationMetrics.words("  Go.\t"));
        assertEquals(List.of("a", "b"), TranslationMetrics.words("a\u00a0\nb"));
        assertEquals(List.of(), TranslationMetrics.words(" "));
        assertEquals(List.of("😀", "x"), TranslationMetrics.chars("😀x"));
    }

    @Test
    void mismatchedOrEmptyInputsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TranslationMetrics.evaluate(List.of("a"), List.of("a", "b")));
        assertTrue(e.getMessage().contains("1 hypotheses but 2 references"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TranslationMetrics.wordBleu(List.of(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> TranslationMetrics.bleu(List.of(List.of("a")), List.of(List.of())));
    }
}
