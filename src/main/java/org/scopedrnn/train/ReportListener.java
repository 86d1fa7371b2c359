package org.scopedrnn.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;
import org.scopedrnn.report.MetricsRow;
import org.scopedrnn.report.RunReport;

/**
 * The run's report ({@code metrics.csv}, {@code report.html}, TensorBoard events) as a listener of
 * the loop: a row per round and per validation, the epoch's texts, the pages rewritten after each
 * epoch's checkpoint; each round's row also goes to the trainer's round listeners.
 */
final class ReportListener implements TrainingListener {

    private final RunReport report;
    private final long unitsPerStep;
    private final List<Consumer<MetricsRow>> rows;
    private final PrintStream log;

    ReportListener(RunReport report, long unitsPerStep, List<Consumer<MetricsRow>> rows, PrintStream log) {
        this.report = report;
        this.unitsPerStep = unitsPerStep;
        this.rows = List.copyOf(rows);
        this.log = log;
    }

    @Override
    public void roundEnded(Round round) throws IOException {
        MetricsRow row = report.round(round.step(), round.epoch(), round.loss(), round.batches() * unitsPerStep,
                round.learningRate(), round.period());
        rows.forEach(l -> l.accept(row));
    }

    @Override
    public void validated(int epoch, long step, Double validation, double learningRate) throws IOException {
        if (validation != null) {
            report.validation(step, epoch, validation, learningRate);
        }
    }

    @Override
    public void epochTexts(int epoch, List<String> texts) throws IOException {
        report.epochTexts(epoch, texts);
    }

    @Override
    public void checkpointSaved(Moment moment) {
        switch (moment) {
            // checkpointing is not training time: the next round's throughput starts now
            case ROUND -> report.pauseEnded();
            // a killed run keeps the report of its last epoch
            case EPOCH -> report.writeOrWarn(log);
            case STOP -> {
            }
        }
    }

    @Override
    public void finished() {
        report.finish(log);
    }
}
