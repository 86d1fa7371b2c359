package org.scopedrnn.data.internal;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.scopedrnn.data.Pair;
import org.scopedrnn.data.PairOptions;

/**
 * What the first pass learns about one segment of a pairs file on an executor: its lines, the
 * pairs within the length limits ("kept"), each character's first kept pair per side (so that the
 * driver can tell the vocabularies of a prefix when {@code data.max-pairs} ends the corpus inside
 * this segment), and its first bad line, if any, which the driver reports with its line number in
 * the file only if it lies before that end. A segment stops at its first bad line, or once it has
 * kept {@code maxPairs} pairs (no segment can use more).
 *
 * @param lines lines read (blank ones included)
 * @param kept pairs within the length limits
 * @param problemLine 0-based line of the first bad line within the segment, -1 if none
 * @param keptBeforeProblem pairs kept before it
 * @param problem what is wrong with it ({@link PairLines#problem})
 */
public record PairSegmentScan(int index, long lines, long blank, long read, long kept, Map<Integer, Long> sourceFirst,
        Map<Integer, Long> targetFirst, long problemLine, long keptBeforeProblem, String problem)
        implements Serializable {

    public static PairSegmentScan of(Segment segment, PairOptions options, Configuration conf) {
        var source = new LinkedHashMap<Integer, Long>();
        var target = new LinkedHashMap<Integer, Long>();
        long lines = 0;
        long blank = 0;
        long read = 0;
        long kept = 0;
        try (SegmentLines owned = SegmentLines.open(segment, conf)) {
            for (String line = owned.next(); line != null; line = owned.next()) {
                if (options.maxPairs() > 0 && kept >= options.maxPairs()) {
                    break;
                }
                lines++;
                if (line.isEmpty()) {
                    blank++;
                    continue;
                }
                String problem = PairLines.problem(line);
                if (problem != null) {
                    return new PairSegmentScan(segment.index(), lines, blank, read, kept, source, target, lines - 1,
                            kept, problem);
                }
                Pair pair = PairLines.pair(line, options.reverse());
                read++;
                if (options.fits(pair)) {
                    long at = kept++;
                    pair.source().codePoints().forEach(cp -> source.putIfAbsent(cp, at));
                    pair.target().codePoints().forEach(cp -> target.putIfAbsent(cp, at));
                }
            }
        }
        return new PairSegmentScan(segment.index(), lines, blank, read, kept, source, target, -1, 0, null);
    }
}
