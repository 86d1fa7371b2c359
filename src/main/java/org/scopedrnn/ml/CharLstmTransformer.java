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
import org.scopedrnn.data.Newlines;

/**
 * A fitted char-LSTM as a Spark ML transformer: {@code transform} adds {@code outputCol}
 * ({@code nats_per_char}, what {@code evaluate --text} reports for the row's text) and, when
 * {@code primeCol} is set, {@code generatedCol} (what {@code sample --prime} draws, with the
 * {@code sample.*} params); the rules for short texts and unknown characters are
 * {@link CharLstmRows}'. The rows are computed on the executors, with the weights broadcast once
 * per transformer. {@code write().save(path)} stores the params and, in {@code path/checkpoint}, a
 * native checkpoint the command line reads.
 *
 * <p>Setting params: {@code sample.chars}, {@code sample.temperature}, {@code sample.top-k},
 * {@code sample.seed} (0 = the training seed) and {@code data.newlines}, from the settings table.
 */
public final class CharLstmTransformer extends CheckpointModel<CharLstmTransformer, CharLstmWeights> {

    private static final Set<Setting<?>> SETTINGS = Set.of(Settings.SAMPLE_CHARS, Settings.TEMPERATURE,
            Settings.TOP_K, Settings.SAMPLE_SEED, Settings.NEWLINES);

    private final TextColumns columns;

    CharLstmTransformer(String uid, Checkpoint checkpoint, String runDir) {
        super(uid, checkpoint, runDir, ModelKind.CHAR_LSTM, SETTINGS);
        this.columns = new TextColumns(this);
    }

    @Override
    public Param<?>[] params() {
        return params(columns.all());
    }

    public CharLstmTransformer setInputCol(String value) {
        set(columns.inputCol, value);
        return this;
    }

    public CharLstmTransformer setOutputCol(String value) {
        set(columns.outputCol, value);
        return this;
    }

    public CharLstmTransformer setPrimeCol(String value) {
        set(columns.primeCol, value);
        return this;
    }

    public CharLstmTransformer setGeneratedCol(String value) {
        set(columns.generatedCol, value);
        return this;
    }

    public CharLstmTransformer setHandleUnknown(String value) {
        set(columns.handleUnknown, value);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return columns.transformSchema(this, schema);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        StructType in = dataset.schema();
        CharLstmRows rows = new CharLstmRows(in.fieldIndex(getOrDefault(columns.inputCol)),
                isDefined(columns.primeCol) ? in.fieldIndex(getOrDefault(columns.primeCol)) : -1,
                getOrDefault(columns.handleUnknown), Newlines.parse((String) getSetting(Settings.NEWLINES.name())),
                (Integer) getSetting(Settings.SAMPLE_CHARS.name()), (Double) getSetting(Settings.TEMPERATURE.name()),
                (Integer) getSetting(Settings.TOP_K.name()), (Long) getSetting(Settings.SAMPLE_SEED.name()));
        Broadcast<CharLstmWeights> shipped = weights(dataset);
        JavaRDD<Row> scored = dataset.toDF().toJavaRDD().mapPartitions(part -> rows.apply(part, shipped.value()));
        return dataset.sparkSession().createDataFrame(scored, out);
    }

    @Override
    CharLstmWeights shipped(Checkpoint checkpoint) {
        return CharLstmWeights.of(checkpoint);
    }

    @Override
    CharLstmTransformer fresh(String uid, Checkpoint checkpoint, String runDir) {
        return new CharLstmTransformer(uid, checkpoint, runDir);
    }

    public static MLReader<CharLstmTransformer> read() {
        return new CheckpointWriter.Reader<>(CharLstmTransformer.class,
                (uid, checkpoint) -> new CharLstmTransformer(uid, checkpoint, null));
    }

    public static CharLstmTransformer load(String path) {
        return read().load(path);
    }
}
