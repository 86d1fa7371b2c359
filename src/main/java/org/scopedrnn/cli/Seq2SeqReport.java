package org.scopedrnn.cli;

import java.io.PrintStream;
import org.scopedrnn.eval.Seq2SeqEvaluation;
import org.scopedrnn.train.Seq2SeqJob;
import org.scopedrnn.train.Seq2SeqTrainer;

/** What {@code train seq2seq} prints after training: held-out metrics and a few translations. */
final class Seq2SeqReport {

    private Seq2SeqReport() {
    }

    static void afterTraining(Seq2SeqTrainer.Result result, Seq2SeqJob job, PrintStream out) {
        Seq2SeqEvaluation eval = Seq2SeqEvaluation.of(result.model(), result.vocabulary(), result.heldOut(),
                job.translate().beam(), job.translate().maxLength());
        out.println("held-out " + eval.metrics().summaryLine() + " (beam " + job.translate().beam() + ")");
        for (int i = 0; i < Math.min(job.translate().examples(), eval.sources().size()); i++) {
            out.println(eval.sources().get(i) + "\t->\t" + eval.hypotheses().get(i) + "\t(reference: "
                    + eval.references().get(i) + ")");
        }
    }
}
