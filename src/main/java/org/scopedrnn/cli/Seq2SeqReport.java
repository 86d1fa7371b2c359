package org.scopedrnn.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.scopedrnn.data.Seq2SeqVocabulary;
import org.scopedrnn.sample.Seq2SeqDecoder;
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
        // a separate inference model that receives the trained weights by name
        var decoder = Seq2SeqDecoder.of(result.model());
        List<Seq2SeqVocabulary.EncodedPair> held = result.split().validation();
        held = held.subList(0, Math.min(METRIC_PAIRS, held.size()));
        int[][] sources = new int[held.size()][];
        var references = new ArrayList<String>();
        for (int i = 0; i < held.size(); i++) {
            sources[i] = held.get(i).source();
            references.add(vocab.decodeTarget(held.get(i).target()));
        }
        var hypotheses = new ArrayList<String>();
        for (Seq2SeqDecoder.Hypothesis h : decoder.beam(sources, job.translate().beam(), vocab.startId(),
                vocab.endId(), job.translate().maxLength())) {
            hypotheses.add(vocab.decodeTarget(h.ids()));
        }
        out.println("held-out " + TranslationMetrics.evaluate(hypotheses, references).summaryLine()
                + " (beam " + job.translate().beam() + ")");
        for (int i = 0; i < Math.min(job.translate().examples(), held.size()); i++) {
            out.println(vocab.decodeSource(held.get(i).source()) + "\t->\t" + hypotheses.get(i) + "\t(reference: "
                    + references.get(i) + ")");
        }
    }
}
