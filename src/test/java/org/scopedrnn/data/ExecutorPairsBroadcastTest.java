package org.scopedrnn.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
        long before = marker();
        PairScan scan = PairScan.run(sc(), options(file.toString(), PairOptions.ALL, 0.1, 64 << 10));
        try (ExecutorPairs pairs = ExecutorPairs.load(sc(), scan, scan.vocabulary(), 5)) {
            EpochPlan plan = pairs.plan(16);
            for (int r = 0; r < 3; r++) {
                pairs.round(plan, 5, 0, r * 4L, 4, FORMAT).count();
            }
            var params = sc().broadcast(new double[8]);
            pairs.validation(params, (p, batch) -> 0.0, 64, FORMAT);
            params.destroy();
            pairs.heldOut(500);
        }
        long after = marker();
        sc().sc().listenerBus().waitUntilEmpty();
        return sizes.between(before, after);
    }

    private long marker() {
        var marker = sc().broadcast(0);
        long id = marker.id();
        marker.destroy();
        return id;
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
            assertFalse(smallRun.isEmpty(), "no broadcast observed: the listener sees nothing, the test would be void");
            long smallTotal = smallRun.values().stream().mapToLong(Long::longValue).sum();
            long largeTotal = largeRun.values().stream().mapToLong(Long::longValue).sum();
            long smallLargest = smallRun.values().stream().mapToLong(Long::longValue).max().orElse(0);
            long largest = largeRun.values().stream().mapToLong(Long::longValue).max().orElse(0);
            long fileBytes = Files.size(large);
            assertTrue(largest < fileBytes / 8 && largest <= smallLargest + (4 << 10), "a broadcast of " + largest
                    + " bytes for a pairs file of " + fileBytes + " (" + smallLargest + " for the small one): "
                    + largeRun);
            assertTrue(largeTotal <= smallTotal * 5 / 4 + (16 << 10), "broadcast bytes grew with the pairs: "
                    + smallTotal + " for " + Files.size(small) + " bytes, " + largeTotal + " for " + fileBytes
                    + " bytes (" + smallRun + " vs " + largeRun + ")");
        } finally {
            sc().sc().removeSparkListener(sizes);
        }
    }
}
