package org.scopedrnn.data.internal;

import java.io.Serializable;

/**
 * A byte range {@code [start, end)} of one corpus file. The segment owns the characters whose
 * first byte lies in the range (after the universal-newline rule: a {@code \n} right after a
 * {@code \r} belongs to the {@code \r}'s character).
 *
 * @param index position of the segment in corpus order (files sorted, then by offset)
 * @param fileIndex position of the file in the sorted file list
 */
public record Segment(int index, int fileIndex, String path, long start, long end) implements Serializable {

    public Segment {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("segment of " + path + " must have 0 <= start <= end, got [" + start
                    + ", " + end + ")");
        }
    }

    public long bytes() {
        return end - start;
    }
}
