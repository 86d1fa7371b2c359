package org.scopedrnn.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One benchmark run's results as a flat JSON object (every value a number, string or boolean) and
 * as a Markdown table with the ratios the goals are stated in.
 *
 * <p>Figures are keyed {@code <preset>_<figure>} (medians, plus {@code _min}, {@code _max},
 * {@code _reps}); the headline preset ({@code anna} when measured) is also repeated without the
 * prefix ({@code train_cps_single}, ...). Results of preset {@code machine} (dd, CPU, versions) are
 * unprefixed. {@code peak_rss_mb} is the largest peak of all measured processes.
 */
public final class BenchReport {

    /** The preset whose figures are repeated without prefix when it was measured. */
    public static final String HEADLINE = "anna";
    public static final String MACHINE = "machine";

    /** A ratio of two figures and the goal the issue sets for it (0 = none). */
    private record Ratio(String key, String label, String numerator, String denominator, double goal) {
    }

    private static final List<Ratio> RATIOS = List.of(
            new Ratio("ratio_train_vs_pytorch", "ours / PyTorch, training", "train_cps_single", "train_cps_pytorch", 1.0),
            new Ratio("ratio_train_vs_tensorflow", "ours / TensorFlow, training", "train_cps_single",
                    "train_cps_tensorflow", 1.0),
            new Ratio("ratio_spark_vs_single", "Spark local[2] / single process", "train_cps_spark_local2",
                    "train_cps_single", 0.9),
            new Ratio("ratio_sample_vs_pytorch", "ours / PyTorch, sampling batch 1", "sample_cps",
                    "sample_cps_pytorch", 2.0),
            new Ratio("ratio_sample_batched_vs_pytorch", "ours / PyTorch, batched sampling", "sample_batched_cps",
                    "sample_batched_cps_pytorch", 0),
            new Ratio("ratio_ckpt_write_vs_disk", "checkpoint write / disk write", "ckpt_write_mbps",
                    "disk_write_mbps", 0.5),
            new Ratio("ratio_ckpt_read_vs_disk", "checkpoint read / disk read", "ckpt_read_mbps", "disk_read_mbps",
                    0.5),
            new Ratio("ratio_seq2seq_vs_keras", "seq2seq ours (Spark local[2]) / Keras, training", "train_pps_seq2seq",
                    "train_pps_keras", 1.0),
            new Ratio("ratio_seq2seq_single_vs_keras", "seq2seq ours (single process) / Keras, training",
                    "train_pps_seq2seq_single", "train_pps_keras", 1.0));

    /** Table rows: figure, label, unit. */
    private static final List<String[]> FIGURES = List.of(
            new String[] {"train_cps_single", "training, single process (ComputationGraph.fit; the faster thread count)",
                    "chars/s"},
            new String[] {"train_cps_single_1thread", "training, single process, 1 thread", "chars/s"},
            new String[] {"train_cps_single_2thread", "training, single process, 2 threads", "chars/s"},
            new String[] {"train_cps_spark_local2", "training, Spark local[2] parameter averaging", "chars/s"},
            new String[] {"train_cps_pytorch", "training, PyTorch", "chars/s"},
            new String[] {"train_cps_tensorflow", "training, TensorFlow (Keras)", "chars/s"},
            new String[] {"sample_cps", "sampling, batch 1 (CharSampler)", "chars/s"},
            new String[] {"sample_cps_pytorch", "sampling, batch 1, PyTorch eager", "chars/s"},
            new String[] {"sample_batched_cps", "sampling, batched (CharSampler.sampleBatch)", "chars/s"},
            new String[] {"sample_batched_cps_pytorch", "sampling, batched, PyTorch", "chars/s"},
            new String[] {"ckpt_write_mbps", "checkpoint write, native", "MB/s"},
            new String[] {"ckpt_read_mbps", "checkpoint read, native", "MB/s"},
            new String[] {"ckpt_write_ms", "checkpoint write, native, one checkpoint (small: the fixed cost)", "ms"},
            new String[] {"ckpt_read_ms", "checkpoint read, native, one checkpoint (small: the fixed cost)", "ms"},
            new String[] {"ckpt_tf_write_mbps", "checkpoint write, TensorFlow V2", "MB/s"},
            new String[] {"ckpt_tf_read_mbps", "checkpoint read, TensorFlow V2", "MB/s"},
            new String[] {"train_pps_seq2seq", "seq2seq training, Spark local[2] (the train command's trainer)",
                    "pairs/s"},
            new String[] {"train_pps_seq2seq_single", "seq2seq training, single process (the faster thread count)",
                    "pairs/s"},
            new String[] {"train_pps_keras", "seq2seq training, Keras (same batches)", "pairs/s"});

    private static final String SINGLE = "train_cps_single";
    private static final String SEQ2SEQ_SINGLE = "train_pps_seq2seq_single";

    /** seq2seq figures are repeated without prefix from whichever preset measured them (there is one model). */
    private static final Pattern SEQ2SEQ_KEY = Pattern.compile("(train_pps_|ratio_seq2seq).*");

    private final List<BenchResult> results;

    public BenchReport(List<BenchResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no bench results: every measurement failed or none ran");
        }
        this.results = List.copyOf(results);
    }

    /** The presets measured, headline first. */
    public List<String> presets() {
        var presets = new ArrayList<String>();
        results.stream().map(BenchResult::preset).filter(p -> !p.equals(MACHINE)).distinct().forEach(presets::add);
        if (presets.remove(HEADLINE)) {
            presets.add(0, HEADLINE);
        }
        return presets;
    }

    public Map<String, Object> flat() {
        var out = new LinkedHashMap<String, Object>();
        List<String> presets = presets();
        String headline = presets.isEmpty() ? null : presets.get(0);
        out.put("headline_preset", headline == null ? "" : headline);
        out.put("presets", String.join(",", presets));
        double peak = Double.NaN;
        for (BenchResult r : results) {
            boolean machine = r.preset().equals(MACHINE);
            String prefix = machine ? "" : r.preset() + "_";
            r.metrics().forEach((k, t) -> {
                out.put(prefix + k, t.median());
                out.put(prefix + k + "_min", t.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow());
                out.put(prefix + k + "_max", t.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
                out.put(prefix + k + "_reps", t.values().size());
            });
            r.info().forEach((k, v) -> out.put(prefix + k, typed(v)));
            if (!Double.isNaN(r.peakRssMb())) {
                // a process measured at several thread counts keeps its largest peak
                out.merge(prefix + "peak_rss_mb_" + r.process().replace('-', '_'), r.peakRssMb(),
                        (a, b) -> Math.max((Double) a, (Double) b));
                peak = Double.isNaN(peak) ? r.peakRssMb() : Math.max(peak, r.peakRssMb());
            }
        }
        for (String p : presets) {
            fastestThreadCount(out, p + "_" + SINGLE);
            fastestThreadCount(out, p + "_" + SEQ2SEQ_SINGLE);
        }
        for (String p : presets) {
            for (Ratio ratio : RATIOS) {
                Object n = out.get(p + "_" + ratio.numerator());
                Object d = out.get(ratio.denominator().startsWith("disk_") ? ratio.denominator()
                        : p + "_" + ratio.denominator());
                if (n instanceof Double a && d instanceof Double b && b > 0) {
                    out.put(p + "_" + ratio.key(), a / b);
                }
            }
        }
        if (headline != null) {
            var copy = new TreeMap<String, Object>();
            out.forEach((k, v) -> {
                if (k.startsWith(headline + "_")) {
                    copy.put(k.substring(headline.length() + 1), v);
                }
            });
            copy.forEach(out::putIfAbsent);
        }
        for (String p : presets) {
            new ArrayList<>(out.keySet()).stream().filter(k -> k.startsWith(p + "_")
                    && SEQ2SEQ_KEY.matcher(k.substring(p.length() + 1)).matches())
                    .forEach(k -> out.putIfAbsent(k.substring(p.length() + 1), out.get(k)));
        }
        out.put("peak_rss_mb", Double.isNaN(peak) ? null : peak);
        return out;
    }

    /**
     * Single-process training is measured once per thread count ({@code train_cps_single_<N>thread},
     * as the PyTorch peer is); {@code train_cps_single} is the faster, {@code train_cps_single_threads}
     * says which. Results without thread counts are left as they are.
     */
    private static void fastestThreadCount(Map<String, Object> out, String figure) {
        Pattern perThreads = Pattern.compile(Pattern.quote(figure) + "_(\\d+)thread");
        String best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Object> e : out.entrySet()) {
            Matcher m = perThreads.matcher(e.getKey());
            if (m.matches() && e.getValue() instanceof Double v && v > bestValue) {
                best = m.group(1);
                bestValue = v;
            }
        }
        if (best == null) {
            return;
        }
        for (String suffix : List.of("", "_min", "_max", "_reps")) {
            out.put(figure + suffix, out.get(figure + "_" + best + "thread" + suffix));
        }
        out.put(figure + "_threads", Long.parseLong(best));
    }

    public String markdown() {
        Map<String, Object> f = flat();
        List<String> presets = presets();
        var md = new StringBuilder();
        md.append("| figure | ").append(String.join(" | ", presets)).append(" | unit |\n|---|");
        presets.forEach(p -> md.append("---:|"));
        md.append("---|\n");
        for (String[] fig : FIGURES) {
            row(md, f, presets, fig[1], fig[0], fig[2], false);
        }
        for (Ratio r : RATIOS) {
            row(md, f, presets, r.label() + (r.goal() > 0 ? String.format(Locale.ROOT, " (goal >= %.1fx)", r.goal()) : ""),
                    r.key(), "", true);
        }
        for (String process : List.of("train-single", "train-spark", "sample", "ckpt", "pytorch-train",
                "pytorch-sample", "tensorflow-train", "train-seq2seq-single", "train-seq2seq-spark", "keras-train")) {
            row(md, f, presets, "peak RSS, " + process, "peak_rss_mb_" + process.replace('-', '_'), "MB", false);
        }
        md.append('\n');
        md.append(String.format(Locale.ROOT, "Disk (dd, same run): write %s MB/s (1 MiB blocks, conv=fdatasync), read %s"
                + " MB/s (%s). Medians of %s repetitions after warm-up; peak RSS = VmHWM of each measuring process.%n",
                number(f.get("disk_write_mbps")), number(f.get("disk_read_mbps")),
                Boolean.TRUE.equals(f.get("disk_read_cached")) ? "from the page cache: could not evict"
                        : "after evicting the file from the page cache",
                f.getOrDefault(presets.isEmpty() ? "" : presets.get(0) + "_train_cps_single_reps", "?")));
        md.append("\nMachine: ").append(f.getOrDefault("cpu_model", "?")).append(", ").append(f.getOrDefault("cores", "?"))
                .append(" cores, ").append(number(f.get("mem_gb"))).append(" GB; ").append(f.getOrDefault("java_version", "?"))
                .append(", DL4J ").append(f.getOrDefault("dl4j_version", "?")).append(", PyTorch ")
                .append(f.getOrDefault("torch_version", "?")).append(", TensorFlow ")
                .append(f.getOrDefault("tensorflow_version", "?")).append("; OMP_NUM_THREADS=")
                .append(f.getOrDefault("omp_num_threads", "?")).append(" (ours: Spark, sampling, checkpoints; single-process training"
                        + " at 1 and the peers' thread count, the faster reported), OPENBLAS_CORETYPE=")
                .append(f.getOrDefault("openblas_coretype", "?")).append(", peers ")
                .append(f.getOrDefault("peer_threads", "?")).append(" threads (PyTorch: the faster of that and 1 thread, both in bench.json); ")
                .append(f.getOrDefault("date", "")).append("; load average ")
                .append(f.getOrDefault("load_avg_start", "?")).append(" at the start, ")
                .append(f.getOrDefault("load_avg_end", "?")).append(" at the end.\n");
        return md.toString();
    }

    private static void row(StringBuilder md, Map<String, Object> f, List<String> presets, String label, String key,
            String unit, boolean ratio) {
        if (presets.stream().noneMatch(p -> f.containsKey(p + "_" + key))) {
            return;
        }
        md.append("| ").append(label).append(" | ");
        for (String p : presets) {
            Object v = f.get(p + "_" + key);
            md.append(v == null ? "—" : ratio ? String.format(Locale.ROOT, "%.2fx", (Double) v) : number(v))
                    .append(" | ");
        }
        md.append(unit).append(" |\n");
    }

    private static String number(Object v) {
        if (!(v instanceof Number n)) {
            return "?";
        }
        double d = n.doubleValue();
        return d >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.1f", d);
    }

    /** Info values arrive as strings: numbers and booleans become JSON numbers and booleans again. */
    private static Object typed(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        try {
            return v.matches("-?\\d+") ? (Object) Long.parseLong(v) : v.matches("-?\\d*\\.\\d+([eE][-+]?\\d+)?")
                    ? (Object) Double.parseDouble(v) : v;
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
