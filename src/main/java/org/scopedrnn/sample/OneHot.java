package org.scopedrnn.sample;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Single-sequence model inputs: {@code [1, vocab, T]} one-hot or {@code [1, 1, T]} ids. */
public final class OneHot {

    private OneHot() {
    }

    public static INDArray sequence(int[] ids, int vocabSize) {
        float[] data = new float[vocabSize * ids.length];
        for (int t = 0; t < ids.length; t++) {
            data[ids[t] * ids.length + t] = 1f;
        }
        return Nd4j.create(data, new long[] {1, vocabSize, ids.length}, 'c');
    }

    public static INDArray indices(int[] ids) {
        float[] data = new float[ids.length];
        for (int t = 0; t < ids.length; t++) {
            data[t] = ids[t];
        }
        return Nd4j.create(data, new long[] {1, 1, ids.length}, 'c');
    }
}
