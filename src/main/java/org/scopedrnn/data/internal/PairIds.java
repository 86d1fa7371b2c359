package org.scopedrnn.data.internal;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Encoded pairs packed into two flat id arrays with offsets (a list of small arrays would cost
 * more than the ids). Appended in order, read by index; {@link #rank(int)} carries what the owner
 * says about each pair (its position in the file's validation order, or -1).
 */
public final class PairIds implements Serializable {

    private int[] source = new int[64];
    private int[] target = new int[64];
    private int[] sourceEnd = new int[16];
    private int[] targetEnd = new int[16];
    private int[] ranks = new int[16];
    private int size;
    private int sourceLength;
    private int targetLength;

    public void add(int[] sourceIds, int[] targetIds, int rank) {
        if (size == sourceEnd.length) {
            sourceEnd = Arrays.copyOf(sourceEnd, size * 2);
            targetEnd = Arrays.copyOf(targetEnd, size * 2);
            ranks = Arrays.copyOf(ranks, size * 2);
        }
        source = append(source, sourceLength, sourceIds);
        target = append(target, targetLength, targetIds);
        sourceLength += sourceIds.length;
        targetLength += targetIds.length;
        sourceEnd[size] = sourceLength;
        targetEnd[size] = targetLength;
        ranks[size++] = rank;
    }

    private static int[] append(int[] into, int length, int[] ids) {
        int[] out = length + ids.length > into.length ? Arrays.copyOf(into, Math.max(into.length * 2,
                length + ids.length)) : into;
        System.arraycopy(ids, 0, out, length, ids.length);
        return out;
    }

    /** Drops the spare capacity once every pair is in. */
    public PairIds trim() {
        source = Arrays.copyOf(source, sourceLength);
        target = Arrays.copyOf(target, targetLength);
        sourceEnd = Arrays.copyOf(sourceEnd, size);
        targetEnd = Arrays.copyOf(targetEnd, size);
        ranks = Arrays.copyOf(ranks, size);
        return this;
    }

    public int size() {
        return size;
    }

    public int[] source(int i) {
        return Arrays.copyOfRange(source, i == 0 ? 0 : sourceEnd[i - 1], sourceEnd[i]);
    }

    public int[] target(int i) {
        return Arrays.copyOfRange(target, i == 0 ? 0 : targetEnd[i - 1], targetEnd[i]);
    }

    /** Target length plus END: the labels pair {@code i} contributes to the loss. */
    public int targetSteps(int i) {
        return targetEnd[i] - (i == 0 ? 0 : targetEnd[i - 1]) + 1;
    }

    public int rank(int i) {
        return ranks[i];
    }
}
