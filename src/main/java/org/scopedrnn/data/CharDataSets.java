package org.scopedrnn.data;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns windows of character ids into DL4J minibatches: features {@code [batch, vocab, T]} one-hot
 * (or {@code [batch, 1, T]} ids for embedding input), labels {@code [batch, vocab, T]} one-hot of
 * the next character. Runs on executors, so it only touches its arguments.
 */
public final class CharDataSets {

    private CharDataSets() {
    }

    public static DataSet toDataSet(int[] ids, int[] starts, int seqLength, int vocabSize, boolean oneHotInput) {
        int batch = starts.length;
        int featureDepth = oneHotInput ? vocabSize : 1;
        float[] features = new float[batch * featureDepth * seqLength];
        float[] labels = new float[batch * vocabSize * seqLength];
        for (int b = 0; b < batch; b++) {
            int s = starts[b];
            for (int t = 0; t < seqLength; t++) {
                int in = ids[s + t];
                int next = ids[s + t + 1];
                if (oneHotInput) {
                    features[(b * vocabSize + in) * seqLength + t] = 1f;
                } else {
                    features[b * seqLength + t] = in;
                }
                labels[(b * vocabSize + next) * seqLength + t] = 1f;
            }
        }
        return new DataSet(
                Nd4j.create(features, new long[] {batch, featureDepth, seqLength}, 'c'),
                Nd4j.create(labels, new long[] {batch, vocabSize, seqLength}, 'c'));
    }
}
