package org.scopedrnn.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scopedrnn.bench.ScalingProjection.Projection;

/**
 * Projected speed-up against workers, one line per averaging period, beside ideal linear scaling
 * and the ~90% scaling efficiency Horovod publishes for allreduce (the published figure we compare
 * with; DL4J's own guidance is only that rounds of 100 ms or more of compute "scale well").
 */
public final class ScalingChart {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ScalingChart() {
    }

    public static byte[] png(String title, List<Projection> projections) {
        double one = projections.stream().filter(p -> p.curve().workers() == 1 && p.characters() >= 0)
                .mapToDouble(Projection::totalSeconds).min().orElseThrow(() -> new IllegalArgumentException(
                        "the projection needs the one-worker variant (n1) to have reached the target"));
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("workers")
                .yAxisTitle("projected speed-up to the target loss").build();
        chart.getStyler().setLegendVisible(true);
        Map<String, List<double[]>> series = new TreeMap<>();
        for (Projection p : projections) {
            if (p.characters() < 0 || p.curve().workers() == 1) {
                continue;
            }
            // the study names variants n<workers>-<setting>: one line per setting
            String label = p.curve().variant().replaceFirst("^n\\d+-", "");
            series.computeIfAbsent(label, k -> new ArrayList<>()).add(new double[] {p.curve().workers(),
                one / p.totalSeconds()});
        }
        int most = projections.stream().mapToInt(p -> p.curve().workers()).max().orElse(1);
        chart.addSeries("ideal (linear)", List.of(1.0, (double) most), List.of(1.0, (double) most))
                .setMarker(SeriesMarkers.NONE);
        chart.addSeries("90% efficiency (Horovod, allreduce)", List.of(1.0, (double) most), List.of(1.0, 0.9 * most))
                .setMarker(SeriesMarkers.NONE);
        series.forEach((label, points) -> {
            points.sort((a, b) -> Double.compare(a[0], b[0]));
            var xs = new ArrayList<Double>(List.of(1.0));
            var ys = new ArrayList<Double>(List.of(1.0));
            points.forEach(pt -> {
                xs.add(pt[0]);
                ys.add(pt[1]);
            });
            chart.addSeries(label, xs, ys).setMarker(SeriesMarkers.CIRCLE);
        });
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not render " + title, e);
        }
    }
}
