package org.scopedrnn.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scopedrnn.config.AveragingPeriod;

/**
 * How many minibatches each worker fits before the next parameter averaging: the setting's fixed
 * period, or with {@code auto} a period chosen after every round from how fast the training loss
 * falls. Averaging is where N workers' progress is pooled, and where it is lost when their steps
 * disagree; the scaling study (bench/results/scaling.md) measured periods of 1 and 5 equal and 20
 * losing most of the second epoch, while the loss fell fastest, and 20 costing little on the
 * unigram plateau. So {@code auto} aims at a fixed loss fall per round ({@link #FALL_PER_ROUND}):
 * the period is that fall divided by the recent fall per worker step, i.e. short while the loss
 * falls fast and long (up to {@link AveragingPeriod#AUTO_LONGEST}) where it is flat. It grows at
 * most twofold per round, so a plateau that ends is noticed within one short round; it shrinks at
 * once. The fall per step is smoothed over about {@link #HORIZON} worker steps, as one round's loss
 * is the mean of each worker's last minibatch only.
 *
 * <p>Its state (period, last loss, smoothed fall) goes into every checkpoint ({@link #state()}),
 * and a resumed run starts from it ({@link #resume}), so a resumed run takes the periods the
 * uninterrupted run would have taken: a fixed period has no state.
 */
final class AveragingSchedule {

    /** Nats per character (or per target character) the loss should fall between two averagings. */
    static final double FALL_PER_ROUND = 0.05;

    /** Worker steps over which the fall per step is smoothed. */
    static final int HORIZON = 5;

    /** The first round's period with {@code auto}: the loss falls fastest at the start. */
    static final int AUTO_FIRST = 1;

    private static final String PERIOD = "period";
    private static final String LAST_LOSS = "lastLoss";
    private static final String FALL_PER_STEP = "fallPerStep";

    private final AveragingPeriod setting;
    private int period;
    private double lastLoss = Double.NaN;
    private double fallPerStep = Double.NaN;

    private AveragingSchedule(AveragingPeriod setting) {
        this.setting = setting;
        this.period = setting.auto() ? AUTO_FIRST : setting.every();
    }

    /** A fresh run's schedule. */
    static AveragingSchedule start(AveragingPeriod setting) {
        return new AveragingSchedule(setting);
    }

    /**
     * The schedule of a run resuming a checkpoint that recorded {@code saved} ({@link #state()};
     * null or empty: a checkpoint written with a fixed period, or before this state existed, whose
     * {@code auto} run starts afresh).
     */
    static AveragingSchedule resume(AveragingPeriod setting, Map<?, ?> saved) {
        var s = new AveragingSchedule(setting);
        if (setting.auto() && saved != null && saved.get(PERIOD) instanceof Number p) {
            s.period = Math.max(1, Math.min(AveragingPeriod.AUTO_LONGEST, p.intValue()));
            s.lastLoss = saved.get(LAST_LOSS) instanceof Number l ? l.doubleValue() : Double.NaN;
            s.fallPerStep = saved.get(FALL_PER_STEP) instanceof Number f ? f.doubleValue() : Double.NaN;
        }
        return s;
    }

    /** Minibatches per worker in the next round. */
    int period() {
        return period;
    }

    /** Records a round in which each worker fitted {@code steps} minibatches and the loss was {@code loss}. */
    void roundEnded(int steps, double loss) {
        if (!setting.auto() || !Double.isFinite(loss) || steps < 1) {
            return;
        }
        if (Double.isFinite(lastLoss)) {
            double fall = (lastLoss - loss) / steps;
            double weight = Math.min(1.0, (double) steps / HORIZON);
            fallPerStep = Double.isNaN(fallPerStep) ? fall : (1 - weight) * fallPerStep + weight * fall;
            period = next(period, fallPerStep);
        }
        lastLoss = loss;
    }

    /** The period that would see {@link #FALL_PER_ROUND} at {@code fallPerStep}, within the growth limit. */
    static int next(int current, double fallPerStep) {
        int longest = Math.min(2 * current, AveragingPeriod.AUTO_LONGEST);
        if (!(fallPerStep > 0)) {
            return longest;
        }
        double wanted = FALL_PER_ROUND / fallPerStep;
        return (int) Math.max(1, Math.min(longest, Math.round(wanted)));
    }

    /** What a checkpoint records so that a resumed {@code auto} run continues this schedule; empty if fixed. */
    Map<String, Object> state() {
        var m = new LinkedHashMap<String, Object>();
        if (setting.auto()) {
            m.put(PERIOD, period);
            if (Double.isFinite(lastLoss)) {
                m.put(LAST_LOSS, lastLoss);
            }
            if (Double.isFinite(fallPerStep)) {
                m.put(FALL_PER_STEP, fallPerStep);
            }
        }
        return m;
    }
}
