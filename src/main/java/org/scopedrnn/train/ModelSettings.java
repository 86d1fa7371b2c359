package org.scopedrnn.train;

import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.InputKind;

/**
 * The configured architecture before the vocabulary is known (it comes from the corpus or a
 * checkpoint). Validated here with the config keys' names, so errors point at what to edit.
 */
public record ModelSettings(int layers, int hidden, InputKind input, int embeddingSize, double keepProb,
        double forgetBias, String rootScope) {

    public ModelSettings {
        TrainSettings.atLeast("model.layers", layers, 1);
        TrainSettings.atLeast("model.hidden", hidden, 1);
        if (input == InputKind.EMBEDDING) {
            TrainSettings.atLeast("model.embedding-size", embeddingSize, 1);
        } else if (embeddingSize != 0) {
            throw new IllegalArgumentException("model.embedding-size is " + embeddingSize
                    + " but model.input is one-hot: set model.input = embedding, or model.embedding-size = 0");
        }
        if (!(keepProb > 0 && keepProb <= 1)) {
            throw new IllegalArgumentException("model.keep-prob must be in (0, 1], got " + keepProb);
        }
        try {
            // the spec's remaining checks (root scope syntax, forget bias), now rather than later
            new CharLstmSpec(2, layers, hidden, input, embeddingSize, keepProb, forgetBias, rootScope);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model: " + e.getMessage(), e);
        }
    }

    public CharLstmSpec toSpec(int vocabSize) {
        return new CharLstmSpec(vocabSize, layers, hidden, input, embeddingSize, keepProb, forgetBias, rootScope);
    }
}
