package org.scopedrnn.ml;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.config.ModelKind;
import org.scopedrnn.config.Setting;
import org.scopedrnn.config.Settings;
import org.scopedrnn.train.CharLstmJob;
import org.scopedrnn.train.CharLstmTrainer;
import org.scopedrnn.train.TrainResult;

/**
 * A Spark ML estimator training the char-LSTM on a DataFrame's string column, one document per
 * row, with the command line's trainer ({@link CharLstmTrainer}: parameter averaging, validation,
 * checkpoints in a run dir, resume). The executors read the rows from the DataFrame's partitions
 * and keep them; the driver never collects them.
 *
 * <p>Params: one per setting of the char-LSTM settings table, named by its key
 * ({@code train.epochs}, {@code model.hidden}, ...; set them with {@link #setSetting}), except the
 * four the DataFrame and its session replace ({@code model.type}, {@code data.input},
 * {@code spark.master}, {@code spark.conf}); the columns ({@link TextColumns}); {@code runDir}
 * (empty: a new directory per fit), {@code overwrite} and {@code resume}.
 */
public final class CharLstmEstimator extends SettingsEstimator<CharLstmEstimator, CharLstmTransformer> {

    /** Settings that are not params: the DataFrame is the input, its session the Spark master and conf. */
    static final Set<Setting<?>> NOT_PARAMS = Set.of(Settings.MODEL_TYPE, Settings.INPUT_PATH, Settings.MASTER,
            Settings.SPARK_CONF);

    private final TextColumns columns;

    public CharLstmEstimator() {
        this(Identifiable$.MODULE$.randomUID("charLstm"));
    }

    public CharLstmEstimator(String uid) {
        super(uid, ModelKind.CHAR_LSTM, NOT_PARAMS);
        this.columns = new TextColumns(this);
    }

    @Override
    public Param<?>[] params() {
        return params(columns.all());
    }

    public CharLstmEstimator setInputCol(String value) {
        set(columns.inputCol, value);
        return this;
    }

    public CharLstmEstimator setOutputCol(String value) {
        set(columns.outputCol, value);
        return this;
    }

    public CharLstmEstimator setPrimeCol(String value) {
        set(columns.primeCol, value);
        return this;
    }

    public CharLstmEstimator setGeneratedCol(String value) {
        set(columns.generatedCol, value);
        return this;
    }

    public CharLstmEstimator setHandleUnknown(String value) {
        set(columns.handleUnknown, value);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return columns.transformSchema(this, schema);
    }

    /**
     * Trains on {@code dataset}'s {@code inputCol}. Every setting and the run dir are checked
     * before anything is read, deleted or trained; the fitted model holds the run's last checkpoint.
     */
    @Override
    public CharLstmTransformer fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        run.check(this);
        String column = getOrDefault(columns.inputCol);
        // the fitted model samples (primeCol): the trainer's own sample at the end would only be printed
        Config config = config(List.of(Settings.INPUT_PATH.assignment("DataFrame column " + column),
                Settings.MASTER.assignment(sc.master()), Settings.SAMPLE_CHARS.assignment(0)));
        CharLstmJob job = CharLstmJob.read(config, path -> path);
        String dir = run.forFit(this, sc);
        System.err.println("run dir: " + dir);
        JavaRDD<String> texts = dataset.select(column).toJavaRDD().map(row -> row.getString(0));
        try {
            TrainResult result = new CharLstmTrainer(job, new Path(dir), run.resume(this), sc.hadoopConfiguration(),
                    System.out, System.err).epochSampleChars(Settings.EPOCH_SAMPLE_CHARS.read(config))
                    .overwrite(run.overwrite(this)).documents(texts).run(sc);
            Checkpoint last = NativeCheckpoint.read(result.lastCheckpoint(), sc.hadoopConfiguration());
            CharLstmTransformer model = new CharLstmTransformer(uid(), last, dir);
            SettingParams.copySet(this, model);
            return model.setParent(this);
        } catch (IOException e) {
            throw new UncheckedIOException("training in " + dir + " failed: " + e.getMessage(), e);
        }
    }

    public static MLReader<CharLstmEstimator> read() {
        return new DefaultParamsReader<>();
    }

    public static CharLstmEstimator load(String path) {
        return read().load(path);
    }
}
