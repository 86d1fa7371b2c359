package org.scopedrnn.eval;

import java.util.ArrayList;
import java.util.List;
import org.scopedrnn.data.Seq2SeqVocabulary;
import org.scopedrnn.model.Seq2SeqModel;
import org.scopedrnn.sample.Seq2SeqDecoder;

/**
 * Held-out translation quality: decodes the sources with a separately built decoder (weights by
 * name) and scores the outputs against the references.
 *
 * @param sources the source sentences, decoded back to text
 * @param hypotheses the model's translations
 * @param references the reference translations
 */
public record Seq2SeqEvaluation(List<String> sources, List<String> hypotheses, List<String> references,
        TranslationMetrics.Summary metrics) {

    public static Seq2SeqEvaluation of(Seq2SeqModel model, Seq2SeqVocabulary vocab,
            List<Seq2SeqVocabulary.EncodedPair> pairs, int beam, int maxLength) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no pairs to evaluate");
        }
        var decoder = Seq2SeqDecoder.of(model);
        int[][] sourceIds = new int[pairs.size()][];
        var sources = new ArrayList<String>(pairs.size());
        var references = new ArrayList<String>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            sourceIds[i] = pairs.get(i).source();
            sources.add(vocab.decodeSource(pairs.get(i).source()));
            references.add(vocab.decodeTarget(pairs.get(i).target()));
        }
        var hypotheses = new ArrayList<String>(pairs.size());
        for (Seq2SeqDecoder.Hypothesis h : decoder.beam(sourceIds, beam, vocab.startId(), vocab.endId(), maxLength)) {
            hypotheses.add(vocab.decodeTarget(h.ids()));
        }
        return new Seq2SeqEvaluation(List.copyOf(sources), List.copyOf(hypotheses), List.copyOf(references),
                TranslationMetrics.evaluate(hypotheses, references));
    }
}
