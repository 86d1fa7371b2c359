package org.scopedrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.IUpdater;

class LinearWarmupTest {

    @Test
    void risesLinearlyFromTheStartRateThenHolds() {
        var w = new LinearWarmup(0.001, 0.004, 10);
        assertEquals(0.001, w.valueAt(0, 0), 1e-15);
        assertEquals(0.0025, w.valueAt(5, 0), 1e-15);
        assertEquals(0.0037, w.valueAt(9, 3), 1e-15);
        assertEquals(0.004, w.valueAt(10, 0), 1e-15);
        assertEquals(0.004, w.valueAt(1_000_000, 7), 1e-15);
    }

    @Test
    void badRatesAndStepsAreRefusedNamingTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LinearWarmup(0.001, 0.004, 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LinearWarmup(-1, 0.004, 5));
        assertTrue(e.getMessage().contains("from=-1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LinearWarmup(0, Double.NaN, 5));
    }

    @Test
    void optimizerWithoutWarmupKeepsAFixedRate() {
        var opt = OptimizerSpec.adam(0.002, 0, 1);
        assertEquals(null, opt.updater().getLearningRateSchedule());
        assertEquals(0.002, opt.learningRateAt(0), 1e-15);
        assertEquals(0.002, opt.learningRateAt(5_000), 1e-15);
    }

    @Test
    void theGraphsAdamFollowsTheWarmupThroughCloneAndJson() {
        // Spark workers rebuild the graph from a clone of the driver's configuration; the run's
        // configuration is also written as JSON: the schedule must survive both.
        var opt = OptimizerSpec.adam(0.004, 5, 1).withWarmup(4, 0.001);
        var model = CharLstmModel.create(TestModels.oneHot(5, 1, 4, 1.0), opt);
        ComputationGraphConfiguration conf = model.graph().getConfiguration();
        for (ComputationGraphConfiguration c : new ComputationGraphConfiguration[] {conf.clone(),
                ComputationGraphConfiguration.fromJson(conf.toJson())}) {
            var graph = new ComputationGraph(c);
            graph.init();
            for (var layer : graph.getLayers()) {
                IUpdater adam = ((BaseLayer) layer.conf().getLayer()).getIUpdater();
                assertEquals(new LinearWarmup(0.001, 0.004, 4), ((org.nd4j.linalg.learning.config.Adam) adam)
                        .getLearningRateSchedule(), layer.conf().getLayer().getLayerName());
                for (int it = 0; it < 7; it++) {
                    assertEquals(opt.learningRateAt(it), adam.getLearningRate(it, 0), 1e-15, "iteration " + it);
                }
            }
        }
        assertEquals(0.00175, opt.learningRateAt(1), 1e-15);
        assertEquals(0.004, opt.learningRateAt(4), 1e-15);
    }
}
