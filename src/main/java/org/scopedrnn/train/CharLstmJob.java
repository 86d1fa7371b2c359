package org.scopedrnn.train;

import org.scopedrnn.config.ModelSettings;
import org.scopedrnn.config.DataSettings;
import org.scopedrnn.config.TrainSettings;
import java.util.Map;
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
}
