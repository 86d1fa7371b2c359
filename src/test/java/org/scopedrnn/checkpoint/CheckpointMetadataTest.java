package org.scopedrnn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointMetadataTest {

    private static CheckpointMetadata with(
            List<String> vocab, long step, int epoch, Double loss, String createdAt) {
        return new CheckpointMetadata("char-lstm", Map.of(), vocab, step, epoch, loss, 1,
                Map.of(), Map.of(), createdAt);
    }

    private static String error(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void validMetadataKeepsItsValues() {
        CheckpointMetadata m = TestCheckpoints.metadata(100, 1.25);
        assertEquals(100, m.step());
        assertEquals(1.25, m.validationLoss());
        assertEquals(List.of("a", "b", "c"), m.vocabulary());
    }

    @Test
    void negativeStepOrEpochIsRejected() {
        assertEquals("step is -1; expected >= 0",
                error(() -> with(List.of(), -1, 0, null, TestCheckpoints.CREATED)));
        assertEquals("epoch is -2; expected >= 0",
                error(() -> with(List.of(), 0, -2, null, TestCheckpoints.CREATED)));
    }

    @Test
    void validationLossMustBeAFiniteNonNegativeNumberOrNull() {
        assertTrue(error(() -> with(List.of(), 0, 0, Double.NaN, TestCheckpoints.CREATED))
                .startsWith("validationLoss is NaN; expected a finite cross-entropy >= 0"));
        assertTrue(error(() -> with(List.of(), 0, 0, -0.5, TestCheckpoints.CREATED))
                .startsWith("validationLoss is -0.5"));
    }

    @Test
    void blankModelTypeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CheckpointMetadata(" ", Map.of(),
                List.of(), 0, 0, null, 0, Map.of(), Map.of(), TestCheckpoints.CREATED));
    }

    @Test
    void vocabularyEntriesMustBeSingleDistinctCodePoints() {
        assertEquals("vocabulary[1] is \"ab\" (U+0061 U+0062); expected exactly one character"
                        + " (one Unicode code point)",
                error(() -> with(List.of("x", "ab"), 0, 0, null, TestCheckpoints.CREATED)));
        assertEquals("vocabulary[2] \"a\" (U+0061) duplicates vocabulary[0]; each character must"
                        + " have one id",
                error(() -> with(List.of("a", "b", "a"), 0, 0, null, TestCheckpoints.CREATED)));
        assertTrue(error(() -> with(List.of("\uD800"), 0, 0, null, TestCheckpoints.CREATED))
                .contains("lone surrogate"));
        assertEquals(List.of("😀"), with(List.of("😀"), 0, 0, null, TestCheckpoints.CREATED).vocabulary());
    }

    @Test
    void createdAtMustBeAnIsoInstant() {
        assertEquals("createdAt is \"yesterday\"; expected an ISO-8601 instant such as"
                        + " 2026-01-31T12:00:00Z",
                error(() -> with(List.of(), 0, 0, null, "yesterday")));
        assertThrows(IllegalArgumentException.class, () -> with(List.of(), 0, 0, null, null));
    }

    @Test
    void specAndConfigAreDeepCopiedWithNumbersNormalizedAsJsonReadsThem() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("hidden", 512);
        List<Object> layers = new ArrayList<>(List.of(inner));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("layers", layers);
        spec.put("keep", 0.5f);
        CheckpointMetadata m = new CheckpointMetadata("char-lstm", spec, List.of(), 0, 0, null, 0,
                Map.of(), Map.of(), TestCheckpoints.CREATED);
        inner.put("hidden", 1);
        layers.clear();

        assertEquals(Map.of("layers", List.of(Map.of("hidden", 512L)), "keep", 0.5), m.spec());
        assertThrows(UnsupportedOperationException.class, () -> m.spec().put("x", 1));
    }

    @Test
    void specValueThatIsNotJsonIsRejectedNamingItsPath() {
        Map<String, Object> spec = Map.of("model", Map.of("when", new java.util.Date(0)));
        String message = error(() -> new CheckpointMetadata("char-lstm", spec, List.of(), 0, 0,
                null, 0, Map.of(), Map.of(), TestCheckpoints.CREATED));
        assertTrue(message.startsWith("spec.model.when is a java.util.Date"), message);
    }

    @Test
    void nullVersionValueIsRejected() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("dl4j", null);
        assertThrows(IllegalArgumentException.class, () -> new CheckpointMetadata("char-lstm",
                Map.of(), List.of(), 0, 0, null, 0, Map.of(), versions, TestCheckpoints.CREATED));
    }
}
