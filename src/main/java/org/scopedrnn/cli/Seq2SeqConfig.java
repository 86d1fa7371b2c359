package org.scopedrnn.cli;

import com.typesafe.config.Config;
import org.scopedrnn.config.ConfigLoader;
import org.scopedrnn.config.ModelKind;
import org.scopedrnn.config.Readers;
import org.scopedrnn.config.Settings;
import org.scopedrnn.config.TrainSettings;
import org.scopedrnn.model.Seq2SeqSpec;
import org.scopedrnn.train.Seq2SeqJob;

/**
 * Assembles a {@link Seq2SeqJob} from a resolved seq2seq config, reading every key through
 * {@link Settings} (the job's parts are {@code train} types, which {@code config} may not import).
 */
final class Seq2SeqConfig {

    static final String DEFAULTS = ModelKind.SEQ2SEQ.preset();

    private Seq2SeqConfig() {
    }

    static Seq2SeqJob job(Config c, String origin) {
        var model = Readers.inSection("model", () -> new Seq2SeqJob.Model(Settings.EMBEDDING_SIZE.read(c),
                Settings.HIDDEN.read(c), Settings.SHARED_EMBEDDING.read(c), Settings.ENCODER_SCOPE.read(c),
                Settings.DECODER_SCOPE.read(c), Settings.DECODER_REUSE.read(c)));
        var data = Readers.inSection("data", () -> new Seq2SeqJob.Data(Settings.TASK.read(c),
                BundledFiles.resolve(Settings.INPUT_PATH.read(c)), Readers.pairs(c),
                Settings.VALIDATION_FRACTION.read(c), Settings.COPY_EXAMPLES.read(c)));
        TrainSettings train = Readers.inSection("train", () -> TrainSettings.read(c, ModelKind.SEQ2SEQ));
        var translate = Readers.inSection("translate", () -> new Seq2SeqJob.Translate(Settings.BEAM.read(c),
                Settings.TRANSLATE_MAX_LENGTH.read(c), Settings.TRANSLATE_EXAMPLES.read(c)));
        return new Seq2SeqJob(model, data, train, Settings.STOP_AT_SEQUENCE_ACCURACY.read(c), translate,
                Settings.MASTER.read(c), Settings.SPARK_CONF.read(c), ConfigLoader.provenance(c), origin);
    }

    /** The architecture for given vocabulary sizes. */
    static Seq2SeqSpec spec(Seq2SeqJob.Model m, int sourceVocab, int targetVocab) {
        return new Seq2SeqSpec(sourceVocab, targetVocab, m.embeddingSize(), m.hidden(), m.encoderScope(),
                m.decoderScope(), m.decoderReuse(), m.sharedEmbedding());
    }
}
