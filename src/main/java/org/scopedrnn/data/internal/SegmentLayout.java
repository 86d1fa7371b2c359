package org.scopedrnn.data.internal;

import java.io.Serializable;

/**
 * Where one segment's characters lie in its file and which windows start in it; computed on the
 * driver from the first pass ({@link CorpusLayout}), shipped with the segment to the executor that
 * keeps its ids. Positions are in characters (code points) from the file's start.
 *
 * @param offset file position of the segment's first owned character
 * @param kept owned characters in use (fewer than owned when {@code data.max-chars} ends the corpus here)
 * @param stored characters the executor keeps: the kept ones plus up to seq-length more from the
 *     following bytes of the file, so that every window starting here is complete
 * @param firstWindow file-wide index k of the first training window starting here (window k starts
 *     at character k * seqLength, as in the single-file {@code SequencePlan})
 * @param windows training windows starting here
 * @param trainBase corpus-wide index of the first of them (windows are numbered in file order)
 * @param cut the file's train/validation boundary: its last validation-fraction is validation text
 * @param firstValidation file-wide index j of the first validation window starting here (window j
 *     starts at cut + j * seqLength)
 * @param validationWindows validation windows starting here
 */
public record SegmentLayout(Segment segment, long offset, long kept, long stored, long firstWindow, long windows,
        long trainBase, long cut, long firstValidation, long validationWindows, int seqLength)
        implements Serializable {

    /** Index into the stored ids where training window {@code w} (0-based within this segment) starts. */
    public int trainStart(long w) {
        return (int) ((firstWindow + w) * seqLength - offset);
    }

    /** Index into the stored ids where validation window {@code v} starts. */
    public int validationStart(long v) {
        return (int) (cut + (firstValidation + v) * seqLength - offset);
    }

    /** Kept characters before the file's cut (training text). */
    public long trainChars() {
        return Math.max(0, Math.min(kept, cut - offset));
    }

    /** Kept characters from the file's cut on (validation text). */
    public long validationChars() {
        return kept - trainChars();
    }
}
