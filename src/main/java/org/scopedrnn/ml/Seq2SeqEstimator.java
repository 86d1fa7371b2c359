package org.scopedrnn.ml;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.config.ModelKind;
import org.scopedrnn.config.Setting;
import org.scopedrnn.config.Settings;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.train.Seq2SeqJob;
import org.scopedrnn.train.Seq2SeqTrainer;

/**
 * A Spark ML estimator training the seq2seq model on a DataFrame's source and target string
 * columns (one pair per row) with the command line's trainer ({@link Seq2SeqTrainer}), returning a
 * {@link Seq2SeqTransformer}. Params: one per seq2seq setting of the table, except those the
 * DataFrame and its session replace ({@code model.type}, {@code data.input}, {@code data.task},
 * {@code data.copy-examples}, {@code spark.master}, {@code spark.conf}); the columns
 * ({@link PairColumns}); {@code runDir}, {@code overwrite}, {@code resume}.
 *
 * <p>Where the rows go: the executors turn each row into a pairs-file line (refusing a tab or line
 * break inside a sentence) and write their partitions as the part files of {@code RUN_DIR/pairs-input};
 * the trainer's executors read that directory as {@code train seq2seq} reads its pairs files (the same
 * {@code data.max-pairs}, length limits, {@code data.reverse}, per-file split and vocabularies). No row
 * passes through the driver.
 */
public final class Seq2SeqEstimator extends SettingsEstimator<Seq2SeqEstimator, Seq2SeqTransformer> {

    static final Set<Setting<?>> NOT_PARAMS = Set.of(Settings.MODEL_TYPE, Settings.INPUT_PATH, Settings.TASK,
            Settings.COPY_EXAMPLES, Settings.MASTER, Settings.SPARK_CONF);

    /** The run dir's sub-directory holding the rows as pairs files for the trainer's executors. */
    static final String PAIRS_DIR = "pairs-input";

    private final PairColumns columns;

    public Seq2SeqEstimator() {
        this(Identifiable$.MODULE$.randomUID("seq2seq"));
    }

    public Seq2SeqEstimator(String uid) {
        super(uid, ModelKind.SEQ2SEQ, NOT_PARAMS);
        this.columns = new PairColumns(this);
    }

    @Override
    public Param<?>[] params() {
        return params(columns.all());
    }

    public Seq2SeqEstimator setSourceCol(String value) {
        set(columns.sourceCol, value);
        return this;
    }

    public Seq2SeqEstimator setTargetCol(String value) {
        set(columns.targetCol, value);
        return this;
    }

    public Seq2SeqEstimator setOutputCol(String value) {
        set(columns.outputCol, value);
        return this;
    }

    public Seq2SeqEstimator setHandleUnknown(String value) {
        set(columns.handleUnknown, value);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return columns.transformSchema(this, schema, true);
    }

    @Override
    public Seq2SeqTransformer fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        run.check(this);
        String source = getOrDefault(columns.sourceCol);
        String target = getOrDefault(columns.targetCol);
        String dir = run.forFit(this, sc);
        System.err.println("run dir: " + dir);
        String pairsDir = writePairs(dataset.select(source, target), dir, sc);
        Config config = config(List.of(Settings.INPUT_PATH.assignment(pairsDir),
                Settings.MASTER.assignment(sc.master())));
        Seq2SeqJob job = Seq2SeqJob.read(config, path -> path, "the Spark ML params of " + uid());
        try {
            Seq2SeqTrainer.Result result = new Seq2SeqTrainer(job, new Path(dir), run.resume(this),
                    sc.hadoopConfiguration(), System.out, System.err).overwrite(run.overwrite(this)).run(sc);
            Checkpoint last = NativeCheckpoint.read(result.lastCheckpoint(), sc.hadoopConfiguration());
            Seq2SeqTransformer model = new Seq2SeqTransformer(uid(), last, dir);
            SettingParams.copySet(this, model);
            return model.setParent(this);
        } catch (IOException e) {
            throw new UncheckedIOException("training in " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The rows as a pairs file of one part per partition, written by the executors that hold them into
     * {@code RUN_DIR/pairs-input} (replaced on every fit: it is derived from the DataFrame), which the
     * trainer's executors then read as {@code train seq2seq} reads a directory of pairs files.
     */
    private static String writePairs(Dataset<Row> pairs, String runDir, JavaSparkContext sc) {
        Path out = new Path(runDir, PAIRS_DIR);
        try {
            var fs = out.getFileSystem(sc.hadoopConfiguration());
            fs.delete(out, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + out + ": " + e.getMessage(), e);
        }
        pairs.toJavaRDD().filter(r -> !r.isNullAt(0) && !r.isNullAt(1))
                .map(r -> line(r.getString(0), r.getString(1))).saveAsTextFile(out.toString());
        return out.toString();
    }

    /** One pairs-file line; a sentence holding a tab or a line break cannot be one, and is refused naming it. */
    static String line(String source, String target) {
        for (String s : List.of(source, target)) {
            if (s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("the pair " + Vocabulary.quote(source) + " -> "
                        + Vocabulary.quote(target) + " holds a tab or a line break: a sentence of "
                        + "a pair must be one line without tabs; replace them first");
            }
        }
        return source + "\t" + target;
    }

    public static MLReader<Seq2SeqEstimator> read() {
        return new DefaultParamsReader<>();
    }

    public static Seq2SeqEstimator load(String path) {
        return read().load(path);
    }
}
