package org.scopedrnn.data;

import static org.scopedrnn.data.CorpusFixtures.write;
import static org.scopedrnn.data.PairFixtures.options;
import static org.scopedrnn.data.PairFixtures.pairs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;

/**
 * The executor pairs must not broadcast pairs: every broadcast their data path makes (the Hadoop
 * configuration, Spark's task binaries with their closures, the validation scorer's parameters)
 * keeps its size when the pairs file grows twentyfold. Counted as in {@link ExecutorCorpusBroadcastTest}:
 * Spark's block updates of the broadcasts made between two marker broadcasts.
 */
class ExecutorPairsBroadcastTest extends SparkTestBase {

    private static final Seq2SeqBatches.Format FORMAT = new Seq2SeqBatches.Format(Seq2SeqBatches.Input.IDS_3D,
            org.deeplearning4j.nn.conf.RNNFormat.NCW);

    @TempDir
    Path dir;

    private Map<Long, Long> runDataPath(ExecutorCorpusBroadcastTest.BroadcastSizes sizes, Path file) throws Exception {
        long before = ExecutorCorpusBroadcastTest.marker();
        PairScan scan = PairScan.run(sc(), options(file.toString(), PairOptions.ALL, 0.1, 64 << 10));
        try (ExecutorPairs pairs = ExecutorPairs.load(sc(), scan, scan.vocabulary(), 5)) {
            EpochPlan plan = pairs.plan(16);
            for (int r = 0; r < 3; r++) {
                pairs.round(plan, 5, 0, r * 4L, 4, 2, FORMAT).count();
            }
            var params = sc().broadcast(new double[8]);
            pairs.validation(params, (p, batch) -> 0.0, 64, FORMAT);
            params.destroy();
            pairs.heldOut(500);
        }
        long after = ExecutorCorpusBroadcastTest.marker();
        sc().sc().listenerBus().waitUntilEmpty();
        return sizes.between(before, after);
    }

    @Test
    void broadcastsKeepTheirSizeWhenThePairsFileGrowsTwentyfold() throws Exception {
        Path small = write(dir.resolve("small.tsv"), pairs(1, 1_000));
        Path large = write(dir.resolve("large.tsv"), pairs(1, 20_000));
        var sizes = new ExecutorCorpusBroadcastTest.BroadcastSizes();
        sc().sc().addSparkListener(sizes);
        try {
            Map<Long, Long> smallRun = runDataPath(sizes, small);
            Map<Long, Long> largeRun = runDataPath(sizes, large);
            ExecutorCorpusBroadcastTest.assertSizeIndependent(smallRun, largeRun, Files.size(small), Files.size(large));
        } finally {
            sc().sc().removeSparkListener(sizes);
        }
    }
}
