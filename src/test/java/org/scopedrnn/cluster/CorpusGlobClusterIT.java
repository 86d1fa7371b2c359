package org.scopedrnn.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.LogTail;
import org.scopedrnn.TestCorpora;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.checkpoint.NativeCheckpoint;

/**
 * {@code train char-lstm --input 'DIR/*.txt'} on the loopback standalone cluster (separate driver,
 * Master, Worker and executor JVMs): started by {@code scripts/scoped-rnn --master} on a small
 * directory and by {@code scripts/submit.sh} on one 5 times larger, both train, score validation and
 * write a checkpoint. Spark's event log (with block updates) of each run lists every
 * broadcast piece with its size, on the driver and on the executors that fetched it: the largest
 * broadcast is the same for both corpora, and far below what broadcasting the training ids would take.
 */
class CorpusGlobClusterIT {

    @TempDir
    static Path dir;

    static LocalCluster cluster;

    /**
     * A model of ~3,300 parameters (with Adam's two moments, ~40 KB a broadcast) and rounds of 10
     * minibatches of 128 windows: the small corpus's epoch is one round, the large one's five.
     */
    private static final String[] TINY = {"--set", "model.hidden=8", "--set", "data.seq-length=20", "--set",
        "train.batch-size=128", "--set", "train.averaging-frequency=5", "--set", "sample.chars=20",
        "--set", "report.epoch-sample-chars=0"};

    /** Characters of the three non-empty files together, times the repeat. */
    private static final int PASSAGE = 6000;
    private static final int SMALL = 4;
    private static final int LARGE = 20;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.startAuthenticated(dir.resolve("cluster"), 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            LocalCluster.Result stop = cluster.script("stop");
            assertEquals(0, stop.code(), stop.output());
        }
    }

    @Test
    void aGlobTrainsOnTheClusterFromTheLauncherAndSubmitWithBroadcastsIndependentOfTheCorpusSize()
            throws Exception {
        Path small = corpusDir("small", SMALL);
        Path large = corpusDir("large", LARGE);
        Path launcherRun = dir.resolve("run-launcher");
        Path submitRun = dir.resolve("run-submit");

        var launcher = new ArrayList<>(List.of(LocalCluster.HOME.resolve("scripts/scoped-rnn").toString(), "train",
            "char-lstm", "--master", cluster.master()));
        // two epochs: from its second round on, DL4J broadcasts the parameters with Adam's moments
        Map<String, Long> smallBroadcasts = train(launcher, small, launcherRun, "launcher", 2);

        var submit = new ArrayList<>(List.of(LocalCluster.HOME.resolve("scripts/submit.sh").toString(), "--master",
            cluster.master(), "--executor-memory", "768m", "--", "train", "char-lstm"));
        Map<String, Long> largeBroadcasts = train(submit, large, submitRun, "submit", 1);

        long smallLargest = largest(smallBroadcasts);
        long largeLargest = largest(largeBroadcasts);
        long largeTrainIds = Math.round(0.9 * PASSAGE * LARGE); // one byte a character, the least a copy takes
        System.out.println("largest broadcast: " + smallLargest + " bytes (" + SMALL * PASSAGE + " chars), "
                + largeLargest + " bytes (" + LARGE * PASSAGE + " chars); small " + smallBroadcasts + "; large "
                + largeBroadcasts); // in the build log: what the check saw
        assertTrue(largeLargest < largeTrainIds / 2, "a broadcast of " + largeLargest + " bytes: near the "
                + largeTrainIds + " training characters of the large corpus " + largeBroadcasts);
        assertTrue(largeLargest <= smallLargest + (4 << 10), "the largest broadcast grew with the corpus: "
                + smallLargest + " bytes for " + SMALL * PASSAGE + " characters, " + largeLargest + " for "
                + LARGE * PASSAGE + ": " + largeBroadcasts);
    }

    /** Three files of {@code repeat} copies of three different anna passages, an empty one, and a non-match. */
    private static Path corpusDir(String name, int repeat) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        String anna = TestCorpora.annaPrefix(PASSAGE);
        int third = PASSAGE / 3;
        for (int f = 0; f < 3; f++) {
            Files.writeString(d.resolve("part-" + f + ".txt"), anna.substring(f * third, (f + 1) * third).repeat(repeat));
        }
        Files.writeString(d.resolve("empty.txt"), "");
        Files.writeString(d.resolve("notes.md"), "not matched by the glob: \u20ac\n");
        return d;
    }

    /**
     * Runs {@code command} on the glob with an event log of its own; asserts the epoch trained,
     * validated and left a readable epoch-1 checkpoint; returns each broadcast's size in bytes.
     */
    private static Map<String, Long> train(List<String> command, Path corpus, Path run, String name, int epochs)
            throws Exception {
        Path events = Files.createDirectories(dir.resolve("events-" + name));
        var cmd = new ArrayList<>(command);
        cmd.addAll(List.of("--input", corpus + "/*.txt", "--run-dir", run.toString(),
            "--set", "spark.conf.\"spark.eventLog.enabled\"=true",
            "--set", "spark.conf.\"spark.eventLog.logBlockUpdates.enabled\"=true",
            "--set", "spark.conf.\"spark.eventLog.dir\"=\"" + events.toUri() + "\""));
        cmd.addAll(List.of(TINY));
        cmd.addAll(List.of("--epochs", String.valueOf(epochs)));
        Path log = dir.resolve(name + ".log");
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(cluster.driverEnv());
        long started = System.nanoTime();
        Process driver = pb.start();
        try {
            assertTrue(driver.waitFor(4, TimeUnit.MINUTES), name + " run did not finish:\n" + LogTail.of(log));
            assertEquals(0, driver.exitValue(), LogTail.of(log));
        } finally {
            driver.destroyForcibly();
        }
        System.out.printf("%s run: %.0f s%n", name, (System.nanoTime() - started) / 1e9);
        String out = Files.readString(log);
        assertTrue(out.contains("corpus: 4 file(s)"), out);
        assertTrue(out.matches("(?s).*epoch " + epochs + "/" + epochs + " validation nats/char=\\d+\\.\\d+.*"), out);
        List<Path> checkpoints = CheckpointWatcher.committed(run.resolve("checkpoints"));
        assertFalse(checkpoints.isEmpty(), "no checkpoint in " + run);
        Path newest = checkpoints.stream().max(Comparator.comparingLong(
            p -> Long.parseLong(p.getFileName().toString().substring("step-".length())))).orElseThrow();
        CheckpointMetadata last = NativeCheckpoint.readMetadata(new org.apache.hadoop.fs.Path(newest.toString()),
            new Configuration());
        assertEquals(epochs, last.epoch());
        assertTrue(last.step() > 0, "trained no step: " + last.step());
        return broadcastBytes(events);
    }

    /**
     * From the one application's event log: per broadcast ({@code broadcast_N}), the sum over its
     * pieces of the largest size any block manager reported for that piece (memory plus disk).
     */
    private static Map<String, Long> broadcastBytes(Path events) throws IOException {
        List<Path> logs;
        try (Stream<Path> s = Files.list(events)) {
            logs = s.filter(Files::isRegularFile).toList();
        }
        assertEquals(1, logs.size(), "one event log expected in " + events + ": " + logs);
        var mapper = new ObjectMapper();
        var pieces = new HashMap<String, Long>();
        for (String line : Files.readAllLines(logs.get(0))) {
            if (!line.contains("\"SparkListenerBlockUpdated\"")) {
                continue;
            }
            JsonNode info = mapper.readTree(line).get("Block Updated Info");
            String block = info.get("Block ID").asText();
            if (block.startsWith("broadcast_") && block.contains("_piece")) {
                pieces.merge(block, info.get("Memory Size").asLong() + info.get("Disk Size").asLong(), Math::max);
            }
        }
        assertFalse(pieces.isEmpty(), "no broadcast piece in the event log " + logs.get(0)
                + ": the check would be void");
        var broadcasts = new HashMap<String, Long>();
        pieces.forEach((piece, bytes) -> broadcasts.merge(piece.substring(0, piece.indexOf("_piece")), bytes,
                Long::sum));
        return broadcasts;
    }

    private static long largest(Map<String, Long> broadcasts) {
        return broadcasts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    }
}
