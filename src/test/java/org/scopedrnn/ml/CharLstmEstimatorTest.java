package org.scopedrnn.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
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
import org.scopedrnn.eval.CharEvaluator;
import org.scopedrnn.interop.LoadedCharLstm;

/** CharLstmEstimator and its model on Spark local: fit, transform, save, load, and what they refuse. */
class CharLstmEstimatorTest extends SparkTestBase {

    private static final String TEXT = "the quick brown fox jumps over the lazy dog. a cat sat on the mat. ";
    private static CharLstmTransformer fitted;
    private static Path fittedDir;

    @TempDir
    Path dir;

    static SparkSession spark() {
        return SparkSession.builder().getOrCreate();
    }

    static Dataset<Row> texts(String... texts) {
        var rows = new ArrayList<Row>();
        for (String t : texts) {
            rows.add(RowFactory.create(t));
        }
        return spark().createDataFrame(rows, new StructType().add("text", "string"));
    }

    static Dataset<Row> corpus() {
        var docs = new String[6];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = TEXT.repeat(2 + i % 3);
        }
        return texts(docs);
    }

    static CharLstmEstimator tiny() {
        return new CharLstmEstimator().setSetting("model.hidden", 16).setSetting("model.layers", 1)
                .setSetting("data.seq-length", 16).setSetting("train.batch-size", 4).setSetting("train.epochs", 1)
                .setSetting("sample.chars", 30).setSetting("report.epoch-sample-chars", 0);
    }

    /** One fit shared by the tests that only read its model (a fit takes seconds). */
    static synchronized CharLstmTransformer fitted() throws Exception {
        if (fitted == null) {
            fittedDir = Files.createTempDirectory("ml-fit");
            fitted = tiny().setRunDir(fittedDir.resolve("run").toString()).fit(corpus());
        }
        return fitted;
    }

    @Test
    void natsPerCharIsWhatEvaluateReportsForTheRowsText() throws Exception {
        CharLstmTransformer model = fitted();
        String row = "the lazy cat sat on the quick dog.";
        double nats = model.transform(texts(row)).select("nats_per_char").first().getDouble(0);

        // the run's checkpoint the model holds, as the command line finds it in the run dir
        Path last = Path.of(model.runDir().orElseThrow(), "checkpoints", "step-" + model.checkpoint().metadata().step());
        var loaded = LoadedCharLstm.load(new org.apache.hadoop.fs.Path(last.toUri()), new Configuration());
        double expected = CharEvaluator.streaming(loaded.model(), loaded.vocabulary().encode(row, false), 0)
                .natsPerChar();
        assertEquals(expected, nats, 0.0);

        Path file = Files.writeString(dir.resolve("row.txt"), row);
        String out = MlCli.run("evaluate", "--checkpoint", last.toString(), "--text", file.toString());
        assertEquals(String.format(java.util.Locale.ROOT, "nats/char=%.6f", nats), first("nats/char=[0-9.]+", out));
    }

    @Test
    void saveAndLoadGiveIdenticalOutputsAndTheCommandLineReadsTheSavedCheckpoint() throws Exception {
        CharLstmTransformer model = fitted().copy(new org.apache.spark.ml.param.ParamMap()).setPrimeCol("text")
                .setGeneratedCol("more").setSetting("sample.chars", 12);
        Dataset<Row> input = texts("the dog ", "a cat sat", "x");
        List<Row> before = model.transform(input).collectAsList();
        String saved = dir.resolve("model").toString();
        model.write().save(saved);
        CharLstmTransformer back = CharLstmTransformer.load(saved);
        assertEquals(before, back.transform(input).collectAsList());
        assertEquals(12, back.getSetting("sample.chars"));
        assertNull(before.get(2).get(1), "one character has no transition to score");
        assertTrue(before.get(0).getString(2).startsWith("the dog ") && before.get(0).getString(2).length() == 20,
                before.get(0).getString(2));

        String ckpt = saved + "/checkpoint";
        Path row = Files.writeString(dir.resolve("row.txt"), "a cat sat");
        assertEquals(String.format(java.util.Locale.ROOT, "nats/char=%.6f", before.get(1).getDouble(1)),
                first("nats/char=[0-9.]+", MlCli.run("evaluate", "--checkpoint", ckpt, "--text", row.toString())));
        assertTrue(MlCli.run("sample", "--checkpoint", ckpt, "--prime", "the ", "--length", "5", "--seed", "1")
                .startsWith("the "));
        MlCli.run("export", "--checkpoint", ckpt, "--format", "tf", "--out", dir.resolve("tf/model").toString());
        assertTrue(Files.exists(dir.resolve("tf/model.index")), "export wrote no TF checkpoint");
    }

    @Test
    void aPipelineHoldingTheEstimatorFitsSavesLoadsAndTransformsToTheSameNumbers() throws Exception {
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {tiny()});
        pipeline.write().save(dir.resolve("pipeline").toString());
        Pipeline reread = Pipeline.load(dir.resolve("pipeline").toString());
        CharLstmEstimator stage = (CharLstmEstimator) reread.getStages()[0];
        assertEquals(16, stage.getSetting("model.hidden"));

        PipelineModel model = reread.fit(corpus());
        Dataset<Row> input = texts("the fox sat on the dog", "a lazy cat");
        List<Row> before = model.transform(input).collectAsList();
        model.write().save(dir.resolve("fitted").toString());
        assertEquals(before, PipelineModel.load(dir.resolve("fitted").toString()).transform(input).collectAsList());
        MlCli.deleteRunDir(((CharLstmTransformer) model.stages()[0]).runDir().orElseThrow());
    }

    @Test
    void twoFitsWithTheDefaultRunDirUseDistinctDirectories() throws Exception {
        CharLstmEstimator estimator = tiny();
        String first = estimator.fit(corpus()).runDir().orElseThrow();
        String second = estimator.fit(corpus()).runDir().orElseThrow();
        assertNotEquals(first, second);
        assertTrue(Files.isDirectory(Path.of(first, "checkpoints")) && Files.isDirectory(Path.of(second, "checkpoints")));
        MlCli.deleteRunDir(first);
        MlCli.deleteRunDir(second);
    }

    @Test
    void aBadSettingValueIsRefusedWhenSetNamingTheParamAndTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> tiny().setSetting("train.batch-size", 0));
        assertTrue(e.getMessage().contains("train.batch-size") && e.getMessage().contains("0")
                && e.getMessage().contains("at least 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tiny().setSetting("model.input", "pictures"));
        assertTrue(e.getMessage().contains("model.input") && e.getMessage().contains("pictures"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tiny().setSetting("train.epochs", "many"));
        assertTrue(e.getMessage().contains("train.epochs") && e.getMessage().contains("many"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tiny().setSetting("train.epoch", 2));
        assertTrue(e.getMessage().contains("train.epoch") && e.getMessage().contains("train.epochs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> tiny().setSetting("model.embedding-size", 8).fit(corpus()));
        assertTrue(e.getMessage().contains("model.embedding-size") && e.getMessage().contains("one-hot"),
                e.getMessage());
    }

    @Test
    void aPrimeOutsideTheCorpusIsRefusedBeforeTrainingWhenEpochSamplesAreDrawn() {
        Path run = dir.resolve("run");
        var e = assertThrows(IllegalArgumentException.class, () -> tiny().setSetting("report.epoch-sample-chars", 10)
                .setRunDir(run.toString()).fit(corpus()));
        assertTrue(e.getMessage().contains("sample.prime \"The \"") && e.getMessage().contains("'T'"), e.getMessage());
        assertTrue(!Files.exists(run.resolve("checkpoints")) || run.resolve("checkpoints").toFile().list().length == 0);
    }

    @Test
    void theAveragingPeriodParamTakesANumberOrAutoAndRefusesAnythingElseNamingIt() {
        CharLstmEstimator estimator = new CharLstmEstimator();
        assertEquals("3", estimator.setSetting("train.averaging-frequency", 3).getSetting("train.averaging-frequency"));
        assertEquals("auto", estimator.setSetting("train.averaging-frequency", "auto")
                .getSetting("train.averaging-frequency"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> estimator.setSetting("train.averaging-frequency", "often"));
        assertTrue(e.getMessage().contains("train.averaging-frequency") && e.getMessage().contains("often"),
                e.getMessage());
    }

    @Test
    void everyCharLstmSettingButTheSessionsOwnIsAParamWithTheTablesDefault() {
        CharLstmEstimator estimator = new CharLstmEstimator();
        for (var s : Settings.of(ModelKind.CHAR_LSTM)) {
            if (CharLstmEstimator.NOT_PARAMS.contains(s)) {
                assertTrue(!estimator.hasParam(s.name()), s.name());
                continue;
            }
            var p = estimator.getParam(s.name());
            assertTrue(p.doc().startsWith(s.doc()), s.name());
            Object expected = s.defaultFor(ModelKind.CHAR_LSTM);
            Object got = estimator.getSetting(s.name());
            if (got instanceof String text) {
                // a choice param holds the setting as written: train.averaging-frequency's 5 is "5" (or "auto")
                assertEquals(String.valueOf(expected), text, s.name());
            } else {
                assertEquals(expected instanceof Number n ? n.doubleValue() : expected,
                        got instanceof Number n ? n.doubleValue() : got, s.name());
            }
        }
    }

    @Test
    void aNonStringInputColumnOrAMissingOneIsRefusedBeforeTraining() {
        Dataset<Row> numbers = spark().createDataFrame(List.of(RowFactory.create(1), RowFactory.create(2)),
                new StructType().add("text", "int"));
        var e = assertThrows(IllegalArgumentException.class, () -> tiny().fit(numbers));
        assertTrue(e.getMessage().contains("inputCol 'text'") && e.getMessage().contains("type int"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tiny().setInputCol("body").fit(corpus()));
        assertTrue(e.getMessage().contains("inputCol 'body' is not a column"), e.getMessage());
    }

    @Test
    void aCharacterOutsideTheVocabularyFailsNamingItOrGivesNullWhenAskedTo() throws Exception {
        CharLstmTransformer model = fitted();
        Dataset<Row> input = texts("the cat ate \u20ac5 of ham");
        var e = assertThrows(Exception.class, () -> model.transform(input).collectAsList());
        assertTrue(messages(e).contains("\u20ac") && messages(e).contains("handleUnknown"), messages(e));
        CharLstmTransformer lenient = model.copy(new org.apache.spark.ml.param.ParamMap()).setHandleUnknown("null");
        assertNull(lenient.transform(input).first().get(1));
        CharLstmTransformer skipping = model.copy(new org.apache.spark.ml.param.ParamMap()).setHandleUnknown("skip");
        double skipped = skipping.transform(input).first().getDouble(1);
        double without = model.transform(texts("the cat ate  of ham")).first().getDouble(1);
        assertEquals(without, skipped, 0.0);
    }

    @Test
    void resumeContinuesTheRunDirsCheckpointAndRefusesWithoutARunDir() throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> tiny().setResume(true).fit(corpus()));
        assertTrue(e.getMessage().contains("runDir"), e.getMessage());
        String run = dir.resolve("run").toString();
        long first = tiny().setRunDir(run).fit(corpus()).checkpoint().metadata().step();
        CharLstmTransformer resumed = tiny().setRunDir(run).setResume(true).setSetting("train.epochs", 2)
                .fit(corpus());
        assertEquals(2 * first, resumed.checkpoint().metadata().step());
        assertEquals(2, resumed.checkpoint().metadata().epoch());
    }

    private static String messages(Throwable e) {
        var sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static String first(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " not in: " + text);
        return m.group();
    }
}
