package org.scopedrnn.data.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.scopedrnn.data.Newlines;

/**
 * The lines a segment owns, read with universal newlines (as {@code PairCorpus} reads a whole
 * file): a segment owns the lines whose first character it owns ({@link Utf8SegmentReader}), so a
 * line that crosses the segment's end is read whole by this segment, and the next segment skips
 * to its first line start. Together the segments of a file read every line once; a final line end
 * does not start another line.
 */
public final class SegmentLines implements AutoCloseable {

    private final Segment segment;
    private final Utf8SegmentReader reader;
    private final StringBuilder line = new StringBuilder();

    private SegmentLines(Segment segment, Utf8SegmentReader reader) {
        this.segment = segment;
        this.reader = reader;
    }

    public static SegmentLines open(Segment segment, Configuration conf) {
        Utf8SegmentReader reader = Utf8SegmentReader.open(segment, Newlines.UNIVERSAL, conf);
        var lines = new SegmentLines(segment, reader);
        try {
            if (!reader.atLineStart()) {
                int cp;
                do {
                    cp = reader.next();
                } while (cp >= 0 && cp != '\n');
            }
            return lines;
        } catch (IOException | RuntimeException e) {
            lines.close();
            throw e instanceof IOException io ? failed(segment, io) : (RuntimeException) e;
        }
    }

    /** The next owned line without its line end; null when the segment owns no more. */
    public String next() {
        if (reader.position() >= segment.end()) {
            return null;
        }
        line.setLength(0);
        try {
            for (int cp = reader.next(); cp >= 0 && cp != '\n'; cp = reader.next()) {
                line.appendCodePoint(cp);
            }
        } catch (IOException e) {
            throw failed(segment, e);
        }
        return line.toString();
    }

    private static UncheckedIOException failed(Segment segment, IOException e) {
        return new UncheckedIOException("cannot read pairs file " + segment.path() + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw failed(segment, e);
        }
    }
}
