package org.scopedrnn.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The driver's progress line: epoch, step, loss, characters per second and time left, at most
 * one line per interval so that logs of unattended runs stay readable.
 */
final class Progress {

    private final PrintStream out;
    private final long intervalNanos;
    private final long totalSteps;
    private final long charsPerStep;
    private final long startNanos = System.nanoTime();
    private final long startStep;
    private long lastPrint = System.nanoTime();

    Progress(PrintStream out, double intervalSeconds, long startStep, long totalSteps, long charsPerStep) {
        this.out = out;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.startStep = startStep;
        this.totalSteps = totalSteps;
        this.charsPerStep = charsPerStep;
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
        out.printf(Locale.ROOT, "epoch %d/%d  step %d/%d  loss %.4f  %,.0f chars/s  elapsed %s  ETA %s%n",
                epoch, epochs, step, totalSteps, loss, stepsPerSecond * charsPerStep, duration(seconds),
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
