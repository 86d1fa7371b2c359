package org.scopedrnn.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.scopedrnn.data.Newlines;
import org.scopedrnn.data.Pair;
import org.scopedrnn.data.PairCorpus;
import org.scopedrnn.data.PairOptions;
import org.scopedrnn.data.Seq2SeqVocabulary;
import org.scopedrnn.data.TextCorpus;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.eval.CharEvaluator;
import org.scopedrnn.eval.Perplexity;
import org.scopedrnn.eval.Seq2SeqEvaluation;
import org.scopedrnn.interop.LoadedCharLstm;
import org.scopedrnn.sample.LoadedSeq2Seq;
import org.scopedrnn.train.Seq2SeqTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Mean cross-entropy of a char-LSTM on a text (zero initial state, state carried through the text).")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    CheckpointOption checkpoint;

    @Option(names = "--text", required = true, paramLabel = "FILE", description = "UTF-8 text to score")
    String text;

    @Option(names = "--max-chars", defaultValue = "0", paramLabel = "N", description = "score the first N transitions (0 = all)")
    long maxChars;

    @Option(names = "--newlines", defaultValue = "universal", paramLabel = "MODE",
            description = "universal (\\r\\n and \\r read as \\n, like Python's text mode and the TF tool chain) or keep")
    String newlines;

    @Option(names = "--skip-unknown", description = "drop characters outside the vocabulary instead of failing")
    boolean skipUnknown;

    @Option(names = "--beam", defaultValue = "1", description = "seq2seq: beam width for the translations (default 1)")
    int beam;

    @Option(names = "--max-pairs", defaultValue = "1000", description = "seq2seq: score the first N pairs (default 1000)")
    long maxPairs;

    /** A seq2seq checkpoint scores a tab-separated pairs file: masked loss and translation metrics. */
    private int evaluateSeq2Seq() throws java.io.IOException {
        LoadedSeq2Seq loaded = LoadedSeq2Seq.load(checkpoint.path(), new Configuration());
        PairCorpus corpus =
                PairCorpus.read(text, "--text", new PairOptions(maxPairs, 0, 0, false), new Configuration());
        var encoded = new java.util.ArrayList<Seq2SeqVocabulary.EncodedPair>();
        for (Pair p : corpus.pairs()) {
            encoded.add(new Seq2SeqVocabulary.EncodedPair(
                    loaded.vocabulary().encodeSource(p.source(), skipUnknown),
                    loaded.vocabulary().encodeTarget(p.target())));
        }
        double loss = Seq2SeqTrainer.validationLoss(loaded.model(), encoded, loaded.vocabulary());
        var eval = Seq2SeqEvaluation.of(loaded.model(), loaded.vocabulary(), encoded, beam, 200);
        System.out.println(String.format(java.util.Locale.ROOT, "nats/char=%.6f ", loss) + eval.metrics().summaryLine());
        return 0;
    }

    @Override
    public Integer call() throws Exception {
        if (maxChars < 0) {
            throw new IllegalArgumentException("--max-chars must be >= 0, got " + maxChars);
        }
        if (LoadedSeq2Seq.isSeq2Seq(checkpoint.path(), new Configuration())) {
            return evaluateSeq2Seq();
        }
        LoadedCharLstm loaded = checkpoint.loadCharLstm();
        String content = TextCorpus.read(text, "--text", Newlines.parse(newlines), new Configuration()).text();
        int[] ids;
        try {
            ids = loaded.vocabulary().encode(content, skipUnknown);
        } catch (Vocabulary.UnknownCharactersException e) {
            throw new UserInputException("--text " + text + ": " + e.getMessage()
                    + ": remove them from the text, or pass --skip-unknown to drop them");
        }
        Perplexity p = CharEvaluator.streaming(loaded.model(), ids, maxChars);
        System.out.println(p.summaryLine());
        return 0;
    }
}
