package org.scopedrnn.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.fs.HadoopFs;
import org.scopedrnn.report.internal.Charts;
import org.scopedrnn.report.internal.EventFile;
import org.scopedrnn.report.internal.Events;
import org.scopedrnn.report.internal.Html;

/**
 * A run's report: {@code RUN_DIR/metrics.csv}, rewritten after every averaging round, and
 * {@code RUN_DIR/report.html} with its PNG plots, rewritten by {@link #write()} (the trainers call
 * it after every epoch and when they stop, so a killed run keeps the report of its last epoch).
 * A resumed run keeps the rows its earlier process wrote, up to the step it resumes from.
 *
 * <p>Each row also goes, as it is recorded, to a TensorBoard event file in
 * {@code RUN_DIR/tensorboard/} (a new file per process): scalars {@code loss/train},
 * {@code loss/validation}, the throughput column's name and {@code learning_rate} (with the
 * training rows) at the row's step, and each epoch's texts as a text summary ({@code samples} or
 * {@code translations}) at the step the epoch ended. A file starts with a session start at the
 * step after {@code startStep}, so TensorBoard, like metrics.csv, forgets what an earlier process
 * recorded after the step this one resumes from.
 */
public final class RunReport {

    public static final String METRICS = "metrics.csv";
    public static final String HTML = "report.html";
    /** Directory of the TensorBoard event files, under the run dir. */
    public static final String TENSORBOARD = "tensorboard";
    public static final String TRAIN_LOSS_TAG = "loss/train";
    public static final String VALIDATION_LOSS_TAG = "loss/validation";
    public static final String LEARNING_RATE_TAG = "learning_rate";

    /** What the throughput column counts. */
    public enum Unit {
        CHARS("chars_per_second", "chars/s", "samples"), PAIRS("pairs_per_second", "pairs/s", "translations");

        private final String column;
        private final String label;
        private final String textsTag;

        Unit(String column, String label, String textsTag) {
            this.column = column;
            this.label = label;
            this.textsTag = textsTag;
        }

        /** TensorBoard tag of the texts taken after each epoch. */
        public String textsTag() {
            return textsTag;
        }

        public String column() {
            return column;
        }

        public String label() {
            return label;
        }
    }

    private final Path dir;
    private final FileSystem fs;
    private final String title;
    private final Unit unit;
    private final List<MetricsRow> rows = new ArrayList<>();
    private final Map<Integer, List<String>> epochTexts = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();
    private final double wallOffset;
    private long lastRoundNanos = startNanos;
    private final long startStep;
    private final EventFile events;

    /**
     * @param runDir any Hadoop path; created if missing
     * @param title heading of the HTML page (model and data)
     * @param startStep the step the run starts from: earlier rows of an existing metrics.csv are kept
     */
    public RunReport(Path runDir, Configuration conf, String title, Unit unit, long startStep) throws IOException {
        this.dir = runDir;
        this.fs = HadoopFs.forPath(runDir, conf);
        this.title = title;
        this.unit = unit;
        fs.mkdirs(runDir);
        rows.addAll(previousRows(startStep));
        wallOffset = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).wallSeconds();
        this.startStep = startStep;
        Path eventsDir = new Path(runDir, TENSORBOARD);
        try {
            events = EventFile.create(fs, eventsDir, startStep + 1);
        } catch (FSError e) {
            throw HadoopFs.asIOException(e, eventsDir);
        }
    }

    /** Records the end of an averaging round that trained {@code units} characters (or pairs). */
    public MetricsRow round(long step, int epoch, double trainLoss, long units, double learningRate,
            int averagingPeriod) throws IOException {
        long now = System.nanoTime();
        double seconds = (now - lastRoundNanos) / 1e9;
        lastRoundNanos = now;
        var row = new MetricsRow(step, epoch, wall(now), trainLoss, Double.NaN, units / Math.max(seconds, 1e-9),
                learningRate, averagingPeriod);
        rows.add(row);
        writeMetrics();
        recordScalars(row);
        return row;
    }

    /** Records a held-out loss measured after {@code epoch}. */
    public MetricsRow validation(long step, int epoch, double validationLoss, double learningRate) throws IOException {
        long now = System.nanoTime();
        var row = new MetricsRow(step, epoch, wall(now), Double.NaN, validationLoss, Double.NaN, learningRate, 0);
        rows.add(row);
        writeMetrics();
        recordScalars(row);
        // validation and sampling are not training time: the next round's throughput starts here
        lastRoundNanos = System.nanoTime();
        return row;
    }

    /** Samples (char-LSTM) or translations (seq2seq) taken after {@code epoch}, shown in the report. */
    public void epochTexts(int epoch, List<String> texts) throws IOException {
        epochTexts.put(epoch, List.copyOf(texts));
        long step = rows.isEmpty() ? startStep : rows.get(rows.size() - 1).step();
        record(Events.texts(System.currentTimeMillis() / 1000.0, step, unit.textsTag(), texts));
        lastRoundNanos = System.nanoTime();
    }

    /** Excludes time spent outside training (checkpointing, sampling) from the next round's throughput. */
    public void pauseEnded() {
        lastRoundNanos = System.nanoTime();
    }

    public List<MetricsRow> rows() {
        return List.copyOf(rows);
    }

    /** Rewrites metrics.csv, every plot and report.html. */
    public void write() throws IOException {
        writeMetrics();
        var images = new ArrayList<String>();
        for (Charts.Plot plot : Charts.plots(rows, unit.label())) {
            writeFile(plot.file(), plot.png());
            images.add(plot.file());
        }
        writeFile(HTML, Html.page(title, unit.label(), METRICS, rows, images, epochTexts)
                .getBytes(StandardCharsets.UTF_8));
        lastRoundNanos = System.nanoTime();
    }

    /** {@link #write()}, but a report that cannot be written is worth a warning, not the training run. */
    public void writeOrWarn(java.io.PrintStream log) {
        try {
            write();
        } catch (IOException | RuntimeException e) {
            log.println("warning: could not write the report in " + dir + ": " + e.getMessage());
        }
    }

    /**
     * {@link #writeOrWarn}, then closes the event file: object stores (S3A) show a file only once
     * it is closed.
     */
    public void finish(java.io.PrintStream log) {
        writeOrWarn(log);
        try {
            events.close();
        } catch (IOException | RuntimeException | FSError e) {
            log.println("warning: could not close " + events.path() + ": " + e.getMessage());
        }
    }

    private void recordScalars(MetricsRow row) throws IOException {
        var values = new LinkedHashMap<String, Double>();
        putIfPresent(values, TRAIN_LOSS_TAG, row.trainLoss());
        putIfPresent(values, VALIDATION_LOSS_TAG, row.validationLoss());
        putIfPresent(values, unit.column(), row.throughput());
        if (!Double.isNaN(row.trainLoss())) {
            // a validation row repeats its round's rate: once per step is enough for a plot
            putIfPresent(values, LEARNING_RATE_TAG, row.learningRate());
        }
        record(Events.scalars(System.currentTimeMillis() / 1000.0, row.step(), values));
    }

    private static void putIfPresent(Map<String, Double> values, String tag, double value) {
        if (!Double.isNaN(value)) {
            values.put(tag, value);
        }
    }

    private void record(byte[] event) throws IOException {
        try {
            events.write(event);
        } catch (FSError e) {
            throw HadoopFs.asIOException(e, events.path());
        }
    }

    private double wall(long now) {
        return wallOffset + (now - startNanos) / 1e9;
    }

    private void writeMetrics() throws IOException {
        var csv = new StringBuilder(MetricsRow.header(unit.column())).append('\n');
        rows.forEach(r -> csv.append(r.csv()).append('\n'));
        writeFile(METRICS, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Written beside the target and renamed over it, so a reader never sees half a file. */
    private void writeFile(String name, byte[] bytes) throws IOException {
        Path target = new Path(dir, name);
        Path temp = new Path(dir, "." + name + ".tmp");
        try (var out = fs.create(temp, true)) {
            out.write(bytes);
        } catch (IOException | RuntimeException | FSError e) {
            // a full disk must not leave an empty temp file behind
            IOException failure = e instanceof FSError fsError ? HadoopFs.asIOException(fsError, target)
                    : e instanceof IOException io ? io : new IOException("could not write " + target, e);
            try {
                fs.delete(temp, false);
            } catch (IOException | RuntimeException | FSError cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        if (fs.exists(target)) {
            fs.delete(target, false);
        }
        HadoopFs.rename(fs, temp, target);
    }

    private List<MetricsRow> previousRows(long startStep) throws IOException {
        Path path = new Path(dir, METRICS);
        var kept = new ArrayList<MetricsRow>();
        if (startStep == 0 || !fs.exists(path)) {
            return kept;
        }
        String text;
        try (InputStream in = fs.open(path)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            if (f.length != 7 && f.length != 8) {
                continue; // a line cut by a kill: the rows before it are still good
            }
            try {
                var row = new MetricsRow(Long.parseLong(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                        number(f[3]), number(f[4]), number(f[5]), number(f[6]),
                        f.length == 8 && !f[7].isEmpty() ? Integer.parseInt(f[7]) : 0);
                if (row.step() <= startStep) {
                    kept.add(row);
                }
            } catch (IllegalArgumentException e) {
                // not a row we wrote (NumberFormatException is one): ignore it rather than fail the resume
            }
        }
        return kept;
    }

    private static double number(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
