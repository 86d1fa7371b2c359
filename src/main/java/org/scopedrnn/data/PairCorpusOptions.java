package org.scopedrnn.data;

/**
 * How {@link PairScan} and {@link ExecutorPairs} read and split a pairs corpus.
 *
 * @param input a file, a directory or a glob on any Hadoop FileSystem ({@link CorpusFiles})
 * @param pairs which lines are used ({@link PairOptions}: the first N pairs within the length
 *     limits, in file order across the files)
 * @param validationFraction each file's share of pairs held out, after a seeded shuffle of that file's pairs
 * @param splitBytes the largest byte range one Spark task reads ({@link CorpusOptions#DEFAULT_SPLIT_BYTES})
 */
public record PairCorpusOptions(String input, PairOptions pairs, double validationFraction, long splitBytes) {

    public PairCorpusOptions {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("the input must name a pairs file, directory or glob");
        }
        if (pairs == null) {
            throw new IllegalArgumentException("pair options must be given");
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        if (splitBytes < 1 || splitBytes > CorpusOptions.MAX_SPLIT_BYTES) {
            throw new IllegalArgumentException("split size must be 1 to " + CorpusOptions.MAX_SPLIT_BYTES
                    + " bytes, got " + splitBytes);
        }
    }

    public PairCorpusOptions withSplitBytes(long bytes) {
        return new PairCorpusOptions(input, pairs, validationFraction, bytes);
    }
}
