package org.scopedrnn.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scopedrnn.data.CorpusFixtures.options;
import static org.scopedrnn.data.CorpusFixtures.text;
import static org.scopedrnn.data.CorpusFixtures.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.storage.BlockId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;

/**
 * The executor corpus must not broadcast text: every broadcast the data path makes (the Hadoop
 * configuration, Spark's task binaries with their closures) keeps its size when the corpus grows
 * twentyfold. Sizes come from Spark's own block updates for {@code broadcast_N_pieceM} blocks.
 */
class ExecutorCorpusBroadcastTest extends SparkTestBase {

    @TempDir
    Path dir;

    /** Bytes of each broadcast piece seen, by block name. */
    static final class BroadcastSizes extends SparkListener {
        private final Map<String, Long> pieceBytes = new ConcurrentHashMap<>();

        @Override
        public void onBlockUpdated(SparkListenerBlockUpdated event) {
            BlockId id = event.blockUpdatedInfo().blockId();
            if (id.isBroadcast() && id.name().contains("_piece")) {
                long bytes = event.blockUpdatedInfo().memSize() + event.blockUpdatedInfo().diskSize();
                pieceBytes.merge(id.name(), bytes, Math::max);
            }
        }

        /**
         * Broadcasts with ids strictly between the two markers: block updates of older broadcasts (other tests
         * share this context, and their blocks are still reported late, e.g. by the context cleaner) are not
         * counted, whenever they arrive.
         */
        Map<Long, Long> between(long fromMarker, long toMarker) {
            Map<Long, Long> sizes = new java.util.HashMap<>();
            pieceBytes.forEach((name, bytes) -> {
                long id = Long.parseLong(name.split("_")[1]);
                if (id > fromMarker && id < toMarker) {
                    sizes.merge(id, bytes, Long::sum);
                }
            });
            return Map.copyOf(sizes);
        }
    }

    private Map<Long, Long> runDataPath(BroadcastSizes sizes, Path file) throws Exception {
        long before = marker();
        CorpusScan scan = CorpusScan.run(sc(), options(file.toString(), 0.1, 20, 64 << 10));
        try (ExecutorCorpus corpus = ExecutorCorpus.load(sc(), scan, scan.vocabulary())) {
            EpochPlan plan = corpus.plan(16);
            for (int r = 0; r < 3; r++) {
                corpus.round(plan, 5, 0, r * 4L, 4, 2, true).count();
            }
            double[] logp = new double[corpus.vocabulary().size()];
            var params = sc().broadcast(logp);
            corpus.validation(params, (p, batch) -> 0.0, true, 64);
            params.destroy();
        }
        long after = marker();
        sc().sc().listenerBus().waitUntilEmpty();
        return sizes.between(before, after);
    }

    /**
     * No broadcast of the large run is larger than a few KiB above the small run's largest (and none
     * near the data's size), and together they grow by at most a quarter.
     */
    static void assertSizeIndependent(Map<Long, Long> smallRun, Map<Long, Long> largeRun, long smallBytes,
            long largeBytes) {
        assertFalse(smallRun.isEmpty(), "no broadcast observed: the listener sees nothing, the test would be void");
        long smallTotal = smallRun.values().stream().mapToLong(Long::longValue).sum();
        long largeTotal = largeRun.values().stream().mapToLong(Long::longValue).sum();
        long smallLargest = smallRun.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long largest = largeRun.values().stream().mapToLong(Long::longValue).max().orElse(0);
        assertTrue(largest < largeBytes / 8 && largest <= smallLargest + (4 << 10), "a broadcast of " + largest
                + " bytes for data of " + largeBytes + " (" + smallLargest + " for the small one): " + largeRun);
        assertTrue(largeTotal <= smallTotal * 5 / 4 + (16 << 10), "broadcast bytes grew with the data: "
                + smallTotal + " for " + smallBytes + " bytes, " + largeTotal + " for " + largeBytes
                + " bytes (" + smallRun + " vs " + largeRun + ")");
    }

    /** The id of a fresh, empty broadcast: ids are handed out in order, so it bounds a run's broadcasts. */
    static long marker() {
        var marker = sc().broadcast(0);
        long id = marker.id();
        marker.destroy();
        return id;
    }

    @Test
    void broadcastsKeepTheirSizeWhenTheCorpusGrowsTwentyfold() throws Exception {
        Path small = write(dir.resolve("small.txt"), text(1, 20_000));
        Path large = write(dir.resolve("large.txt"), text(1, 400_000));
        var sizes = new BroadcastSizes();
        sc().sc().addSparkListener(sizes);
        try {
            Map<Long, Long> smallRun = runDataPath(sizes, small);
            Map<Long, Long> largeRun = runDataPath(sizes, large);
            assertSizeIndependent(smallRun, largeRun, Files.size(small), Files.size(large));
        } finally {
            sc().sc().removeSparkListener(sizes);
        }
    }
}
