package org.scopedrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scopedrnn.scope.Reuse;

class Seq2SeqSpecTest {

    private static String failure(int vs, int vt, int e, int h, String enc, String dec, Reuse reuse, boolean shared) {
        return assertThrows(IllegalArgumentException.class,
                () -> new Seq2SeqSpec(vs, vt, e, h, enc, dec, reuse, shared)).getMessage();
    }

    @Test
    void defaultsAreTheConfigsExplicitScopesWithoutSharing() {
        Seq2SeqSpec s = Seq2SeqSpec.of(30, 32, 15, 50);
        assertEquals("encode_cell", s.encoderScope());
        assertEquals("decode_cell", s.decoderScope());
        assertEquals(Reuse.NONE, s.decoderReuse());
        assertFalse(s.sharedEmbedding());
    }

    @Test
    void eachSizeIsValidatedNamingItsField() {
        assertEquals("sourceVocab must be at least 1, got 0", failure(0, 5, 2, 3, null, null, Reuse.NONE, false));
        assertEquals("targetVocab must be at least 2, got 1", failure(5, 1, 2, 3, null, null, Reuse.NONE, false));
        assertEquals("embeddingSize must be at least 1, got 0", failure(5, 5, 0, 3, null, null, Reuse.NONE, false));
        assertEquals("hiddenSize must be at least 1, got -4", failure(5, 5, 2, -4, null, null, Reuse.NONE, false));
    }

    @Test
    void scopesMayBeNullButNotEmptyOrInvalid() {
        assertNull(new Seq2SeqSpec(5, 5, 2, 3, null, null, Reuse.NONE, false).encoderScope());
        String empty = failure(5, 5, 2, 3, "", null, Reuse.NONE, false);
        assertTrue(empty.startsWith("encoderScope must be a scope name, or null"), empty);
        String invalid = failure(5, 5, 2, 3, "encode_cell", "decode cell", Reuse.NONE, false);
        assertTrue(invalid.startsWith("decoderScope: Invalid name \"decode cell\""), invalid);
        String slash = failure(5, 5, 2, 3, "a//b", null, Reuse.NONE, false);
        assertTrue(slash.startsWith("encoderScope: "), slash);
        assertEquals("outer/encode_cell", new Seq2SeqSpec(5, 5, 2, 3, "outer/encode_cell", null, Reuse.NONE, false)
                .encoderScope());
    }

    @Test
    void reuseModeIsRequired() {
        assertEquals("decoderReuse must be set: NONE, REUSE or AUTO_REUSE",
                failure(5, 5, 2, 3, null, null, null, false));
    }

    @Test
    void sharedEmbeddingNeedsOneVocabulary() {
        assertEquals("sharedEmbedding needs sourceVocab == targetVocab, got sourceVocab=5 and targetVocab=6",
                failure(5, 6, 2, 3, null, null, Reuse.NONE, true));
        assertTrue(new Seq2SeqSpec(6, 6, 2, 3, null, null, Reuse.NONE, true).sharedEmbedding());
    }

    @Test
    void mapRoundTripKeepsEveryField() {
        Seq2SeqSpec s = new Seq2SeqSpec(40, 40, 8, 16, "enc", null, Reuse.AUTO_REUSE, true);
        assertEquals(s, Seq2SeqSpec.fromMap(s.toMap()));
        Seq2SeqSpec t = Seq2SeqSpec.of(3, 4, 5, 6);
        assertEquals(t, Seq2SeqSpec.fromMap(t.toMap()));
    }

    @Test
    void fromMapAcceptsJsonNumbersAndLooseValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sourceVocab", 30L);
        m.put("targetVocab", 32.0);
        m.put("embeddingSize", 15);
        m.put("hiddenSize", 50L);
        m.put("encoderScope", "encode_cell");
        m.put("decoderScope", "encode_cell");
        m.put("decoderReuse", "auto-reuse");
        m.put("sharedEmbedding", "false");

        Seq2SeqSpec s = Seq2SeqSpec.fromMap(m);

        assertEquals(new Seq2SeqSpec(30, 32, 15, 50, "encode_cell", "encode_cell", Reuse.AUTO_REUSE, false), s);
    }

    @Test
    void fromMapDefaultsMissingOptionalKeys() {
        Map<String, Object> m = new HashMap<>(Map.of("sourceVocab", 5, "targetVocab", 6, "embeddingSize", 2,
                "hiddenSize", 3));
        assertEquals(new Seq2SeqSpec(5, 6, 2, 3, null, null, Reuse.NONE, false), Seq2SeqSpec.fromMap(m));
    }

    @Test
    void fromMapNamesAMissingOrMalformedKey() {
        String missing = assertThrows(IllegalArgumentException.class,
                () -> Seq2SeqSpec.fromMap(Map.of("sourceVocab", 5))).getMessage();
        assertTrue(missing.startsWith("seq2seq spec lacks 'targetVocab'"), missing);
        String fractional = assertThrows(IllegalArgumentException.class, () -> Seq2SeqSpec.fromMap(
                Map.of("sourceVocab", 5.5, "targetVocab", 6, "embeddingSize", 2, "hiddenSize", 3))).getMessage();
        assertEquals("seq2seq spec 'sourceVocab' must be an integer, got 5.5", fractional);
        String text = assertThrows(IllegalArgumentException.class, () -> Seq2SeqSpec.fromMap(
                Map.of("sourceVocab", "five", "targetVocab", 6, "embeddingSize", 2, "hiddenSize", 3))).getMessage();
        assertEquals("seq2seq spec 'sourceVocab' must be a number, got 'five'", text);
    }

    @Test
    void reuseParsesModeNamesAndTensorFlowBooleans() {
        assertEquals(Reuse.NONE, Seq2SeqSpec.parseReuse(null));
        assertEquals(Reuse.NONE, Seq2SeqSpec.parseReuse(false));
        assertEquals(Reuse.REUSE, Seq2SeqSpec.parseReuse(true));
        assertEquals(Reuse.REUSE, Seq2SeqSpec.parseReuse("reuse"));
        assertEquals(Reuse.AUTO_REUSE, Seq2SeqSpec.parseReuse("AUTO_REUSE"));
        assertEquals("decoderReuse must be NONE, REUSE or AUTO_REUSE, got 'sometimes'",
                assertThrows(IllegalArgumentException.class, () -> Seq2SeqSpec.parseReuse("sometimes")).getMessage());
    }
}
