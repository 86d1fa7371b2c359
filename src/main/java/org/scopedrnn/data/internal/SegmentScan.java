package org.scopedrnn.data.internal;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import org.apache.hadoop.conf.Configuration;
import org.scopedrnn.data.Newlines;

/**
 * What the first pass learns about one segment on an executor: how many characters it owns and,
 * for each distinct code point, the index of its first occurrence (so that the driver can tell the
 * vocabulary of a prefix when {@code data.max-chars} cuts the corpus inside this segment).
 *
 * @param codePoints distinct code points in order of first occurrence
 * @param firstIndex {@code firstIndex[i]} is where {@code codePoints[i]} first occurs
 */
public record SegmentScan(int index, long chars, int[] codePoints, long[] firstIndex) implements Serializable {

    /** Reads the characters {@code segment} owns. */
    public static SegmentScan of(Segment segment, Newlines newlines, Configuration conf) {
        try (Utf8SegmentReader reader = Utf8SegmentReader.open(segment, newlines, conf)) {
            return of(segment.index(), segment.end(), reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + segment.path() + ": " + e.getMessage(), e);
        }
    }

    /** Reads the characters of segment {@code index} that start before {@code end} (the reader's unit). */
    public static SegmentScan of(int index, long end, CodePointReader reader) throws IOException {
        var first = new LinkedHashMap<Integer, Long>();
        long count = 0;
        while (reader.position() < end) {
            int cp = reader.next();
            if (cp < 0) {
                break;
            }
            first.putIfAbsent(cp, count);
            count++;
        }
        int[] cps = new int[first.size()];
        long[] idx = new long[first.size()];
        int i = 0;
        for (var e : first.entrySet()) {
            cps[i] = e.getKey();
            idx[i++] = e.getValue();
        }
        return new SegmentScan(index, count, cps, idx);
    }
}
