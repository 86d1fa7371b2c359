package org.scopedrnn.train;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.scopedrnn.data.CopyTask;
import org.scopedrnn.data.Pair;
import org.scopedrnn.data.PairCorpus;
import org.scopedrnn.data.Seq2SeqVocabulary;

/**
 * The pairs a seq2seq job trains on and their vocabularies: read from a tab-separated file, or
 * generated for the copy task.
 *
 * @param skippedTooLong pairs left out for exceeding the configured lengths
 */
public record Seq2SeqData(List<Pair> pairs, Seq2SeqVocabulary vocabulary, long skippedTooLong) {

    public static Seq2SeqData load(Seq2SeqJob.Data data, long seed, Configuration conf) {
        if (data.copyTask()) {
            return new Seq2SeqData(CopyTask.generate(data.copyExamples(), seed), CopyTask.vocabulary(), 0);
        }
        return of(PairCorpus.read(data.input(), data.pairs(), conf));
    }

    /** The pairs of a corpus read already (a file, or a DataFrame's rows) and their vocabularies. */
    public static Seq2SeqData of(PairCorpus corpus) {
        return new Seq2SeqData(corpus.pairs(), Seq2SeqVocabulary.of(corpus.pairs()), corpus.stats().skippedTooLong());
    }
}
