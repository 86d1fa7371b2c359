package org.scopedrnn.cli;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import org.scopedrnn.data.PairOptions;
import org.scopedrnn.model.Seq2SeqSpec;
import org.scopedrnn.scope.Reuse;
import org.scopedrnn.train.Seq2SeqJob;
import org.scopedrnn.train.TrainSettings;
import org.scopedrnn.train.TrainingApproach;

/** Turns a resolved seq2seq config into typed settings, naming the key of any bad value. */
final class Seq2SeqConfig {

    static final String DEFAULTS = "conf/seq2seq.conf";

    private Seq2SeqConfig() {
    }

    static Seq2SeqJob job(Config c, String origin) {
        var model = new Seq2SeqJob.Model(CharLstmConfig.integer(c, "model.embedding-size"),
                CharLstmConfig.integer(c, "model.hidden"), c.getBoolean("model.shared-embedding"),
                scope(c, "encoder.scope"), scope(c, "decoder.scope"), reuse(c));
        var pairs = new PairOptions(CharLstmConfig.longValue(c, "data.max-pairs"),
                CharLstmConfig.integer(c, "data.max-source-length"), CharLstmConfig.integer(c, "data.max-target-length"),
                c.getBoolean("data.reverse"));
        var data = new Seq2SeqJob.Data(CharLstmConfig.string(c, "data.task"),
                BundledFiles.resolve(CharLstmConfig.string(c, "data.input")), pairs,
                CharLstmConfig.number(c, "data.validation-fraction"), CharLstmConfig.integer(c, "data.copy-examples"));
        var train = new TrainSettings(CharLstmConfig.integer(c, "train.epochs"),
                CharLstmConfig.integer(c, "train.batch-size"), CharLstmConfig.number(c, "train.learning-rate"),
                CharLstmConfig.number(c, "train.clip-norm"), CharLstmConfig.longValue(c, "train.seed"),
                CharLstmConfig.integer(c, "train.workers"), CharLstmConfig.integer(c, "train.averaging-frequency"),
                CharLstmConfig.integer(c, "train.prefetch"), TrainingApproach.parse(CharLstmConfig.string(c, "train.approach")),
                CharLstmConfig.integer(c, "train.checkpoint-every-steps"), CharLstmConfig.integer(c, "train.keep-last"),
                0, CharLstmConfig.number(c, "train.progress-seconds"), CharLstmConfig.lrScaling(c),
                CharLstmConfig.integer(c, "train.warmup-steps"));
        var translate = new Seq2SeqJob.Translate(CharLstmConfig.integer(c, "translate.beam"),
                CharLstmConfig.integer(c, "translate.max-length"), CharLstmConfig.integer(c, "translate.examples"));
        var sparkConf = new LinkedHashMap<String, String>();
        c.getConfig("spark.conf").entrySet().forEach(e -> sparkConf.put(e.getKey().replace("\"", ""),
                String.valueOf(e.getValue().unwrapped())));
        return new Seq2SeqJob(model, data, train, CharLstmConfig.number(c, "train.stop-at-sequence-accuracy"),
                translate, CharLstmConfig.string(c, "spark.master"), sparkConf, ConfigLoader.provenance(c), origin);
    }

    /** The architecture for given vocabulary sizes. */
    static Seq2SeqSpec spec(Seq2SeqJob.Model m, int sourceVocab, int targetVocab) {
        return new Seq2SeqSpec(sourceVocab, targetVocab, m.embeddingSize(), m.hidden(), m.encoderScope(),
                m.decoderScope(), m.decoderReuse(), m.sharedEmbedding());
    }

    private static String scope(Config c, String key) {
        return c.getIsNull(key) ? null : CharLstmConfig.string(c, key);
    }

    private static Reuse reuse(Config c) {
        String value = c.getValue("decoder.reuse").unwrapped().toString().toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "false", "none" -> Reuse.NONE;
            case "true", "reuse" -> Reuse.REUSE;
            case "auto", "auto_reuse" -> Reuse.AUTO_REUSE;
            default -> throw new IllegalArgumentException("decoder.reuse must be false, true or auto, got '" + value + "'");
        };
    }
}
