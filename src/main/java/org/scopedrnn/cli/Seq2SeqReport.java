package org.scopedrnn.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.scopedrnn.data.Seq2SeqVocabulary;
import org.scopedrnn.model.Seq2SeqModel;
import org.scopedrnn.sample.Seq2SeqTranslator;
import org.scopedrnn.sample.TranslationMetrics;
import org.scopedrnn.train.Seq2SeqJob;
import org.scopedrnn.train.Seq2SeqTrainer;

/**
 * What {@code train seq2seq} prints after training: metrics of held-out translations, and a few
 * of them, decoded by a separately built inference model that gets the weights by name.
 */
final class Seq2SeqReport {

    /** Held-out pairs decoded for the metrics (decoding is sequential on the driver). */
    static final int METRIC_PAIRS = 500;

    private Seq2SeqReport() {
    }

    static void afterTraining(Seq2SeqTrainer.Result result, Seq2SeqJob job, PrintStream out) {
        Seq2SeqVocabulary vocab = result.data().vocabulary();
        var translator = new Seq2SeqTranslator(result.model(), vocab.startId(), vocab.endId());
        List<Seq2SeqVocabulary.EncodedPair> held = result.split().validation();
        held = held.subList(0, Math.min(METRIC_PAIRS, held.size()));
        var sources = new ArrayList<int[]>();
        var references = new ArrayList<String>();
        for (Seq2SeqVocabulary.EncodedPair p : held) {
            sources.add(p.source());
            references.add(vocab.decodeTarget(p.target()));
        }
        var hypotheses = new ArrayList<String>();
        for (int[] ids : translator.beam(sources, job.translate().beam(), job.translate().maxLength())) {
            hypotheses.add(vocab.decodeTarget(ids));
        }
        out.println("held-out " + TranslationMetrics.evaluate(hypotheses, references).summaryLine()
                + " (beam " + job.translate().beam() + ")");
        for (int i = 0; i < Math.min(job.translate().examples(), held.size()); i++) {
            out.println(vocab.decodeSource(held.get(i).source()) + "\t->\t" + hypotheses.get(i) + "\t(reference: "
                    + references.get(i) + ")");
        }
    }

    static Seq2SeqTranslator translator(Seq2SeqModel model, Seq2SeqVocabulary vocab) {
        return new Seq2SeqTranslator(model, vocab.startId(), vocab.endId());
    }
}
