package org.scopedrnn.config;

import com.typesafe.config.Config;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.scopedrnn.data.CorpusException;
import org.scopedrnn.data.CorpusOptions;
import org.scopedrnn.data.CorpusSplit;
import org.scopedrnn.data.Newlines;
import org.scopedrnn.data.SequencePlan;

/**
 * Where the training text comes from and how it is cut.
 *
 * @param input corpus path on any Hadoop FileSystem (plain local paths too)
 * @param seqLength characters per training sequence (the target is shifted by one)
 * @param validationFraction tail of the text held out for validation
 * @param maxChars use only the first this many characters (0 = all)
 * @param newlines how line ends are read
 */
public record DataSettings(String input, int seqLength, double validationFraction, long maxChars, Newlines newlines) {

    public DataSettings {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException(Settings.INPUT_PATH + " must name a corpus file");
        }
        Settings.SEQ_LENGTH.require(seqLength);
        Settings.MAX_CHARS.require(maxChars);
        Settings.VALIDATION_FRACTION.require(validationFraction);
        if (newlines == null) {
            throw new IllegalArgumentException(Settings.NEWLINES + " must be "
                    + Setting.listed(Settings.NEWLINES.choices()));
        }
    }

    /** The char-LSTM's {@code data} settings of a resolved config; {@code resolve} maps a bundled path to a file. */
    public static DataSettings read(Config c, UnaryOperator<String> resolve) {
        return new DataSettings(resolve.apply(Settings.INPUT_PATH.read(c)), Settings.SEQ_LENGTH.read(c),
                Settings.VALIDATION_FRACTION.read(c), Settings.MAX_CHARS.read(c), Settings.NEWLINES.read(c));
    }

    /** The corpus split by these settings; a corpus too short for them is an error naming the keys to change. */
    public CorpusSplit split(int[] ids) {
        return naming(() -> CorpusSplit.of(ids, validationFraction, seqLength));
    }

    /** The batch plan of a training text of {@code trainLength} ids; too short is an error naming the keys. */
    public SequencePlan plan(int trainLength, int batchSize) {
        return naming(batchSize, () -> new SequencePlan(trainLength, seqLength, batchSize));
    }

    /** How the executor-side corpus reads these settings' text ({@code validationMaxChars}: see the train settings). */
    public CorpusOptions corpusOptions(long validationMaxChars) {
        return new CorpusOptions(input, newlines, maxChars, validationFraction, seqLength, validationMaxChars,
                CorpusOptions.DEFAULT_SPLIT_BYTES);
    }

    /**
     * {@code read}'s result (a split or scan of the corpus); the data package words its errors
     * without keys, so a corpus too short for these settings gets the keys to change here.
     */
    public <T> T naming(Supplier<T> read) {
        try {
            return read.get();
        } catch (CorpusException e) {
            throw new CorpusException(e.getMessage() + " (" + Settings.VALIDATION_FRACTION + " = " + validationFraction
                    + ", " + Settings.SEQ_LENGTH + " = " + seqLength + ")", e);
        }
    }

    /** {@code plan}'s result (a batch plan at {@code batchSize}); fewer sequences than a batch names the keys. */
    public <T> T naming(int batchSize, Supplier<T> plan) {
        try {
            return plan.get();
        } catch (CorpusException e) {
            throw new CorpusException(e.getMessage() + " (" + Settings.BATCH_SIZE + " = " + batchSize + ", "
                    + Settings.SEQ_LENGTH + " = " + seqLength + ")", e);
        }
    }

    public DataSettings withInput(String newInput) {
        return new DataSettings(newInput, seqLength, validationFraction, maxChars, newlines);
    }
}
