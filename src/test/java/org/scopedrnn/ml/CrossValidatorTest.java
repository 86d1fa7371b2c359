package org.scopedrnn.ml;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.scopedrnn.SparkTestBase;

/** A CrossValidator fitting the estimator in parallel over a grid of a generated param: each fit its own run dir. */
class CrossValidatorTest extends SparkTestBase {

    @Test
    void parallelFitsOverAGridOfSettingParamsEachTrainInTheirOwnRunDir() throws Exception {
        CharLstmEstimator lstm = CharLstmEstimatorTest.tiny();
        ParamMap[] grid = new ParamGridBuilder().addGrid((IntParam) lstm.getParam("model.hidden"), new int[] {8, 16})
                .build();
        // mean nats per character as the metric: RegressionEvaluator's mean absolute error against 0
        var evaluator = new RegressionEvaluator().setLabelCol("zero").setPredictionCol("nats_per_char")
                .setMetricName("mae");
        Dataset<Row> docs = CharLstmEstimatorTest.corpus().withColumn("zero", lit(0.0));
        CrossValidatorModel cv = new CrossValidator().setEstimator(lstm).setEstimatorParamMaps(grid)
                .setEvaluator(evaluator).setNumFolds(2).setParallelism(2).setSeed(7).fit(docs);

        assertEquals(2, cv.avgMetrics().length);
        for (double m : cv.avgMetrics()) {
            assertTrue(m > 0 && m < Math.log(30), "mean nats/char " + m);
        }
        Path runs = Path.of(System.getProperty("java.io.tmpdir"), "scoped-rnn-ml");
        List<Path> made = Files.list(runs).filter(p -> p.getFileName().toString().startsWith(lstm.uid() + "-"))
                .toList();
        assertEquals(5, made.size(), "2 folds x 2 settings + the final fit, each in its own run dir: " + made);
        for (Path run : made) {
            assertTrue(Files.isDirectory(run.resolve("checkpoints")), run.toString());
            MlCli.deleteRunDir(run.toString());
        }
    }
}
