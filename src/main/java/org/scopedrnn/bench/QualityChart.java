package org.scopedrnn.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The time-to-quality curves of every contender in one PNG, and the loss each reached. */
public final class QualityChart {

    static {
        // benchmarks run on servers without X: AWT must not look for a display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private QualityChart() {
    }

    /** Validation loss (nats/char) against minutes of training, one line per contender, in the map's order. */
    public static byte[] png(String title, Map<String, List<QualityBench.Point>> curves) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("minutes of training")
                .yAxisTitle("validation loss, nats/char").build();
        chart.getStyler().setLegendVisible(true);
        curves.forEach((label, points) -> {
            if (points.isEmpty()) {
                throw new IllegalArgumentException("no validation points for '" + label + "'");
            }
            chart.addSeries(label, points.stream().map(p -> p.seconds() / 60).toList(),
                    points.stream().map(QualityBench.Point::validationLoss).toList()).setMarker(SeriesMarkers.CIRCLE);
        });
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not render " + title, e);
        }
    }

    /** One line per contender: the last validation loss, when, and the best one. */
    public static String summary(Map<String, List<QualityBench.Point>> curves) {
        var sb = new StringBuilder();
        curves.forEach((label, points) -> {
            QualityBench.Point last = points.get(points.size() - 1);
            double best = points.stream().mapToDouble(QualityBench.Point::validationLoss).min().orElseThrow();
            sb.append(String.format(Locale.ROOT, "%-40s %.4f nats/char after %.1f min (%d steps; best %.4f)%n",
                    label + ":", last.validationLoss(), last.seconds() / 60, last.step(), best));
        });
        return sb.toString();
    }
}
