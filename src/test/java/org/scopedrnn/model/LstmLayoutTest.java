package org.scopedrnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LstmLayoutTest {

    private static final int IN = 3;
    private static final int H = 2;
    // TF gate blocks: i=0, j=1, f=2, o=3; DL4J blocks: j, f, o, i
    private static final int TF_I = 0;
    private static final int TF_J = 1;
    private static final int TF_F = 2;
    private static final int TF_O = 3;

    /** kernel[r][c] = 100 r + c: every element says where it came from. */
    private static INDArray tfKernel() {
        INDArray k = Nd4j.create(DataType.FLOAT, IN + H, 4 * H);
        for (int r = 0; r < IN + H; r++) {
            for (int c = 0; c < 4 * H; c++) {
                k.putScalar(r, c, 100 * r + c);
            }
        }
        return k;
    }

    private static INDArray tfBias() {
        INDArray b = Nd4j.create(DataType.FLOAT, 4 * H);
        for (int c = 0; c < 4 * H; c++) {
            b.putScalar(c, 0.25 * c - 0.5);
        }
        return b;
    }

    // DL4J keeps its parameters as 'f'-ordered views; use the same here.
    private static INDArray dl4jW() {
        return Nd4j.create(DataType.FLOAT, new long[] {IN, 4 * H}, 'f');
    }

    private static INDArray dl4jRW() {
        return Nd4j.create(DataType.FLOAT, new long[] {H, 4 * H}, 'f');
    }

    private static INDArray dl4jB() {
        return Nd4j.create(DataType.FLOAT, new long[] {1, 4 * H}, 'f');
    }

    @Test
    void kernelToDl4jAndBackIsIdentical() {
        INDArray kernel = tfKernel();
        INDArray w = dl4jW();
        INDArray rw = dl4jRW();
        LstmLayout.kernelToDl4j(kernel, w, rw);

        INDArray back = LstmLayout.kernelFromDl4j(w, rw);

        assertArrayEquals(kernel.shape(), back.shape());
        assertEquals(kernel, back);
    }

    @Test
    void biasToDl4jAndBackIsIdentical() {
        INDArray bias = tfBias();
        INDArray b = dl4jB();
        LstmLayout.biasToDl4j(bias, b, 1.0);

        INDArray back = LstmLayout.biasFromDl4j(b, 1.0);

        assertArrayEquals(new long[] {4 * H}, back.shape());
        assertEquals(bias, back);
    }

    @Test
    void gateBlocksLandInDl4jOrderJFOI() {
        INDArray kernel = tfKernel();
        INDArray w = dl4jW();
        INDArray rw = dl4jRW();
        LstmLayout.kernelToDl4j(kernel, w, rw);

        int[] tfBlockOfDl4jBlock = {TF_J, TF_F, TF_O, TF_I};
        for (int d = 0; d < 4; d++) {
            for (int u = 0; u < H; u++) {
                int tfCol = tfBlockOfDl4jBlock[d] * H + u;
                for (int r = 0; r < IN; r++) {
                    assertEquals(kernel.getFloat(r, tfCol), w.getFloat(r, d * H + u), "W row " + r + " block " + d);
                }
                for (int r = 0; r < H; r++) {
                    assertEquals(kernel.getFloat(IN + r, tfCol), rw.getFloat(r, d * H + u),
                            "RW row " + r + " block " + d);
                }
            }
        }
    }

    @Test
    void tfInputGateColumnLandsInDl4jBlock3() {
        INDArray kernel = Nd4j.create(DataType.FLOAT, IN + H, 4 * H);
        kernel.putScalar(1, TF_I * H + 1, 7f); // input row 1, i-gate unit 1
        kernel.putScalar(IN, TF_J * H, 5f); // first recurrent row, j-gate unit 0
        INDArray w = dl4jW();
        INDArray rw = dl4jRW();

        LstmLayout.kernelToDl4j(kernel, w, rw);

        assertEquals(7f, w.getFloat(1, 3 * H + 1));
        assertEquals(7f, w.sumNumber().floatValue());
        assertEquals(5f, rw.getFloat(0, 0));
        assertEquals(5f, rw.sumNumber().floatValue());
    }

    @Test
    void tfForgetAndOutputGatesLandInDl4jBlocks1And2() {
        INDArray kernel = Nd4j.create(DataType.FLOAT, IN + H, 4 * H);
        kernel.putScalar(0, TF_F * H, 3f);
        kernel.putScalar(0, TF_O * H, 4f);
        INDArray w = dl4jW();
        LstmLayout.kernelToDl4j(kernel, w, dl4jRW());

        assertEquals(3f, w.getFloat(0, H));
        assertEquals(4f, w.getFloat(0, 2 * H));
        assertEquals(7f, w.sumNumber().floatValue());
    }

    @Test
    void forgetBiasIsAddedToDl4jForgetBlockOnTheWayIn() {
        INDArray bias = tfBias();
        INDArray b = dl4jB();
        LstmLayout.biasToDl4j(bias, b, 1.0);

        for (int u = 0; u < H; u++) {
            assertEquals(bias.getFloat(TF_J * H + u), b.getFloat(0, u), 0f, "j");
            assertEquals(bias.getFloat(TF_F * H + u) + 1f, b.getFloat(0, H + u), 0f, "f + forget bias");
            assertEquals(bias.getFloat(TF_O * H + u), b.getFloat(0, 2 * H + u), 0f, "o");
            assertEquals(bias.getFloat(TF_I * H + u), b.getFloat(0, 3 * H + u), 0f, "i");
        }
    }

    @Test
    void forgetBiasIsSubtractedOnTheWayOut() {
        INDArray b = dl4jB();
        b.assign(0);
        b.putScalar(0, H, 1.0); // DL4J's forget-gate bias init, forget unit 0
        b.putScalar(0, H + 1, 1.5);

        INDArray bias = LstmLayout.biasFromDl4j(b, 1.0);

        assertEquals(0f, bias.getFloat(TF_F * H), 0f);
        assertEquals(0.5f, bias.getFloat(TF_F * H + 1), 0f);
        assertEquals(0.5f, bias.sumNumber().floatValue(), 0f);
    }

    @Test
    void zeroForgetBiasMovesBlocksWithoutShifting() {
        // how optimizer moments are converted
        INDArray bias = tfBias();
        INDArray b = dl4jB();
        LstmLayout.biasToDl4j(bias, b, 0);

        assertEquals(bias.getFloat(TF_F * H), b.getFloat(0, H), 0f);
        assertEquals(bias, LstmLayout.biasFromDl4j(b, 0));
    }

    @Test
    void kernelShapeMismatchNamesBothShapes() {
        INDArray wrong = Nd4j.create(DataType.FLOAT, IN + H + 1, 4 * H);

        var e = assertThrows(IllegalArgumentException.class, () -> LstmLayout.kernelToDl4j(wrong, dl4jW(), dl4jRW()));

        assertTrue(e.getMessage().contains("kernel"), e.getMessage());
        assertTrue(e.getMessage().contains("[6, 8]"), e.getMessage());
        assertTrue(e.getMessage().contains("[5, 8]"), e.getMessage());
    }

    @Test
    void biasShapeMismatchNamesBothShapes() {
        INDArray wrong = Nd4j.create(DataType.FLOAT, 4 * H + 2);

        var e = assertThrows(IllegalArgumentException.class, () -> LstmLayout.biasToDl4j(wrong, dl4jB(), 1.0));

        assertTrue(e.getMessage().contains("bias"), e.getMessage());
        assertTrue(e.getMessage().contains("[10]"), e.getMessage());
        assertTrue(e.getMessage().contains("[8]"), e.getMessage());
    }

    // ---- SameDiff lstmLayer layout: blocks i, f, j(g), o; no forget bias stored ----

    @Test
    void kernelToSameDiffAndBackIsIdentical() {
        INDArray kernel = tfKernel();
        INDArray w = Nd4j.create(DataType.FLOAT, IN, 4 * H);
        INDArray rw = Nd4j.create(DataType.FLOAT, H, 4 * H);
        LstmLayout.kernelToSameDiff(kernel, w, rw);

        assertEquals(kernel, LstmLayout.kernelFromSameDiff(w, rw));
    }

    @Test
    void sameDiffToTfAndBackIsIdentical() {
        INDArray w = Nd4j.rand(DataType.FLOAT, IN, 4 * H);
        INDArray rw = Nd4j.rand(DataType.FLOAT, H, 4 * H);
        INDArray b = Nd4j.rand(DataType.FLOAT, 4 * H);
        INDArray w2 = Nd4j.create(DataType.FLOAT, IN, 4 * H);
        INDArray rw2 = Nd4j.create(DataType.FLOAT, H, 4 * H);
        INDArray b2 = Nd4j.create(DataType.FLOAT, 4 * H);

        LstmLayout.kernelToSameDiff(LstmLayout.kernelFromSameDiff(w, rw), w2, rw2);
        LstmLayout.biasToSameDiff(LstmLayout.biasFromSameDiff(b), b2);

        assertEquals(w, w2);
        assertEquals(rw, rw2);
        assertEquals(b, b2);
    }

    @Test
    void gateBlocksLandInSameDiffOrderIFJO() {
        INDArray kernel = tfKernel();
        INDArray w = Nd4j.create(DataType.FLOAT, IN, 4 * H);
        INDArray rw = Nd4j.create(DataType.FLOAT, H, 4 * H);
        LstmLayout.kernelToSameDiff(kernel, w, rw);

        int[] tfBlockOfSameDiffBlock = {TF_I, TF_F, TF_J, TF_O};
        for (int d = 0; d < 4; d++) {
            assertEquals(tfBlockOfSameDiffBlock[d], LstmLayout.tfGateOfSameDiffBlock(d));
            for (int u = 0; u < H; u++) {
                int tfCol = tfBlockOfSameDiffBlock[d] * H + u;
                for (int r = 0; r < IN; r++) {
                    assertEquals(kernel.getFloat(r, tfCol), w.getFloat(r, d * H + u), "W row " + r + " block " + d);
                }
                for (int r = 0; r < H; r++) {
                    assertEquals(kernel.getFloat(IN + r, tfCol), rw.getFloat(r, d * H + u), "RW row " + r);
                }
            }
        }
    }

    @Test
    void sameDiffBiasIsAPurePermutationWrittenIntoAView() {
        INDArray bias = tfBias();
        INDArray buffer = Nd4j.zeros(DataType.FLOAT, 1, 4 * H + 3);
        // like a SameDiff vertex's parameter: a [4h] view into the network's flat parameters
        INDArray view = buffer.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 2 + 4 * H));

        LstmLayout.biasToSameDiff(bias, view);

        assertEquals(bias.getFloat(TF_F * H), buffer.getFloat(0, 2 + H), "TF f block lands in SameDiff block 1");
        assertEquals(bias.getFloat(TF_J * H + 1), buffer.getFloat(0, 2 + 2 * H + 1), "TF j block lands in block 2");
        assertEquals(0f, buffer.getFloat(0, 0));
        assertEquals(0f, buffer.getFloat(0, 2 + 4 * H));
        assertEquals(bias, LstmLayout.biasFromSameDiff(view));
    }

    @Test
    void forgetOffsetsPutTheForgetBiasInSameDiffBlock1() {
        INDArray offsets = LstmLayout.sameDiffForgetOffsets(H, 1.0, DataType.FLOAT);

        assertEquals(Nd4j.createFromArray(0f, 0f, 1f, 1f, 0f, 0f, 0f, 0f), offsets);
    }

    @Test
    void libnd4jLstmLayerWithConvertedWeightsComputesTensorFlowsCell() {
        // one step from a given state, through the real op: proves the block order against libnd4j itself
        INDArray kernel = Nd4j.rand(DataType.DOUBLE, IN + H, 4 * H).subi(0.5).muli(2);
        INDArray bias = Nd4j.rand(DataType.DOUBLE, 4 * H).subi(0.5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 1, IN).subi(0.5);
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, 1, H).subi(0.5);
        INDArray c0 = Nd4j.rand(DataType.DOUBLE, 1, H).subi(0.5);
        INDArray w = Nd4j.create(DataType.DOUBLE, IN, 4 * H);
        INDArray rw = Nd4j.create(DataType.DOUBLE, H, 4 * H);
        INDArray b = Nd4j.create(DataType.DOUBLE, 4 * H);
        LstmLayout.kernelToSameDiff(kernel, w, rw);
        LstmLayout.biasToSameDiff(bias, b);
        b.addi(LstmLayout.sameDiffForgetOffsets(H, 1.0, DataType.DOUBLE));

        var sd = org.nd4j.autodiff.samediff.SameDiff.create();
        var cfg = org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig.builder()
                .lstmdataformat(org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat.NTS)
                .retFullSequence(false).retLastH(true).retLastC(true).build();
        var weights = org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights.builder()
                .weights(sd.constant(w)).rWeights(sd.constant(rw)).bias(sd.constant(b)).build();
        var out = FixedLstmLayer.apply(sd, sd.constant(x), sd.constant(h0), sd.constant(c0), null, weights, cfg);
        var values = sd.output((java.util.Map<String, INDArray>) null, out[0].name(), out[1].name());

        double[] xh = new double[IN + H];
        for (int r = 0; r < IN; r++) {
            xh[r] = x.getDouble(0, 0, r);
        }
        for (int r = 0; r < H; r++) {
            xh[IN + r] = h0.getDouble(0, r);
        }
        for (int u = 0; u < H; u++) {
            double[] z = new double[4];
            for (int g = 0; g < 4; g++) {
                z[g] = bias.getDouble(g * H + u);
                for (int r = 0; r < IN + H; r++) {
                    z[g] += xh[r] * kernel.getDouble(r, g * H + u);
                }
            }
            double c = c0.getDouble(0, u) * sigmoid(z[TF_F] + 1.0) + sigmoid(z[TF_I]) * Math.tanh(z[TF_J]);
            double h = Math.tanh(c) * sigmoid(z[TF_O]);
            assertEquals(h, values.get(out[0].name()).getDouble(0, u), 1e-12, "h unit " + u);
            assertEquals(c, values.get(out[1].name()).getDouble(0, u), 1e-12, "c unit " + u);
        }
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
