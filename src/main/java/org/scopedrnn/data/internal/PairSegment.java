package org.scopedrnn.data.internal;

import java.io.Serializable;

/**
 * One segment of a pairs file as the driver lays it out after the first pass, shipped to the
 * executor that encodes and keeps its pairs.
 *
 * @param used pairs of this segment in use (its first ones within the length limits;
 *     fewer than it holds when {@code data.max-pairs} ends the corpus here)
 * @param pairOffset index within its file of the segment's first pair in use
 * @param filePairs pairs in use in the whole file
 * @param fileCut training pairs of the file ({@link HeldOutPairs#cut})
 * @param scannedSkips pairs over the length limits the first pass counted in this segment, when
 *     every line of it lies before the corpus's end; -1 when the corpus ends inside it (then the
 *     second pass counts those before its last pair in use, as a single file's reader stops there)
 */
public record PairSegment(Segment segment, long used, long pairOffset, long filePairs, long fileCut, long scannedSkips)
        implements Serializable {
}
