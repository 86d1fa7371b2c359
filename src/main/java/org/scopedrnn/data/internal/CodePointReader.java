package org.scopedrnn.data.internal;

import java.io.IOException;

/**
 * The code points of one segment's text, however it is stored: a byte range of a file read through
 * Hadoop ({@link Utf8SegmentReader}) or a document held in memory by the executor that reads a
 * DataFrame's partition ({@link TextSegmentReader}). Both apply the newline mode the same way, so a
 * text scores and trains alike from either.
 */
public interface CodePointReader extends AutoCloseable {

    /** Where the next code point starts, in the source's own unit (file bytes, or UTF-16 chars of a text). */
    long position();

    /** The next code point (a {@code \r\n} pair or lone {@code \r} is one {@code \n} in universal mode), -1 at the end. */
    int next() throws IOException;

    @Override
    void close() throws IOException;
}
