package org.scopedrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scopedrnn.config.AveragingPeriod;

/** The periods train.averaging-frequency = auto takes, round by round, from the losses the rounds report. */
class AveragingScheduleTest {

    /** Feeds the schedule rounds whose loss falls by {@code fallPerStep} per worker step; returns the periods. */
    private static List<Integer> periods(AveragingSchedule s, double loss, double fallPerStep, int rounds) {
        var out = new ArrayList<Integer>();
        for (int r = 0; r < rounds; r++) {
            int p = s.period();
            out.add(p);
            loss -= fallPerStep * p;
            s.roundEnded(p, loss);
        }
        return out;
    }

    @Test
    void aFixedPeriodNeverChangesAndHasNoState() {
        var s = AveragingSchedule.start(AveragingPeriod.fixed(5));
        assertEquals(List.of(5, 5, 5, 5), periods(s, 4.0, 0.001, 4));
        assertTrue(s.state().isEmpty());
    }

    @Test
    void autoAveragesAfterEveryMinibatchWhileTheLossFallsFast() {
        // 0.1 nats per step: the 0.05 per round it aims at is half a step away
        var s = AveragingSchedule.start(AveragingPeriod.AUTO);
        assertEquals(List.of(1, 1, 1, 1, 1, 1), periods(s, 4.4, 0.1, 6));
    }

    @Test
    void autoAimsAtAFixedFallPerRound() {
        // 0.01 nats per step: 5 steps make the 0.05 per round; reached by doubling, 1 -> 2 -> 4 -> 5
        var s = AveragingSchedule.start(AveragingPeriod.AUTO);
        assertEquals(List.of(1, 1, 2, 4, 5, 5, 5), periods(s, 3.2, 0.01, 7));
    }

    @Test
    void autoLengthensThePeriodOnAPlateauUpToTheLongest() {
        var s = AveragingSchedule.start(AveragingPeriod.AUTO);
        assertEquals(List.of(1, 1, 2, 4, 8, 10, 10), periods(s, 3.1, 0.0, 7));
        assertEquals(AveragingPeriod.AUTO_LONGEST, s.period());
    }

    @Test
    void autoShortensThePeriodOnceTheLossFallsFastAgain() {
        var s = AveragingSchedule.start(AveragingPeriod.AUTO);
        periods(s, 3.1, 0.0, 8);
        assertEquals(10, s.period());
        // the plateau ends: 0.05 per step; the smoothed fall catches up within a round or two
        List<Integer> after = periods(s, 3.1, 0.05, 4);
        assertEquals(10, after.get(0), "the round that sees the fall is still a long one");
        assertEquals(1, after.get(after.size() - 1), "then back to every minibatch: " + after);
        assertTrue(after.get(1) < 10, "shortened at once: " + after);
    }

    @Test
    void aNoisyRisingLossDoesNotShortenThePeriod() {
        var s = AveragingSchedule.start(AveragingPeriod.AUTO);
        assertEquals(List.of(1, 1, 2, 4, 8), periods(s, 3.0, -0.01, 5));
    }

    @Test
    void aNonFiniteLossLeavesTheScheduleAsItWas() {
        var s = AveragingSchedule.start(AveragingPeriod.AUTO);
        periods(s, 3.2, 0.01, 4);
        Map<String, Object> before = s.state();
        s.roundEnded(s.period(), Double.NaN);
        assertEquals(before, s.state());
    }

    @Test
    void aResumedScheduleTakesTheSamePeriodsAsTheUninterruptedOne() {
        var whole = AveragingSchedule.start(AveragingPeriod.AUTO);
        var cut = AveragingSchedule.start(AveragingPeriod.AUTO);
        double[] fallPerStep = {0.2, 0.1, 0.03, 0.01, 0.002, 0.0, 0.001, 0.02, 0.04, 0.01, 0.005};
        double a = 4.4;
        double b = 4.4;
        var periodsWhole = new ArrayList<Integer>();
        var periodsCut = new ArrayList<Integer>();
        for (int r = 0; r < fallPerStep.length; r++) {
            if (r == 5) {
                cut = AveragingSchedule.resume(AveragingPeriod.AUTO, Map.copyOf(cut.state()));
            }
            periodsWhole.add(whole.period());
            periodsCut.add(cut.period());
            a -= fallPerStep[r] * whole.period();
            b -= fallPerStep[r] * cut.period();
            whole.roundEnded(whole.period(), a);
            cut.roundEnded(cut.period(), b);
        }
        assertEquals(periodsWhole, periodsCut);
        assertEquals(whole.state(), cut.state());
    }

    @Test
    void aCheckpointWithoutStateStartsAutoAfresh() {
        var s = AveragingSchedule.resume(AveragingPeriod.AUTO, null);
        assertEquals(AveragingSchedule.AUTO_FIRST, s.period());
        assertEquals(5, AveragingSchedule.resume(AveragingPeriod.fixed(5), Map.of("period", 9)).period(),
                "a fixed period ignores any recorded state");
    }

    @Test
    void theNextPeriodStaysWithinOneAndTwiceTheCurrent() {
        assertEquals(1, AveragingSchedule.next(6, 1.0));
        assertEquals(6, AveragingSchedule.next(3, 0.0001));
        assertEquals(AveragingPeriod.AUTO_LONGEST, AveragingSchedule.next(8, Double.NaN));
        assertEquals(3, AveragingSchedule.next(8, 0.05 / 3));
    }
}
