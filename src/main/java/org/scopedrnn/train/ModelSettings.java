package org.scopedrnn.train;

import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.InputKind;

/**
 * The configured architecture before the vocabulary is known (it comes from the corpus or a
 * checkpoint).
 */
public record ModelSettings(int layers, int hidden, InputKind input, int embeddingSize, double keepProb,
        double forgetBias, String rootScope) {

    public ModelSettings {
        // a spec with a placeholder vocabulary runs every architectural check now, at config time
        new CharLstmSpec(2, layers, hidden, input, embeddingSize, keepProb, forgetBias, rootScope);
    }

    public CharLstmSpec toSpec(int vocabSize) {
        return new CharLstmSpec(vocabSize, layers, hidden, input, embeddingSize, keepProb, forgetBias, rootScope);
    }
}
