package org.scopedrnn.data.internal;

import java.util.Arrays;

/**
 * Where each segment's training items (windows or pairs) start in the corpus-wide numbering:
 * items are numbered segment by segment, so item {@code g} lies in the last segment whose base is
 * at most {@code g}. One entry per segment that holds items; never one per item.
 */
public final class ItemBases {

    private final long[] bases;
    private final int[] segments;
    private final long items;

    /** @param counts items of each segment, by segment index */
    public ItemBases(long[] counts) {
        int n = (int) Arrays.stream(counts).filter(c -> c > 0).count();
        bases = new long[n];
        segments = new int[n];
        long total = 0;
        int k = 0;
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] > 0) {
                bases[k] = total;
                segments[k++] = s;
                total += counts[s];
            }
        }
        items = total;
    }

    public long items() {
        return items;
    }

    /** The segment holding corpus-wide item {@code g}, and the item's index within it. */
    public long[] locate(long g) {
        if (g < 0 || g >= items) {
            throw new IndexOutOfBoundsException("training item " + g + " of " + items);
        }
        int at = Arrays.binarySearch(bases, g);
        int k = at >= 0 ? at : -at - 2;
        return new long[] {segments[k], g - bases[k]};
    }
}
