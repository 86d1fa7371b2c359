package org.scopedrnn.data.internal;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.scopedrnn.data.CorpusException;
import org.scopedrnn.data.Newlines;

/**
 * A segment's characters as vocabulary ids, held by the executor that read them (cached by Spark,
 * never sent to the driver): one byte per character while the vocabulary has at most 256 entries,
 * else an int.
 */
public final class SegmentIds implements Serializable {

    private final SegmentLayout layout;
    private final byte[] small;
    private final int[] large;

    private SegmentIds(SegmentLayout layout, byte[] small, int[] large) {
        this.layout = layout;
        this.small = small;
        this.large = large;
    }

    /** Reads the layout's stored characters and encodes them with {@code index} (code point -> id). */
    public static SegmentIds read(SegmentLayout layout, Map<Integer, Integer> index, Newlines newlines,
            Configuration conf) {
        if (layout.stored() == 0) {
            return read(layout, index, null);
        }
        try (Utf8SegmentReader reader = Utf8SegmentReader.open(layout.segment(), newlines, conf)) {
            return read(layout, index, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + layout.segment().path() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The layout's stored characters from {@code reader}, positioned at the segment's first owned one. */
    public static SegmentIds read(SegmentLayout layout, Map<Integer, Integer> index, CodePointReader reader) {
        int n = Math.toIntExact(layout.stored());
        boolean bytes = index.size() <= 256;
        byte[] small = bytes ? new byte[n] : null;
        int[] large = bytes ? null : new int[n];
        for (int i = 0; i < n; i++) {
            int cp = next(reader, layout);
            Integer id = cp < 0 ? null : index.get(cp);
            if (id == null) {
                throw new CorpusException("corpus " + layout.segment().path() + " changed while training "
                        + "read it (character " + (layout.offset() + i) + " is "
                        + (cp < 0 ? "missing" : "new") + "): do not modify the corpus during a run");
            }
            if (bytes) {
                small[i] = (byte) (int) id;
            } else {
                large[i] = id;
            }
        }
        return new SegmentIds(layout, small, large);
    }

    private static int next(CodePointReader reader, SegmentLayout layout) {
        try {
            return reader.next();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + layout.segment().path() + ": " + e.getMessage(), e);
        }
    }

    public SegmentLayout layout() {
        return layout;
    }

    /** Copies the {@code length} ids from {@code start} into {@code out} at {@code at}. */
    public void copy(int start, int length, int[] out, int at) {
        for (int i = 0; i < length; i++) {
            out[at + i] = small != null ? small[start + i] & 0xff : large[start + i];
        }
    }

    /** Training window {@code w} of this segment: seqLength + 1 ids. */
    public int[] trainWindow(long w) {
        int[] out = new int[layout.seqLength() + 1];
        copy(layout.trainStart(w), out.length, out, 0);
        return out;
    }

    /** The ids in use, without the look-ahead (for tests and checks). */
    public int[] keptIds() {
        int[] out = new int[(int) layout.kept()];
        copy(0, out.length, out, 0);
        return out;
    }
}
