package org.scopedrnn.model;

import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam with gradient clipping, anna_writer.py's optimizer.
 *
 * @param learningRate Adam step size
 * @param beta1 first-moment decay
 * @param beta2 second-moment decay
 * @param epsilon Adam's epsilon
 * @param clipNorm L2 norm each layer's gradient is clipped to (0 disables clipping), in DL4J's
 *     units: its RNN loss is summed over time steps, so its gradient is seq-length times the
 *     gradient of TensorFlow's per-character mean loss. TensorFlow's {@code clip_by_global_norm}
 *     clips all gradients jointly; DL4J clips per layer.
 * @param seed weight initialisation and dropout seed
 * @param warmupSteps iterations over which the step size rises linearly from {@code warmupFrom} to
 *     {@code learningRate} (0 = none: {@code learningRate} from the first step)
 * @param warmupFrom step size at iteration 0 of the warm-up
 */
public record OptimizerSpec(double learningRate, double beta1, double beta2, double epsilon, double clipNorm,
        long seed, int warmupSteps, double warmupFrom) {

    public OptimizerSpec {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got beta1=" + beta1 + " beta2=" + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("Adam epsilon must be positive, got " + epsilon);
        }
        if (!(clipNorm >= 0) || !Double.isFinite(clipNorm)) {
            throw new IllegalArgumentException("gradient clip norm must be >= 0 (0 = off), got " + clipNorm);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be >= 0 (0 = none), got " + warmupSteps);
        }
    }

    /** TensorFlow's Adam defaults with anna_writer.py's learning rate and clip. */
    public static OptimizerSpec adam(double learningRate, double clipNorm, long seed) {
        return new OptimizerSpec(learningRate, 0.9, 0.999, 1e-8, clipNorm, seed, 0, learningRate);
    }

    /** The same optimizer with a linear warm-up from {@code from} to the learning rate over {@code steps} steps. */
    public OptimizerSpec withWarmup(int steps, double from) {
        return new OptimizerSpec(learningRate, beta1, beta2, epsilon, clipNorm, seed, steps, from);
    }

    /** DL4J's Adam for this spec: a fixed step size, or a {@link LinearWarmup} schedule keyed by iteration. */
    public Adam updater() {
        if (warmupSteps == 0) {
            return new Adam(learningRate, beta1, beta2, epsilon);
        }
        return Adam.builder().learningRateSchedule(new LinearWarmup(warmupFrom, learningRate, warmupSteps))
                .beta1(beta1).beta2(beta2).epsilon(epsilon).build();
    }

    /** The step size Adam uses at DL4J iteration {@code iteration} (steps per worker so far). */
    public double learningRateAt(long iteration) {
        return updater().getLearningRate((int) Math.min(iteration, Integer.MAX_VALUE), 0);
    }
}
