package org.scopedrnn.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Time to a target loss for N executors, projected from two measurements that can be taken on
 * two cores: how many characters N averaged workers need to reach the loss (the scaling study,
 * {@code bench/averaging.sh --scaling}: statistical efficiency, independent of speed), and what one
 * averaging round costs for P parameters and N workers (the round-cost runs on the loopback
 * cluster). The model, printed with every projection:
 * <pre>
 *   time(N) = C(N) / (N * speed)                       compute: every worker trains at speed chars/s
 *           + R(N) * (round(P, N) + bytes(P, N) / bandwidth)
 *   R(N)    = the rounds the run took to C(N)           averaging rounds (C(N) / (N * f * batch * seq)
 *                                                       for a fixed period f; counted for auto)
 *   bytes   = 12 P (N + 2)                              the driver's link: N results (weights and two
 *                                                       Adam moments, 4 bytes each) and two copies of
 *                                                       the broadcast (Spark's torrent broadcast)
 * </pre>
 * where {@code round(P, N)} is the measured loopback cost (serialisation, task launch, aggregation)
 * fitted as {@code a + b P + c P N}.
 */
public final class ScalingProjection {

    /** One point of a run's curve: characters trained so far and the train loss of that round. */
    public record Point(long characters, double trainLoss) {
    }

    /**
     * One study variant: N workers averaging every f minibatches of batch x seq characters each, or
     * ({@code averagingEvery} 0) every round's own period, {@code train.averaging-frequency = auto}.
     * Each point is one averaging round.
     */
    public record Curve(String variant, int workers, int averagingEvery, int workerBatch, List<Point> points) {

        public Curve {
            if (workers < 1 || averagingEvery < 0 || workerBatch < 1) {
                throw new IllegalArgumentException("variant '" + variant + "' needs workers and batch >= 1 and an"
                        + " averaging period >= 1 (0 = auto), got " + workers + ", " + averagingEvery + ", "
                        + workerBatch);
            }
            points = List.copyOf(points);
        }

        /** The averaging period as the setting is written: a number or {@code auto}. */
        public String period() {
            return averagingEvery == 0 ? "auto" : Integer.toString(averagingEvery);
        }

        /** Rounds the run took to reach {@code characters}: its points up to there. */
        public long roundsTo(long characters) {
            return points.stream().filter(p -> p.characters() <= characters).count();
        }

        /** Minibatches per worker between averagings, on average over the run (the period itself if fixed). */
        double meanPeriod(int seqLength) {
            if (averagingEvery > 0 || points.isEmpty()) {
                return Math.max(1, averagingEvery);
            }
            double perRound = (double) points.get(points.size() - 1).characters() / points.size();
            return Math.max(1, perRound / ((double) workers * workerBatch * seqLength));
        }

        /**
         * Characters after which the train loss, as a running mean over {@code window} rounds, first
         * reaches {@code target}; -1 when it never does. A running mean, because one round's loss is
         * a handful of minibatches: noisier than the trend it stands for.
         */
        public long charactersTo(double target, int window) {
            double sum = 0;
            for (int i = 0; i < points.size(); i++) {
                sum += points.get(i).trainLoss();
                if (i >= window) {
                    sum -= points.get(i - window).trainLoss();
                }
                if (i >= window - 1 && sum / window <= target) {
                    return points.get(i).characters();
                }
            }
            return -1;
        }
    }

    /** A measured averaging round: P parameters, N workers, seconds per round (median). */
    public record RoundCost(long parameters, int workers, double seconds) {
    }

    /** What the projection assumes about the cluster; printed beside every result. */
    public record Assumptions(long parameters, int seqLength, double speedCharsPerSecond,
            double bandwidthBytesPerSecond, double target) {

        public Assumptions {
            if (parameters < 1 || seqLength < 1 || !(speedCharsPerSecond > 0) || !(bandwidthBytesPerSecond > 0)
                    || !(target > 0)) {
                throw new IllegalArgumentException("projection needs positive parameters, sequence length, speed,"
                        + " bandwidth and target, got " + this);
            }
        }

        String describe() {
            return String.format(Locale.ROOT, "model %,d parameters, sequences of %d, %,.0f chars/s per executor,"
                    + " driver link %.0f MB/s, target train loss %.3f nats/char", parameters, seqLength,
                    speedCharsPerSecond, bandwidthBytesPerSecond / 1e6, target);
        }
    }

    /** One projected variant. {@code characters} is -1 (and the times NaN) when it never reached the target. */
    public record Projection(Curve curve, long characters, long rounds, double computeSeconds,
            double averagingSeconds) {

        public double totalSeconds() {
            return computeSeconds + averagingSeconds;
        }
    }

    /** {@code round(P, N) = a + b P + c P N}, least squares over the measured rounds. */
    public record CostModel(double a, double b, double c) {

        public static CostModel fit(List<RoundCost> costs) {
            if (costs.size() < 3) {
                throw new IllegalArgumentException("the round-cost model has 3 coefficients: it needs at least 3"
                        + " measured rounds, got " + costs.size());
            }
            double[][] xtx = new double[3][3];
            double[] xty = new double[3];
            for (RoundCost rc : costs) {
                double[] x = {1, rc.parameters() / 1e6, rc.parameters() / 1e6 * rc.workers()};
                for (int i = 0; i < 3; i++) {
                    xty[i] += x[i] * rc.seconds();
                    for (int j = 0; j < 3; j++) {
                        xtx[i][j] += x[i] * x[j];
                    }
                }
            }
            double[] beta = solve3(xtx, xty);
            return new CostModel(beta[0], beta[1] / 1e6, beta[2] / 1e6);
        }

        public double seconds(long parameters, int workers) {
            return Math.max(0, a + b * parameters + c * parameters * (double) workers);
        }

        String describe() {
            return String.format(Locale.ROOT, "round(P, N) = %.3f s + %.3f s per M parameters + %.3f s per M"
                    + " parameters per worker", a, b * 1e6, c * 1e6);
        }
    }

    private final Assumptions assumptions;
    private final CostModel cost;

    public ScalingProjection(Assumptions assumptions, CostModel cost) {
        this.assumptions = assumptions;
        this.cost = cost;
    }

    public Projection project(Curve curve) {
        long chars = curve.charactersTo(assumptions.target(), window(curve, assumptions.seqLength()));
        if (chars < 0) {
            return new Projection(curve, -1, -1, Double.NaN, Double.NaN);
        }
        int n = curve.workers();
        long rounds = curve.roundsTo(chars);
        double bytes = 12.0 * assumptions.parameters() * (n + 2);
        double perRound = cost.seconds(assumptions.parameters(), n) + bytes / assumptions.bandwidthBytesPerSecond();
        // one worker is plain single-process training: nothing to average, no rounds to pay for
        return new Projection(curve, chars, rounds, chars / (n * assumptions.speedCharsPerSecond()),
                n == 1 ? 0 : rounds * perRound);
    }

    /** The running-mean window: about 20 minibatches per worker, whatever the period. */
    static int window(Curve curve, int seqLength) {
        return Math.max(3, (int) (20 / curve.meanPeriod(seqLength)));
    }

    public List<Projection> projectAll(Map<String, Curve> curves) {
        var out = new ArrayList<Projection>();
        curves.values().stream().sorted(Comparator.comparingInt(Curve::workers)
                .thenComparingInt(c -> c.averagingEvery() == 0 ? Integer.MAX_VALUE : c.averagingEvery()))
                .forEach(c -> out.add(project(c)));
        return out;
    }

    /** The table the command prints: assumptions, the cost model, one row per variant. */
    public String table(List<Projection> projections) {
        var sb = new StringBuilder();
        sb.append("Assumptions: ").append(assumptions.describe()).append('\n');
        sb.append("Averaging round, fitted on the loopback cluster: ").append(cost.describe()).append("\n\n");
        sb.append("| variant | workers | avg every | batch per worker | characters to target | rounds | compute | averaging"
                + " | projected time | speed-up vs 1 worker |\n|---|---|---|---|---|---|---|---|---|---|\n");
        double one = projections.stream().filter(p -> p.curve().workers() == 1 && p.characters() >= 0)
                .mapToDouble(Projection::totalSeconds).min().orElse(Double.NaN);
        for (Projection p : projections) {
            Curve c = p.curve();
            if (p.characters() < 0) {
                sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | not reached | | | | | |%n", c.variant(),
                        c.workers(), c.period(), c.workerBatch()));
                continue;
            }
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %,d | %,d | %s | %s | %s | %.2fx |%n",
                    c.variant(), c.workers(), c.period(), c.workerBatch(), p.characters(), p.rounds(),
                    duration(p.computeSeconds()), duration(p.averagingSeconds()), duration(p.totalSeconds()),
                    one / p.totalSeconds()));
        }
        return sb.toString();
    }

    static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        return seconds < 7200 ? String.format(Locale.ROOT, "%.1f min", seconds / 60)
                : String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    /**
     * The default target: the loss one worker's running mean has at half of its characters, so that
     * variants that need up to twice one worker's characters still reach it within the study.
     */
    public static double defaultTarget(Map<String, Curve> curves) {
        Curve one = curves.values().stream().filter(c -> c.workers() == 1).findFirst().orElseThrow(
                () -> new IllegalArgumentException("the study has no one-worker variant to take the target from:"
                        + " pass --target LOSS"));
        List<Point> pts = one.points();
        long half = pts.get(pts.size() - 1).characters() / 2;
        int window = window(one, 1);
        double sum = 0;
        int used = 0;
        for (int i = 0; i < pts.size() && pts.get(i).characters() <= half; i++) {
            sum += pts.get(i).trainLoss();
            used++;
            if (used > window) {
                sum -= pts.get(i - window).trainLoss();
                used = window;
            }
        }
        if (used == 0) {
            throw new IllegalArgumentException("the one-worker variant '" + one.variant() + "' has too few rounds");
        }
        return sum / used;
    }

    /** Curves by variant from the study's {@code curves.csv} (the rows without a train loss are skipped). */
    public static Map<String, Curve> parseCurves(List<String> lines) {
        String header = "variant,workers,lr_scaling,avg_every,worker_batch,step,characters,train_loss,validation_loss";
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw new IllegalArgumentException("a scaling curves file starts with '" + header + "', got '"
                    + (lines.isEmpty() ? "" : lines.get(0)) + "'");
        }
        var points = new LinkedHashMap<String, List<Point>>();
        var shape = new LinkedHashMap<String, int[]>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length != 9) {
                throw new IllegalArgumentException("a curves row has 9 fields, got '" + line + "'");
            }
            shape.putIfAbsent(f[0], new int[] {Integer.parseInt(f[1]), f[3].equals("auto") ? 0 : Integer.parseInt(f[3]),
                Integer.parseInt(f[4])});
            if (!f[7].isEmpty()) {
                points.computeIfAbsent(f[0], k -> new ArrayList<>())
                        .add(new Point(Long.parseLong(f[6]), Double.parseDouble(f[7])));
            }
        }
        var curves = new LinkedHashMap<String, Curve>();
        points.forEach((variant, pts) -> {
            int[] s = shape.get(variant);
            curves.put(variant, new Curve(variant, s[0], s[1], s[2], pts));
        });
        return curves;
    }

    /** Measured rounds from {@code round-cost.csv}: {@code parameters,workers,seconds}. */
    public static List<RoundCost> parseCosts(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).equals("parameters,workers,seconds")) {
            throw new IllegalArgumentException("a round-cost file starts with 'parameters,workers,seconds'");
        }
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",")).map(f -> new RoundCost(
                Long.parseLong(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]))).toList();
    }

    private static double[] solve3(double[][] m, double[] v) {
        double det = det3(m);
        if (Math.abs(det) < 1e-12) {
            throw new IllegalArgumentException("the measured rounds do not vary both parameters and workers:"
                    + " measure at least two model sizes and two worker counts");
        }
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            double[][] r = {m[0].clone(), m[1].clone(), m[2].clone()};
            for (int i = 0; i < 3; i++) {
                r[i][k] = v[i];
            }
            out[k] = det3(r) / det;
        }
        return out;
    }

    private static double det3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }
}
