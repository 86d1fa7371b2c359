package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scopedrnn.FaultyFs;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.TestCorpora;

/**
 * Exit 2 means nothing was written or deleted, and a run dir that cannot take a checkpoint is
 * found before training: {@code --overwrite} with bad input, run dirs that are files, a full disk.
 */
class RunDirSafetyTest extends SparkTestBase {

    @TempDir
    static Path dir;

    static Path corpus;
    static Path trained;
    static Path trainedSeq2Seq;

    @BeforeAll
    static void trainOnceEach() throws IOException {
        corpus = TestCorpora.write(dir, "corpus.txt", TestCorpora.annaPrefix(4000));
        Files.writeString(dir.resolve("empty.txt"), "");
        trained = dir.resolve("trained");
        CliRun charLstm = charLstm(trained, "--epochs", "1");
        assertEquals(0, charLstm.exitCode(), charLstm.err());
        trainedSeq2Seq = dir.resolve("trained-seq2seq");
        CliRun seq2seq = seq2seq(trainedSeq2Seq, "--epochs", "1");
        assertEquals(0, seq2seq.exitCode(), seq2seq.err());
    }

    static CliRun charLstm(Path run, String... more) {
        return charLstm(corpus.toString(), run.toString(), more);
    }

    static CliRun charLstm(String input, String run, String... more) {
        return CliRun.of(MainTest.concat(MainTest.concat(new String[] {"train", "char-lstm", "--input", input,
            "--run-dir", run}, SchedulerBehaviourTest.TINY), more));
    }

    static CliRun seq2seq(Path run, String... more) {
        return CliRun.of(MainTest.concat(new String[] {"train", "seq2seq", "--run-dir", run.toString(), "--set",
            "data.task=copy", "--set", "data.copy-examples=300", "--set", "model.hidden=16", "--set",
            "model.embedding-size=8", "--set", "train.batch-size=16", "--set", "translate.examples=1"}, more));
    }

    /** Every file under {@code root}, by relative path, with its bytes. */
    static Map<String, String> snapshot(Path root) throws IOException {
        var files = new TreeMap<String, String>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    static void assertOneErrorLine(CliRun run) {
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals(1, run.err().lines().filter(l -> l.startsWith("error: ")).count(), run.err());
    }

    /** A fresh copy of a trained run dir, so that each case starts from whole checkpoints. */
    static Path copyOf(Path run, String name) throws IOException {
        Path copy = dir.resolve(name);
        try (Stream<Path> s = Files.walk(run)) {
            for (Path p : s.toList()) {
                Files.copy(p, copy.resolve(run.relativize(p).toString()));
            }
        }
        return copy;
    }

    @ParameterizedTest
    @ValueSource(strings = {"--input=typo.txt", "--input=EMPTY", "data.seq-length=5000", "train.learning-rate=Infinity"})
    void overwriteWithBadInputLeavesTheCheckpointsByteIdentical(String bad) throws IOException {
        Path run = copyOf(trained, "overwrite-" + Integer.toHexString(bad.hashCode()));
        Map<String, String> before = snapshot(run);
        assertTrue(before.keySet().stream().anyMatch(f -> f.startsWith("checkpoints")), before.keySet().toString());
        String input = bad.equals("--input=EMPTY") ? dir.resolve("empty.txt").toString()
                : bad.equals("--input=typo.txt") ? "typo.txt" : corpus.toString();
        String[] set = bad.startsWith("--input=") ? new String[0] : new String[] {"--set", bad};
        CliRun r = charLstm(input, run.toString(), MainTest.concat(set, "--overwrite", "--epochs", "1"));
        assertEquals(Main.BAD_INPUT, r.exitCode(), r.err());
        assertFalse(r.err().contains("deleting"), r.err());
        assertOneErrorLine(r);
        assertEquals(before, snapshot(run));
    }

    @ParameterizedTest
    @ValueSource(strings = {"train.learning-rate=Infinity", "train.batch-size=100000"})
    void seq2seqOverwriteWithBadInputLeavesTheCheckpointsByteIdentical(String bad) throws IOException {
        Path run = copyOf(trainedSeq2Seq, "overwrite-seq2seq-" + Integer.toHexString(bad.hashCode()));
        Map<String, String> before = snapshot(run);
        assertTrue(before.keySet().stream().anyMatch(f -> f.startsWith("checkpoints")), before.keySet().toString());
        CliRun r = seq2seq(run, "--set", bad, "--overwrite", "--epochs", "1");
        assertEquals(Main.BAD_INPUT, r.exitCode(), r.err());
        assertOneErrorLine(r);
        assertEquals(before, snapshot(run));
    }

    @Test
    void aRunDirThatIsAFileIsBadInputFoundBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "keep me");
        CliRun run = charLstm(file, "--epochs", "1");
        assertEquals(Main.BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().contains("is a file"), run.err());
        assertOneErrorLine(run);
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void checkpointsThatIsAFileIsBadInputFoundBeforeTraining() throws IOException {
        Path run = Files.createDirectories(dir.resolve("checkpoints-file"));
        Files.writeString(run.resolve("checkpoints"), "keep me");
        CliRun r = charLstm(run, "--epochs", "1");
        assertEquals(Main.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("checkpoints is a file"), r.err());
        assertFalse(r.err().contains("epoch 1/1"), "refused before training: " + r.err());
        assertOneErrorLine(r);
        assertEquals("keep me", Files.readString(run.resolve("checkpoints")));
    }

    @Test
    void aDiskThatFillsAtTheFirstCheckpointIsExit1OnOneLineAndLeavesNoPartialFiles() throws IOException {
        FaultyFs.register(sc().hadoopConfiguration());
        FaultyFs.disk("cli-full", 16_000); // the run dir probe and the first metrics rows fit, a checkpoint does not
        Path local = dir.resolve("full");
        CliRun run = charLstm(corpus.toString(), FaultyFs.path("cli-full", local).toString(), "--epochs", "1");
        assertEquals(Main.FAILURE, run.exitCode(), run.err());
        String error = run.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow();
        assertTrue(error.contains("No space left on device") && error.contains(".tmp-step-4"), error);
        assertOneErrorLine(run);
        try (Stream<Path> s = Files.walk(local)) {
            assertEquals(java.util.List.of(), s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".") || n.equals("run.lock")).toList(),
                "no .tmp-step-4, .metrics.csv.tmp or lock left behind");
        }
    }

    @Test
    void anUnknownSparkMasterIsBadInputListingTheAcceptedForms() {
        CliRun run = charLstm(dir.resolve("bad-master"), "--master", "garbage://x");
        assertEquals(Main.BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().contains("'garbage://x'") && run.err().contains("local[N]")
                && run.err().contains("spark://HOST:PORT") && run.err().contains("yarn"), run.err());
        assertOneErrorLine(run);
        assertFalse(Files.exists(dir.resolve("bad-master")));
    }

    @Test
    void helpWorksOnTrainAndItsSubcommands() {
        CliRun train = CliRun.of("train", "--help");
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("char-lstm") && train.out().contains("seq2seq"), train.out());
        CliRun charLstm = CliRun.of("train", "char-lstm", "-h");
        assertEquals(0, charLstm.exitCode(), charLstm.err());
        assertTrue(charLstm.out().contains("--break-lock"), charLstm.out());
    }
}
