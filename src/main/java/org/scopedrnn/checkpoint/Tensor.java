package org.scopedrnn.checkpoint;

/**
 * An immutable, dense, row-major array of one {@link DType}: the value of one checkpoint
 * variable. Accessors return copies, so a tensor handed to a checkpoint cannot change under it.
 */
public sealed interface Tensor permits FloatTensor, LongTensor {

    DType dtype();

    /** Dimensions, outermost first; {@code []} for a scalar. A copy. */
    long[] shape();

    /** Number of elements: the product of {@link #shape()} (1 for a scalar). */
    long size();
}
