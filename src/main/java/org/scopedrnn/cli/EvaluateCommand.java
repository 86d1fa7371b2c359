package org.scopedrnn.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.scopedrnn.data.Newlines;
import org.scopedrnn.data.TextCorpus;
import org.scopedrnn.sample.CharEvaluator;
import org.scopedrnn.sample.LoadedCharLstm;
import org.scopedrnn.sample.Perplexity;
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

    @Override
    public Integer call() throws Exception {
        if (maxChars < 0) {
            throw new IllegalArgumentException("--max-chars must be >= 0, got " + maxChars);
        }
        LoadedCharLstm loaded = checkpoint.loadCharLstm();
        String content = TextCorpus.read(text, Newlines.parse(newlines), new Configuration()).text();
        int[] ids = loaded.vocabulary().encode(content, skipUnknown);
        Perplexity p = CharEvaluator.streaming(loaded.model(), ids, maxChars);
        System.out.println(p.summaryLine());
        return 0;
    }
}
