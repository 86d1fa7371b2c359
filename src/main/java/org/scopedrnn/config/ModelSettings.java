package org.scopedrnn.config;

import com.typesafe.config.Config;
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
        Settings.LAYERS.require(layers);
        Settings.HIDDEN.require(hidden);
        if (input == InputKind.EMBEDDING) {
            TrainSettings.atLeast(Settings.EMBEDDING_SIZE.name(), embeddingSize, 1);
        } else if (embeddingSize != 0) {
            throw new IllegalArgumentException(Settings.EMBEDDING_SIZE + " is " + embeddingSize + " but "
                    + Settings.INPUT_KIND + " is one-hot: set " + Settings.INPUT_KIND + " = embedding, or "
                    + Settings.EMBEDDING_SIZE + " = 0");
        }
        if (lstmImpl == null) {
            throw new IllegalArgumentException(Settings.LSTM_IMPL + " must be set: "
                    + Setting.listed(Settings.LSTM_IMPL.choices()));
        }
        Settings.KEEP_PROB.require(keepProb);
        try {
            // the spec's remaining checks (root scope syntax, forget bias), now rather than later
            new CharLstmSpec(2, layers, hidden, input, embeddingSize, keepProb, forgetBias, rootScope);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model: " + e.getMessage(), e);
        }
    }

    /** The char-LSTM's {@code model} settings of a resolved config. */
    public static ModelSettings read(Config c) {
        return new ModelSettings(Settings.LAYERS.read(c), Settings.HIDDEN.read(c), Settings.INPUT_KIND.read(c),
                Settings.EMBEDDING_SIZE.read(c), Settings.KEEP_PROB.read(c), Settings.FORGET_BIAS.read(c),
                Settings.ROOT_SCOPE.read(c), Settings.LSTM_IMPL.read(c));
    }

    public CharLstmSpec toSpec(int vocabSize) {
        return new CharLstmSpec(vocabSize, layers, hidden, input, embeddingSize, keepProb, forgetBias, rootScope);
    }
}
