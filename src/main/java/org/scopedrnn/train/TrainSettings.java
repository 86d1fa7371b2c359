package org.scopedrnn.train;

import org.scopedrnn.model.OptimizerSpec;

/**
 * How a char-LSTM is trained.
 *
 * @param epochs passes over the training text
 * @param batchSize sequences per minibatch, per worker
 * @param learningRate Adam step size for one worker; {@link #optimizer} scales it by {@code lrScaling}
 * @param clipNorm per-layer gradient L2 clip (0 = off)
 * @param seed initialisation, data order and sampling seed
 * @param workers parallel workers (Spark tasks) per averaging round
 * @param averagingFrequency minibatches each worker fits between parameter averagings
 * @param prefetch minibatches each worker prefetches asynchronously (0 = off)
 * @param approach how minibatches reach workers
 * @param checkpointEverySteps also checkpoint every this many minibatches (0 = only per epoch)
 * @param keepLast checkpoints kept besides the best one
 * @param validationMaxChars cap on the validation text scored each epoch (0 = all of it)
 * @param progressSeconds seconds between progress lines
 * @param lrScaling how the step size grows with {@code workers}
 * @param warmupSteps steps per worker over which the step size rises linearly from the scaled rate / workers
 *     to the scaled rate (0 = none)
 */
public record TrainSettings(int epochs, int batchSize, double learningRate, double clipNorm, long seed, int workers,
        int averagingFrequency, int prefetch, TrainingApproach approach, int checkpointEverySteps, int keepLast,
        long validationMaxChars, double progressSeconds, LearningRateScaling lrScaling, int warmupSteps) {

    public TrainSettings {
        atLeast("train.epochs", epochs, 1);
        atLeast("train.batch-size", batchSize, 1);
        atLeast("train.workers", workers, 1);
        atLeast("train.averaging-frequency", averagingFrequency, 1);
        atLeast("train.prefetch", prefetch, 0);
        atLeast("train.checkpoint-every-steps", checkpointEverySteps, 0);
        atLeast("train.keep-last", keepLast, 1);
        atLeast("train.validation-max-chars", validationMaxChars, 0);
        atLeast("train.warmup-steps", warmupSteps, 0);
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("train.learning-rate must be positive, got " + learningRate);
        }
        if (!(clipNorm >= 0)) {
            throw new IllegalArgumentException("train.clip-norm must be >= 0 (0 = off), got " + clipNorm);
        }
        if (!(progressSeconds > 0)) {
            throw new IllegalArgumentException("train.progress-seconds must be positive, got " + progressSeconds);
        }
        if (approach == null) {
            throw new IllegalArgumentException("train.approach must be auto, export or direct");
        }
        if (lrScaling == null) {
            throw new IllegalArgumentException("train.lr-scaling must be none, sqrt or linear");
        }
    }

    static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value);
        }
    }

    public TrainSettings withEpochs(int newEpochs) {
        return new TrainSettings(newEpochs, batchSize, learningRate, clipNorm, seed, workers, averagingFrequency,
                prefetch, approach, checkpointEverySteps, keepLast, validationMaxChars, progressSeconds, lrScaling,
                warmupSteps);
    }

    /** The step size each worker reaches after warm-up: {@code learningRate} scaled for {@code workers}. */
    public double scaledLearningRate() {
        return learningRate * lrScaling.factor(workers);
    }

    /**
     * Adam for this run's workers: the scaled rate, reached after a linear warm-up from
     * scaled rate / workers (the one-worker rate under linear scaling), keyed by DL4J's iteration
     * count, i.e. steps per worker.
     */
    public OptimizerSpec optimizer(double clip) {
        var adam = OptimizerSpec.adam(scaledLearningRate(), clip, seed);
        return warmupSteps == 0 ? adam : adam.withWarmup(warmupSteps, scaledLearningRate() / workers);
    }

    /** Minibatches per averaging round across all workers: the unit of one Spark fit call. */
    public int batchesPerRound() {
        return workers * averagingFrequency;
    }
}
