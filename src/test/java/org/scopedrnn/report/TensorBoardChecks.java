package org.scopedrnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.scopedrnn.PythonPeer;

/**
 * What real TensorBoard reads from a run's {@code tensorboard/} directory, through the loader
 * {@code tensorboard --logdir} uses ({@code /interop/tb_read_events.py}), compared with
 * {@code metrics.csv}.
 */
public final class TensorBoardChecks {

    private TensorBoardChecks() {}

    /** One text summary: its step and its texts. */
    public record Texts(long step, List<String> texts) {}

    /**
     * Reads the run's event files with TensorBoard and checks each scalar tag holds exactly the
     * steps and values of its metrics.csv column (float32 of the value, metrics.csv's 6 digits).
     * Skips the calling test without a Python peer with TensorBoard (fails on CI).
     *
     * @return the text summaries TensorBoard found under {@code textsTag}
     */
    public static List<Texts> assertMatchesMetrics(Path runDir, RunReport.Unit unit) throws IOException {
        PythonPeer.requireModule("tensorboard");
        Path logdir = runDir.resolve(RunReport.TENSORBOARD);
        JsonNode tb = new ObjectMapper().readTree(PythonPeer.lastLine(
                PythonPeer.run("/interop/tb_read_events.py", logdir.toString())));
        for (JsonNode file : tb.get("files")) {
            assertTrue(file.asText().startsWith("events.out.tfevents."), "only event files, no .crc: " + tb);
        }
        List<ReportChecks.Row> rows = ReportChecks.rows(runDir, unit.column());
        List<ReportChecks.Row> training = rows.stream().filter(r -> !Double.isNaN(r.train())).toList();
        assertTrue(!training.isEmpty(), "a run with training rows");
        assertColumn(tb, RunReport.TRAIN_LOSS_TAG, training, ReportChecks.Row::train);
        assertColumn(tb, RunReport.VALIDATION_LOSS_TAG,
                rows.stream().filter(r -> !Double.isNaN(r.validation())).toList(), ReportChecks.Row::validation);
        assertColumn(tb, unit.column(), training, ReportChecks.Row::throughput);
        assertColumn(tb, RunReport.LEARNING_RATE_TAG, training, ReportChecks.Row::learningRate);
        var tags = new ArrayList<String>();
        tb.get("scalars").fieldNames().forEachRemaining(tags::add);
        tags.removeAll(List.of(RunReport.TRAIN_LOSS_TAG, RunReport.VALIDATION_LOSS_TAG, unit.column(),
                RunReport.LEARNING_RATE_TAG));
        assertEquals(List.of(), tags, "no other scalars");

        var texts = new ArrayList<Texts>();
        JsonNode summaries = tb.get("texts").path(unit.textsTag());
        for (JsonNode summary : summaries) {
            var strings = new ArrayList<String>();
            summary.get(1).forEach(t -> strings.add(t.asText()));
            texts.add(new Texts(summary.get(0).asLong(), strings));
        }
        return texts;
    }

    private static void assertColumn(JsonNode tb, String tag, List<ReportChecks.Row> rows,
            ToDoubleFunction<ReportChecks.Row> column) {
        JsonNode points = tb.get("scalars").get(tag);
        if (rows.isEmpty()) {
            assertTrue(points == null, tag + " has no rows in metrics.csv but in TensorBoard: " + points);
            return;
        }
        assertTrue(points != null, "TensorBoard has no scalar " + tag + ": " + tb);
        assertEquals(rows.size(), points.size(), tag + ": " + points + " vs " + rows);
        for (int i = 0; i < rows.size(); i++) {
            double expected = column.applyAsDouble(rows.get(i));
            assertEquals(rows.get(i).step(), points.get(i).get(0).asLong(), tag + " point " + i);
            assertEquals(expected, points.get(i).get(1).asDouble(), Math.abs(expected) * 1e-5,
                    tag + " at step " + rows.get(i).step());
        }
    }

    /** {@code text} as report.html shows it. */
    public static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
