package org.scopedrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CharLstmSpecTest {

    private static CharLstmSpec spec(int vocab, int layers, int hidden, InputKind input, int embedding,
            double keepProb, String root) {
        return new CharLstmSpec(vocab, layers, hidden, input, embedding, keepProb, 1.0, root);
    }

    private static String failure(int vocab, int layers, int hidden, InputKind input, int embedding, double keepProb,
            String root) {
        return assertThrows(IllegalArgumentException.class,
                () -> spec(vocab, layers, hidden, input, embedding, keepProb, root)).getMessage();
    }

    @Test
    void validSpecKeepsItsValues() {
        CharLstmSpec s = new CharLstmSpec(83, 2, 512, InputKind.ONE_HOT, 0, 0.5, 1.0, "lstm_cell");
        assertEquals(83, s.vocabSize());
        assertEquals(83, s.inputDepth());
        assertEquals(16, spec(83, 1, 8, InputKind.EMBEDDING, 16, 1.0, "lstm_cell").inputDepth());
    }

    @Test
    void vocabularyOfFewerThanTwoIsRejected() {
        assertEquals("vocabSize must be at least 2, got 1", failure(1, 1, 4, InputKind.ONE_HOT, 0, 1, "lstm_cell"));
    }

    @Test
    void zeroLayersAreRejected() {
        assertEquals("layers must be at least 1, got 0", failure(5, 0, 4, InputKind.ONE_HOT, 0, 1, "lstm_cell"));
    }

    @Test
    void zeroHiddenUnitsAreRejected() {
        assertEquals("hiddenSize must be at least 1, got 0", failure(5, 1, 0, InputKind.ONE_HOT, 0, 1, "lstm_cell"));
    }

    @Test
    void missingInputKindIsRejected() {
        assertTrue(failure(5, 1, 4, null, 0, 1, "lstm_cell").contains("input kind"));
    }

    @Test
    void embeddingSizeWithOneHotInputIsRejectedWithTheFix() {
        String m = failure(5, 1, 4, InputKind.ONE_HOT, 8, 1, "lstm_cell");
        assertTrue(m.contains("embeddingSize is 8"), m);
        assertTrue(m.contains("set input = embedding, or embeddingSize = 0"), m);
    }

    @Test
    void embeddingInputWithoutEmbeddingSizeIsRejected() {
        assertEquals("embeddingSize must be at least 1, got 0", failure(5, 1, 4, InputKind.EMBEDDING, 0, 1, "lstm_cell"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, 1.0001, Double.NaN})
    void keepProbOutsideZeroExclusiveToOneIsRejected(double keepProb) {
        assertEquals("keepProb must be in (0, 1], got " + keepProb,
                failure(5, 1, 4, InputKind.ONE_HOT, 0, keepProb, "lstm_cell"));
    }

    @Test
    void keepProbOfOneIsAccepted() {
        assertEquals(1.0, spec(5, 1, 4, InputKind.ONE_HOT, 0, 1.0, "lstm_cell").keepProb());
    }

    @Test
    void nonFiniteForgetBiasIsRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CharLstmSpec(5, 1, 4, InputKind.ONE_HOT, 0, 1, Double.POSITIVE_INFINITY, "lstm_cell"));
        assertTrue(e.getMessage().contains("forgetBias"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a//b", "a b", "/lead", "trail/", "_x", "a/é"})
    void badRootScopeIsRejectedNamingIt(String root) {
        String m = failure(5, 1, 4, InputKind.ONE_HOT, 0, 1, root);
        assertTrue(m.contains(root), m);
    }

    @Test
    void nestedRootScopeIsAccepted() {
        assertEquals("model/lstm", spec(5, 1, 4, InputKind.ONE_HOT, 0, 1, "model/lstm").rootScope());
    }

    @Test
    void emptyRootScopeIsRejectedBySpec() {
        String m = failure(5, 1, 4, InputKind.ONE_HOT, 0, 1, "");
        assertTrue(m.contains("rootScope") || m.contains("root scope"), m);
    }

    @Test
    void toMapFromMapRoundTrips() {
        CharLstmSpec oneHot = new CharLstmSpec(83, 2, 512, InputKind.ONE_HOT, 0, 0.5, 1.0, "lstm_cell");
        CharLstmSpec embedding = new CharLstmSpec(10, 3, 8, InputKind.EMBEDDING, 4, 0.75, 0.25, "a/b.c-d");

        assertEquals(oneHot, CharLstmSpec.fromMap(oneHot.toMap()));
        assertEquals(embedding, CharLstmSpec.fromMap(embedding.toMap()));
    }

    @Test
    void toMapUsesConfigSpellings() {
        Map<String, Object> m = new CharLstmSpec(83, 2, 512, InputKind.EMBEDDING, 16, 0.5, 1.0, "lstm_cell").toMap();

        assertEquals("embedding", m.get("input"));
        assertEquals(83, m.get("vocabSize"));
        assertEquals("lstm_cell", m.get("rootScope"));
    }

    @Test
    void fromMapAcceptsLongsAndDoublesAsJsonParsersGiveThem() {
        var m = new LinkedHashMap<String, Object>();
        m.put("vocabSize", 83L);
        m.put("layers", 2L);
        m.put("hiddenSize", 512.0);
        m.put("input", "one-hot");
        m.put("embeddingSize", 0L);
        m.put("keepProb", 1L);
        m.put("forgetBias", 1L);
        m.put("rootScope", "lstm_cell");

        assertEquals(new CharLstmSpec(83, 2, 512, InputKind.ONE_HOT, 0, 1.0, 1.0, "lstm_cell"), CharLstmSpec.fromMap(m));
    }

    @Test
    void fromMapMissingKeyNamesIt() {
        var m = new LinkedHashMap<String, Object>(TestModels.oneHot(5, 1, 4, 1.0).toMap());
        m.remove("hiddenSize");

        var e = assertThrows(IllegalArgumentException.class, () -> CharLstmSpec.fromMap(m));

        assertTrue(e.getMessage().contains("'hiddenSize'"), e.getMessage());
    }

    @Test
    void fromMapValidatesLikeTheConstructor() {
        var m = new LinkedHashMap<String, Object>(TestModels.oneHot(5, 1, 4, 1.0).toMap());
        m.put("keepProb", 0L);

        assertThrows(IllegalArgumentException.class, () -> CharLstmSpec.fromMap(m));
    }

    @Test
    void withVocabSizeChangesOnlyTheVocabulary() {
        CharLstmSpec s = new CharLstmSpec(10, 3, 8, InputKind.EMBEDDING, 4, 0.75, 0.25, "x");
        assertEquals(new CharLstmSpec(20, 3, 8, InputKind.EMBEDDING, 4, 0.75, 0.25, "x"), s.withVocabSize(20));
    }
}
