package org.scopedrnn.data.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The driver's map of a pairs corpus after the first pass: how many pairs of each segment are in
 * use and where they lie in their file, each file's train/validation cut, the characters of each
 * side and the first bad line before the end of the corpus. Its size grows with the number of
 * segments and files, never with the pairs.
 *
 * <p>The rules: the first {@code maxPairs} pairs within the length limits, in file order (files
 * sorted by path), are used (0 = all); a bad line after them is never reported, as a single file's
 * reader stops there. The split is per file: a file's pairs in use are shuffled with the run seed
 * and the last {@code 1 - ceil(n * (1 - validationFraction))} held out ({@link HeldOutPairs}), so
 * adding a file never moves another file's pairs between training and validation.
 */
public final class PairLayout {

    /** The first bad line in use: its file, its 1-based line number there and what is wrong. */
    public record Problem(String path, long line, String problem) {
    }

    private final List<PairSegment> segments;
    private final TreeSet<Integer> sourceChars = new TreeSet<>();
    private final TreeSet<Integer> targetChars = new TreeSet<>();
    private final long[] totals = new long[4];
    private Problem problem;

    private PairLayout(List<PairSegment> segments) {
        this.segments = List.copyOf(segments);
    }

    /**
     * @param segments every segment in corpus order ({@code segments.get(i).index() == i})
     * @param scans the first pass's result for each segment, by index
     */
    public static PairLayout of(List<Segment> segments, List<PairSegmentScan> scans, long maxPairs,
            double validationFraction) {
        var out = new ArrayList<PairSegment>(segments.size());
        long[] used = new long[segments.size()];
        boolean[] whole = new boolean[segments.size()];
        long before = 0;
        Problem problem = null;
        long lineBase = 0;
        for (int s = 0; s < segments.size(); s++) {
            PairSegmentScan scan = scans.get(s);
            if (s > 0 && segments.get(s).fileIndex() != segments.get(s - 1).fileIndex()) {
                lineBase = 0;
            }
            boolean inUse = maxPairs == 0 || before + scan.keptBeforeProblem() < maxPairs;
            if (problem == null && scan.problem() != null && inUse) {
                problem = new Problem(segments.get(s).path(), lineBase + scan.problemLine() + 1, scan.problem());
            }
            used[s] = maxPairs > 0 ? Math.max(0, Math.min(scan.kept(), maxPairs - before)) : scan.kept();
            before += used[s];
            whole[s] = scan.problem() == null && (maxPairs == 0 || before < maxPairs);
            lineBase += scan.lines();
        }
        int i = 0;
        while (i < segments.size()) {
            int end = i;
            long n = 0;
            while (end < segments.size() && segments.get(end).fileIndex() == segments.get(i).fileIndex()) {
                n += used[end++];
            }
            long cut = HeldOutPairs.cut(n, validationFraction);
            long offset = 0;
            for (int s = i; s < end; s++) {
                out.add(new PairSegment(segments.get(s), used[s], offset, n, cut, whole[s]
                        ? scans.get(s).read() - scans.get(s).kept() : -1));
                offset += used[s];
            }
            i = end;
        }
        var layout = new PairLayout(out);
        layout.problem = problem;
        layout.count(scans, used);
        return layout;
    }

    private void count(List<PairSegmentScan> scans, long[] used) {
        for (int s = 0; s < used.length; s++) {
            PairSegmentScan scan = scans.get(s);
            chars(scan.sourceFirst(), used[s], sourceChars);
            chars(scan.targetFirst(), used[s], targetChars);
            totals[0] += scan.read();
            totals[1] += scan.kept();
            totals[2] += scan.blank();
            totals[3] += used[s];
        }
    }

    private static void chars(Map<Integer, Long> first, long used, TreeSet<Integer> into) {
        first.forEach((cp, at) -> {
            if (at < used) {
                into.add(cp);
            }
        });
    }

    public List<PairSegment> segments() {
        return segments;
    }

    /** The first bad line among the pairs in use, or null. */
    public Problem problem() {
        return problem;
    }

    /** Distinct code points of the sources in use, sorted. */
    public TreeSet<Integer> sourceChars() {
        return sourceChars;
    }

    public TreeSet<Integer> targetChars() {
        return targetChars;
    }

    /** Pairs in use. */
    public long pairs() {
        return totals[3];
    }

    /** Pair lines parsed, pairs within the limits and blank lines, over everything scanned (for the error when none is left). */
    public long[] scanned() {
        return new long[] {totals[0], totals[1], totals[2]};
    }
}
