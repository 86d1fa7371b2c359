package org.scopedrnn.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one measuring process reports: its figures, its peak resident memory and facts about what
 * ran (versions, threads). Java and the Python peers print the same JSON shape, one line each.
 *
 * @param preset which model shapes ({@code anna}, {@code small})
 * @param process what the process measured, e.g. {@code train-single}, {@code pytorch-train}
 * @param metrics figure name (e.g. {@code train_cps_single}) to its repetitions
 * @param peakRssMb the process's peak resident set (VmHWM), MB; NaN where /proc is missing
 * @param info strings worth recording beside the figures
 */
public record BenchResult(String preset, String process, Map<String, Timings> metrics, double peakRssMb,
        Map<String, String> info) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BenchResult {
        if (preset == null || !preset.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("preset must be a lower-case word such as anna, got " + preset);
        }
        metrics = Map.copyOf(metrics);
        info = Map.copyOf(info);
    }

    public String toJson() {
        var m = new LinkedHashMap<String, Object>();
        m.put("preset", preset);
        m.put("process", process);
        var figures = new LinkedHashMap<String, Object>();
        metrics.forEach((k, v) -> figures.put(k, v.values()));
        m.put("metrics", figures);
        m.put("peak_rss_mb", Double.isNaN(peakRssMb) ? null : peakRssMb);
        m.put("info", info);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static BenchResult fromJson(String line) {
        Map<String, Object> m;
        try {
            m = JSON.readValue(line, Map.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("bench result is not a JSON object: " + line, e);
        }
        var metrics = new LinkedHashMap<String, Timings>();
        ((Map<String, Object>) m.getOrDefault("metrics", Map.of())).forEach((k, v) ->
                metrics.put(k, new Timings(((List<Number>) v).stream().map(Number::doubleValue).toList())));
        var info = new LinkedHashMap<String, String>();
        ((Map<String, Object>) m.getOrDefault("info", Map.of())).forEach((k, v) -> info.put(k, String.valueOf(v)));
        Object rss = m.get("peak_rss_mb");
        return new BenchResult(String.valueOf(m.get("preset")), String.valueOf(m.get("process")), metrics,
                rss instanceof Number n ? n.doubleValue() : Double.NaN, info);
    }

    /** This process's peak resident set in MB, from VmHWM in /proc/self/status (NaN without /proc). */
    public static double currentPeakRssMb() {
        try {
            String status = Files.readString(java.nio.file.Path.of("/proc/self/status"), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("VmHWM:\\s+(\\d+) kB").matcher(status);
            return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
        } catch (IOException | UncheckedIOException e) {
            return Double.NaN;
        }
    }
}
