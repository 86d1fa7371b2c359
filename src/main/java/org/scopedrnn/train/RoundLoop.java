package org.scopedrnn.train;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.scopedrnn.config.TrainSettings;
import org.scopedrnn.data.EpochPlan;
import org.scopedrnn.model.ScopedModel;

/**
 * The training loop, written once for every model: epochs of averaging rounds (one Spark job
 * each), the wall-clock stop between rounds, the checkpoint cadence, validation and the epoch's
 * texts after each epoch, and the listeners told of each. What is model-specific it asks the
 * {@link TrainingPart}; where minibatches come from, the part's {@link RoundSource}; how many
 * minibatches each worker fits per round, the {@link AveragingSchedule}.
 * (After DJL's {@code EasyTrain.fit} with its {@code TrainingListener}s.)
 */
final class RoundLoop<T> {

    /**
     * How the loop ended.
     *
     * @param lastCheckpoint the newest checkpoint, written by this run or before it
     * @param validation the last held-out loss, NaN if none was measured
     * @param stoppedAtWallTime stopped by the clock, with a checkpoint of where it stopped
     */
    record End(Path lastCheckpoint, long step, double validation, boolean stoppedAtWallTime) {
    }

    private final JavaSparkContext sc;
    private final TrainSettings settings;
    private final WallClock clock;
    private final TrainingPart<T> part;
    private final Checkpointing checkpoints;
    private final List<TrainingListener> listeners;
    private final AveragingSchedule averaging;

    RoundLoop(JavaSparkContext sc, TrainSettings settings, WallClock clock, TrainingPart<T> part,
            Checkpointing checkpoints, List<TrainingListener> listeners, AveragingSchedule averaging) {
        this.sc = sc;
        this.settings = settings;
        this.clock = clock;
        this.part = part;
        this.checkpoints = checkpoints;
        this.listeners = List.copyOf(listeners);
        this.averaging = averaging;
    }

    /**
     * Trains from {@code step} (minibatches already trained), which is minibatch {@code at.batch()}
     * of epoch {@code at.epoch()} (0-based; step / batches per epoch unless the text changed at an
     * epoch's end), to the last epoch, or until stopped.
     */
    End run(SparkComputationGraph spark, RoundSource<T> rounds, long step, EpochPlan.EpochCursor at)
            throws IOException {
        int perEpoch = rounds.batchesPerEpoch();
        double validation = Double.NaN;
        for (int epoch = at.epoch(); epoch < settings.epochs(); epoch++) {
            TrainingListener.Round last = null;
            for (int i = epoch == at.epoch() ? (int) at.batch() : 0; i < perEpoch; ) {
                if (clock.timeUp()) {
                    if (checkpoints.saveUnlessSaved(step, epoch)) {
                        notify(l -> l.checkpointSaved(TrainingListener.Moment.STOP));
                    }
                    return new End(checkpoints.last(), step, validation, true);
                }
                int period = averaging.period();
                int count = Math.min(settings.workers() * period, perEpoch - i);
                last = round(spark, rounds, epoch, i, count, step, period);
                averaging.roundEnded(ceilDiv(count, settings.workers()), last.loss());
                i += count;
                TrainingListener.Round round = last;
                notify(l -> l.roundEnded(round));
                if (checkpoints.dueAfterRound(step, round.step(), i >= perEpoch)) {
                    checkpoints.save(round.step(), epoch, null);
                    notify(l -> l.checkpointSaved(TrainingListener.Moment.ROUND));
                }
                step = round.step();
            }
            Double validated = endEpoch(last, epoch + 1);
            validation = validated == null ? Double.NaN : validated;
            if (part.stopAfter(epoch + 1)) {
                break;
            }
        }
        return new End(checkpoints.last(), step, validation, false);
    }

    /**
     * Fits one round of {@code count} minibatches starting at {@code first}, {@code period} per
     * worker (DL4J's master cuts the round into workers x period), timed by the clock.
     */
    private TrainingListener.Round round(SparkComputationGraph spark, RoundSource<T> rounds, int epoch, int first,
            int count, long step, int period) {
        ((ParameterAveragingTrainingMaster) spark.getTrainingMaster()).setAveragingFrequency(period);
        clock.roundStarted();
        part.fit(spark, rounds.round(epoch, first, count));
        TrainingMasters.releaseCachedRounds(sc);
        clock.roundFinished();
        return new TrainingListener.Round(epoch + 1, settings.epochs(), step + count, count,
                part.loss(spark.getScore()), learningRate(), period);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Validation, the epoch's texts and its checkpoint; returns the held-out loss (null if none). */
    private Double endEpoch(TrainingListener.Round last, int epoch) throws IOException {
        notify(l -> l.epochTrained(last));
        Double validation = part.validate(epoch, settings.epochs());
        double rate = learningRate();
        notify(l -> l.validated(epoch, last.step(), validation, rate));
        List<String> texts = part.epochTexts();
        if (!texts.isEmpty()) {
            notify(l -> l.epochTexts(epoch, texts));
        }
        checkpoints.save(last.step(), epoch, validation);
        notify(l -> l.checkpointSaved(TrainingListener.Moment.EPOCH));
        return validation;
    }

    /** The step size the workers' next step takes (DL4J's iteration count is steps per worker). */
    private double learningRate() {
        ScopedModel model = part.model();
        return model.optimizer().learningRateAt(model.graph().getConfiguration().getIterationCount());
    }

    private interface Event {
        void send(TrainingListener listener) throws IOException;
    }

    private void notify(Event event) throws IOException {
        for (TrainingListener l : listeners) {
            event.send(l);
        }
    }
}
