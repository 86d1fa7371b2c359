package org.scopedrnn.data.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.scopedrnn.data.CorpusException;
import org.scopedrnn.data.Pair;
import org.scopedrnn.data.PairOptions;

/**
 * A segment's pairs as ids, held by the executor that read them (cached by Spark, never sent to the
 * driver): its training pairs in file order and its validation pairs in the file's validation
 * order ({@link HeldOutPairs}), each with its rank in that order.
 */
public final class SegmentPairs implements Serializable {

    private final int index;
    private final int fileIndex;
    private final PairIds train = new PairIds();
    private final PairIds validation = new PairIds();
    private long skippedTooLong;
    private long trainTargetSteps;

    private SegmentPairs(int index, int fileIndex) {
        this.index = index;
        this.fileIndex = fileIndex;
    }

    /**
     * Reads the segment's pairs in use again, encodes them with the vocabularies' indexes (code
     * point -> id, already past the reserved ids) and splits them as the file's split says.
     */
    public static SegmentPairs read(PairSegment layout, Map<Integer, Integer> sourceIndex,
            Map<Integer, Integer> targetIndex, PairOptions options, long seed, Configuration conf) {
        Segment segment = layout.segment();
        var rows = new ArrayList<int[][]>((int) layout.used());
        long skipped = 0;
        try (SegmentLines owned = SegmentLines.open(segment, conf)) {
            while (rows.size() < layout.used()) {
                String line = owned.next();
                if (line == null || (!line.isEmpty() && PairLines.problem(line) != null)) {
                    throw changed(segment, layout.pairOffset() + rows.size());
                }
                if (line.isEmpty()) {
                    continue;
                }
                Pair pair = PairLines.pair(line, options.reverse());
                if (!options.fits(pair)) {
                    skipped++;
                    continue;
                }
                long at = layout.pairOffset() + rows.size();
                rows.add(new int[][] {encode(pair.source(), sourceIndex, segment, at),
                    encode(pair.target(), targetIndex, segment, at)});
            }
        }
        SegmentPairs out = split(segment.index(), segment.fileIndex(), rows, layout, seed);
        out.skippedTooLong = layout.scannedSkips() >= 0 ? layout.scannedSkips() : skipped;
        return out;
    }

    /**
     * Splits {@code rows} (the encoded pairs {@code layout.pairOffset()} onwards of a file, as
     * {@code {source, target}} ids) into training and validation pairs.
     */
    public static SegmentPairs split(int index, int fileIndex, List<int[][]> rows, PairSegment layout, long seed) {
        int[] heldOut = HeldOutPairs.of(Math.toIntExact(layout.filePairs()), Math.toIntExact(layout.fileCut()), seed);
        int[] rank = new int[rows.size()];
        java.util.Arrays.fill(rank, -1);
        for (int r = 0; r < heldOut.length; r++) {
            long local = heldOut[r] - layout.pairOffset();
            if (local >= 0 && local < rows.size()) {
                rank[(int) local] = r;
            }
        }
        var out = new SegmentPairs(index, fileIndex);
        var validation = new ArrayList<Integer>();
        for (int i = 0; i < rows.size(); i++) {
            if (rank[i] < 0) {
                out.train.add(rows.get(i)[0], rows.get(i)[1], -1);
                out.trainTargetSteps += rows.get(i)[1].length + 1;
            } else {
                validation.add(i);
            }
        }
        validation.sort(Comparator.comparingInt(i -> rank[i]));
        for (int i : validation) {
            out.validation.add(rows.get(i)[0], rows.get(i)[1], rank[i]);
        }
        out.train.trim();
        out.validation.trim();
        return out;
    }

    private static int[] encode(String text, Map<Integer, Integer> index, Segment segment, long pair) {
        return text.codePoints().map(cp -> {
            Integer id = index.get(cp);
            if (id == null) {
                throw changed(segment, pair);
            }
            return id;
        }).toArray();
    }

    private static CorpusException changed(Segment segment, long pair) {
        return new CorpusException("pairs file " + segment.path() + " changed while training read it (pair "
                + (pair + 1) + " of the file is missing or new): do not modify the pairs during a run");
    }

    public int index() {
        return index;
    }

    public int fileIndex() {
        return fileIndex;
    }

    public PairIds train() {
        return train;
    }

    /** Validation pairs, in the file's validation order ({@link PairIds#rank}). */
    public PairIds validation() {
        return validation;
    }

    /** Pairs over the length limits skipped (before the corpus's end, as a single file's reader counts them). */
    public long skippedTooLong() {
        return skippedTooLong;
    }

    /** Target characters plus END over the training pairs. */
    public long trainTargetSteps() {
        return trainTargetSteps;
    }
}
