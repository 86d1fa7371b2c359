package org.scopedrnn.ml;

import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.config.ModelKind;
import org.scopedrnn.config.Setting;
import org.scopedrnn.config.Settings;

/**
 * A fitted seq2seq model as a Spark ML transformer: {@code transform} adds {@code outputCol}
 * ({@code translation}), each row's source translated on the executors ({@link Seq2SeqRows}) with
 * {@code translate.beam} (1 = greedy) and {@code translate.max-length}, the weights broadcast once
 * per transformer. Saved like {@link CharLstmTransformer}: {@code path/checkpoint} is a native
 * checkpoint that {@code translate} and {@code evaluate} read.
 */
public final class Seq2SeqTransformer extends CheckpointModel<Seq2SeqTransformer, Seq2SeqWeights> {

    private static final Set<Setting<?>> SETTINGS = Set.of(Settings.BEAM, Settings.TRANSLATE_MAX_LENGTH);

    private final PairColumns columns;

    Seq2SeqTransformer(String uid, Checkpoint checkpoint, String runDir) {
        super(uid, checkpoint, runDir, ModelKind.SEQ2SEQ, SETTINGS);
        this.columns = new PairColumns(this);
    }

    @Override
    public Param<?>[] params() {
        return params(columns.all());
    }

    public Seq2SeqTransformer setSourceCol(String value) {
        set(columns.sourceCol, value);
        return this;
    }

    public Seq2SeqTransformer setOutputCol(String value) {
        set(columns.outputCol, value);
        return this;
    }

    public Seq2SeqTransformer setHandleUnknown(String value) {
        set(columns.handleUnknown, value);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return columns.transformSchema(this, schema, false);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        var rows = new Seq2SeqRows(dataset.schema().fieldIndex(getOrDefault(columns.sourceCol)),
                getOrDefault(columns.handleUnknown), (Integer) getSetting(Settings.BEAM.name()),
                (Integer) getSetting(Settings.TRANSLATE_MAX_LENGTH.name()));
        Broadcast<Seq2SeqWeights> shipped = weights(dataset);
        JavaRDD<Row> translated = dataset.toDF().toJavaRDD().mapPartitions(part -> rows.apply(part, shipped.value()));
        return dataset.sparkSession().createDataFrame(translated, out);
    }

    @Override
    Seq2SeqWeights shipped(Checkpoint checkpoint) {
        return Seq2SeqWeights.of(checkpoint);
    }

    @Override
    Seq2SeqTransformer fresh(String uid, Checkpoint checkpoint, String runDir) {
        return new Seq2SeqTransformer(uid, checkpoint, runDir);
    }

    public static MLReader<Seq2SeqTransformer> read() {
        return new CheckpointWriter.Reader<>(Seq2SeqTransformer.class,
                (uid, checkpoint) -> new Seq2SeqTransformer(uid, checkpoint, null));
    }

    public static Seq2SeqTransformer load(String path) {
        return read().load(path);
    }
}
