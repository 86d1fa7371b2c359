package org.scopedrnn.ml;

import com.typesafe.config.Config;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.scopedrnn.config.ConfigLoader;
import org.scopedrnn.config.ModelKind;
import org.scopedrnn.config.Setting;

/**
 * What both estimators share: a uid, one param per setting of their model kind's table (but
 * those the DataFrame and its session replace), the run dir params, the config those params
 * resolve to, and Spark ML's default params writer.
 *
 * @param <S> the estimator itself, so that setters chain
 * @param <M> its fitted model
 */
public abstract class SettingsEstimator<S extends SettingsEstimator<S, M>, M extends Model<M>> extends Estimator<M>
        implements MLWritable {

    private final String uid;
    private final ModelKind kind;
    final SettingParams settings;
    final RunDirParams run;

    SettingsEstimator(String uid, ModelKind kind, Set<Setting<?>> notParams) {
        this.uid = uid;
        this.kind = kind;
        this.settings = SettingParams.of(this, kind, s -> !notParams.contains(s));
        this.run = new RunDirParams(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The setting params, the run dir params and {@code columns}. */
    Param<?>[] params(List<Param<?>> columns) {
        return Stream.of(settings.all(), columns, run.all()).flatMap(List::stream).toArray(Param<?>[]::new);
    }

    /** Sets the param of setting {@code key} (e.g. {@code "train.epochs"}); the value is checked as the setting checks it. */
    public S setSetting(String key, Object value) {
        set(settings.param(key), settings.coerce(key, value));
        return self();
    }

    public Object getSetting(String key) {
        return getOrDefault(settings.param(key));
    }

    public S setRunDir(String value) {
        set(run.runDir, value);
        return self();
    }

    public S setOverwrite(boolean value) {
        set(run.overwrite, value);
        return self();
    }

    public S setResume(boolean value) {
        set(run.resume, value);
        return self();
    }

    public String getRunDir() {
        return getOrDefault(run.runDir);
    }

    /** The resolved config: the table's defaults, the params set (as {@code --set} would pass them), then {@code sets}. */
    Config config(List<String> sets) {
        List<String> all = new ArrayList<>(settings.assignments(this));
        all.addAll(sets);
        return ConfigLoader.load(kind.preset(), null, all);
    }

    @Override
    public S copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    @Override
    public MLWriter write() {
        return new DefaultParamsWriter(this);
    }

    @Override
    public void save(String path) throws IOException {
        write().save(path);
    }

    @SuppressWarnings("unchecked") // S is the subclass itself, by its declaration
    private S self() {
        return (S) this;
    }
}
