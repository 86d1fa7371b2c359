package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.TestCorpora;

/** The command line as users and scripts see it: output formats, exit codes, error messages. */
class MainTest extends SparkTestBase {

    @TempDir
    static Path dir;

    static Path corpus;
    static Path checkpoint;

    static final String[] TINY = {"--set", "model.hidden=16", "--set", "data.seq-length=20", "--set",
        "train.batch-size=8", "--set", "train.averaging-frequency=2", "--set", "sample.chars=30"};

    @BeforeAll
    static void trainOnce() throws IOException {
        corpus = TestCorpora.write(dir, "corpus.txt", TestCorpora.annaPrefix(3000));
        CliRun run = CliRun.of(concat(new String[] {"train", "char-lstm", "--input", corpus.toString(), "--run-dir",
            dir.resolve("run").toString(), "--epochs", "1"}, TINY));
        assertEquals(0, run.exitCode(), run.err());
        try (Stream<Path> s = Files.list(dir.resolve("run/checkpoints"))) {
            checkpoint = s.filter(p -> p.getFileName().toString().startsWith("step-")).findFirst().orElseThrow();
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void describeListsEveryCanonicalVariableAndTheTotal() {
        CliRun run = CliRun.of("describe", "--set", "data.input=" + corpus);
        assertEquals(0, run.exitCode(), run.err());
        int vocab = (int) TestCorpora.annaPrefix(3000).chars().distinct().count();
        assertTrue(run.out().matches("(?s).*lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel\\s+\\["
                + (vocab + 128) + ", 512\\].*"), run.out());
        for (String name : List.of("lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias",
                "lstm_cell/rnn/multi_rnn_cell/cell_1/basic_lstm_cell/kernel",
                "lstm_cell/rnn/multi_rnn_cell/cell_1/basic_lstm_cell/bias", "softmax/weights", "softmax/biases")) {
            assertTrue(run.out().contains(name), name + " missing in\n" + run.out());
        }
        long expectedTotal = 4L * 128 * (vocab + 128 + 1) + 4L * 128 * (256 + 1) + 128L * vocab + vocab;
        assertTrue(run.lastLine().startsWith("total (6 variables)"), run.lastLine());
        assertTrue(run.lastLine().replace(",", "").endsWith(" " + expectedTotal), run.lastLine());
    }

    @Test
    void trainPrintsValidationAndSample() {
        CliRun run = CliRun.of(concat(new String[] {"train", "char-lstm", "--input", corpus.toString(), "--run-dir",
            dir.resolve("run-output").toString(), "--epochs", "1"}, TINY));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("(?s).*epoch 1/1 validation nats/char=\\d+\\.\\d+ bits/char=\\d+\\.\\d+.*"), run.out());
        assertTrue(run.out().contains("\nThe "), run.out());
        assertTrue(run.err().contains("step "), "progress line expected on stderr: " + run.err());
    }

    @Test
    void inspectListsVariablesSortedWithShapeAndDtype() {
        CliRun run = CliRun.of("inspect", "--checkpoint", checkpoint.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(lines.stream().sorted().toList(), lines);
        assertTrue(lines.contains("global_step\t[]\tint64"), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches(
                "lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel\t\\[\\d+, 64]\tfloat32")), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("softmax/weights/Adam_1\t[16, ")), run.out());
    }

    @Test
    void sampleIsDeterministicUnderSeedAndStartsWithPrime() {
        CliRun a = CliRun.of("sample", "--checkpoint", checkpoint.toString(), "--prime", "Anna", "--length", "40",
            "--seed", "3");
        CliRun b = CliRun.of("sample", "--checkpoint", checkpoint.toString(), "--prime", "Anna", "--length", "40",
            "--seed", "3");
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(a.out(), b.out());
        assertTrue(a.out().startsWith("Anna"));
        String text = a.out().substring(0, a.out().length() - System.lineSeparator().length());
        assertEquals(44, text.codePointCount(0, text.length()), text);
    }

    @Test
    void sampleWithPrimeOutsideVocabularyFailsNamingTheCharacter() {
        CliRun run = CliRun.of("sample", "--checkpoint", checkpoint.toString(), "--prime", "Zürich");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'ü'"), run.err());
    }

    @Test
    void evaluateEndsWithTheSummaryLine() {
        CliRun run = CliRun.of("evaluate", "--checkpoint", checkpoint.toString(), "--text", corpus.toString(),
            "--max-chars", "500");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.lastLine().matches("nats/char=\\d+\\.\\d{6} bits/char=\\d+\\.\\d{6} chars=500"), run.lastLine());
    }

    @Test
    void evaluateWithUnknownCharactersFailsUnlessSkipped() {
        Path text = TestCorpora.write(dir, "unknown.txt", "The Zürich ünd ©");
        CliRun strict = CliRun.of("evaluate", "--checkpoint", checkpoint.toString(), "--text", text.toString());
        assertEquals(2, strict.exitCode());
        assertTrue(strict.err().contains("'ü'") && strict.err().contains("'©'"), strict.err());
        assertTrue(strict.err().contains("--skip-unknown"), strict.err());
        CliRun skipping = CliRun.of("evaluate", "--checkpoint", checkpoint.toString(), "--text", text.toString(),
            "--skip-unknown");
        assertEquals(0, skipping.exitCode(), skipping.err());
    }

    @Test
    void unknownConfigKeyIsAnErrorNamingIt() {
        CliRun run = CliRun.of("describe", "--set", "model.hiden=64");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown config key model.hiden") || run.err().contains("[model.hiden]"), run.err());
    }

    @Test
    void unknownKeyInConfigFileIsAnErrorNamingIt() throws IOException {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "train { epochz = 3 }\n");
        CliRun run = CliRun.of("describe", "--config", conf.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("train.epochz"), run.err());
    }

    @Test
    void nonPositiveSizeIsAnErrorNamingTheKey() {
        CliRun run = CliRun.of("describe", "--set", "model.hidden=0");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("model.hidden must be at least 1, got 0"), run.err());
        CliRun batch = CliRun.of("train", "char-lstm", "--set", "train.batch-size=-4", "--run-dir",
            dir.resolve("never").toString());
        assertEquals(2, batch.exitCode());
        assertTrue(batch.err().contains("train.batch-size must be at least 1, got -4"), batch.err());
    }

    @Test
    void unknownLstmImplIsAnErrorNamingTheChoices() {
        CliRun run = CliRun.of("train", "char-lstm", "--set", "model.lstm-impl=cudnn", "--run-dir",
            dir.resolve("never").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("model.lstm-impl must be fused or dl4j, got \"cudnn\""), run.err());
    }

    @Test
    void badLearningRateRuleIsAnErrorNamingTheKeyAndChoices() {
        java.nio.file.Path never = dir.resolve("never-lr");
        CliRun scaling = CliRun.of("train", "char-lstm", "--set", "train.lr-scaling=cubic", "--run-dir", never.toString());
        assertEquals(2, scaling.exitCode());
        assertTrue(scaling.err().contains("unknown train.lr-scaling 'cubic': expected none, sqrt or linear"),
                scaling.err());
        CliRun warmup = CliRun.of("train", "char-lstm", "--set", "train.warmup-steps=-3", "--run-dir", never.toString());
        assertEquals(2, warmup.exitCode());
        assertTrue(warmup.err().contains("train.warmup-steps must be at least 0, got -3"), warmup.err());
        assertTrue(!java.nio.file.Files.exists(never.resolve("checkpoints")), "nothing written");
    }

    @Test
    void missingCorpusIsAnErrorNamingThePath() {
        CliRun run = trainOn(dir.resolve("no-such.txt"), "missing");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no-such.txt does not exist"), run.err());
    }

    @Test
    void emptyCorpusIsAnError() {
        CliRun run = trainOn(TestCorpora.write(dir, "empty.txt", ""), "empty");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("is empty"), run.err());
    }

    @Test
    void corpusShorterThanOneSequenceIsAnError() {
        CliRun run = trainOn(TestCorpora.write(dir, "short.txt", "Happy families are all alike"), "short");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("shorter than one sequence") || run.err().contains("fewer than one"), run.err());
    }

    @Test
    void invalidUtf8CorpusIsAnErrorNamingTheOffset() throws IOException {
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, "caf\u00e9 au lait".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CliRun run = trainOn(latin1, "latin1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("not valid UTF-8") && run.err().contains("offset 3"), run.err());
    }

    @Test
    void directoryThatIsNotACheckpointIsAnError() {
        CliRun run = CliRun.of("inspect", "--checkpoint", dir.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("is not a checkpoint") && run.err().contains("checkpoint.json"), run.err());
    }

    @Test
    void truncatedVariableFileIsDetectedAndNamed() throws IOException {
        Path copy = dir.resolve("truncated");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(checkpoint)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        try (var raf = new RandomAccessFile(copy.resolve("variables.bin").toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        CliRun run = CliRun.of("sample", "--checkpoint", copy.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("variables.bin"), run.err());
        assertTrue(run.err().matches("(?s).*(truncated|cut|ends).*"), run.err());
    }

    @Test
    void describeSeq2SeqListsEncoderAndDecoderInTheirOwnScopes() {
        CliRun run = CliRun.of("describe", "--config", "conf/seq2seq.conf", "--set", "data.task=copy");
        assertEquals(0, run.exitCode(), run.err());
        // copy task: 8 symbols + PAD on the source side, + START and END on the target side
        for (String line : List.of("encoder_embedding\\s+\\[9, 64]", "encode_cell/lstm_cell/kernel\\s+\\[320, 1024]",
                "encode_cell/lstm_cell/bias\\s+\\[1024]", "decoder_embedding\\s+\\[11, 64]",
                "decode_cell/lstm_cell/kernel\\s+\\[320, 1024]", "decode_cell/lstm_cell/bias\\s+\\[1024]",
                "fully_connected/weights\\s+\\[256, 11]", "fully_connected/biases\\s+\\[11]")) {
            assertTrue(run.out().lines().anyMatch(l -> l.matches(line + "\\s+[\\d,]+")), line + " in\n" + run.out());
        }
    }

    @Test
    void decoderForcedIntoTheEncodersScopeFailsWithTensorFlowsMessage() {
        CliRun run = CliRun.of("describe", "--config", "conf/seq2seq.conf", "--set", "data.task=copy", "--set",
            "decoder.scope=encode_cell");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Variable encode_cell/lstm_cell/kernel already exists, disallowed. Did you mean "
            + "to set reuse=True or reuse=AUTO_REUSE in VarScope? Originally defined at: conf/seq2seq.conf: "
            + "encoder.scope"), run.err());
    }

    @Test
    void decoderReusingTheEncodersScopeSharesOneLstm() {
        CliRun run = CliRun.of("describe", "--config", "conf/seq2seq.conf", "--set", "data.task=copy", "--set",
            "decoder.scope=encode_cell", "--set", "decoder.reuse=true");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.out().lines().filter(l -> l.startsWith("encode_cell/lstm_cell/kernel")).count());
        assertTrue(run.out().lines().noneMatch(l -> l.startsWith("decode_cell/")), run.out());
        assertTrue(run.lastLine().startsWith("total (6 variables)"), run.lastLine());
    }

    @Test
    void rnnsWithoutScopesGetTensorFlowsUniqueDefaults() {
        CliRun run = CliRun.of("describe", "--config", "conf/seq2seq.conf", "--set", "data.task=copy", "--set",
            "encoder.scope=null", "--set", "decoder.scope=null");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("rnn/lstm_cell/kernel") && run.out().contains("rnn_1/lstm_cell/kernel"), run.out());
    }

    @Test
    void helpListsTheCommands() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode());
        for (String command : List.of("train", "sample", "evaluate", "inspect", "describe")) {
            assertTrue(run.out().contains(command), run.out());
        }
        assertNotEquals("", run.out());
    }

    private static CliRun trainOn(Path input, String runName) {
        return CliRun.of(concat(new String[] {"train", "char-lstm", "--input", input.toString(), "--run-dir",
            dir.resolve("run-" + runName).toString()}, TINY));
    }
}
