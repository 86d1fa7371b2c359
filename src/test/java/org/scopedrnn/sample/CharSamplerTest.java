package org.scopedrnn.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.TestModels;

class CharSamplerTest {

    private static final Vocabulary VOCAB = Vocabulary.of("abcdefg");
    private static final CharLstmSpec SPEC = TestModels.oneHot(7, 2, 5, 1.0);

    private final CharLstmModel model = TestModels.withRandomWeights(SPEC, 21, 2.0);
    private final CharSampler sampler = new CharSampler(model, VOCAB);

    @Test
    void sameSeedGivesSameText() {
        var options = new SamplingOptions("abc", 40, 1.0, 0, 5);

        assertEquals(sampler.sample(options), sampler.sample(options));
        assertEquals(sampler.sample(options), new CharSampler(TestModels.withRandomWeights(SPEC, 21, 2.0), VOCAB)
                .sample(options));
    }

    @Test
    void differentSeedGivesDifferentText() {
        assertNotEquals(sampler.sample(new SamplingOptions("abc", 40, 1.0, 0, 5)),
                sampler.sample(new SamplingOptions("abc", 40, 1.0, 0, 6)));
    }

    @Test
    void outputIsThePrimeFollowedByLengthCharacters() {
        String text = sampler.sample(new SamplingOptions("gab", 25, 1.0, 5, 1));

        assertTrue(text.startsWith("gab"), text);
        assertEquals(3 + 25, text.length());
        for (char c : text.toCharArray()) {
            assertTrue(VOCAB.symbols().contains(String.valueOf(c)), "'" + c + "' is not in the vocabulary");
        }
    }

    @Test
    void zeroLengthGivesThePrime() {
        assertEquals("abc", sampler.sample(new SamplingOptions("abc", 0, 1.0, 5, 1)));
    }

    @Test
    void primeWithCharacterOutsideTheVocabularyListsIt() {
        var e = assertThrows(Vocabulary.UnknownCharactersException.class,
                () -> sampler.sample(new SamplingOptions("The cab", 5, 1.0, 5, 1)));

        assertEquals(List.of(" ", "T", "h"), e.unknown());
    }

    @Test
    void vocabularyOfTheWrongSizeIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CharSampler(model, Vocabulary.of("abcdef")));
        assertTrue(e.getMessage().contains("7") && e.getMessage().contains("6"), e.getMessage());
    }

    @Test
    void stateIsCarriedThroughThePrime() {
        // find a prime whose last character alone (zero state) predicts a different argmax than the whole
        // prime: only then does the greedy first character tell whether the prime's state was carried
        var rnd = new Random(22);
        String prime = null;
        for (int attempt = 0; attempt < 50 && prime == null; attempt++) {
            int[] ids = TestModels.randomIds(rnd, 6, 7);
            if (argMaxAtLastStep(ids) != argMaxAtLastStep(new int[] {ids[ids.length - 1]})) {
                prime = VOCAB.decode(ids);
            }
        }
        assertTrue(prime != null, "no discriminating prime found");

        String text = sampler.sample(new SamplingOptions(prime, 1, 1.0, 1, 1));

        assertEquals(VOCAB.symbol(argMaxAtLastStep(VOCAB.encode(prime, false))), text.substring(prime.length()));
    }

    @Test
    void greedySamplingMatchesRecomputingTheWholeTextEachStep() {
        // state is carried through the prime and every generated character
        String text = sampler.sample(new SamplingOptions("fedcba", 12, 1.0, 1, 1));

        int[] ids = VOCAB.encode(text, false);
        assertTrue(text.substring(6).chars().distinct().count() > 1, "greedy text should vary: " + text);
        for (int t = 6; t < ids.length; t++) {
            int[] prefix = java.util.Arrays.copyOf(ids, t);
            assertEquals(argMaxAtLastStep(prefix), ids[t], "character " + t + " of " + text);
        }
    }

    @Test
    void samplingLeavesNoStateBehind() {
        var options = new SamplingOptions("abc", 10, 1.0, 3, 9);
        String first = sampler.sample(options);
        sampler.sample(new SamplingOptions("gggggg", 10, 1.0, 3, 1));

        assertEquals(first, sampler.sample(options));
    }

    @Test
    void embeddingModelSamplesGreedilyLikeFullRecomputation() {
        CharLstmSpec spec = TestModels.embedding(7, 3, 2, 5);
        CharLstmModel embedding = TestModels.withRandomWeights(spec, 23);

        String text = new CharSampler(embedding, VOCAB).sample(new SamplingOptions("fedcba", 8, 1.0, 1, 1));

        int[] ids = VOCAB.encode(text, false);
        for (int t = 6; t < ids.length; t++) {
            INDArray out = embedding.graph().output(TestModels.input(spec, java.util.Arrays.copyOf(ids, t)))[0];
            assertEquals(argMax(out, t - 1), ids[t], "character " + t + " of " + text);
        }
    }

    private int argMaxAtLastStep(int[] ids) {
        INDArray out = model.graph().output(TestModels.input(SPEC, ids))[0];
        return argMax(out, ids.length - 1);
    }

    private static int argMax(INDArray out, int t) {
        int best = 0;
        for (int v = 1; v < out.size(1); v++) {
            if (out.getDouble(0, v, t) > out.getDouble(0, best, t)) {
                best = v;
            }
        }
        return best;
    }
}
