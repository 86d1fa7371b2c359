package org.scopedrnn.data.internal;

import java.util.ArrayList;
import java.util.List;
import org.scopedrnn.data.CorpusFiles;

/**
 * Cuts a corpus's files into segments of at most {@code splitBytes} bytes and packs consecutive
 * segments into partitions of at most that many bytes, so that a large file becomes several
 * partitions read in parallel and many small files share one partition (one Spark task each would
 * cost more to schedule than to read). Empty files get no segment.
 */
public record SegmentPlanner(List<Segment> segments, List<List<Segment>> partitions) {

    public static SegmentPlanner plan(CorpusFiles corpus, long splitBytes) {
        if (splitBytes < 1) {
            throw new IllegalArgumentException("split size must be at least 1 byte, got " + splitBytes);
        }
        var segments = new ArrayList<Segment>();
        var partitions = new ArrayList<List<Segment>>();
        var current = new ArrayList<Segment>();
        long currentBytes = 0;
        List<CorpusFiles.CorpusFile> files = corpus.files();
        for (int f = 0; f < files.size(); f++) {
            CorpusFiles.CorpusFile file = files.get(f);
            for (long start = 0; start < file.length(); start += splitBytes) {
                var s = new Segment(segments.size(), f, file.path(), start, Math.min(file.length(), start + splitBytes));
                if (currentBytes + s.bytes() > splitBytes && !current.isEmpty()) {
                    partitions.add(current);
                    current = new ArrayList<>();
                    currentBytes = 0;
                }
                current.add(s);
                currentBytes += s.bytes();
                segments.add(s);
            }
        }
        if (!current.isEmpty()) {
            partitions.add(current);
        }
        return new SegmentPlanner(List.copyOf(segments), List.copyOf(partitions));
    }
}
