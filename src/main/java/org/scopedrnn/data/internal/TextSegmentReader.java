package org.scopedrnn.data.internal;

import org.scopedrnn.data.Newlines;

/**
 * The code points of a document that an executor holds as a string (a row of a DataFrame), with
 * the newline mode applied as {@link Utf8SegmentReader} applies it to a file: a document is a
 * corpus file that happens to be in memory.
 */
public final class TextSegmentReader implements CodePointReader {

    private final String text;
    private final Newlines newlines;
    private int position;

    public TextSegmentReader(String text, Newlines newlines) {
        this.text = text;
        this.newlines = newlines;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public int next() {
        if (position >= text.length()) {
            return -1;
        }
        int cp = text.codePointAt(position);
        position += Character.charCount(cp);
        if (cp == '\r' && newlines == Newlines.UNIVERSAL) {
            if (position < text.length() && text.charAt(position) == '\n') {
                position++;
            }
            return '\n';
        }
        return cp;
    }

    @Override
    public void close() {
    }
}
