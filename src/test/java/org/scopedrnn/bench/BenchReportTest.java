package org.scopedrnn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    private static BenchResult result(String preset, String process, Map<String, List<Double>> figures, double rss,
            Map<String, String> info) {
        var metrics = new java.util.LinkedHashMap<String, Timings>();
        figures.forEach((k, v) -> metrics.put(k, new Timings(v)));
        return new BenchResult(preset, process, metrics, rss, info);
    }

    private static List<BenchResult> run() {
        return List.of(
                result("small", "train-single", Map.of("train_cps_single", List.of(300.0, 100.0, 200.0)), 400, Map.of()),
                result("anna", "train-single", Map.of("train_cps_single", List.of(10.0, 40.0, 20.0, 30.0)), 900,
                        Map.of("omp_num_threads", "1")),
                result("anna", "train-spark", Map.of("train_cps_spark_local2", List.of(18.0)), 2500, Map.of()),
                result("anna", "pytorch-train", Map.of("train_cps_pytorch", List.of(50.0)), 700,
                        Map.of("torch_version", "2.13.0+cpu")),
                result("anna", "ckpt", Map.of("ckpt_write_mbps", List.of(100.0)), 300, Map.of("ckpt_reads_uncached", "true")),
                result("machine", "dd", Map.of("disk_write_mbps", List.of(400.0)), Double.NaN,
                        Map.of("cores", "2", "disk_read_cached", "false")));
    }

    @Test
    void flatJsonHasPrefixedMediansHeadlineCopiesRatiosAndTheLargestPeak() {
        Map<String, Object> f = new BenchReport(run()).flat();
        assertEquals("anna", f.get("headline_preset"));
        assertEquals(200.0, f.get("small_train_cps_single"));
        assertEquals(25.0, f.get("anna_train_cps_single"), "median of an even count averages the middle two");
        assertEquals(25.0, f.get("train_cps_single"), "headline repeated without prefix");
        assertEquals(10.0, f.get("train_cps_single_min"));
        assertEquals(4, f.get("train_cps_single_reps"));
        assertEquals(0.5, (Double) f.get("ratio_train_vs_pytorch"), 1e-12);
        assertEquals(0.72, (Double) f.get("ratio_spark_vs_single"), 1e-12);
        assertEquals(0.25, (Double) f.get("ratio_ckpt_write_vs_disk"), 1e-12);
        assertEquals(400.0, f.get("disk_write_mbps"));
        assertEquals(2500.0, f.get("peak_rss_mb"));
        assertEquals(2500.0, f.get("peak_rss_mb_train_spark"));
        assertEquals(1L, f.get("omp_num_threads"), "numbers in info become JSON numbers");
        assertEquals(true, f.get("ckpt_reads_uncached"));
        assertEquals(false, f.get("disk_read_cached"));
        assertFalse(f.containsKey("ratio_train_vs_tensorflow"), "no TensorFlow figure, no ratio");
        assertTrue(f.values().stream().allMatch(v -> v == null || v instanceof Number || v instanceof String
                || v instanceof Boolean), "flat: " + f);
    }

    @Test
    void singleProcessTrainingIsTheFasterOfItsThreadCountsWithItsRepetitionsAndLargestPeak() {
        List<BenchResult> results = List.of(
                result("anna", "train-single", Map.of("train_cps_single_1thread", List.of(30.0, 10.0, 20.0)), 900,
                        Map.of()),
                result("anna", "train-single", Map.of("train_cps_single_2thread", List.of(35.0, 45.0, 40.0)), 950,
                        Map.of()),
                result("anna", "pytorch-train", Map.of("train_cps_pytorch", List.of(50.0)), 700, Map.of()),
                result("anna", "train-spark", Map.of("train_cps_spark_local2", List.of(36.0)), 2500, Map.of()));
        Map<String, Object> f = new BenchReport(results).flat();
        assertEquals(40.0, f.get("train_cps_single"));
        assertEquals(35.0, f.get("train_cps_single_min"));
        assertEquals(45.0, f.get("train_cps_single_max"));
        assertEquals(2L, f.get("train_cps_single_threads"));
        assertEquals(20.0, f.get("train_cps_single_1thread"));
        assertEquals(0.8, (Double) f.get("ratio_train_vs_pytorch"), 1e-12);
        assertEquals(0.9, (Double) f.get("ratio_spark_vs_single"), 1e-12);
        assertEquals(950.0, f.get("peak_rss_mb_train_single"));
        String md = new BenchReport(results).markdown();
        assertTrue(md.contains("| training, single process, 1 thread | 20.0 | chars/s |"), md);
        assertTrue(md.contains("| training, single process, 2 threads | 40.0 | chars/s |"), md);
    }

    @Test
    void tableHasAColumnPerPresetHeadlineFirstAndDashesForMissingFigures() {
        String md = new BenchReport(run()).markdown();
        assertTrue(md.startsWith("| figure | anna | small | unit |\n"), md);
        assertTrue(md.contains("| training, single process (ComputationGraph.fit; the faster thread count) | 25.0 | 200 | chars/s |"), md);
        assertTrue(md.contains("| training, PyTorch | 50.0 | — | chars/s |"), md);
        assertTrue(md.contains("| ours / PyTorch, training (goal >= 1.0x) | 0.50x | — |  |"), md);
        assertTrue(md.contains("Disk (dd, same run): write 400 MB/s"), md);
        assertFalse(md.contains("TensorFlow (Keras)"), "rows without any figure are left out: " + md);
    }

    @Test
    void theTimePerCheckpointIsReportedInMillisecondsPerPresetTheSmallOneBeingTheFixedCost() {
        List<BenchResult> results = List.of(
                result("small", "ckpt", Map.of("ckpt_write_ms", List.of(5.0, 3.0, 4.0), "ckpt_read_ms", List.of(2.5)),
                        300, Map.of()),
                result("anna", "ckpt", Map.of("ckpt_write_ms", List.of(60.0)), 300, Map.of()));
        var report = new BenchReport(results);
        Map<String, Object> f = report.flat();
        assertEquals(4.0, f.get("small_ckpt_write_ms"));
        assertEquals(2.5, f.get("small_ckpt_read_ms"));
        assertEquals(60.0, f.get("ckpt_write_ms"), "headline repeated without prefix");
        assertTrue(report.markdown().contains("| checkpoint write, native, one checkpoint (small: the fixed cost)"
                + " | 60.0 | 4.0 | ms |"), report.markdown());
    }

    @Test
    void seq2seqFiguresAreUnprefixedWithTheirRatiosToKerasAndTheirOwnRows() {
        List<BenchResult> results = new java.util.ArrayList<>(run());
        results.add(result("seq2seq", "train-seq2seq-single",
                Map.of("train_pps_seq2seq_single_1thread", List.of(40.0, 60.0)), 500, Map.of()));
        results.add(result("seq2seq", "train-seq2seq-single",
                Map.of("train_pps_seq2seq_single_2thread", List.of(70.0, 90.0)), 520, Map.of()));
        results.add(result("seq2seq", "train-seq2seq-spark", Map.of("train_pps_seq2seq", List.of(30.0, 50.0, 40.0)),
                900, Map.of()));
        results.add(result("seq2seq", "keras-train", Map.of("train_pps_keras", List.of(160.0)), 600, Map.of()));
        var report = new BenchReport(results);
        Map<String, Object> f = report.flat();

        assertEquals(40.0, f.get("train_pps_seq2seq"));
        assertEquals(80.0, f.get("train_pps_seq2seq_single"), "the faster thread count");
        assertEquals(2L, f.get("train_pps_seq2seq_single_threads"));
        assertEquals(160.0, f.get("train_pps_keras"));
        assertEquals(0.25, (Double) f.get("ratio_seq2seq_vs_keras"), 1e-12);
        assertEquals(0.5, (Double) f.get("ratio_seq2seq_single_vs_keras"), 1e-12);
        assertEquals(25.0, f.get("train_cps_single"), "the headline is still anna's");
        assertEquals(520.0, f.get("seq2seq_peak_rss_mb_train_seq2seq_single"));
        String md = report.markdown();
        assertTrue(md.startsWith("| figure | anna | small | seq2seq | unit |\n"), md);
        assertTrue(md.contains("| seq2seq training, Keras (same batches) | — | — | 160 | pairs/s |"), md);
        assertTrue(md.contains(
                "| seq2seq ours (Spark local[2]) / Keras, training (goal >= 1.0x) | — | — | 0.25x |  |"), md);
        assertTrue(md.contains("| peak RSS, keras-train | — | — | 600 | MB |"), md);
    }

    @Test
    void withoutKerasThereIsNoSeq2seqRatio() {
        List<BenchResult> results = List.of(result("seq2seq", "train-seq2seq-spark",
                Map.of("train_pps_seq2seq", List.of(30.0)), 900, Map.of()));
        Map<String, Object> f = new BenchReport(results).flat();
        assertEquals(30.0, f.get("train_pps_seq2seq"));
        assertFalse(f.containsKey("ratio_seq2seq_vs_keras"), f.toString());
    }

    @Test
    void resultSurvivesItsJsonLine() {
        BenchResult r = run().get(1);
        BenchResult back = BenchResult.fromJson(r.toJson());
        assertEquals(r, back);
        BenchResult noRss = BenchResult.fromJson(run().get(5).toJson());
        assertTrue(Double.isNaN(noRss.peakRssMb()));
    }

    @Test
    void badInputIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> BenchResult.fromJson("not json"));
        assertTrue(e.getMessage().contains("not json"), e.getMessage());
        var p = assertThrows(IllegalArgumentException.class, () -> result("Anna!", "x", Map.of(), 1, Map.of()));
        assertTrue(p.getMessage().contains("Anna!"), p.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Timings(List.of()));
    }
}
