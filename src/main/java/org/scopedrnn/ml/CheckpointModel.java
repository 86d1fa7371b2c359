package org.scopedrnn.ml;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.config.ModelKind;
import org.scopedrnn.config.Setting;

/**
 * What both fitted models share: the checkpoint they hold, the run dir they were trained in, their
 * few setting params, the weights broadcast to the executors once per model, and saving as params
 * metadata plus a native checkpoint ({@link CheckpointWriter}).
 *
 * @param <M> the model itself
 * @param <W> what the executors get of the checkpoint
 */
public abstract class CheckpointModel<M extends CheckpointModel<M, W>, W> extends Model<M> implements MLWritable {

    private final String uid;
    private final Checkpoint checkpoint;
    private final String runDir;
    final SettingParams settings;
    private transient Broadcast<W> weights;

    CheckpointModel(String uid, Checkpoint checkpoint, String runDir, ModelKind kind, Set<Setting<?>> settings) {
        this.uid = uid;
        this.checkpoint = checkpoint;
        this.runDir = runDir;
        this.settings = SettingParams.of(this, kind, settings::contains);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The setting params and {@code columns}. */
    Param<?>[] params(List<Param<?>> columns) {
        return Stream.of(settings.all(), columns).flatMap(List::stream).toArray(Param<?>[]::new);
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
    public M setSetting(String key, Object value) {
        set(settings.param(key), settings.coerce(key, value));
        return self();
    }

    public Object getSetting(String key) {
        return getOrDefault(settings.param(key));
    }

    /** The executors' copy of the weights, broadcast on first use and reused by every later transform. */
    synchronized Broadcast<W> weights(Dataset<?> dataset) {
        if (weights == null) {
            weights = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext())
                    .broadcast(shipped(checkpoint));
        }
        return weights;
    }

    /** What the executors need of {@code checkpoint}. */
    abstract W shipped(Checkpoint checkpoint);

    /** A new model of this uid, checkpoint and run dir, params at their defaults. */
    abstract M fresh(String uid, Checkpoint checkpoint, String runDir);

    @Override
    public M copy(ParamMap extra) {
        M copy = fresh(uid, checkpoint, runDir);
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

    @SuppressWarnings("unchecked") // M is the subclass itself, by its declaration
    private M self() {
        return (M) this;
    }
}
