package org.scopedrnn.train;

import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.LstmImpl;

/**
 * The configured architecture before the vocabulary is known (it comes from the corpus or a
 * checkpoint). Validated here with the config keys' names, so errors point at what to edit.
 * {@code lstmImpl} picks the code that computes the LSTM layers, not the architecture: it is not
 * part of the spec or of checkpoints.
 */
public record ModelSettings(int layers, int hidden, InputKind input, int embeddingSize, double keepProb,
        double forgetBias, String rootScope, LstmImpl lstmImpl) {

    public ModelSettings {
        TrainSettings.atLeast("model.layers", layers, 1);
        TrainSettings.atLeast("model.hidden", hidden, 1);
        if (input == InputKind.EMBEDDING) {
            TrainSettings.atLeast("model.embedding-size", embeddingSize, 1);
        } else if (embeddingSize != 0) {
            throw new IllegalArgumentException("model.embedding-size is " + embeddingSize
                    + " but model.input is one-hot: set model.input = embedding, or model.embedding-size = 0");
        }
        if (lstmImpl == null) {
            throw new IllegalArgumentException("model.lstm-impl must be set: fused or dl4j");
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
