package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.bench.BenchResult;

/** The bench's measuring commands and report on a tiny model: plumbing and shapes, never speed. */
class BenchCliTest extends SparkTestBase {

    @TempDir
    static Path dir;

    static final String[] TINY = {"--preset", "tiny", "--warmup", "1", "--reps", "2", "--set", "model.layers=1",
        "--set", "model.hidden=8", "--set", "train.batch-size=4", "--set", "data.seq-length=10", "--set",
        "data.max-chars=4000", "--sample-chars", "20", "--sample-streams", "3"};

    private static BenchResult measure(String what) {
        var args = new ArrayList<>(List.of("bench", "measure", what, "--dir", dir.toString()));
        args.addAll(List.of(TINY));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        BenchResult r = BenchResult.fromJson(run.lastLine());
        assertEquals("tiny", r.preset());
        assertEquals(what, r.process());
        assertTrue(r.peakRssMb() > 0, "peak RSS read from /proc: " + run.out());
        r.metrics().values().forEach(t -> assertEquals(2, t.values().size(), run.out()));
        r.metrics().values().forEach(t -> assertTrue(t.values().stream().allMatch(v -> v > 0), run.out()));
        return r;
    }

    @Test
    void everyMeasurementPrintsOneResultLineAndTheReportCombinesThem() throws IOException {
        var lines = new ArrayList<String>();
        BenchResult single = measure("train-single");
        String threads = org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads() + "thread";
        assertEquals(List.of("train_cps_single_" + threads), List.copyOf(single.metrics().keySet()),
                "named by the thread count it ran with");
        assertTrue(single.info().get("shape").startsWith("1x8 vocab "), single.info().toString());
        lines.add(single.toJson());
        BenchResult spark = measure("train-spark");
        assertEquals(List.of("train_cps_spark_local2"), List.copyOf(spark.metrics().keySet()));
        lines.add(spark.toJson());
        BenchResult sample = measure("sample");
        assertEquals(java.util.Set.of("sample_cps", "sample_batched_cps"), sample.metrics().keySet());
        assertEquals("3", sample.info().get("sample_streams"));
        lines.add(sample.toJson());
        BenchResult ckpt = measure("ckpt");
        assertEquals(java.util.Set.of("ckpt_write_mbps", "ckpt_read_mbps", "ckpt_write_ms", "ckpt_read_ms",
                "ckpt_tf_write_mbps", "ckpt_tf_read_mbps"),
                ckpt.metrics().keySet());
        assertTrue(Long.parseLong(ckpt.info().get("ckpt_bytes")) > 0);
        lines.add(ckpt.toJson());
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("native-")), "checkpoints deleted");
        }

        Path results = Files.write(dir.resolve("results.jsonl"), lines);
        Path out = dir.resolve("out");
        CliRun report = CliRun.of("bench", "report", "--results", results.toString(), "--out", out.toString());
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(report.out().contains("| Spark local[2] / single process (goal >= 0.9x) |"), report.out());
        assertEquals(report.out(), Files.readString(out.resolve("bench.md")));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(out.resolve("bench.json").toFile(), Map.class);
        for (String key : List.of("train_cps_single", "train_cps_spark_local2", "sample_cps", "sample_batched_cps",
                "ckpt_write_mbps", "ckpt_read_mbps", "peak_rss_mb", "ratio_spark_vs_single", "tiny_train_cps_single",
                "train_cps_single_" + threads, "train_cps_single_threads")) {
            assertTrue(json.get(key) instanceof Number, key + " in " + json);
        }
    }

    static final String[] TINY_SEQ2SEQ = {"--preset", "seq2seq", "--warmup", "1", "--reps", "2", "--set",
        "data.task=copy", "--set", "data.copy-examples=200", "--set", "model.hidden=8", "--set",
        "model.embedding-size=4", "--set", "train.batch-size=4", "--set", "train.averaging-frequency=1"};

    @Test
    void seq2seqIsMeasuredSingleProcessAndThroughTheTrainerAndReportedBesideKeras() throws IOException {
        var lines = new ArrayList<String>();
        for (String what : List.of("train-seq2seq-single", "train-seq2seq-spark")) {
            var args = new ArrayList<>(List.of("bench", "measure", what, "--dir", dir.toString()));
            args.addAll(List.of(TINY_SEQ2SEQ));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.err());
            BenchResult r = BenchResult.fromJson(run.lastLine());
            assertEquals(what, r.process());
            r.metrics().values().forEach(t -> assertEquals(2, t.values().size(), run.out()));
            r.metrics().values().forEach(t -> assertTrue(t.values().stream().allMatch(v -> v > 0), run.out()));
            assertTrue(r.info().get("seq2seq_shape").startsWith("LSTM 8, embedding 4, batch 4"), r.info().toString());
            lines.add(r.toJson());
        }
        String threads = org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads() + "thread";
        assertEquals(java.util.Set.of("train_pps_seq2seq_single_" + threads),
                BenchResult.fromJson(lines.get(0)).metrics().keySet());
        assertEquals(java.util.Set.of("train_pps_seq2seq"), BenchResult.fromJson(lines.get(1)).metrics().keySet());
        // the Keras peer's line as bench/keras_seq2seq.py --bench prints it (its own run needs TensorFlow)
        lines.add("{\"preset\": \"seq2seq\", \"process\": \"keras-train\", \"metrics\": {\"train_pps_keras\": "
                + "[100.0, 120.0]}, \"peak_rss_mb\": 600.0, \"info\": {\"peer_threads\": \"2\"}}");

        Path results = Files.write(dir.resolve("seq2seq.jsonl"), lines);
        Path out = dir.resolve("seq2seq-out");
        CliRun report = CliRun.of("bench", "report", "--results", results.toString(), "--out", out.toString());
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(report.out().contains("| seq2seq ours (Spark local[2]) / Keras, training (goal >= 1.0x) |"),
                report.out());
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(out.resolve("bench.json").toFile(), Map.class);
        for (String key : List.of("train_pps_seq2seq", "train_pps_seq2seq_single", "train_pps_keras",
                "ratio_seq2seq_vs_keras", "ratio_seq2seq_single_vs_keras")) {
            assertTrue(json.get(key) instanceof Number, key + " in " + json);
        }
    }

    @Test
    void seq2seqPeerArgsRepeatTheConfigsSettingsForKeras() {
        CliRun run = CliRun.of("bench", "peer-args", "--seq2seq");
        assertEquals(0, run.exitCode(), run.err());
        String args = String.join(" ", run.out().strip().split("\n"));
        assertTrue(args.matches("--data \\S+fra-eng\\.txt --pairs 10000 --max-source-length 60 --max-target-length 80 "
                + "--latent 256 --embedding 64 --batch-size 32 --validation-split 0\\.1 --split shuffled "
                + "--learning-rate 0\\.002 --seed 12345"), args);
        CliRun copy = CliRun.of("bench", "peer-args", "--seq2seq", "--set", "data.task=copy");
        assertEquals(2, copy.exitCode());
        assertTrue(copy.err().contains("data.task = copy"), copy.err());
    }

    static final String[] TINY_QUALITY = {"--set", "model.layers=1", "--set", "model.hidden=8", "--set",
        "train.batch-size=4", "--set", "data.seq-length=10", "--set", "data.max-chars=4000", "--val-chars", "200"};

    private static void quality(String... args) {
        var all = new ArrayList<>(List.of("bench", "quality"));
        all.addAll(List.of(args));
        all.addAll(List.of(TINY_QUALITY));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void qualityCurvesOfTheSingleProcessAndOfATrainRunGoIntoOneChart() throws IOException {
        Path single = dir.resolve("q-single.csv");
        quality("single", "--minutes", "0.05", "--every-seconds", "1", "--out", single.toString());
        List<String> rows = Files.readAllLines(single);
        assertEquals("seconds,step,validation_loss", rows.get(0));
        assertTrue(rows.get(1).startsWith("0.000,0,"), "validated before the first step: " + rows);
        assertTrue(rows.size() >= 4, "every second of a 3-second budget, and at the end: " + rows);
        assertTrue(Double.parseDouble(rows.get(rows.size() - 1).split(",")[0]) >= 3.0, rows.toString());

        Path runDir = dir.resolve("q-run");
        CliRun train = CliRun.of("train", "char-lstm", "--run-dir", runDir.toString(), "--set", "model.layers=1",
                "--set", "model.hidden=8", "--set", "train.batch-size=4", "--set", "data.seq-length=10", "--set",
                "data.max-chars=4000", "--set", "train.epochs=1", "--set", "train.checkpoint-every-steps=1", "--set",
                "train.keep-last=1000", "--set", "spark.master=\"local[2]\"");
        assertEquals(0, train.exitCode(), train.err());
        Path spark = dir.resolve("q-spark.csv");
        quality("checkpoints", "--run-dir", runDir.toString(), "--out", spark.toString());
        List<String> sparkRows = Files.readAllLines(spark);
        assertTrue(sparkRows.size() >= 3, "one row per checkpoint: " + sparkRows);

        Path png = dir.resolve("q.png");
        CliRun chart = CliRun.of("bench", "quality", "chart", "--out", png.toString(), "single=" + single,
                "spark=" + spark);
        assertEquals(0, chart.exitCode(), chart.err());
        byte[] bytes = Files.readAllBytes(png);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals("PNG", new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(chart.out().matches("(?s)single: +\\d\\.\\d{4} nats/char after .*\\nspark: +\\d\\.\\d{4} .*"),
                chart.out());
        CliRun missing = CliRun.of("bench", "quality", "chart", "--out", png.toString(), "x=" + dir.resolve("no.csv"));
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("no.csv"), missing.err());
    }

    @Test
    void unknownMeasurementIsBadInputNamingIt() {
        CliRun run = CliRun.of("bench", "measure", "train-fast", "--preset", "tiny");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'train-fast'") && run.err().contains("train-single"), run.err());
    }

    @Test
    void peerArgsRepeatThePresetsResolvedShapes() {
        CliRun run = CliRun.of("bench", "peer-args", "--config", "conf/anna.conf");
        assertEquals(0, run.exitCode(), run.err());
        String args = String.join(" ", run.out().strip().split("\n"));
        assertTrue(args.matches("--text \\S+anna\\.txt --layers 2 --hidden 512 --batch 100 --seq 100 --lr 0\\.001 "
                + "--clip 5\\.0 --keep-prob 0\\.5 --seed 12345 --validation-fraction 0\\.1"), args);
    }
}
