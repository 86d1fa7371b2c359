package org.scopedrnn.cli;

import com.typesafe.config.Config;
import org.scopedrnn.config.ModelKind;
import org.scopedrnn.model.Seq2SeqSpec;
import org.scopedrnn.train.Seq2SeqJob;

/**
 * The command line's {@link Seq2SeqJob} of a resolved seq2seq config: {@link Seq2SeqJob#read}
 * (shared with the Spark ML estimator), with bundled paths resolved to files.
 */
final class Seq2SeqConfig {

    static final String DEFAULTS = ModelKind.SEQ2SEQ.preset();

    private Seq2SeqConfig() {
    }

    static Seq2SeqJob job(Config c, String origin) {
        return Seq2SeqJob.read(c, BundledFiles::resolve, origin);
    }

    /** The architecture for given vocabulary sizes. */
    static Seq2SeqSpec spec(Seq2SeqJob.Model m, int sourceVocab, int targetVocab) {
        return new Seq2SeqSpec(sourceVocab, targetVocab, m.embeddingSize(), m.hidden(), m.encoderScope(),
                m.decoderScope(), m.decoderReuse(), m.sharedEmbedding());
    }
}
