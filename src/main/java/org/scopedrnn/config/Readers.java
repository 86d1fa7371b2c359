package org.scopedrnn.config;

import com.typesafe.config.Config;
import java.util.function.Supplier;
import org.scopedrnn.data.PairOptions;
import org.scopedrnn.model.Seq2SeqVariables;
import org.scopedrnn.sample.SamplingOptions;

/** Readers of the settings that fill other packages' records (sampling, pair reading). */
public final class Readers {

    private Readers() {
    }

    /** The char-LSTM's {@code sample} settings; {@code sample.seed = 0} means the training seed. */
    public static SamplingOptions sampling(Config c, long trainSeed) {
        long seed = Settings.SAMPLE_SEED.read(c);
        return new SamplingOptions(Settings.PRIME.read(c), Settings.SAMPLE_CHARS.read(c), Settings.TEMPERATURE.read(c),
                Settings.TOP_K.read(c), seed == 0 ? trainSeed : seed);
    }

    /** How seq2seq reads its pair file. */
    public static PairOptions pairs(Config c) {
        return new PairOptions(Settings.MAX_PAIRS.read(c), Settings.MAX_SOURCE_LENGTH.read(c),
                Settings.MAX_TARGET_LENGTH.read(c), Settings.REVERSE.read(c));
    }

    /**
     * Where a seq2seq config defines each scope, for "Originally defined at" in scope errors:
     * {@code <file>: encoder.scope} and so on ({@code model.embedding} and {@code model.output}
     * name the fixed scopes, which no key sets).
     */
    public static Seq2SeqVariables.Origins scopeOrigins(String file) {
        return new Seq2SeqVariables.Origins(file + ": model.embedding", file + ": " + Settings.ENCODER_SCOPE,
                file + ": " + Settings.DECODER_SCOPE, file + ": model.output");
    }

    /**
     * {@code build}'s result; a record's validation error that does not name its key already gets
     * the section it came from ({@code "sample: ..."}), so every message points at what to edit.
     */
    public static <T> T inSection(String section, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            throw new IllegalArgumentException(msg.startsWith(section + ".") ? msg : section + ": " + msg, e);
        }
    }
}
