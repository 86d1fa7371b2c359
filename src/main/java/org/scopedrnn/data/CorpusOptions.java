package org.scopedrnn.data;

/**
 * How {@link ExecutorCorpus} reads and cuts a corpus.
 *
 * @param input a file, a directory or a glob on any Hadoop FileSystem ({@link CorpusFiles})
 * @param newlines how line ends are read
 * @param maxChars use only the first this many characters of the corpus, in file order (0 = all)
 * @param validationFraction each file's last this fraction of characters is validation text
 * @param seqLength characters per training sequence (a window is one more: the target is shifted)
 * @param validationMaxChars score at most this many validation transitions (0 = all), in file order
 * @param splitBytes the largest byte range one Spark task reads ({@link #DEFAULT_SPLIT_BYTES})
 */
public record CorpusOptions(String input, Newlines newlines, long maxChars, double validationFraction, int seqLength,
        long validationMaxChars, long splitBytes) {

    /** 64 MiB: a partition's ids (1 byte a character for vocabularies up to 256) stay well inside a task's memory. */
    public static final long DEFAULT_SPLIT_BYTES = 64L << 20;

    /** A segment's ids are one Java array, so a split holds fewer than 2^31 characters. */
    public static final long MAX_SPLIT_BYTES = 1L << 30;

    public CorpusOptions {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("the input must name a corpus file, directory or glob");
        }
        if (newlines == null) {
            throw new IllegalArgumentException("newlines must be universal or keep");
        }
        if (maxChars < 0) {
            throw new IllegalArgumentException("max chars must be >= 0 (0 = all), got " + maxChars);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        if (seqLength < 1) {
            throw new IllegalArgumentException("sequence length must be at least 1, got " + seqLength);
        }
        if (validationMaxChars < 0) {
            throw new IllegalArgumentException("validation max chars must be >= 0 (0 = all), got " + validationMaxChars);
        }
        if (splitBytes < 1 || splitBytes > MAX_SPLIT_BYTES) {
            throw new IllegalArgumentException("split size must be 1 to " + MAX_SPLIT_BYTES + " bytes, got " + splitBytes);
        }
    }

    public CorpusOptions withSplitBytes(long bytes) {
        return new CorpusOptions(input, newlines, maxChars, validationFraction, seqLength, validationMaxChars, bytes);
    }
}
