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
        assertEquals(java.util.Set.of("ckpt_write_mbps", "ckpt_read_mbps", "ckpt_tf_write_mbps", "ckpt_tf_read_mbps"),
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
