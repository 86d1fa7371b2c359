package org.scopedrnn.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.scopedrnn.data.Newlines;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.LstmImpl;
import org.scopedrnn.sample.SamplingOptions;
import org.scopedrnn.train.CharLstmJob;
import org.scopedrnn.train.DataSettings;
import org.scopedrnn.train.LearningRateScaling;
import org.scopedrnn.train.ModelSettings;
import org.scopedrnn.train.TrainSettings;
import org.scopedrnn.train.TrainingApproach;

/** Turns a resolved char-LSTM config into typed settings, naming the key of any bad value. */
final class CharLstmConfig {

    static final String DEFAULTS = "conf/char-lstm.conf";

    private CharLstmConfig() {
    }

    static ModelSettings model(Config c) {
        return new ModelSettings(integer(c, "model.layers"), integer(c, "model.hidden"),
                get(c, "model.input", k -> InputKind.parse(c.getString(k))), integer(c, "model.embedding-size"),
                number(c, "model.keep-prob"), number(c, "model.forget-bias"), string(c, "model.root-scope"),
                get(c, "model.lstm-impl", k -> LstmImpl.parse(c.getString(k))));
    }

    static DataSettings data(Config c) {
        return new DataSettings(BundledFiles.resolve(string(c, "data.input")), integer(c, "data.seq-length"),
                number(c, "data.validation-fraction"), longValue(c, "data.max-chars"),
                get(c, "data.newlines", k -> Newlines.parse(c.getString(k))));
    }

    static TrainSettings train(Config c) {
        return new TrainSettings(integer(c, "train.epochs"), integer(c, "train.batch-size"),
                number(c, "train.learning-rate"), number(c, "train.clip-norm"), longValue(c, "train.seed"),
                integer(c, "train.workers"), integer(c, "train.averaging-frequency"), integer(c, "train.prefetch"),
                get(c, "train.approach", k -> TrainingApproach.parse(c.getString(k))),
                integer(c, "train.checkpoint-every-steps"), integer(c, "train.keep-last"),
                longValue(c, "train.validation-max-chars"), number(c, "train.progress-seconds"), lrScaling(c),
                integer(c, "train.warmup-steps"));
    }

    static LearningRateScaling lrScaling(Config c) {
        return get(c, "train.lr-scaling", k -> LearningRateScaling.parse(c.getString(k)));
    }

    static SamplingOptions sample(Config c, long trainSeed) {
        long seed = longValue(c, "sample.seed");
        return new SamplingOptions(string(c, "sample.prime"), integer(c, "sample.chars"),
                number(c, "sample.temperature"), integer(c, "sample.top-k"), seed == 0 ? trainSeed : seed);
    }

    static CharLstmJob job(Config c) {
        TrainSettings train = wrap("train", () -> train(c));
        var sparkConf = new LinkedHashMap<String, String>();
        Config extra = c.getConfig("spark.conf");
        extra.entrySet().forEach(e -> sparkConf.put(unquote(e.getKey()), String.valueOf(e.getValue().unwrapped())));
        return new CharLstmJob(wrap("model", () -> model(c)), wrap("data", () -> data(c)), train,
                wrap("sample", () -> sample(c, train.seed())), string(c, "spark.master"), sparkConf,
                ConfigLoader.provenance(c));
    }

    private static String unquote(String key) {
        return key.length() > 1 && key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
    }

    /** Record validation errors already name their key; this adds which section they come from. */
    private static <T> T wrap(String section, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            throw new IllegalArgumentException(msg.startsWith(section + ".") ? msg : section + ": " + msg, e);
        }
    }

    private static <T> T get(Config c, String key, Function<String, T> read) {
        try {
            return read.apply(key);
        } catch (ConfigException.Missing e) {
            throw new IllegalArgumentException("config key " + key + " is missing", e);
        } catch (ConfigException.WrongType e) {
            throw new IllegalArgumentException("config key " + key + " has the wrong type: " + e.getMessage(), e);
        }
    }

    static int integer(Config c, String key) {
        return get(c, key, c::getInt);
    }

    static long longValue(Config c, String key) {
        return get(c, key, c::getLong);
    }

    static double number(Config c, String key) {
        return get(c, key, c::getDouble);
    }

    static String string(Config c, String key) {
        return get(c, key, c::getString);
    }

}
