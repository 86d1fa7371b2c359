package org.scopedrnn.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores translations (hypotheses) against references: per-character accuracy, exact-match
 * sequence accuracy, and corpus BLEU over characters ({@link #charBleu}) or words
 * ({@link #wordBleu}).
 *
 * <p>Characters are Unicode code points. Words are the maximal runs of non-space characters,
 * where a space is any {@link Character#isWhitespace whitespace} or
 * {@link Character#isSpaceChar space separator} (so the narrow no-break space French puts before
 * {@code !} and {@code ?} in fra-eng.txt separates words, as in Python's {@code str.split()});
 * punctuation is not split off ({@code "Go."} is one word).
 *
 * <p>BLEU is BLEU-4 of Papineni et al. (2002) at corpus level: n-gram counts (n = 1..4) of every
 * hypothesis are clipped by the largest count of that n-gram in any of its references, and the
 * clipped matches and the hypothesis n-gram totals are summed over the corpus before dividing;
 * the score is {@code BP * exp(sum_n log(p_n) / 4)} with brevity penalty
 * {@code BP = 1 if c > r, else exp(1 - r / c)}, {@code c} = total hypothesis length and
 * {@code r} = the sum over sentences of the reference length closest to the hypothesis length
 * (the shorter on a tie). No smoothing: if some order has no match at all, BLEU is 0; if every
 * hypothesis is empty, BLEU and BP are 0. Scores are in [0, 1] (not percentages). Beware short
 * sentences: a corpus in which no hypothesis has 4 words has word BLEU 0 even when every
 * translation is perfect (the first pairs of fra-eng.txt are 1-3 words); report char BLEU and
 * the accuracies alongside.
 *
 * <p>Against NLTK's {@code corpus_bleu} (default weights, no smoothing function): identical when
 * every order has at least one match and every hypothesis has at least 4 tokens. NLTK counts a
 * hypothesis shorter than n as having one n-gram of order n (its denominator is
 * {@code max(1, count)}), which lowers its score for very short sentences; with a zero match
 * count NLTK's default "method0" returns a tiny positive number with a warning instead of 0.
 */
public final class TranslationMetrics {

    /** BLEU's maximum n-gram order. */
    public static final int MAX_ORDER = 4;

    private TranslationMetrics() {
    }

    /**
     * A corpus BLEU score with its parts.
     *
     * @param score BLEU in [0, 1]
     * @param matches clipped n-gram matches for n = 1..4
     * @param totals hypothesis n-grams for n = 1..4
     * @param brevityPenalty BP
     * @param hypothesisLength c, in tokens
     * @param referenceLength r, in tokens
     */
    public record Bleu(double score, List<Long> matches, List<Long> totals, double brevityPenalty,
                       long hypothesisLength, long referenceLength) {

        public Bleu {
            matches = List.copyOf(matches);
            totals = List.copyOf(totals);
        }

        /** Modified precision p_n for n = 1..4 (0 when there are no hypothesis n-grams). */
        public List<Double> precisions() {
            var p = new ArrayList<Double>(matches.size());
            for (int i = 0; i < matches.size(); i++) {
                p.add(totals.get(i) == 0 ? 0.0 : (double) matches.get(i) / totals.get(i));
            }
            return p;
        }

        /** c / r, the length ratio behind the brevity penalty. */
        public double lengthRatio() {
            return referenceLength == 0 ? 0 : (double) hypothesisLength / referenceLength;
        }
    }

    /** All four metrics for one set of translations. */
    public record Summary(int sentences, double charAccuracy, double sequenceAccuracy, Bleu charBleu,
                          Bleu wordBleu) {

        /** {@code sentences=200 char_accuracy=0.8123 sequence_accuracy=0.3100 char_bleu=0.7012 word_bleu=0.4120}. */
        public String summaryLine() {
            return String.format(Locale.ROOT,
                    "sentences=%d char_accuracy=%.4f sequence_accuracy=%.4f char_bleu=%.4f word_bleu=%.4f",
                    sentences, charAccuracy, sequenceAccuracy, charBleu.score(), wordBleu.score());
        }
    }

    /** Every metric, each hypothesis against the reference at the same index. */
    public static Summary evaluate(List<String> hypotheses, List<String> references) {
        return new Summary(hypotheses.size(), charAccuracy(hypotheses, references),
                sequenceAccuracy(hypotheses, references), charBleu(hypotheses, references),
                wordBleu(hypotheses, references));
    }

    /**
     * Position-wise character accuracy over the references: for each pair, the positions
     * {@code i < |reference|} where the hypothesis has the same character at {@code i}, summed over
     * the corpus and divided by the total reference length. Length mismatches: a hypothesis
     * shorter than its reference scores 0 at the missing positions; characters past the
     * reference's end are ignored (not rewarded, not penalized: {@link #sequenceAccuracy} and BLEU
     * see them). Nothing is aligned: one inserted character makes every later position wrong.
     * References must not all be empty.
     */
    public static double charAccuracy(List<String> hypotheses, List<String> references) {
        checkSizes(hypotheses, references);
        long correct = 0;
        long total = 0;
        for (int k = 0; k < references.size(); k++) {
            int[] hyp = hypotheses.get(k).codePoints().toArray();
            int[] ref = references.get(k).codePoints().toArray();
            for (int i = 0; i < Math.min(hyp.length, ref.length); i++) {
                if (hyp[i] == ref[i]) {
                    correct++;
                }
            }
            total += ref.length;
        }
        if (total == 0) {
            throw new IllegalArgumentException("character accuracy is undefined: all " + references.size()
                    + " references are empty");
        }
        return (double) correct / total;
    }

    /** The fraction of hypotheses exactly equal to their reference (no normalization of any kind). */
    public static double sequenceAccuracy(List<String> hypotheses, List<String> references) {
        checkSizes(hypotheses, references);
        long exact = 0;
        for (int k = 0; k < references.size(); k++) {
            if (hypotheses.get(k).equals(references.get(k))) {
                exact++;
            }
        }
        return (double) exact / references.size();
    }

    /** Corpus BLEU-4 over characters (code points, spaces included), one reference each. */
    public static Bleu charBleu(List<String> hypotheses, List<String> references) {
        checkSizes(hypotheses, references);
        return bleu(map(hypotheses, TranslationMetrics::chars), single(map(references, TranslationMetrics::chars)));
    }

    /** Corpus BLEU-4 over words (split at spaces, see the class comment), one reference each. */
    public static Bleu wordBleu(List<String> hypotheses, List<String> references) {
        checkSizes(hypotheses, references);
        return bleu(map(hypotheses, TranslationMetrics::words), single(map(references, TranslationMetrics::words)));
    }

    /**
     * Corpus BLEU-4 over words with several references per hypothesis (e.g. every French
     * translation fra-eng.txt lists for one English sentence).
     */
    public static Bleu wordBleuMultiReference(List<String> hypotheses, List<List<String>> references) {
        checkSizes(hypotheses, references);
        var refs = new ArrayList<List<List<String>>>(references.size());
        for (var r : references) {
            refs.add(map(r, TranslationMetrics::words));
        }
        return bleu(map(hypotheses, TranslationMetrics::words), refs);
    }

    /**
     * Corpus BLEU-4 of tokenized hypotheses, each against one or more tokenized references (see the
     * class comment for the definition).
     */
    public static Bleu bleu(List<List<String>> hypotheses, List<List<List<String>>> references) {
        checkSizes(hypotheses, references);
        long[] matches = new long[MAX_ORDER];
        long[] totals = new long[MAX_ORDER];
        long c = 0;
        long r = 0;
        for (int k = 0; k < hypotheses.size(); k++) {
            List<String> hyp = hypotheses.get(k);
            List<List<String>> refs = references.get(k);
            if (refs.isEmpty()) {
                throw new IllegalArgumentException("hypothesis " + k + " has no reference");
            }
            for (int n = 1; n <= MAX_ORDER; n++) {
                Map<List<String>, Integer> hypCounts = ngrams(hyp, n);
                Map<List<String>, Integer> maxRef = new HashMap<>();
                for (List<String> ref : refs) {
                    ngrams(ref, n).forEach((g, count) -> maxRef.merge(g, count, Math::max));
                }
                for (var e : hypCounts.entrySet()) {
                    matches[n - 1] += Math.min(e.getValue(), maxRef.getOrDefault(e.getKey(), 0));
                }
                totals[n - 1] += Math.max(0, hyp.size() - n + 1);
            }
            c += hyp.size();
            r += closestLength(refs, hyp.size());
        }
        double bp = c == 0 ? 0 : c > r ? 1 : Math.exp(1 - (double) r / c);
        double score = 0;
        if (c > 0 && allPositive(matches)) {
            double logSum = 0;
            for (int n = 0; n < MAX_ORDER; n++) {
                logSum += Math.log((double) matches[n] / totals[n]);
            }
            score = bp * Math.exp(logSum / MAX_ORDER);
        }
        return new Bleu(score, boxed(matches), boxed(totals), bp, c, r);
    }

    /** The code points of {@code s}, each as a string. */
    public static List<String> chars(String s) {
        var out = new ArrayList<String>(s.length());
        s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }

    /** The words of {@code s}: maximal runs of characters that are neither whitespace nor space separators. */
    public static List<String> words(String s) {
        var out = new ArrayList<String>();
        var word = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (word.length() > 0) {
                    out.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.appendCodePoint(cp);
            }
        });
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        var counts = new HashMap<List<String>, Integer>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return counts;
    }

    private static int closestLength(List<List<String>> refs, int hypLength) {
        int best = refs.get(0).size();
        for (List<String> ref : refs) {
            int len = ref.size();
            int d = Math.abs(len - hypLength);
            int bestD = Math.abs(best - hypLength);
            if (d < bestD || (d == bestD && len < best)) {
                best = len;
            }
        }
        return best;
    }

    private static boolean allPositive(long[] a) {
        for (long v : a) {
            if (v <= 0) {
                return false;
            }
        }
        return true;
    }

    private static List<Long> boxed(long[] a) {
        var out = new ArrayList<Long>(a.length);
        for (long v : a) {
            out.add(v);
        }
        return out;
    }

    private static <T> List<T> map(List<String> texts, java.util.function.Function<String, T> f) {
        var out = new ArrayList<T>(texts.size());
        for (String t : texts) {
            out.add(f.apply(t));
        }
        return out;
    }

    private static List<List<List<String>>> single(List<List<String>> refs) {
        var out = new ArrayList<List<List<String>>>(refs.size());
        for (List<String> r : refs) {
            out.add(List.of(r));
        }
        return out;
    }

    private static void checkSizes(List<?> hypotheses, List<?> references) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException(hypotheses.size() + " hypotheses but " + references.size()
                    + " references: each hypothesis needs the reference at the same index");
        }
        if (hypotheses.isEmpty()) {
            throw new IllegalArgumentException("no translations to score: 0 hypotheses");
        }
    }
}
