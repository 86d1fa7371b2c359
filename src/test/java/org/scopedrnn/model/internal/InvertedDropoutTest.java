package org.scopedrnn.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.LstmImpl;
import org.scopedrnn.model.OptimizerSpec;

class InvertedDropoutTest {

    private static final LayerWorkspaceMgr NO_WS = LayerWorkspaceMgr.noWorkspaces();

    private static INDArray dropped(INDArray x, long seed, double keep) {
        Nd4j.getRandom().setSeed(seed);
        return new InvertedDropout(keep).applyDropout(x, x, 0, 0, NO_WS);
    }

    @Test
    void keepsAboutKeepOfTheActivationsScaledByItsInverseAndZeroesTheRest() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 100, 100, 100);
        dropped(x, 1, 0.8);
        long kept = 0;
        for (float v : x.data().asFloat()) {
            assertTrue(v == 0f || Math.abs(v - 1.25f) < 1e-6, "element " + v);
            kept += v == 0f ? 0 : 1;
        }
        assertEquals(0.8, kept / 1e6, 0.002, "kept fraction");
    }

    @Test
    void theSameElementsAreDroppedWhateverTheArraysStridesForTheSameSeed() {
        INDArray timeMajor = Nd4j.rand(DataType.FLOAT, 7, 5, 6);
        INDArray view = timeMajor.permute(1, 2, 0);         // [batch, features, time] over a time-major buffer
        INDArray cOrder = view.dup('c');
        INDArray fOrder = view.dup('f');
        INDArray expected = dropped(cOrder, 42, 0.5);
        assertEquals(expected, dropped(view, 42, 0.5));
        assertEquals(expected, dropped(fOrder, 42, 0.5));
        INDArray matrix = Nd4j.rand(DataType.FLOAT, 9, 4);
        assertEquals(dropped(matrix.dup('c'), 3, 0.7), dropped(matrix.transpose().dup('c').transpose(), 3, 0.7));
        assertNotEquals(expected, dropped(view.dup('c'), 43, 0.5), "another seed, another mask");
        // the LSTM layers' outputs start one block into their buffer (block 0 is the initial state)
        INDArray withState = Nd4j.rand(DataType.FLOAT, 8, 5, 6);
        INDArray offsetView = withState.get(NDArrayIndex.interval(1, 8), NDArrayIndex.all(), NDArrayIndex.all())
                .permute(1, 2, 0);
        INDArray stateBefore = withState.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()).dup();
        INDArray expectedOffset = dropped(offsetView.dup('c'), 8, 0.5);
        assertEquals(expectedOffset, dropped(offsetView, 8, 0.5), "a view that starts past its buffer's start");
        assertEquals(stateBefore, withState.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()),
                "elements before the view untouched");
    }

    @Test
    void backpropScalesTheGradientByTheForwardMaskOnceThenForgetsIt() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 3, 4, 5);
        var d = new InvertedDropout(0.6);
        Nd4j.getRandom().setSeed(9);
        INDArray mask = d.applyDropout(x, x.dup(), 0, 0, NO_WS);
        INDArray grad = Nd4j.ones(DataType.FLOAT, 3, 4, 5).permute(0, 1, 2).dup('f');
        assertEquals(mask, d.backprop(grad, grad, 0, 0));
        assertThrows(IllegalStateException.class, () -> d.backprop(grad, grad, 0, 0));
    }

    @Test
    void doubleArraysAreDroppedByTheSameMask() {
        INDArray f = dropped(Nd4j.ones(DataType.FLOAT, 4, 3, 8), 5, 0.5);
        INDArray d = dropped(Nd4j.ones(DataType.DOUBLE, 4, 3, 8), 5, 0.5);
        assertEquals(f.castTo(DataType.DOUBLE), d);
    }

    @Test
    void aModelsConfigurationWithDropoutSurvivesJsonAndCloning() {
        var spec = new CharLstmSpec(7, 2, 8, InputKind.ONE_HOT, 0, 0.8, 1.0, "lstm_cell");
        ComputationGraphConfiguration conf = CharLstmModel.create(spec, OptimizerSpec.adam(0.01, 0, 1),
                LstmImpl.FUSED).graph().getConfiguration();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
        assertEquals(conf, conf.clone());
        assertTrue(conf.toJson().contains("InvertedDropout"), "dropout in the configuration");
    }

    @Test
    void aKeepProbabilityOutsideZeroToOneIsRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> new InvertedDropout(1.5));
        assertEquals("keep probability must be in (0, 1], got 1.5", e.getMessage());
    }
}
