package org.scopedrnn.data.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeMap;

/**
 * The driver's map of a corpus after the first pass: for every segment, its characters' place in
 * its file, its training windows and its validation windows. Its size grows with the number of
 * segments and files, never with the text.
 *
 * <p>The rules, per file (so that adding a file never moves another file's text between training
 * and validation): the first {@code maxChars} characters of the corpus in file order are used; a
 * file's last {@code validationFraction} of characters is validation text (its cut is
 * {@code round(n * (1 - fraction))}, as {@code CorpusSplit} computes it for one text); training
 * windows are {@code seqLength + 1} characters starting at multiples of seqLength from the file's
 * start and ending by the cut; validation windows start at the cut every seqLength characters, their
 * total capped at {@code validationCap} transitions (0 = all) taken in file order. For a single file
 * these are exactly today's {@code CorpusSplit}, {@code SequencePlan} and validation windows.
 */
public final class CorpusLayout {

    private final List<SegmentLayout> segments;
    private final ItemBases windowBases;
    private final TreeMap<Integer, Integer> firstSegment = new TreeMap<>();
    private long trainWindows;
    private long validationWindows;
    private long chars;
    private long longestValidation;

    private CorpusLayout(List<SegmentLayout> segments, List<SegmentScan> scans) {
        this.segments = List.copyOf(segments);
        long[] counts = new long[segments.size()];
        for (SegmentLayout s : segments) {
            trainWindows += s.windows();
            validationWindows += s.validationWindows();
            chars += s.kept();
            counts[s.segment().index()] = s.windows();
            SegmentScan scan = scans.get(s.segment().index());
            for (int i = 0; i < scan.codePoints().length; i++) {
                if (scan.firstIndex()[i] < s.kept()) {
                    firstSegment.putIfAbsent(scan.codePoints()[i], s.segment().index());
                }
            }
        }
        windowBases = new ItemBases(counts);
    }

    /**
     * @param segments every segment in corpus order ({@code segments.get(i).index() == i})
     * @param scans the first pass's result for each segment, by index
     */
    public static CorpusLayout of(List<Segment> segments, List<SegmentScan> scans, long maxChars,
            double validationFraction, int seqLength, long validationCap) {
        var out = new ArrayList<SegmentLayout>(segments.size());
        long corpusChars = 0;
        long trainBase = 0;
        long validationBudget = validationCap;
        long longestValidation = 0;
        long[] kept = new long[segments.size()];
        int i = 0;
        while (i < segments.size()) {
            int fileIndex = segments.get(i).fileIndex();
            int end = i;
            long n = 0;
            while (end < segments.size() && segments.get(end).fileIndex() == fileIndex) {
                long owned = scans.get(end).chars();
                kept[end] = maxChars > 0 ? Math.max(0, Math.min(owned, maxChars - corpusChars)) : owned;
                corpusChars += kept[end];
                n += kept[end];
                end++;
            }
            long cut = Math.round(n * (1 - validationFraction));
            long windows = cut >= 1 ? (cut - 1) / seqLength : 0;
            long validationLength = n - cut;
            longestValidation = Math.max(longestValidation, validationLength);
            if (validationCap > 0) {
                validationLength = Math.min(validationLength, validationBudget + 1);
            }
            long validation = validationLength >= 1 ? (validationLength - 1) / seqLength : 0;
            validationBudget -= validation * seqLength;
            long offset = 0;
            for (int s = i; s < end; s++) {
                SegmentLayout layout = place(segments.get(s), offset, kept[s], n, cut, windows, validation,
                        trainBase, seqLength);
                trainBase += layout.windows();
                out.add(layout);
                offset += kept[s];
            }
            i = end;
        }
        var layout = new CorpusLayout(out, scans);
        layout.longestValidation = longestValidation;
        return layout;
    }

    private static SegmentLayout place(Segment segment, long offset, long kept, long fileChars, long cut,
            long fileWindows, long fileValidation, long trainBase, int seq) {
        long end = offset + kept;
        long k0 = Math.min(fileWindows, ceilDiv(offset, seq));
        long k1 = Math.min(fileWindows, ceilDiv(end, seq));
        long j0 = Math.min(fileValidation, Math.max(0, ceilDiv(offset - cut, seq)));
        long j1 = Math.min(fileValidation, Math.max(0, ceilDiv(end - cut, seq)));
        long stored = kept == 0 ? 0 : Math.min(kept + seq, fileChars - offset);
        return new SegmentLayout(segment, offset, kept, stored, k0, Math.max(0, k1 - k0), trainBase, cut,
                j0, Math.max(0, j1 - j0), seq);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    public List<SegmentLayout> segments() {
        return segments;
    }

    /** The distinct code points of the characters in use, sorted. */
    public NavigableSet<Integer> codePoints() {
        return firstSegment.navigableKeySet();
    }

    /** The first segment (in corpus order) that uses {@code codePoint}; one entry per distinct character. */
    public Segment firstSegmentOf(int codePoint) {
        Integer index = firstSegment.get(codePoint);
        if (index == null) {
            throw new IllegalArgumentException("code point U+" + Integer.toHexString(codePoint) + " is not in use");
        }
        return segments.get(index).segment();
    }

    public long trainWindows() {
        return trainWindows;
    }

    public long validationWindows() {
        return validationWindows;
    }

    /** Characters in use (after {@code maxChars}). */
    public long chars() {
        return chars;
    }

    public long trainChars() {
        return segments.stream().mapToLong(SegmentLayout::trainChars).sum();
    }

    public long validationChars() {
        return segments.stream().mapToLong(SegmentLayout::validationChars).sum();
    }

    /** The longest validation part of one file, before the cap (windows never span two files). */
    public long longestValidation() {
        return longestValidation;
    }

    /** Where each segment's training windows start in the corpus-wide numbering. */
    public ItemBases windowBases() {
        return windowBases;
    }
}
