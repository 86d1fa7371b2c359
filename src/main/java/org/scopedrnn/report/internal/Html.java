package org.scopedrnn.report.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scopedrnn.report.MetricsRow;

/** The report page: a summary, the plots and the texts taken after each epoch. */
public final class Html {

    private Html() {
    }

    /** @param metricsFile the CSV beside the page, linked from its summary */
    public static String page(String title, String unitLabel, String metricsFile, List<MetricsRow> rows,
            List<String> images, Map<Integer, List<String>> epochTexts) {
        var h = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "pre{background:#f4f4f4;padding:.6em;white-space:pre-wrap}</style></head><body>\n<h1>")
                .append(escape(title)).append("</h1>\n<p>");
        MetricsRow lastTrain = last(rows, true);
        MetricsRow lastValidation = last(rows, false);
        h.append("updated ").append(Instant.now()).append("; ").append(rows.size()).append(" rows in <a href=\"")
                .append(escape(metricsFile)).append("\">").append(escape(metricsFile)).append("</a>");
        if (lastTrain != null) {
            h.append(String.format(Locale.ROOT, "; step %d, epoch %d, %.0f s; train loss %.4f, %,.0f %s",
                    lastTrain.step(), lastTrain.epoch(), lastTrain.wallSeconds(), lastTrain.trainLoss(),
                    lastTrain.throughput(), escape(unitLabel)));
        }
        if (lastValidation != null) {
            h.append(String.format(Locale.ROOT, "; validation loss %.4f after epoch %d",
                    lastValidation.validationLoss(), lastValidation.epoch()));
        }
        h.append("</p>\n");
        for (String image : images) {
            h.append("<img src=\"").append(escape(image)).append("\" alt=\"").append(escape(image)).append("\">\n");
        }
        if (!epochTexts.isEmpty()) {
            h.append("<h2>After each epoch</h2>\n");
            epochTexts.forEach((epoch, texts) -> {
                h.append("<h3>epoch ").append(epoch).append("</h3>\n");
                texts.forEach(t -> h.append("<pre>").append(escape(t)).append("</pre>\n"));
            });
        }
        return h.append("</body></html>\n").toString();
    }

    private static MetricsRow last(List<MetricsRow> rows, boolean train) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            MetricsRow r = rows.get(i);
            if (!Double.isNaN(train ? r.trainLoss() : r.validationLoss())) {
                return r;
            }
        }
        return null;
    }

    static String escape(String s) {
        var out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
