package org.scopedrnn.train;

import org.scopedrnn.data.Newlines;

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
            throw new IllegalArgumentException("data.input must name a corpus file");
        }
        TrainSettings.atLeast("data.seq-length", seqLength, 1);
        TrainSettings.atLeast("data.max-chars", maxChars, 0);
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("data.validation-fraction must be in [0, 1), got " + validationFraction);
        }
        if (newlines == null) {
            throw new IllegalArgumentException("data.newlines must be universal or keep");
        }
    }

    public DataSettings withInput(String newInput) {
        return new DataSettings(newInput, seqLength, validationFraction, maxChars, newlines);
    }
}
