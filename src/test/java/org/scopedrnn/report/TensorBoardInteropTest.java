package org.scopedrnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event files a report writes, read back by real TensorBoard (skipped without it, failed on CI). */
class TensorBoardInteropTest {

    @TempDir
    Path dir;

    private RunReport report(RunReport.Unit unit, long startStep) throws IOException {
        return new RunReport(new org.apache.hadoop.fs.Path(dir.toString()), new Configuration(), "tb", unit,
                startStep);
    }

    @Test
    void tensorBoardReadsTheScalarsOfMetricsCsvAndTheEpochTexts() throws IOException {
        RunReport r = report(RunReport.Unit.PAIRS, 0);
        r.round(4, 1, 2.5, 64, 0.001, 5);
        r.round(8, 1, 2.0, 64, 0.0, 5);
        r.validation(8, 1, 2.25, 0.0);
        r.epochTexts(1, List.of("abc  ->  cba", "é <b> & \"q\"\nsecond line"));
        r.finish(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        List<TensorBoardChecks.Texts> texts = TensorBoardChecks.assertMatchesMetrics(dir, RunReport.Unit.PAIRS);
        assertEquals(List.of(new TensorBoardChecks.Texts(8, List.of("abc  ->  cba", "é <b> & \"q\"\nsecond line"))),
                texts);
    }

    @Test
    void aResumedRunReplacesWhatTheKilledOneRecordedAfterTheResumeStep() throws IOException {
        RunReport killed = report(RunReport.Unit.CHARS, 0);
        killed.round(5, 1, 3.0, 100, 0.01, 5);
        killed.round(10, 1, 2.0, 100, 0.01, 5);
        killed.validation(10, 1, 2.1, 0.01);
        killed.epochTexts(1, List.of("after epoch 1"));
        killed.round(15, 2, 1.5, 100, 0.01, 5); // after the last checkpoint: trained again on resume
        killed.epochTexts(2, List.of("lost with the kill"));
        // killed: never finished, its event file left open

        RunReport resumed = report(RunReport.Unit.CHARS, 10);
        resumed.round(15, 2, 1.4, 100, 0.005, 5);
        resumed.round(20, 2, 1.2, 100, 0.005, 5);
        resumed.validation(20, 2, 1.3, 0.005);
        resumed.epochTexts(2, List.of("after epoch 2"));
        resumed.finish(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        List<TensorBoardChecks.Texts> texts = TensorBoardChecks.assertMatchesMetrics(dir, RunReport.Unit.CHARS);
        assertEquals(List.of(new TensorBoardChecks.Texts(10, List.of("after epoch 1")),
                new TensorBoardChecks.Texts(20, List.of("after epoch 2"))), texts);
        assertEquals(List.of(5L, 10L, 15L, 20L),
                ReportChecks.rows(dir, "chars_per_second").stream().filter(row -> !Double.isNaN(row.train()))
                        .map(ReportChecks.Row::step).toList(), "the rows TensorBoard was compared with");
        try (Stream<Path> files = Files.list(dir.resolve(RunReport.TENSORBOARD))) {
            assertEquals(2, files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents."))
                    .count(), "a new file per run start; the killed run's is kept");
        }
    }

    @Test
    void eventFilesHaveNoChecksumSideFilesOnTheLocalFileSystem() throws IOException {
        RunReport r = report(RunReport.Unit.CHARS, 0);
        r.round(1, 1, 1.0, 10, 0.1, 5);
        try (Stream<Path> files = Files.list(dir.resolve(RunReport.TENSORBOARD))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertEquals(1, names.size(), names.toString());
            assertTrue(names.get(0).matches("events\\.out\\.tfevents\\.\\d{10}\\.[A-Za-z0-9._-]+"), names.get(0));
        }
    }
}
