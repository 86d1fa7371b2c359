package org.scopedrnn.data.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.data.CorpusException;
import org.scopedrnn.data.Newlines;

/**
 * Reads the code points of one file from a segment's start onwards, strictly decoding UTF-8 (the
 * well-formed sequences of Unicode's table 3-7, which is what {@code TextCorpus}'s JDK decoder
 * accepts) and applying the newline mode as {@link Newlines#apply} does on a whole text.
 *
 * <p>Where it starts decides who owns a character at a boundary. A segment owns the characters
 * whose first byte lies in it, so the reader skips the tail of a character begun before the start
 * (found by looking back at most 3 bytes for its lead byte), skips a {@code \n} whose preceding
 * byte is {@code \r} (in universal mode the pair is one newline, owned by the {@code \r}), and at
 * offset 0 skips a byte-order mark. Reading on past the segment's end finishes the last character
 * (and a {@code \r\n} pair) exactly as the next segment's reader expects, so no character is lost or
 * read twice.
 */
public final class Utf8SegmentReader implements CodePointReader {

    private static final int BUFFER = 1 << 16;

    private final String path;
    private final Newlines newlines;
    private final InputStream in;
    private final boolean lineStart;
    private final byte[] buf = new byte[BUFFER];
    private int bufPos;
    private int bufLen;
    private long position;

    private Utf8SegmentReader(String path, Newlines newlines, InputStream in, long position, boolean lineStart) {
        this.path = path;
        this.newlines = newlines;
        this.in = in;
        this.position = position;
        this.lineStart = lineStart;
    }

    /** Opens {@code segment}'s file positioned at the first character the segment owns. */
    public static Utf8SegmentReader open(Segment segment, Newlines newlines, Configuration conf) {
        Path p = new Path(segment.path());
        try {
            FSDataInputStream stream = p.getFileSystem(conf).open(p);
            try {
                long look = Math.max(0, segment.start() - 3);
                stream.seek(look);
                byte[] head = new byte[(int) (segment.start() - look) + 3];
                int n = readFully(stream, head);
                long first = firstOwned(head, n, look, segment.start(), newlines);
                stream.seek(first);
                boolean afterBom = look == 0 && first == 3 && firstOwned(head, n, 0, 0, newlines) == 3;
                return new Utf8SegmentReader(segment.path(), newlines, stream, first, segment.start() == 0
                        || afterBom || endsLine(head[(int) (first - 1 - look)], newlines));
            } catch (IOException | RuntimeException e) {
                stream.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + segment.path() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The offset of the first character owned by a segment starting at {@code start}, given the
     * bytes {@code head[0..n)} read from {@code look} (up to 3 before the start, 3 from it).
     */
    static long firstOwned(byte[] head, int n, long look, long start, Newlines newlines) {
        int at = (int) (start - look);
        if (start == 0) {
            boolean bom = n >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf;
            return bom ? 3 : 0;
        }
        for (int i = at - 1; i >= 0; i--) {
            int b = head[i] & 0xff;
            if (!isContinuation(b)) {
                // the character begun at look + i is the previous segment's: skip its continuation
                // bytes (only those: if it is malformed, the previous segment reports it)
                int end = i + Math.max(1, sequenceLength(b));
                int p = at;
                while (p < end && p < n && isContinuation(head[p] & 0xff)) {
                    p++;
                }
                if (p > at) {
                    return look + p;
                }
                break;
            }
        }
        boolean crlfPair = newlines == Newlines.UNIVERSAL && at < n && head[at - 1] == '\r' && head[at] == '\n';
        return crlfPair ? start + 1 : start;
    }

    /**
     * Whether the first character this reader returns begins a line: it is the file's first, or the
     * byte before it ends a line ({@code \n}, or {@code \r} in universal mode; a {@code \n} after
     * {@code \r} was skipped by {@link #firstOwned}, so the byte before is then that {@code \n}).
     * A continuation byte never ends a line, so this holds for multi-byte characters too; the
     * file's first character after a byte-order mark begins a line whichever segment owns it.
     */
    public boolean atLineStart() {
        return lineStart;
    }

    private static boolean endsLine(byte b, Newlines newlines) {
        return b == '\n' || (b == '\r' && newlines == Newlines.UNIVERSAL);
    }

    /** Offset of the next byte to decode. */
    @Override
    public long position() {
        return position;
    }

    @Override
    public int next() throws IOException {
        long at = position;
        int lead = read();
        if (lead < 0) {
            return -1;
        }
        if (lead < 0x80) {
            if (lead == '\r' && newlines == Newlines.UNIVERSAL) {
                if (peek() == '\n') {
                    read();
                }
                return '\n';
            }
            return lead;
        }
        int length = sequenceLength(lead);
        if (length == 0) {
            throw malformed(lead, at);
        }
        int cp = lead & (0xff >> (length + 1));
        for (int k = 1; k < length; k++) {
            int b = peek();
            if (b < 0 || !continuationAllowed(lead, k, b)) {
                throw malformed(lead, at);
            }
            read();
            cp = (cp << 6) | (b & 0x3f);
        }
        return cp;
    }

    private CorpusException malformed(int lead, long at) {
        return new CorpusException(String.format("corpus %s is not valid UTF-8: byte 0x%02x at offset %d (convert it "
                + "first, e.g. iconv -f latin1 -t utf-8)", path, lead, at));
    }

    /** Bytes of a well-formed sequence led by {@code lead}; 0 when no well-formed sequence starts with it. */
    static int sequenceLength(int lead) {
        if (lead < 0x80) {
            return 1;
        }
        if (lead >= 0xc2 && lead <= 0xdf) {
            return 2;
        }
        if (lead >= 0xe0 && lead <= 0xef) {
            return 3;
        }
        return lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    }

    /** Table 3-7: the second byte's range depends on the lead (no overlongs, surrogates or > U+10FFFF). */
    private static boolean continuationAllowed(int lead, int k, int b) {
        if (k == 1) {
            int lo = lead == 0xe0 ? 0xa0 : lead == 0xf0 ? 0x90 : 0x80;
            int hi = lead == 0xed ? 0x9f : lead == 0xf4 ? 0x8f : 0xbf;
            return b >= lo && b <= hi;
        }
        return isContinuation(b);
    }

    private static boolean isContinuation(int b) {
        return (b & 0xc0) == 0x80;
    }

    private int read() throws IOException {
        int b = peek();
        if (b >= 0) {
            bufPos++;
            position++;
        }
        return b;
    }

    private int peek() throws IOException {
        if (bufPos == bufLen) {
            bufLen = Math.max(0, in.read(buf, 0, buf.length));
            bufPos = 0;
            if (bufLen == 0) {
                return -1;
            }
        }
        return buf[bufPos] & 0xff;
    }

    private static int readFully(InputStream in, byte[] b) throws IOException {
        int n = 0;
        while (n < b.length) {
            int r = in.read(b, n, b.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
