package org.scopedrnn.config;

import com.typesafe.config.Config;
import org.scopedrnn.model.OptimizerSpec;

/**
 * How a model is trained (both model kinds): the {@code train.*} keys of {@link Settings}.
 *
 * @param epochs passes over the training text
 * @param batchSize sequences per minibatch, per worker
 * @param learningRate Adam step size for one worker; {@link #optimizer} scales it by {@code lrScaling}
 * @param clipNorm per-layer gradient L2 clip (0 = off)
 * @param seed initialisation, data order and sampling seed
 * @param workers parallel workers (Spark tasks) per averaging round
 * @param averagingFrequency minibatches each worker fits between parameter averagings, fixed or {@code auto}
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
        AveragingPeriod averagingFrequency, int prefetch, TrainingApproach approach, int checkpointEverySteps, int keepLast,
        long validationMaxChars, double progressSeconds, LearningRateScaling lrScaling, int warmupSteps) {

    public TrainSettings {
        Settings.EPOCHS.require(epochs);
        Settings.BATCH_SIZE.require(batchSize);
        Settings.WORKERS.require(workers);
        if (averagingFrequency == null) {
            throw new IllegalArgumentException(Settings.AVERAGING_FREQUENCY + " must be " + AveragingPeriod.EXPECTED);
        }
        Settings.PREFETCH.require(prefetch);
        Settings.CHECKPOINT_EVERY_STEPS.require(checkpointEverySteps);
        Settings.KEEP_LAST.require(keepLast);
        Settings.VALIDATION_MAX_CHARS.require(validationMaxChars);
        Settings.WARMUP_STEPS.require(warmupSteps);
        Settings.LEARNING_RATE.require(learningRate);
        Settings.CLIP_NORM.require(clipNorm);
        Settings.PROGRESS_SECONDS.require(progressSeconds);
        if (approach == null) {
            throw new IllegalArgumentException(Settings.APPROACH + " must be "
                    + Setting.listed(Settings.APPROACH.choices()));
        }
        if (lrScaling == null) {
            throw new IllegalArgumentException(Settings.LR_SCALING + " must be "
                    + Setting.listed(Settings.LR_SCALING.choices()));
        }
    }

    /**
     * The {@code train} settings of a resolved config of {@code kind}. Seq2seq validates on every
     * held-out pair: {@code train.validation-max-chars} is not one of its keys, and reads as 0 (all).
     */
    public static TrainSettings read(Config c, ModelKind kind) {
        long validationMaxChars = Settings.VALIDATION_MAX_CHARS.appliesTo(kind) ? Settings.VALIDATION_MAX_CHARS.read(c)
                : 0;
        return new TrainSettings(Settings.EPOCHS.read(c), Settings.BATCH_SIZE.read(c), Settings.LEARNING_RATE.read(c),
                Settings.CLIP_NORM.read(c), Settings.SEED.read(c), Settings.WORKERS.read(c),
                Settings.AVERAGING_FREQUENCY.read(c), Settings.PREFETCH.read(c), Settings.APPROACH.read(c),
                Settings.CHECKPOINT_EVERY_STEPS.read(c), Settings.KEEP_LAST.read(c), validationMaxChars,
                Settings.PROGRESS_SECONDS.read(c), Settings.LR_SCALING.read(c), Settings.WARMUP_STEPS.read(c));
    }

    /** {@code value} if it is at least {@code min}, else an error naming {@code what} (a key, or a field). */
    public static void atLeast(String what, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be at least " + min + ", got " + value);
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

    /**
     * The most minibatches an averaging round holds across all workers (one Spark fit call):
     * workers x the fixed period, or x the longest period {@code auto} takes.
     */
    public int batchesPerRound() {
        return workers * averagingFrequency.longest();
    }
}
