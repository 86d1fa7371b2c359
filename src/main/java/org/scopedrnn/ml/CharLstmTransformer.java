package org.scopedrnn.ml;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
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
public final class CharLstmTransformer extends Model<CharLstmTransformer> implements MLWritable {

    private static final Set<Setting<?>> SETTINGS = Set.of(Settings.SAMPLE_CHARS, Settings.TEMPERATURE,
            Settings.TOP_K, Settings.SAMPLE_SEED, Settings.NEWLINES);

    private final String uid;
    private final Checkpoint checkpoint;
    private final String runDir;
    private final SettingParams settings;
    private final TextColumns columns;
    private transient Broadcast<CharLstmWeights> weights;

    CharLstmTransformer(String uid, Checkpoint checkpoint, String runDir) {
        this.uid = uid;
        this.checkpoint = checkpoint;
        this.runDir = runDir;
        this.settings = SettingParams.of(this, ModelKind.CHAR_LSTM, SETTINGS::contains);
        this.columns = new TextColumns(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Param<?>[] params() {
        return Stream.concat(settings.all().stream(), columns.all().stream()).toArray(Param<?>[]::new);
    }

    /** The model's checkpoint (spec, vocabulary, weights and the training run's metadata). */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** The run dir the model was trained in; empty for a model loaded from a saved path. */
    public Optional<String> runDir() {
        return Optional.ofNullable(runDir);
    }

    /** Sets the param of setting {@code key} (e.g. {@code "sample.chars"}). */
    public CharLstmTransformer setSetting(String key, Object value) {
        set(settings.param(key), settings.coerce(key, value));
        return this;
    }

    public Object getSetting(String key) {
        return getOrDefault(settings.param(key));
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

    private synchronized Broadcast<CharLstmWeights> weights(Dataset<?> dataset) {
        if (weights == null) {
            weights = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext())
                    .broadcast(CharLstmWeights.of(checkpoint));
        }
        return weights;
    }

    @Override
    public CharLstmTransformer copy(ParamMap extra) {
        CharLstmTransformer copy = new CharLstmTransformer(uid, checkpoint, runDir);
        copyValues(copy, extra);
        return copy.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new CheckpointWriter(this, checkpoint);
    }

    @Override
    public void save(String path) throws IOException {
        write().save(path);
    }

    public static MLReader<CharLstmTransformer> read() {
        return new CheckpointWriter.Reader<>(CharLstmTransformer.class,
                (uid, checkpoint) -> new CharLstmTransformer(uid, checkpoint, null));
    }

    public static CharLstmTransformer load(String path) {
        return read().load(path);
    }
}
