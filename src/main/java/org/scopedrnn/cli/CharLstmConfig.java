package org.scopedrnn.cli;

import com.typesafe.config.Config;
import org.scopedrnn.config.ModelKind;
import org.scopedrnn.train.CharLstmJob;

/**
 * The command line's {@link CharLstmJob} of a resolved char-LSTM config: {@link CharLstmJob#read}
 * (shared with the Spark ML estimator), with bundled corpus paths resolved to files.
 */
final class CharLstmConfig {

    static final String DEFAULTS = ModelKind.CHAR_LSTM.preset();

    private CharLstmConfig() {
    }

    static CharLstmJob job(Config c) {
        return CharLstmJob.read(c, BundledFiles::resolve);
    }
}
