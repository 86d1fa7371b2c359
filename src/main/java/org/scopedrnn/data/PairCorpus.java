package org.scopedrnn.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.scopedrnn.data.internal.PairLines;

/**
 * Source/target sentence pairs read from a tab-separated UTF-8 file on any Hadoop FileSystem
 * path, such as Tatoeba's {@code fra-eng.txt} (English<TAB>French, shortest pairs first).
 *
 * <p>The text is read with {@link TextCorpus#read}: strict UTF-8 (a malformed byte is an error
 * naming its offset), a leading byte-order mark dropped, and universal newlines ({@code \r\n} and
 * lone {@code \r} end a line, as in Python's text mode, which the Keras peer
 * {@code bench/keras_seq2seq.py} uses).
 *
 * <p>Bad input policy, line by line (line numbers count from 1, blank lines included):
 * <ul>
 *   <li>An empty line (zero characters) is skipped and counted in {@link Stats#blankLines}. A
 *       final line end does not start another line.</li>
 *   <li>A non-empty line without a tab is an error naming the file, the line number and showing
 *       the line (whitespace made visible).</li>
 *   <li>An empty source or target (zero characters; a side of spaces is kept as is) is an error
 *       naming the line.</li>
 *   <li>Columns after the second (Tatoeba's attribution column in some releases) are ignored.</li>
 *   <li>A pair longer than {@link PairOptions#maxSourceLength} or
 *       {@link PairOptions#maxTargetLength} is skipped and counted in
 *       {@link Stats#skippedTooLong}.</li>
 *   <li>Reading stops once {@link PairOptions#maxPairs} pairs are kept: lines after that are not
 *       looked at, so they cannot fail the read.</li>
 *   <li>An empty file, a missing file, a directory or invalid UTF-8 is a {@link CorpusException}
 *       (from {@link TextCorpus}); so is a file in which no pair is left (only blank lines, or
 *       every pair too long).</li>
 * </ul>
 * All errors are {@link CorpusException}s: the file cannot be used as is.
 */
public record PairCorpus(String location, List<Pair> pairs, Stats stats) {

    /** Lines longer than this are shown cut in error messages. */
    static final int SHOWN_LINE_CHARS = PairLines.SHOWN_LINE_CHARS;

    /**
     * What reading found.
     *
     * @param read pair lines parsed (non-blank lines up to the point reading stopped)
     * @param kept pairs returned ({@code read - skippedTooLong})
     * @param skippedTooLong pairs over a length limit
     * @param blankLines empty lines skipped
     */
    public record Stats(long read, long kept, long skippedTooLong, long blankLines) {

        public Stats {
            if (read < 0 || kept < 0 || skippedTooLong < 0 || blankLines < 0 || kept + skippedTooLong != read) {
                throw new IllegalArgumentException("inconsistent pair counts: read " + read + ", kept " + kept
                        + ", skipped too long " + skippedTooLong + ", blank lines " + blankLines);
            }
        }

        /** For logs: {@code pairs: read 76036, kept 10000, skipped too long 0, blank lines 0}. */
        public String summary() {
            return "pairs: read " + read + ", kept " + kept + ", skipped too long " + skippedTooLong
                    + ", blank lines " + blankLines;
        }
    }

    public PairCorpus {
        pairs = List.copyOf(pairs);
        if (pairs.isEmpty()) {
            throw noPairs(location, stats);
        }
        if (pairs.size() != stats.kept()) {
            throw new IllegalArgumentException("stats say " + stats.kept() + " pairs were kept, but there are "
                    + pairs.size());
        }
    }

    /** The error for a pairs file (or a set of them) in which no pair is left. */
    static CorpusException noPairs(String location, Stats stats) {
        return new CorpusException("pair corpus " + location + " has no usable pairs (" + stats.summary()
                + "); expected SOURCE<TAB>TARGET lines" + (stats.skippedTooLong() == 0 ? ""
                : " within the length limits (raise max-source-length / max-target-length)"));
    }

    /** The error for a pairs file (or a set of them) without a single character. */
    static CorpusException empty(String location) {
        return new CorpusException("pair corpus " + location + " is empty; expected a UTF-8 file of "
                + "SOURCE<TAB>TARGET lines");
    }

    /** Training pairs ({@code --input}). */
    public static PairCorpus read(String location, PairOptions options, Configuration conf) {
        return read(location, TextCorpus.TRAINING_INPUT, options, conf);
    }

    /** @param option how the user named this file (e.g. {@code --text}), for the fix a message suggests */
    public static PairCorpus read(String location, String option, PairOptions options, Configuration conf) {
        return parse(location, TextCorpus.read(location, option, Newlines.UNIVERSAL, conf).text(), options);
    }

    /** Applies the bad input policy to {@code text} (already decoded, line ends already {@code \n}). */
    public static PairCorpus parse(String location, String text, PairOptions options) {
        if (text.isEmpty()) {
            throw empty(location);
        }
        var pairs = new ArrayList<Pair>();
        long read = 0;
        long tooLong = 0;
        long blank = 0;
        long lineNumber = 0;
        int start = 0;
        while (start < text.length()) {
            if (options.maxPairs() > 0 && pairs.size() >= options.maxPairs()) {
                break;
            }
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNumber++;
            String line = text.substring(start, end);
            start = end + 1;
            if (line.isEmpty()) {
                blank++;
                continue;
            }
            String problem = PairLines.problem(line);
            if (problem != null) {
                throw new CorpusException("pair corpus " + location + " line " + lineNumber + " " + problem);
            }
            Pair pair = PairLines.pair(line, options.reverse());
            read++;
            if (options.fits(pair)) {
                pairs.add(pair);
            } else {
                tooLong++;
            }
        }
        return new PairCorpus(location, pairs, new Stats(read, pairs.size(), tooLong, blank));
    }

    public int size() {
        return pairs.size();
    }
}
