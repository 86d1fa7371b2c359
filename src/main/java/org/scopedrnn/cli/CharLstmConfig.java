package org.scopedrnn.cli;

import com.typesafe.config.Config;
import org.scopedrnn.config.ConfigLoader;
import org.scopedrnn.config.DataSettings;
import org.scopedrnn.config.ModelKind;
import org.scopedrnn.config.ModelSettings;
import org.scopedrnn.config.Readers;
import org.scopedrnn.config.Settings;
import org.scopedrnn.config.TrainSettings;
import org.scopedrnn.train.CharLstmJob;

/**
 * Assembles a {@link CharLstmJob} from a resolved char-LSTM config. The reading itself (every key,
 * its type, check and message) is {@code org.scopedrnn.config}'s; a job is a {@code train} type,
 * which {@code config} may not import, so the assembly lives here.
 */
final class CharLstmConfig {

    static final String DEFAULTS = ModelKind.CHAR_LSTM.preset();

    private CharLstmConfig() {
    }

    static CharLstmJob job(Config c) {
        TrainSettings train = Readers.inSection("train", () -> TrainSettings.read(c, ModelKind.CHAR_LSTM));
        return new CharLstmJob(Readers.inSection("model", () -> ModelSettings.read(c)),
                Readers.inSection("data", () -> DataSettings.read(c, BundledFiles::resolve)), train,
                Readers.inSection("sample", () -> Readers.sampling(c, train.seed())), Settings.MASTER.read(c),
                Settings.SPARK_CONF.read(c), ConfigLoader.provenance(c));
    }
}
