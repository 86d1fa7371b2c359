package org.scopedrnn.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.scopedrnn.bench.ScalingChart;
import org.scopedrnn.bench.ScalingProjection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench scaling}: the projection of {@code scripts/bench --scaling} — the scaling study's
 * curves and the measured averaging rounds combined into a time to the target loss for N
 * executors, printed as a table with its assumptions and drawn as one PNG.
 */
@Command(name = "scaling", mixinStandardHelpOptions = true,
        description = "Project time to a target loss for N workers from the scaling study and the round costs.")
final class BenchScalingCommand implements Callable<Integer> {

    @Option(names = "--curves", required = true, paramLabel = "FILE", description = "the study's curves.csv")
    File curves;

    @Option(names = "--round-cost", required = true, paramLabel = "FILE",
            description = "round-cost.csv: parameters,workers,seconds per averaging round")
    File roundCost;

    @Option(names = "--parameters", required = true, paramLabel = "P", description = "the study model's parameter count")
    long parameters;

    @Option(names = "--seq-length", required = true, paramLabel = "S", description = "the study's sequence length")
    int seqLength;

    @Option(names = "--speed", required = true, paramLabel = "CPS",
            description = "training chars/s of one executor (e.g. scripts/bench's train_cps_single)")
    double speed;

    @Option(names = "--bandwidth", paramLabel = "MBPS", description = "the driver's network link, MB/s (default 1250: 10 GbE)")
    double bandwidthMegabytes = 1250;

    @Option(names = "--target", paramLabel = "LOSS", description = "target train loss, nats/char (default: the"
            + " one-worker variant's running mean at half of its characters)")
    Double target;

    @Option(names = "--png", paramLabel = "FILE", description = "write the speed-up chart here")
    File png;

    @Override
    public Integer call() throws IOException {
        var study = ScalingProjection.parseCurves(lines(curves, "--curves"));
        double goal = target != null ? target : ScalingProjection.defaultTarget(study);
        var assumptions = new ScalingProjection.Assumptions(parameters, seqLength, speed, bandwidthMegabytes * 1e6,
                goal);
        var cost = ScalingProjection.CostModel.fit(ScalingProjection.parseCosts(lines(roundCost, "--round-cost")));
        var projection = new ScalingProjection(assumptions, cost);
        var rows = projection.projectAll(study);
        System.out.print(projection.table(rows));
        if (png != null) {
            Files.write(png.toPath(), ScalingChart.png(String.format(java.util.Locale.ROOT,
                    "Projected speed-up to train loss %.3f nats/char", goal), rows));
            System.err.println("wrote " + png);
        }
        return 0;
    }

    private static java.util.List<String> lines(File file, String option) throws IOException {
        if (!file.isFile()) {
            throw new UserInputException(option + " " + file + " is not a file: run bench/averaging.sh --scaling"
                    + " and bench/round-cost.sh first (scripts/bench --scaling runs both)");
        }
        return Files.readAllLines(file.toPath());
    }
}
