package org.scopedrnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    @TempDir
    Path dir;

    private RunReport report(Path runDir, long startStep) throws IOException {
        return new RunReport(new org.apache.hadoop.fs.Path(runDir.toString()), new Configuration(), "test <run>",
                RunReport.Unit.CHARS, startStep);
    }

    @Test
    void roundsAndValidationsBecomeCsvRowsAsTheyHappen() throws IOException {
        RunReport r = report(dir, 0);
        r.round(10, 1, 2.5, 1000, 0.002, 5);
        assertEquals(2, Files.readAllLines(dir.resolve("metrics.csv")).size(), "written after every round");
        r.validation(10, 1, 2.25, 0.002);
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals("step,epoch,wall_seconds,train_loss,validation_loss,chars_per_second,learning_rate,"
                + "averaging_period", lines.get(0));
        assertTrue(lines.get(1).matches("10,1,[0-9.]+,2\\.50000,,[0-9.e+]+,0\\.00200000,5"), lines.get(1));
        assertTrue(lines.get(2).matches("10,1,[0-9.]+,,2\\.25000,,0\\.00200000,"), lines.get(2));
    }

    @Test
    void reportEscapesTextsAndSkipsPlotsWithoutData() throws IOException {
        RunReport r = report(dir, 0);
        r.epochTexts(1, List.of("a <b> & \"c\""));
        r.write();
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("a &lt;b&gt; &amp; &quot;c&quot;"), html);
        assertTrue(html.contains("<title>test &lt;run&gt;</title>"), html);
        assertFalse(html.contains("<img"), "no rows, no plots: " + html);
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void resumedRunKeepsEarlierRowsUpToItsStepAndContinuesTheClock() throws IOException {
        RunReport first = report(dir, 0);
        first.round(5, 1, 3.0, 100, 0.01, 5);
        first.round(10, 1, 2.0, 100, 0.01, 5);
        first.round(15, 2, 1.5, 100, 0.01, 5); // trained after the last checkpoint: lost with the kill
        Files.writeString(dir.resolve("metrics.csv"), Files.readString(dir.resolve("metrics.csv")) + "20,2,9.9,1.");

        RunReport resumed = report(dir, 10);
        assertEquals(List.of(5L, 10L), resumed.rows().stream().map(MetricsRow::step).toList());
        MetricsRow next = resumed.round(15, 2, 1.4, 100, 0.01, 5);
        assertTrue(next.wallSeconds() >= resumed.rows().get(1).wallSeconds());
        assertEquals(4, Files.readAllLines(dir.resolve("metrics.csv")).size());
    }

    @Test
    void resumeKeepsTheRowsOfAMetricsCsvWrittenBeforeTheAveragingPeriodColumn() throws IOException {
        Files.writeString(dir.resolve("metrics.csv"), "step,epoch,wall_seconds,train_loss,validation_loss,"
                + "chars_per_second,learning_rate\n5,1,1.000,3.00000,,100.000,0.0100000\n"
                + "5,1,1.500,,2.90000,,0.0100000\n");
        RunReport resumed = report(dir, 5);
        assertEquals(List.of(0, 0), resumed.rows().stream().map(MetricsRow::averagingPeriod).toList());
        resumed.round(10, 2, 2.5, 100, 0.01, 3);
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).endsWith(",0.0100000,") && lines.get(3).endsWith(",3"), String.join("\n", lines));
    }

    @Test
    void rowRejectsNegativeStep() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new MetricsRow(-1, 1, 0, 1, Double.NaN, 1, 0.1, 5));
        assertTrue(e.getMessage().contains("step -1"), e.getMessage());
    }

    @Test
    void aFullDiskFailsTheRoundWithAnIoExceptionLeavesNoTempFileAndWriteOrWarnOnlyWarns() throws IOException {
        org.scopedrnn.FaultyFs.disk("report-full", 2000);
        var conf = org.scopedrnn.FaultyFs.register(new Configuration());
        RunReport r = new RunReport(org.scopedrnn.FaultyFs.path("report-full", dir), conf, "full", RunReport.Unit.CHARS, 0);
        IOException e = assertThrows(IOException.class, () -> {
            for (int step = 1; step < 1000; step++) {
                r.round(step, 1, 2.5, 1000, 0.002, 5);
            }
        });
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        var bytes = new java.io.ByteArrayOutputStream();
        r.writeOrWarn(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).startsWith("warning: could not write"));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("metrics.csv", RunReport.TENSORBOARD),
                    s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no .metrics.csv.tmp or half plot left behind");
        }
    }
}
