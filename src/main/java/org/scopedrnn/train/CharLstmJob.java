package org.scopedrnn.train;

import com.typesafe.config.Config;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.scopedrnn.config.ConfigLoader;
import org.scopedrnn.config.DataSettings;
import org.scopedrnn.config.ModelKind;
import org.scopedrnn.config.ModelSettings;
import org.scopedrnn.config.Readers;
import org.scopedrnn.config.Settings;
import org.scopedrnn.config.TrainSettings;
import org.scopedrnn.model.OptimizerSpec;
import org.scopedrnn.sample.SamplingOptions;

/**
 * Everything {@code train char-lstm} needs, resolved from the config files and the command line.
 *
 * @param sparkConf extra Spark properties ({@code spark.*} keys of the config)
 * @param resolvedConfig the whole resolved config, stored in checkpoints as provenance
 */
public record CharLstmJob(ModelSettings model, DataSettings data, TrainSettings train, SamplingOptions sample,
        String master, Map<String, String> sparkConf, Map<String, Object> resolvedConfig) {

    public CharLstmJob {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("spark master must be set, e.g. local[*] or spark://host:7077");
        }
        sparkConf = Map.copyOf(sparkConf);
        resolvedConfig = Map.copyOf(resolvedConfig);
    }

    /**
     * The job of a resolved char-LSTM config (every key read, checked and named by
     * {@code org.scopedrnn.config}); {@code resolveInput} maps a bundled corpus path to a file.
     */
    public static CharLstmJob read(Config c, UnaryOperator<String> resolveInput) {
        TrainSettings train = Readers.inSection("train", () -> TrainSettings.read(c, ModelKind.CHAR_LSTM));
        return new CharLstmJob(Readers.inSection("model", () -> ModelSettings.read(c)),
                Readers.inSection("data", () -> DataSettings.read(c, resolveInput)), train,
                Readers.inSection("sample", () -> Readers.sampling(c, train.seed())), Settings.MASTER.read(c),
                Settings.SPARK_CONF.read(c), ConfigLoader.provenance(c));
    }

    /**
     * The gradient clip norm as DL4J must apply it: DL4J sums the loss over time steps where
     * anna_writer.py averages it, so its gradients are seq-length times larger; the configured norm
     * scaled by the sequence length clips where TensorFlow would. The trainer and the benchmarks
     * take it from here.
     */
    public double dl4jClipNorm() {
        return train.clipNorm() * data.seqLength();
    }

    /** Adam as {@code train} runs it on its workers ({@link TrainSettings#optimizer}), at {@link #dl4jClipNorm()}. */
    public OptimizerSpec optimizer() {
        return train.optimizer(dl4jClipNorm());
    }

    /**
     * Adam as a single process fits the model (the benchmarks' reference): the configured step size,
     * neither scaled for workers nor warmed up, and {@link #dl4jClipNorm()}.
     */
    public OptimizerSpec singleProcessOptimizer() {
        return OptimizerSpec.adam(train.learningRate(), dl4jClipNorm(), train.seed());
    }
}
