package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.report.ReportChecks;
import org.scopedrnn.report.RunReport;
import org.scopedrnn.report.TensorBoardChecks;

/** {@code train seq2seq}, {@code inspect} and {@code translate} as users run them, on a tiny copy task. */
class Seq2SeqCliTest extends SparkTestBase {

    @TempDir
    static Path dir;

    static Path checkpoint;
    static CliRun training;

    static final String[] TINY = {"--set", "data.task=copy", "--set", "data.copy-examples=600", "--set",
        "model.hidden=32", "--set", "model.embedding-size=16", "--set", "train.batch-size=16", "--set",
        "train.averaging-frequency=2", "--set", "translate.examples=3", "--epochs", "2"};

    @BeforeAll
    static void trainOnce() throws IOException {
        training = CliRun.of(MainTest.concat(new String[] {"train", "seq2seq", "--run-dir",
            dir.resolve("run").toString()}, TINY));
        assertEquals(0, training.exitCode(), training.err());
        try (Stream<Path> s = Files.list(dir.resolve("run/checkpoints"))) {
            checkpoint = s.filter(p -> p.getFileName().toString().startsWith("step-")).sorted().reduce((a, b) -> b)
                    .orElseThrow();
        }
    }

    @Test
    void trainingPrintsValidationLossMetricsAndTranslations() {
        assertTrue(training.out().matches("(?s).*epoch 2/2 validation nats/char=\\d+\\.\\d+.*"), training.out());
        assertTrue(training.out().matches("(?s).*held-out sentences=\\d+ char_accuracy=[\\d.]+ sequence_accuracy=[\\d.]+"
                + " char_bleu=[\\d.]+ word_bleu=[\\d.]+ \\(beam 1\\).*"), training.out());
        assertEquals(3, training.out().lines().filter(l -> l.contains("\t->\t")).count(), training.out());
    }

    @Test
    void trainingLeavesMetricsCsvAndReportWithPlotsAndTranslations() throws IOException {
        org.scopedrnn.report.ReportChecks.check(dir.resolve("run"), "pairs_per_second", 2);
        String html = Files.readString(dir.resolve("run/report.html"));
        assertEquals(2 * 3, html.split("  -&gt;  ", -1).length - 1, "3 translations per epoch: " + html);
    }

    @Test
    void tensorBoardReadsTheRunsMetricsAndTheTranslationsOfEachEpoch() throws IOException {
        Path run = dir.resolve("run");
        List<TensorBoardChecks.Texts> texts = TensorBoardChecks.assertMatchesMetrics(run, RunReport.Unit.PAIRS);

        List<Long> validationSteps = ReportChecks.rows(run, "pairs_per_second").stream()
                .filter(r -> !Double.isNaN(r.validation())).map(ReportChecks.Row::step).toList();
        assertEquals(validationSteps, texts.stream().map(TensorBoardChecks.Texts::step).toList(),
                "translations at the step each epoch ended");
        String html = Files.readString(run.resolve("report.html"));
        for (TensorBoardChecks.Texts epoch : texts) {
            assertTrue(epoch.texts().get(0).startsWith("held-out (greedy): sentences="), texts.toString());
            assertEquals(3, epoch.texts().stream().filter(t -> t.contains("  ->  ")).count(), texts.toString());
            for (String text : epoch.texts()) {
                assertTrue(html.contains("<pre>" + TensorBoardChecks.html(text) + "</pre>"), text + " in " + html);
            }
        }
    }

    @Test
    void checkpointHoldsEncoderAndDecoderUnderTheirScopes() {
        CliRun run = CliRun.of("inspect", "--checkpoint", checkpoint.toString());
        assertEquals(0, run.exitCode(), run.err());
        for (String line : List.of("encode_cell/lstm_cell/kernel\t[48, 128]\tfloat32",
                "decode_cell/lstm_cell/bias\t[128]\tfloat32", "encoder_embedding\t[9, 16]\tfloat32",
                "decoder_embedding\t[11, 16]\tfloat32", "fully_connected/weights\t[32, 11]\tfloat32",
                "encode_cell/lstm_cell/kernel/Adam\t[48, 128]\tfloat32", "global_step\t[]\tint64")) {
            assertTrue(run.out().lines().anyMatch(line::equals), line + " in\n" + run.out());
        }
    }

    @Test
    void translatePrintsOneLinePerInputLine() throws IOException {
        Path input = Files.writeString(dir.resolve("in.txt"), "abc\nhgfe\nbad\n");
        CliRun run = CliRun.of("translate", "--checkpoint", checkpoint.toString(), "--input", input.toString(),
            "--beam", "3");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3, run.out().lines().count(), run.out());
        assertTrue(run.out().lines().allMatch(l -> l.matches("[a-h]*")), run.out());
    }

    @Test
    void translateRejectsCharactersOutsideTheSourceVocabulary() throws IOException {
        Path input = Files.writeString(dir.resolve("bad.txt"), "abz\n");
        CliRun run = CliRun.of("translate", "--checkpoint", checkpoint.toString(), "--input", input.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'z'"), run.err());
    }

    @Test
    void pairsFileWithALineWithoutTabIsAnErrorNamingTheLine() throws IOException {
        Path pairs = Files.writeString(dir.resolve("pairs.txt"), "Go.\tVa !\nRun!\n");
        CliRun run = CliRun.of("train", "seq2seq", "--input", pairs.toString(), "--run-dir",
            dir.resolve("run-bad").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("line 2") && run.err().contains("no tab"), run.err());
    }

    @Test
    void translatingWithACharLstmCheckpointIsAnError() {
        CliRun run = CliRun.of("translate", "--checkpoint", dir.resolve("run").toString());
        assertEquals(2, run.exitCode());
    }
}
