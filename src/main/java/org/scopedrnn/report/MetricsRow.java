package org.scopedrnn.report;

import java.util.Locale;

/**
 * One line of {@code metrics.csv}. Absent figures are NaN (written as an empty field): a training
 * row has no validation loss, a validation row no training loss or throughput.
 *
 * @param step minibatches trained so far
 * @param epoch 1-based epoch the row belongs to
 * @param wallSeconds seconds since the run (this process) started
 * @param trainLoss training loss of the last averaging round (nats per character / target character)
 * @param validationLoss held-out loss, on the row written after an epoch's validation
 * @param throughput characters (or pairs) per second over the round that ended here
 * @param learningRate optimizer step size in force
 * @param averagingPeriod minibatches each worker fitted before the round's averaging; 0 on a
 *     validation row, and on rows of a metrics.csv written before the column existed
 */
public record MetricsRow(long step, int epoch, double wallSeconds, double trainLoss, double validationLoss,
        double throughput, double learningRate, int averagingPeriod) {

    public MetricsRow {
        if (step < 0 || epoch < 0 || !(wallSeconds >= 0)) {
            throw new IllegalArgumentException("metrics row needs step >= 0, epoch >= 0 and wall seconds >= 0, got step "
                    + step + ", epoch " + epoch + ", seconds " + wallSeconds);
        }
    }

    /** Columns of {@code metrics.csv}; the throughput column is named by its unit. */
    public static String header(String throughputColumn) {
        return "step,epoch,wall_seconds,train_loss,validation_loss," + throughputColumn
                + ",learning_rate,averaging_period";
    }

    public String csv() {
        return step + "," + epoch + "," + String.format(Locale.ROOT, "%.3f", wallSeconds) + "," + field(trainLoss)
                + "," + field(validationLoss) + "," + field(throughput) + "," + field(learningRate) + ","
                + (averagingPeriod > 0 ? Integer.toString(averagingPeriod) : "");
    }

    private static String field(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
