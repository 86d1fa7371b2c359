package org.scopedrnn.report.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scopedrnn.report.MetricsRow;

/** The report's plots, drawn by XChart into PNG bytes without a display. */
public final class Charts {

    static {
        // Training runs on servers without X: AWT must not look for a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final int WIDTH = 800;
    private static final int HEIGHT = 400;

    /** One image of the report. */
    public record Plot(String file, byte[] png) {
    }

    private Charts() {
    }

    /** The plots that have data: losses vs step and vs time, throughput and learning rate vs step. */
    public static List<Plot> plots(List<MetricsRow> rows, String unitLabel) {
        var plots = new ArrayList<Plot>();
        add(plots, "loss_vs_step.png", "Loss vs step", "step", "nats", rows, MetricsRow::step,
                new Series("train", MetricsRow::trainLoss), new Series("validation", MetricsRow::validationLoss));
        add(plots, "loss_vs_time.png", "Loss vs wall time", "seconds", "nats", rows, MetricsRow::wallSeconds,
                new Series("train", MetricsRow::trainLoss), new Series("validation", MetricsRow::validationLoss));
        add(plots, "throughput.png", "Training speed", "step", unitLabel, rows, MetricsRow::step,
                new Series(unitLabel, MetricsRow::throughput));
        add(plots, "learning_rate.png", "Learning rate", "step", "learning rate", rows, MetricsRow::step,
                new Series("learning rate", MetricsRow::learningRate));
        return plots;
    }

    private record Series(String name, ToDoubleFunction<MetricsRow> value) {
    }

    private static void add(List<Plot> plots, String file, String title, String xLabel, String yLabel,
            List<MetricsRow> rows, ToDoubleFunction<MetricsRow> x, Series... series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendVisible(series.length > 1);
        chart.getStyler().setChartTitleVisible(true);
        boolean any = false;
        for (Series s : series) {
            var xs = new ArrayList<Double>();
            var ys = new ArrayList<Double>();
            for (MetricsRow r : rows) {
                double y = s.value().applyAsDouble(r);
                if (Double.isFinite(y)) {
                    xs.add(x.applyAsDouble(r));
                    ys.add(y);
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(s.name(), xs, ys).setMarker(SeriesMarkers.CIRCLE);
                any = true;
            }
        }
        if (any) {
            plots.add(new Plot(file, png(chart)));
        }
    }

    private static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not render plot " + chart.getTitle(), e);
        }
    }
}
