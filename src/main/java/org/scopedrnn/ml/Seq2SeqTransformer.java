package org.scopedrnn.ml;

import java.io.IOException;
import java.util.List;
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

/**
 * A fitted seq2seq model as a Spark ML transformer: {@code transform} adds {@code outputCol}
 * ({@code translation}), each row's source translated on the executors ({@link Seq2SeqRows}) with
 * {@code translate.beam} (1 = greedy) and {@code translate.max-length}, the weights broadcast once
 * per transformer. Saved like {@link CharLstmTransformer}: {@code path/checkpoint} is a native
 * checkpoint that {@code translate} and {@code evaluate} read.
 */
public final class Seq2SeqTransformer extends Model<Seq2SeqTransformer> implements MLWritable {

    private static final Set<Setting<?>> SETTINGS = Set.of(Settings.BEAM, Settings.TRANSLATE_MAX_LENGTH);

    private final String uid;
    private final Checkpoint checkpoint;
    private final String runDir;
    private final SettingParams settings;
    private final PairColumns columns;
    private transient Broadcast<Seq2SeqWeights> weights;

    Seq2SeqTransformer(String uid, Checkpoint checkpoint, String runDir) {
        this.uid = uid;
        this.checkpoint = checkpoint;
        this.runDir = runDir;
        this.settings = SettingParams.of(this, ModelKind.SEQ2SEQ, SETTINGS::contains);
        this.columns = new PairColumns(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Param<?>[] params() {
        return Stream.of(settings.all(), columns.all()).flatMap(List::stream).toArray(Param<?>[]::new);
    }

    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** The run dir the model was trained in; empty for a model loaded from a saved path. */
    public Optional<String> runDir() {
        return Optional.ofNullable(runDir);
    }

    /** Sets {@code translate.beam} or {@code translate.max-length}. */
    public Seq2SeqTransformer setSetting(String key, Object value) {
        set(settings.param(key), settings.coerce(key, value));
        return this;
    }

    public Object getSetting(String key) {
        return getOrDefault(settings.param(key));
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

    private synchronized Broadcast<Seq2SeqWeights> weights(Dataset<?> dataset) {
        if (weights == null) {
            weights = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext())
                    .broadcast(Seq2SeqWeights.of(checkpoint));
        }
        return weights;
    }

    @Override
    public Seq2SeqTransformer copy(ParamMap extra) {
        Seq2SeqTransformer copy = new Seq2SeqTransformer(uid, checkpoint, runDir);
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

    public static MLReader<Seq2SeqTransformer> read() {
        return new CheckpointWriter.Reader<>(Seq2SeqTransformer.class,
                (uid, checkpoint) -> new Seq2SeqTransformer(uid, checkpoint, null));
    }

    public static Seq2SeqTransformer load(String path) {
        return read().load(path);
    }
}
