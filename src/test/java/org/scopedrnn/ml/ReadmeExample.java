package org.scopedrnn.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** The README's "Spark ML" Java example, between the markers: ReadmeSparkMlTest checks they are the same and runs it. */
final class ReadmeExample {

    private ReadmeExample() {
    }

    static Dataset<Row> run(SparkSession spark, String dir) throws Exception {
        // README:begin
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            rows.add(RowFactory.create("the quick brown fox jumps over the lazy dog. ".repeat(4 + i % 3)));
        }
        Dataset<Row> docs = spark.createDataFrame(rows, new StructType().add("text", "string"));

        CharLstmEstimator lstm = new CharLstmEstimator()   // every setting of the table is a param
                .setInputCol("text")
                .setSetting("model.hidden", 32)
                .setSetting("model.layers", 1)
                .setSetting("data.seq-length", 20)
                .setSetting("train.batch-size", 4)
                .setSetting("train.epochs", 2)
                .setSetting("sample.prime", "the ")       // samples in report.html start from it
                .setSetting("sample.chars", 40);
        PipelineModel model = new Pipeline().setStages(new PipelineStage[] {lstm}).fit(docs);

        model.write().overwrite().save(dir + "/pipeline");
        Dataset<Row> scored = PipelineModel.load(dir + "/pipeline").transform(docs);
        scored.select("nats_per_char").show(3);

        // the fitted stage alone: DIR/lstm/checkpoint is a native checkpoint for scripts/scoped-rnn
        CharLstmTransformer fitted = (CharLstmTransformer) model.stages()[0];
        fitted.write().overwrite().save(dir + "/lstm");
        // README:end
        return scored;
    }
}
