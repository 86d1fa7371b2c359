package org.scopedrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.LSTMLayer;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SameDiff-level finite-difference checks of the lstmLayer op in the configurations the seq2seq vertex
 * uses; the stock op's gradients are wrong in several of them (initial state, sequence lengths).
 */
class FixedLstmLayerTest {

    private static final int B = 2;
    private static final int T = 3;
    private static final int IN = 2;
    private static final int H = 3;

    /** Max relative error of the gradients of every input that has one, for sum(r_k * out_k^2). */
    private static String check(boolean full, boolean last, boolean seqLen, boolean init) {
        Nd4j.getRandom().setSeed(7);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.rand(DataType.DOUBLE, B, T, IN).subi(0.5));
        SDVariable w = sd.var("w", Nd4j.rand(DataType.DOUBLE, IN, 4 * H).subi(0.5));
        SDVariable rw = sd.var("rw", Nd4j.rand(DataType.DOUBLE, H, 4 * H).subi(0.5));
        SDVariable b = sd.var("b", Nd4j.rand(DataType.DOUBLE, 4 * H).subi(0.5));
        SDVariable h0 = init ? sd.var("h0", Nd4j.rand(DataType.DOUBLE, B, H).subi(0.5)) : null;
        SDVariable c0 = init ? sd.var("c0", Nd4j.rand(DataType.DOUBLE, B, H).subi(0.5)) : null;
        SDVariable lengths = seqLen ? sd.constant("lengths", Nd4j.createFromArray(3.0, 2.0)) : null;
        LSTMLayerConfig config = LSTMLayerConfig.builder().lstmdataformat(LSTMDataFormat.NTS)
                .retFullSequence(full).retLastH(last).retLastC(last).build();
        SDVariable[] out = FixedLstmLayer.apply(sd, x, h0, c0, lengths,
                LSTMLayerWeights.builder().weights(w).rWeights(rw).bias(b).build(), config);
        SDVariable loss = null;
        for (int k = 0; k < out.length; k++) {
            SDVariable term = out[k].mul(out[k]).sum().mul(0.5 + k);
            loss = loss == null ? term : loss.add(term);
        }
        loss.rename("loss");
        sd.setLossVariables("loss");
        List<String> vars = init ? List.of("x", "w", "rw", "b", "h0", "c0") : List.of("x", "w", "rw", "b");
        Map<String, INDArray> grads = sd.calculateGradients(null, vars);
        var failures = new ArrayList<String>();
        for (String v : vars) {
            INDArray p = sd.getVariable(v).getArr();
            INDArray flat = p.reshape(p.length());
            INDArray g = grads.get(v).reshape(p.length());
            for (int i = 0; i < p.length(); i++) {
                double o = flat.getDouble(i);
                flat.putScalar(i, o + 1e-6);
                double plus = sd.output((Map<String, INDArray>) null, "loss").get("loss").getDouble(0);
                flat.putScalar(i, o - 1e-6);
                double minus = sd.output((Map<String, INDArray>) null, "loss").get("loss").getDouble(0);
                flat.putScalar(i, o);
                double numeric = (plus - minus) / 2e-6;
                double analytic = g.getDouble(i);
                if (Math.abs(numeric - analytic) > 1e-6 * Math.max(1, Math.abs(numeric))) {
                    failures.add(v + "[" + i + "] numeric " + numeric + " analytic " + analytic);
                }
            }
        }
        return String.join("\n", failures);
    }

    @Test
    void decoderFromAnInitialStateHasCorrectGradientsIncludingForTheState() {
        assertEquals("", check(true, false, false, true));
    }

    @Test
    void encoderLastStateWithSequenceLengthsHasCorrectGradients() {
        // the stock op back-propagates the last-step gradient into padding here
        assertEquals("", check(false, true, true, false));
    }

    @Test
    void allOutputsWithLengthsAndInitialStateHaveCorrectGradients() {
        assertEquals("", check(true, true, true, true));
    }

    @Test
    void forwardPassUsesH0AsOutputAndC0AsCellState() {
        // zero weights: every gate is sigmoid(0) = 0.5 and the candidate is tanh(0) = 0, so c1 = c0 / 2
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.constant(Nd4j.rand(DataType.DOUBLE, 1, 1, IN));
        SDVariable h0 = sd.constant(Nd4j.valueArrayOf(new long[] {1, H}, 3.0, DataType.DOUBLE));
        SDVariable c0 = sd.constant(Nd4j.valueArrayOf(new long[] {1, H}, 0.8, DataType.DOUBLE));
        var weights = LSTMLayerWeights.builder().weights(sd.constant(Nd4j.zeros(DataType.DOUBLE, IN, 4 * H)))
                .rWeights(sd.constant(Nd4j.zeros(DataType.DOUBLE, H, 4 * H))).build();
        SDVariable[] out = FixedLstmLayer.apply(sd, x, h0, c0, null, weights, LSTMLayerConfig.builder()
                .lstmdataformat(LSTMDataFormat.NTS).retFullSequence(false).retLastH(false).retLastC(true).build());

        INDArray c1 = sd.output((Map<String, INDArray>) null, out[0].name()).get(out[0].name());

        assertEquals(0.4, c1.getDouble(0, 0), 1e-12);
    }

    @Test
    void initialStateNeedsBothHAndC() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.constant(Nd4j.rand(DataType.FLOAT, 1, 1, IN));
        var weights = LSTMLayerWeights.builder().weights(sd.constant(Nd4j.zeros(DataType.FLOAT, IN, 4 * H)))
                .rWeights(sd.constant(Nd4j.zeros(DataType.FLOAT, H, 4 * H))).build();
        assertThrows(IllegalArgumentException.class, () -> FixedLstmLayer.apply(sd, x,
                sd.constant(Nd4j.zeros(DataType.FLOAT, 1, H)), null, null, weights, LSTMLayerConfig.builder().build()));
    }

    @Test
    void installRegistersTheFixedClassForCopiesOfLstmLayer() {
        FixedLstmLayer.install();

        LSTMLayer stock = new LSTMLayer();
        assertSame(FixedLstmLayer.class,
                DifferentialFunctionClassHolder.getInstance().customOpClassForHashAndName(stock.opHash(), stock.opName()));
        assertTrue(stock.opName().equals(new FixedLstmLayer().opName()));
    }
}
