package org.scopedrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class CharDataSetsTest {

    private static final int[] IDS = {0, 1, 2, 3, 4, 0, 2, 4, 1, 3, 0};
    private static final int VOCAB = 5;

    @Test
    void oneHotFeaturesAndLabelsAreBatchVocabTime() {
        DataSet ds = CharDataSets.toDataSet(IDS, new int[] {0, 4}, 4, VOCAB, true);

        assertArrayEquals(new long[] {2, VOCAB, 4}, ds.getFeatures().shape());
        assertArrayEquals(new long[] {2, VOCAB, 4}, ds.getLabels().shape());
    }

    @Test
    void featuresAreOneHotOfTheWindowAndLabelsOfTheNextCharacter() {
        int[] starts = {4, 0};
        DataSet ds = CharDataSets.toDataSet(IDS, starts, 4, VOCAB, true);

        for (int b = 0; b < starts.length; b++) {
            for (int t = 0; t < 4; t++) {
                assertEquals(IDS[starts[b] + t], argMaxOneHot(ds.getFeatures(), b, t), "input b" + b + " t" + t);
                assertEquals(IDS[starts[b] + t + 1], argMaxOneHot(ds.getLabels(), b, t), "label b" + b + " t" + t);
            }
        }
    }

    @Test
    void labelAtTIsInputAtTPlusOne() {
        DataSet ds = CharDataSets.toDataSet(IDS, new int[] {2}, 6, VOCAB, true);

        for (int t = 0; t + 1 < 6; t++) {
            assertEquals(argMaxOneHot(ds.getFeatures(), 0, t + 1), argMaxOneHot(ds.getLabels(), 0, t));
        }
    }

    @Test
    void lastWindowMayEndOnTheLastCharacter() {
        DataSet ds = CharDataSets.toDataSet(IDS, new int[] {5}, 5, VOCAB, true);
        assertEquals(IDS[10], argMaxOneHot(ds.getLabels(), 0, 4));
    }

    @Test
    void embeddingInputGivesIdsOfShapeBatchOneTime() {
        DataSet ds = CharDataSets.toDataSet(IDS, new int[] {0, 5}, 4, VOCAB, false);

        assertArrayEquals(new long[] {2, 1, 4}, ds.getFeatures().shape());
        assertArrayEquals(new long[] {2, VOCAB, 4}, ds.getLabels().shape());
        for (int t = 0; t < 4; t++) {
            assertEquals(IDS[t], ds.getFeatures().getInt(0, 0, t));
            assertEquals(IDS[5 + t], ds.getFeatures().getInt(1, 0, t));
            assertEquals(IDS[5 + t + 1], argMaxOneHot(ds.getLabels(), 1, t));
        }
    }

    private static int argMaxOneHot(INDArray a, int b, int t) {
        int found = -1;
        double sum = 0;
        for (int v = 0; v < a.size(1); v++) {
            double x = a.getDouble(b, v, t);
            sum += x;
            if (x == 1.0) {
                found = v;
            }
        }
        assertEquals(1.0, sum, "exactly one 1 at b" + b + " t" + t);
        return found;
    }
}
