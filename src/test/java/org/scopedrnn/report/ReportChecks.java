package org.scopedrnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** What every training run must leave in its run dir: metrics.csv and report.html with real PNGs. */
public final class ReportChecks {

    private ReportChecks() {
    }

    /** One parsed metrics.csv line; NaN where the field is empty, period 0 on a validation row. */
    public record Row(long step, int epoch, double seconds, double train, double validation, double throughput,
            double learningRate, int period) {
    }

    /**
     * Checks metrics.csv (header, {@code epochs} validation rows, training rows with increasing
     * steps) and report.html (every plot it references exists and decodes as an 800 x 400 image).
     *
     * @return the rows, for further checks
     */
    public static List<Row> check(Path runDir, String throughputColumn, int epochs) throws IOException {
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.csv"));
        List<Row> rows = rows(runDir, throughputColumn);
        List<Row> training = rows.stream().filter(r -> !Double.isNaN(r.train())).toList();
        List<Row> validation = rows.stream().filter(r -> !Double.isNaN(r.validation())).toList();
        assertEquals(epochs, validation.size(), String.join("\n", lines));
        assertTrue(training.size() >= epochs, String.join("\n", lines));
        for (int i = 1; i < training.size(); i++) {
            assertTrue(training.get(i).step() > training.get(i - 1).step(), "steps increase: " + lines);
            assertTrue(training.get(i).seconds() >= training.get(i - 1).seconds(), "time increases: " + lines);
        }
        for (Row r : training) {
            assertTrue(r.train() > 0 && Double.isFinite(r.train()), "train loss " + r);
            assertTrue(r.throughput() > 0 && Double.isFinite(r.throughput()), "throughput " + r);
            assertTrue(r.learningRate() > 0, "learning rate " + r);
            assertTrue(r.period() >= 1, "the round's averaging period " + r);
            assertTrue(Double.isNaN(r.validation()), "no validation loss on a training row " + r);
        }
        for (int e = 1; e <= epochs; e++) {
            int epoch = e;
            assertTrue(validation.stream().anyMatch(r -> r.epoch() == epoch && r.validation() > 0), "epoch " + e);
        }

        String html = Files.readString(runDir.resolve("report.html"));
        Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        var images = new ArrayList<String>();
        while (m.find()) {
            images.add(m.group(1));
        }
        assertEquals(List.of("loss_vs_step.png", "loss_vs_time.png", "throughput.png", "learning_rate.png"), images,
                html);
        for (String image : images) {
            BufferedImage img = ImageIO.read(runDir.resolve(image).toFile());
            assertNotNull(img, image + " does not decode as an image");
            assertEquals(800, img.getWidth(), image);
            assertEquals(400, img.getHeight(), image);
        }
        for (int e = 1; e <= epochs; e++) {
            assertTrue(html.contains("<h3>epoch " + e + "</h3>"), "texts after epoch " + e + " in\n" + html);
        }
        return rows;
    }

    /** The rows of metrics.csv, after checking its header. */
    public static List<Row> rows(Path runDir, String throughputColumn) throws IOException {
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.csv"));
        assertEquals("step,epoch,wall_seconds,train_loss,validation_loss," + throughputColumn
                + ",learning_rate,averaging_period", lines.get(0));
        var rows = new ArrayList<Row>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(8, f.length, line);
            rows.add(new Row(Long.parseLong(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]), num(f[3]),
                    num(f[4]), num(f[5]), num(f[6]), f[7].isEmpty() ? 0 : Integer.parseInt(f[7])));
        }
        return rows;
    }

    private static double num(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
