package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.storage.BlockId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.TestCorpora;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.checkpoint.NativeCheckpoint;

/**
 * {@code train char-lstm --input 'DIR/*.txt'}: the executors read a directory of several files
 * (one of them empty) themselves; the train command's broadcasts (model parameters, task
 * binaries, the Hadoop configuration) keep their size when the corpus grows tenfold, where the
 * driver-side path broadcast 4 bytes per training character; files added or removed before a resume
 * at an epoch's end are trained on from the next epoch with the checkpoint's vocabulary, and a new
 * character is refused before training, naming it and its file.
 */
class CorpusGlobCliTest extends SparkTestBase {

    @TempDir
    Path dir;

    private static final String[] TINY = {"--set", "model.hidden=16", "--set", "data.seq-length=20", "--set",
        "train.batch-size=64", "--set", "train.averaging-frequency=2", "--set", "sample.chars=20"};

    /** The largest size of each broadcast seen, by broadcast block name ({@code broadcast_N_pieceM}). */
    private static final class BroadcastPieces extends SparkListener {
        final Map<String, Long> bytes = new ConcurrentHashMap<>();

        @Override
        public void onBlockUpdated(SparkListenerBlockUpdated event) {
            BlockId id = event.blockUpdatedInfo().blockId();
            if (id.isBroadcast() && id.name().contains("_piece")) {
                bytes.merge(id.name(), event.blockUpdatedInfo().memSize() + event.blockUpdatedInfo().diskSize(),
                        Math::max);
            }
        }

        long largest() {
            return bytes.values().stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    /** Three files of {@code repeat} copies of three different anna passages, and an empty one. */
    private Path corpusDir(String name, int repeat) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        String anna = TestCorpora.annaPrefix(6000);
        for (int f = 0; f < 3; f++) {
            Files.writeString(d.resolve("part-" + f + ".txt"), anna.substring(f * 2000, (f + 1) * 2000).repeat(repeat));
        }
        Files.writeString(d.resolve("empty.txt"), "");
        Files.writeString(d.resolve("notes.md"), "not matched by the glob: \u20ac\n");
        return d;
    }

    /** {@code more} may set {@code --epochs} (default 1). */
    private CliRun train(Path corpus, String runDir, String... more) {
        String[] epochs = List.of(more).contains("--epochs") ? new String[0] : new String[] {"--epochs", "1"};
        return CliRun.of(MainTest.concat(MainTest.concat(MainTest.concat(new String[] {"train", "char-lstm", "--input",
            corpus + "/*.txt", "--run-dir", dir.resolve(runDir).toString()}, TINY), epochs), more));
    }

    private long largestBroadcast(Path corpus, String runDir) throws java.util.concurrent.TimeoutException {
        var pieces = new BroadcastPieces();
        sc().sc().listenerBus().waitUntilEmpty();
        sc().sc().addSparkListener(pieces);
        try {
            CliRun run = train(corpus, runDir);
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.err().contains("corpus: 4 file(s)"), run.err());
            assertTrue(run.out().matches("(?s).*epoch 1/1 validation nats/char=\\d+\\.\\d+.*"), run.out());
            sc().sc().listenerBus().waitUntilEmpty();
        } finally {
            sc().sc().removeSparkListener(pieces);
        }
        assertFalse(pieces.bytes.isEmpty(), "no broadcast observed: the listener sees nothing, the test would be void");
        return pieces.largest();
    }

    @Test
    void aGlobOverADirectoryTrainsWithBroadcastsIndependentOfTheCorpusSize() throws Exception {
        // both runs take more than one averaging round: from the second on, DL4J broadcasts the
        // parameters with Adam's (no longer all-zero, so incompressible) moments, 3 floats a parameter
        Path small = corpusDir("small", 2);
        Path large = corpusDir("large", 12);
        long smallLargest = largestBroadcast(small, "run-small");
        long largeLargest = largestBroadcast(large, "run-large");
        long largeTrainIdBytes = 4L * 64_800; // what the old path broadcast: 90% of 72,000 characters as ints
        assertTrue(largeLargest < largeTrainIdBytes / 2, "a broadcast of " + largeLargest + " bytes: near the ids' "
                + largeTrainIdBytes);
        assertTrue(largeLargest <= smallLargest + (4 << 10), "the largest broadcast grew with the corpus: "
                + smallLargest + " bytes for 12,000 characters, " + largeLargest + " for 72,000");
    }

    @Test
    void filesChangedAtAnEpochsEndAreTrainedOnFromTheNextEpochWithTheCheckpointsVocabulary() throws IOException {
        Path corpus = corpusDir("changed", 1);
        // the only '@' of the corpus: once this file is gone, a fresh scan's vocabulary lacks it
        Files.writeString(corpus.resolve("rare.txt"), "mail me @ once\n".repeat(20));
        CliRun first = train(corpus, "run-changed");
        assertEquals(0, first.exitCode(), first.err());
        CheckpointMetadata before = newest(dir.resolve("run-changed"));
        assertTrue(before.vocabulary().contains("@"), before.vocabulary().toString());

        Files.delete(corpus.resolve("rare.txt"));
        // only characters the model knows: the first passages read backwards
        Files.writeString(corpus.resolve("added.txt"), new StringBuilder(TestCorpora.annaPrefix(6000)).reverse());
        CliRun resumed = train(corpus, "run-changed", "--resume", "--epochs", "2");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("resuming from"), resumed.err());
        assertTrue(resumed.err().contains("the training text changed since step " + before.step()
                + " (the end of epoch 1): epoch 2 trains on it as it is now"), resumed.err());
        assertTrue(resumed.out().matches("(?s).*epoch 2/2 validation nats/char=\\d+\\.\\d+.*"), resumed.out());
        CheckpointMetadata after = newest(dir.resolve("run-changed"));
        assertEquals(2, after.epoch());
        assertEquals(before.vocabulary(), after.vocabulary(), "the resumed model keeps the checkpoint's vocabulary");
        long perEpochBefore = batchesPerEpoch(before);
        long perEpochAfter = batchesPerEpoch(after);
        assertTrue(perEpochAfter > perEpochBefore, "the added text adds minibatches: " + perEpochBefore + " -> "
                + perEpochAfter);
        assertEquals(before.step() + perEpochAfter, after.step(), "epoch 2 is one whole epoch of the new text");
    }

    @Test
    void aFileAddedBeforeAResumeWithANewCharacterIsRefusedNamingItAndItsFileBeforeTraining() throws IOException {
        Path corpus = corpusDir("grown", 1);
        CliRun first = train(corpus, "run-grown");
        assertEquals(0, first.exitCode(), first.err());
        Path checkpoints = dir.resolve("run-grown/checkpoints");
        Map<String, Long> saved = fingerprint(checkpoints);
        Path added = Files.writeString(corpus.resolve("added.txt"), "a new file with a new character: \u20ac\n".repeat(40));
        CliRun resumed = train(corpus, "run-grown", "--resume", "--epochs", "2");
        assertEquals(2, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("1 character(s) outside the model's vocabulary ['\u20ac']"), resumed.err());
        assertTrue(resumed.err().matches("(?s).*first seen in (file:)?" + java.util.regex.Pattern.quote(added.toString())
                + "\\).*"), resumed.err());
        assertTrue(resumed.err().contains("remove them from the text"), resumed.err());
        assertFalse(resumed.err().contains("step 1") || resumed.out().contains("epoch 2/2"), "trained:\n"
                + resumed.err());
        assertEquals(saved, fingerprint(checkpoints), "the checkpoints changed");
    }

    private static CheckpointMetadata newest(Path run) throws IOException {
        Path last;
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            last = s.filter(p -> p.getFileName().toString().startsWith("step-")).max(Comparator.comparingLong(
                p -> Long.parseLong(p.getFileName().toString().substring("step-".length())))).orElseThrow();
        }
        return NativeCheckpoint.readMetadata(new org.apache.hadoop.fs.Path(last.toString()), new Configuration());
    }

    private static long batchesPerEpoch(CheckpointMetadata meta) {
        return ((Number) ((Map<?, ?>) meta.config().get("run")).get("batchesPerEpoch")).longValue();
    }

    /** Every file under {@code dir} with its size and modification time. */
    private static Map<String, Long> fingerprint(Path dir) throws IOException {
        var out = new TreeMap<String, Long>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p) + " " + Files.size(p), Files.getLastModifiedTime(p).toMillis());
            }
        }
        assertFalse(out.isEmpty(), "no checkpoint files in " + dir);
        return out;
    }
}
