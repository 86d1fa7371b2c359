package org.scopedrnn.train;

import java.io.IOException;
import java.util.List;

/**
 * Follows a training run as the {@link RoundLoop} runs it, whatever the model: the progress line
 * ({@link Progress}), the report with its TensorBoard events ({@link ReportListener}). Called in
 * the order they were added; each event after the loop has done what it names.
 */
interface TrainingListener {

    /** Where a checkpoint was written: mid-epoch at the configured cadence, after an epoch, or when stopping. */
    enum Moment {
        ROUND, EPOCH, STOP
    }

    /**
     * One averaging round's figures.
     *
     * @param epoch 1-based
     * @param step minibatches trained so far
     * @param batches minibatches this round trained
     * @param loss per character or per target character
     * @param learningRate the step size the workers' next step takes
     * @param period minibatches each worker fitted before this round's averaging ({@link AveragingSchedule})
     */
    record Round(int epoch, int epochs, long step, int batches, double loss, double learningRate, int period) {
    }

    /** An averaging round ended. */
    default void roundEnded(Round round) throws IOException {
    }

    /** The last round of an epoch ended, before validation; {@code last} is that round. */
    default void epochTrained(Round last) throws IOException {
    }

    /** The epoch was validated: {@code validation} is null when there is no held-out loss to report. */
    default void validated(int epoch, long step, Double validation, double learningRate) throws IOException {
    }

    /** Samples or translations taken after {@code epoch}, if any. */
    default void epochTexts(int epoch, List<String> texts) throws IOException {
    }

    /** A checkpoint was written. */
    default void checkpointSaved(Moment moment) throws IOException {
    }

    /** The run ended, however: flush and close. Must not throw. */
    default void finished() {
    }
}
