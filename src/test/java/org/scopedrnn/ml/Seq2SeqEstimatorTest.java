package org.scopedrnn.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.config.ModelKind;
import org.scopedrnn.config.Settings;

/** Seq2SeqEstimator and its model on Spark local: fit on pairs, translate as the command line does, save, load. */
class Seq2SeqEstimatorTest extends SparkTestBase {

    @TempDir
    Path dir;

    private static Dataset<Row> pairs(int n) {
        var rnd = new Random(3);
        var rows = new ArrayList<Row>();
        for (int i = 0; i < n; i++) {
            var sb = new StringBuilder();
            for (int k = 0, len = 3 + rnd.nextInt(4); k < len; k++) {
                sb.append("abcd".charAt(rnd.nextInt(4)));
            }
            rows.add(RowFactory.create(sb.toString(), sb.toString(), i));
        }
        return SparkSession.builder().getOrCreate().createDataFrame(rows,
                new StructType().add("source", "string").add("target", "string").add("id", "int"));
    }

    private static Seq2SeqEstimator tiny() {
        return new Seq2SeqEstimator().setSetting("model.hidden", 16).setSetting("model.embedding-size", 8)
                .setSetting("train.batch-size", 16).setSetting("train.epochs", 1).setSetting("translate.examples", 0);
    }

    @Test
    void translationsAreTheCommandLinesAndSurviveSaveAndLoad() throws Exception {
        Seq2SeqTransformer model = tiny().setRunDir(dir.resolve("run").toString()).fit(pairs(160).repartition(2));
        try (var parts = Files.list(dir.resolve("run").resolve(Seq2SeqEstimator.PAIRS_DIR))) {
            // the rows reached the trainer as the executors' part files, one per partition, not through the driver
            List<String> lines = new ArrayList<>();
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                lines.addAll(Files.readAllLines(part));
            }
            assertEquals(160, lines.size());
            assertTrue(lines.stream().allMatch(l -> l.split("\t").length == 2), lines.get(0));
        }
        Dataset<Row> input = pairs(12).select("source", "id").repartition(3);
        List<Row> translated = model.transform(input).orderBy("id").collectAsList();
        assertEquals(12, translated.size());
        translated.forEach(r -> assertTrue(r.getString(2) != null && !r.getString(2).contains("\t"), r.toString()));

        String saved = dir.resolve("model").toString();
        model.write().save(saved);
        Seq2SeqTransformer back = Seq2SeqTransformer.load(saved);
        assertEquals(translated, back.transform(input).orderBy("id").collectAsList());

        var lines = new ArrayList<String>();
        translated.forEach(r -> lines.add(r.getString(0)));
        Path sources = Files.write(dir.resolve("sources.txt"), lines);
        String out = MlCli.run("translate", "--checkpoint", saved + "/checkpoint", "--input", sources.toString(),
                "--max-length", String.valueOf(back.getSetting(Settings.TRANSLATE_MAX_LENGTH.name())));
        var expected = new ArrayList<String>();
        translated.forEach(r -> expected.add(r.getString(2)));
        assertEquals(expected, out.lines().toList());

        Dataset<Row> unknown = SparkSession.builder().getOrCreate().createDataFrame(
                List.of(RowFactory.create("abz")), new StructType().add("source", "string"));
        var e = assertThrows(Exception.class, () -> back.transform(unknown).collectAsList());
        assertTrue(String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage() + e.getMessage())
                .contains("z"), e.toString());
        assertNull(back.copy(new org.apache.spark.ml.param.ParamMap()).setHandleUnknown("null").transform(unknown)
                .first().get(1));
    }

    @Test
    void aSentenceHoldingATabIsRefusedNamingThePair() {
        Dataset<Row> bad = SparkSession.builder().getOrCreate().createDataFrame(
                List.of(RowFactory.create("ab\tc", "abc")), new StructType().add("source", "string")
                        .add("target", "string"));
        var e = assertThrows(Exception.class, () -> tiny().setRunDir(dir.resolve("run").toString()).fit(bad));
        var text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage());
        }
        assertTrue(text.toString().contains("'ab\\tc' -> 'abc' holds a tab"), text.toString());
    }

    @Test
    void theEstimatorSavesAndLoadsWithItsParams() throws Exception {
        Seq2SeqEstimator estimator = tiny().setSourceCol("fr").setSetting("decoder.reuse", "auto");
        estimator.write().save(dir.resolve("estimator").toString());
        Seq2SeqEstimator back = Seq2SeqEstimator.load(dir.resolve("estimator").toString());
        assertEquals(estimator.uid(), back.uid());
        assertEquals(16, back.getSetting("model.hidden"));
        assertEquals("auto", back.getSetting("decoder.reuse"));
        assertEquals("fr", back.getOrDefault(back.getParam("sourceCol")));
    }

    @Test
    void everySeq2SeqSettingButTheDataFramesAndSessionsIsAParam() {
        var estimator = new Seq2SeqEstimator();
        for (var s : Settings.of(ModelKind.SEQ2SEQ)) {
            assertEquals(!Seq2SeqEstimator.NOT_PARAMS.contains(s), estimator.hasParam(s.name()), s.name());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> estimator.setSetting("translate.beam", 0));
        assertTrue(e.getMessage().contains("translate.beam") && e.getMessage().contains("got 0"), e.getMessage());
    }
}
