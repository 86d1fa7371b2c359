package org.scopedrnn.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The driver's progress line: epoch, step, loss, characters per second and time left, at most
 * one line per interval so that logs of unattended runs stay readable; a listener of the loop.
 */
final class Progress implements TrainingListener {

    private final PrintStream out;
    private final long intervalNanos;
    private final long totalSteps;
    private final long unitsPerStep;
    private final String unit;
    private final long startNanos = System.nanoTime();
    private final long startStep;
    private long lastPrint = System.nanoTime();
    private int period;

    /** @param unit what {@code unitsPerStep} counts per second, e.g. "chars/s" or "pairs/s" */
    Progress(PrintStream out, double intervalSeconds, long startStep, long totalSteps, long unitsPerStep, String unit) {
        this.out = out;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.startStep = startStep;
        this.totalSteps = totalSteps;
        this.unitsPerStep = unitsPerStep;
        this.unit = unit;
    }

    @Override
    public void roundEnded(Round round) {
        period = round.period();
        update(round.epoch(), round.epochs(), round.step(), round.loss(), false);
    }

    /** Always prints at the end of an epoch, however recently the last line was printed. */
    @Override
    public void epochTrained(Round last) {
        update(last.epoch(), last.epochs(), last.step(), last.loss(), true);
    }

    void update(int epoch, int epochs, long step, double loss, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastPrint < intervalNanos) {
            return;
        }
        lastPrint = now;
        double seconds = (now - startNanos) / 1e9;
        double stepsPerSecond = (step - startStep) / Math.max(seconds, 1e-9);
        double eta = stepsPerSecond > 0 ? (totalSteps - step) / stepsPerSecond : Double.NaN;
        out.printf(Locale.ROOT, "epoch %d/%d  step %d/%d  loss %.4f  averaging every %d  %,.0f %s  elapsed %s  ETA %s%n",
                epoch, epochs, step, totalSteps, loss, period, stepsPerSecond * unitsPerStep, unit, duration(seconds),
                duration(eta));
        out.flush();
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
