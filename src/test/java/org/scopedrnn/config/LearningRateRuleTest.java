package org.scopedrnn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scopedrnn.model.OptimizerSpec;

/** The step size per worker and iteration that train.lr-scaling and train.warmup-steps give N workers. */
class LearningRateRuleTest {

    private static TrainSettings settings(int workers, LearningRateScaling scaling, int warmup) {
        return new TrainSettings(1, 32, 0.001, 5.0, 7L, workers, AveragingPeriod.fixed(5), 0, TrainingApproach.DIRECT,
                0, 3, 0, 10, scaling, warmup);
    }

    @Test
    void eachRuleScalesTheOneWorkerRateByWorkers() {
        assertEquals(0.001, settings(4, LearningRateScaling.NONE, 0).optimizer(5).learningRateAt(0), 1e-15);
        assertEquals(0.002, settings(4, LearningRateScaling.SQRT, 0).optimizer(5).learningRateAt(0), 1e-15);
        assertEquals(0.004, settings(4, LearningRateScaling.LINEAR, 0).optimizer(5).learningRateAt(0), 1e-15);
        assertEquals(0.016, settings(16, LearningRateScaling.LINEAR, 0).optimizer(5).learningRateAt(99), 1e-15);
    }

    @Test
    void oneWorkerKeepsTheConfiguredRateUnderEveryRule() {
        for (LearningRateScaling s : LearningRateScaling.values()) {
            OptimizerSpec opt = settings(1, s, 10).optimizer(5);
            for (int it : new int[] {0, 5, 10, 50}) {
                assertEquals(0.001, opt.learningRateAt(it), 1e-15, s + " at " + it);
            }
        }
    }

    @Test
    void warmupRisesFromTheScaledRateOverWorkersToTheScaledRate() {
        OptimizerSpec linear = settings(4, LearningRateScaling.LINEAR, 10).optimizer(5);
        double[] expected = {0.001, 0.0013, 0.0016, 0.0019, 0.0022, 0.0025, 0.0028, 0.0031, 0.0034, 0.0037, 0.004,
            0.004};
        for (int it = 0; it < expected.length; it++) {
            assertEquals(expected[it], linear.learningRateAt(it), 1e-12, "iteration " + it);
        }
        OptimizerSpec sqrt = settings(4, LearningRateScaling.SQRT, 4).optimizer(5);
        assertEquals(0.0005, sqrt.learningRateAt(0), 1e-15);
        assertEquals(0.002, sqrt.learningRateAt(4), 1e-15);
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> LearningRateScaling.parse("cubic"));
        assertTrue(e.getMessage().contains("train.lr-scaling 'cubic'") && e.getMessage().contains("sqrt"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> settings(2, LearningRateScaling.LINEAR, -1));
        assertTrue(e.getMessage().contains("train.warmup-steps") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> settings(2, null, 0));
        assertTrue(e.getMessage().contains("train.lr-scaling"), e.getMessage());
    }
}
