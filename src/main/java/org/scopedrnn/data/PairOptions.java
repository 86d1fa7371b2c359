package org.scopedrnn.data;

/**
 * How {@link PairCorpus} reads a pair file.
 *
 * @param maxPairs keep at most this many pairs, the first ones in the file (0 = all). Counts
 *     pairs kept, so with length limits the first {@code maxPairs} pairs that fit are used.
 * @param maxSourceLength skip pairs whose source has more characters (code points) than this
 *     (0 = no limit); measured after {@code reverse}
 * @param maxTargetLength the same for the target (0 = no limit), not counting the END symbol
 * @param reverse swap the columns: the second column becomes the source (fra-eng.txt is
 *     English<TAB>French, so {@code reverse} translates French to English)
 */
public record PairOptions(long maxPairs, int maxSourceLength, int maxTargetLength, boolean reverse)
        implements java.io.Serializable {

    /** Every pair, any length, columns as in the file. */
    public static final PairOptions ALL = new PairOptions(0, 0, 0, false);

    public PairOptions {
        if (maxPairs < 0) {
            throw new IllegalArgumentException("max pairs must be 0 (all) or positive, got " + maxPairs);
        }
        if (maxSourceLength < 0) {
            throw new IllegalArgumentException("max source length must be 0 (no limit) or positive, got "
                    + maxSourceLength);
        }
        if (maxTargetLength < 0) {
            throw new IllegalArgumentException("max target length must be 0 (no limit) or positive, got "
                    + maxTargetLength);
        }
    }

    public PairOptions withMaxPairs(long n) {
        return new PairOptions(n, maxSourceLength, maxTargetLength, reverse);
    }

    /** True if the pair fits both length limits. */
    public boolean fits(Pair pair) {
        return (maxSourceLength == 0 || length(pair.source()) <= maxSourceLength)
                && (maxTargetLength == 0 || length(pair.target()) <= maxTargetLength);
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
