package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;

/**
 * {@code train seq2seq} on pairs the executors read: a glob over several files (one empty) on Spark
 * local, and the seq2seq checkpoint written by main at 2fd4dde (before the executor-side pairs)
 * resumed at its epoch's end, or refused with a message once doctored to stop in mid-epoch.
 */
class Seq2SeqPairsFilesCliTest extends SparkTestBase {

    private static final String[] TINY = {"--master", "local[2]", "--set", "model.hidden=8", "--set",
        "model.embedding-size=4", "--set", "train.batch-size=16", "--set", "translate.examples=2"};

    @TempDir
    Path dir;

    private static String[] args(String... first) {
        return Stream.concat(Stream.of(first), Stream.of(TINY)).toArray(String[]::new);
    }

    @Test
    void aGlobOverSeveralPairsFilesWithAnEmptyOneTrains() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("data/fra-eng.txt")).subList(0, 450);
        Path pairs = Files.createDirectories(dir.resolve("pairs"));
        Files.write(pairs.resolve("a.tsv"), lines.subList(0, 200));
        Files.write(pairs.resolve("b.tsv"), new byte[0]);
        Files.write(pairs.resolve("c.tsv"), lines.subList(200, 450));
        Files.writeString(pairs.resolve("README"), "not pairs");

        CliRun run = CliRun.of(args("train", "seq2seq", "--run-dir", dir.resolve("run").toString(), "--input",
                pairs + "/*.tsv", "--epochs", "1", "--set", "data.max-pairs=0"));

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("pairs: 3 file(s), "), run.err());
        assertTrue(run.err().contains("; 405 training / 45 validation pairs"), "per file: 180 + 20 and 225 + 25: "
                + run.err());
        assertTrue(run.out().matches("(?s).*epoch 1/1 validation nats/char=\\d+\\.\\d+.*"), run.out());
    }

    @Test
    void aCheckpointFromBeforeResumesAtItsEpochsEnd() throws IOException, URISyntaxException {
        Path run = oldRun("old");

        CliRun resumed = CliRun.of("train", "seq2seq", "--run-dir", run.toString(), "--resume", "--epochs", "2",
                "--master", "local[2]");

        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("resuming from"), resumed.err());
        assertTrue(resumed.out().contains("epoch 2/2 validation nats/char="), resumed.out());
        assertTrue(Files.isDirectory(run.resolve("checkpoints/step-22")), "11 more minibatches: the same plan");
    }

    @Test
    void aCheckpointFromBeforeTakenInMidEpochIsRefusedWithTheWayOut() throws IOException, URISyntaxException {
        Path run = oldRun("mid");
        Path json = run.resolve("checkpoints/step-11/checkpoint.json");
        Files.writeString(json, Files.readString(json).replace("\"step\" : 11,", "\"step\" : 5,"));
        Files.move(run.resolve("checkpoints/step-11"), run.resolve("checkpoints/step-5"));

        CliRun resumed = CliRun.of("train", "seq2seq", "--run-dir", run.toString(), "--resume", "--epochs", "2",
                "--master", "local[2]");

        assertEquals(2, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("stopped after minibatch 5 of 11 of epoch 1"), resumed.err());
        assertTrue(resumed.err().contains("an earlier version (driver-side order)"), resumed.err());
        assertTrue(Files.isDirectory(run.resolve("checkpoints/step-5")), "nothing deleted");
    }

    /** A run dir holding the 2fd4dde checkpoint (fra-eng, 200 pairs, batch 16, 1 epoch = 11 minibatches). */
    private Path oldRun(String name) throws IOException, URISyntaxException {
        Path source = Path.of(getClass().getResource("/checkpoints/v-2fd4dde-seq2seq").toURI());
        Path target = Files.createDirectories(dir.resolve(name).resolve("checkpoints/step-11"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return dir.resolve(name);
    }
}
