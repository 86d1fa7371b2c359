package org.scopedrnn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scopedrnn.bench.ScalingProjection.Assumptions;
import org.scopedrnn.bench.ScalingProjection.CostModel;
import org.scopedrnn.bench.ScalingProjection.Curve;
import org.scopedrnn.bench.ScalingProjection.Point;
import org.scopedrnn.bench.ScalingProjection.RoundCost;

class ScalingProjectionTest {

    /** A curve falling by 0.1 nats per round from 3.0, with every other round 0.3 higher (noise). */
    private static Curve noisy(String variant, int workers, int every, long charsPerRound) {
        var points = new ArrayList<Point>();
        for (int i = 0; i < 30; i++) {
            points.add(new Point((i + 1) * charsPerRound, 3.0 - 0.1 * i + (i % 2 == 1 ? 0.3 : 0)));
        }
        return new Curve(variant, workers, every, 10, points);
    }

    @Test
    void targetIsReachedByTheRunningMeanNotByOneLuckyRound() {
        Curve c = noisy("n2-avg5", 2, 5, 1000);
        // round 11 alone is 2.0, the first single round under 2.01; the mean of 3 rounds gets there at
        // round 13: (2.0 + 2.2 + 1.8) / 3
        long chars = c.charactersTo(2.01, 3);
        assertTrue(chars > 11_000, "a single noisy round must not count, got " + chars);
        assertEquals(13_000, chars);
        assertEquals(-1, c.charactersTo(0.01, 3));
    }

    @Test
    void costModelRecoversItsCoefficientsFromExactRounds() {
        var costs = new ArrayList<RoundCost>();
        for (long p : new long[] {100_000, 800_000, 3_300_000}) {
            for (int n : new int[] {1, 2, 4}) {
                costs.add(new RoundCost(p, n, 0.5 + 0.2e-6 * p + 0.05e-6 * p * n));
            }
        }
        CostModel m = CostModel.fit(costs);
        assertEquals(0.5, m.a(), 1e-9);
        assertEquals(0.2e-6, m.b(), 1e-15);
        assertEquals(0.05e-6, m.c(), 1e-15);
    }

    @Test
    void costModelRefusesRoundsThatVaryOnlyOneFactor() {
        var costs = List.of(new RoundCost(1000, 1, 1), new RoundCost(1000, 2, 1.5), new RoundCost(1000, 4, 2.5));
        var e = assertThrows(IllegalArgumentException.class, () -> CostModel.fit(costs));
        assertTrue(e.getMessage().contains("two model sizes"), e.getMessage());
    }

    @Test
    void projectionAddsComputeAndAveragingTimeOfTheRoundsNeeded() {
        var assumptions = new Assumptions(1_000_000, 50, 10_000, 100e6, 2.0);
        var projection = new ScalingProjection(assumptions, new CostModel(1.0, 0, 0));
        // 2 workers, every 5 minibatches of 10 x 50: 5,000 characters per round
        var p = projection.project(noisy("n2-avg5", 2, 5, 5000));
        long chars = p.characters();
        assertEquals(chars / (2 * 10_000.0), p.computeSeconds(), 1e-9);
        long rounds = (chars + 4999) / 5000;
        assertEquals(rounds, p.rounds());
        // each round: 1 s measured + 12 bytes x 1M parameters x (2 + 2) / 100 MB/s = 0.48 s
        assertEquals(rounds * 1.48, p.averagingSeconds(), 1e-9);
    }

    @Test
    void studyFilesParseAndBadHeadersAreNamed() {
        var lines = List.of("variant,workers,lr_scaling,avg_every,worker_batch,step,characters,train_loss,validation_loss",
                "n1,1,none,1,50,1,2500,4.1,", "n1,1,none,1,50,2,5000,3.9,", "n1,1,none,1,50,2,5000,,3.95",
                "n4-avg5,4,linear,5,50,20,50000,3.5,");
        Map<String, Curve> curves = ScalingProjection.parseCurves(lines);
        assertEquals(List.of("n1", "n4-avg5"), List.copyOf(curves.keySet()));
        assertEquals(2, curves.get("n1").points().size());
        assertEquals(4, curves.get("n4-avg5").workers());
        var e = assertThrows(IllegalArgumentException.class, () -> ScalingProjection.parseCurves(List.of("a,b")));
        assertTrue(e.getMessage().contains("'a,b'"), e.getMessage());
    }

    @Test
    void anAutoCurveCountsTheRoundsItTookWhateverTheirLengths() {
        // 2 workers x 10 x 50 characters per minibatch; rounds of 1, 1, 2, 4, 8 and 8 minibatches per worker
        String row = "n2-auto,2,linear,auto,10,";
        var lines = List.of("variant,workers,lr_scaling,avg_every,worker_batch,step,characters,train_loss,validation_loss",
                row + "2,1000,3.0,", row + "4,2000,2.9,", row + "8,4000,2.8,", row + "16,8000,2.7,",
                row + "32,16000,2.6,", row + "48,24000,2.5,", row + "48,24000,,2.55");
        Curve c = ScalingProjection.parseCurves(lines).get("n2-auto");
        assertEquals("auto", c.period());
        assertEquals(6, c.points().size());
        // 4 minibatches per worker per round on average: a running mean over 20 / 4 = 5 rounds,
        // (2.9 + 2.8 + 2.7 + 2.6 + 2.5) / 5 = 2.7 after the sixth
        var p = new ScalingProjection(new Assumptions(1_000_000, 50, 10_000, 100e6, 2.7), new CostModel(1.0, 0, 0))
                .project(c);
        assertEquals(24_000, p.characters());
        assertEquals(6, p.rounds(), "the rounds it took, not characters / (workers x batch x seq)");
        assertEquals(6 * (1.0 + 12.0 * 1_000_000 * 4 / 100e6), p.averagingSeconds(), 1e-9);
    }

    @Test
    void defaultTargetIsTheOneWorkerRunningMeanAtHalfItsCharacters() {
        // 30 rounds of 1,000 characters: half is 15,000 (round index 14); window max(3, 20 / 1) = 20
        // covers rounds 0-14 only, so the mean is of those 15 rounds
        Curve one = noisy("n1", 1, 1, 1000);
        double expected = 0;
        for (int i = 0; i < 15; i++) {
            expected += one.points().get(i).trainLoss();
        }
        assertEquals(expected / 15, ScalingProjection.defaultTarget(Map.of("n1", one)), 1e-12);
        var e = assertThrows(IllegalArgumentException.class,
                () -> ScalingProjection.defaultTarget(Map.of("n2", noisy("n2", 2, 1, 1000))));
        assertTrue(e.getMessage().contains("--target"), e.getMessage());
    }

    @Test
    void oneWorkerPaysNoAveragingRounds() {
        var projection = new ScalingProjection(new Assumptions(1_000_000, 50, 10_000, 100e6, 2.01),
                new CostModel(1.0, 0, 0));
        var p = projection.project(noisy("n1", 1, 1, 1000));
        assertTrue(p.characters() > 0, "the curve reaches 2.01");
        assertEquals(p.characters() / 10_000.0, p.computeSeconds(), 1e-9);
        assertEquals(0, p.averagingSeconds());
    }
}
