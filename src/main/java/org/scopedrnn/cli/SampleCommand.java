package org.scopedrnn.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.interop.LoadedCharLstm;
import org.scopedrnn.sample.CharSampler;
import org.scopedrnn.sample.SamplingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sample", mixinStandardHelpOptions = true, description = "Generate text from a char-LSTM checkpoint.")
final class SampleCommand implements Callable<Integer> {

    private static final int SHOWN_SYMBOLS = 100;

    @Mixin
    CheckpointOption checkpoint;

    @Option(names = "--prime", defaultValue = SamplingOptions.DEFAULT_PRIME, description = "text to start from (default \"${DEFAULT-VALUE}\")")
    String prime;

    @Option(names = "--length", defaultValue = "500", description = "characters to generate (default ${DEFAULT-VALUE})")
    int length;

    @Option(names = "--temperature", defaultValue = "1.0", description = "sampling temperature (default ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-k", defaultValue = "5", description = "draw among the k likeliest characters, 0 = all (default ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--seed", description = "random seed (default: random)")
    Long seed;

    @Override
    public Integer call() throws Exception {
        var options = new SamplingOptions(prime, length, temperature, topK,
                seed != null ? seed : System.nanoTime());
        LoadedCharLstm loaded = checkpoint.loadCharLstm();
        try {
            loaded.vocabulary().encode(prime, false);
        } catch (Vocabulary.UnknownCharactersException e) {
            List<String> known = loaded.vocabulary().symbols();
            throw new UserInputException("--prime \"" + prime + "\": " + e.getMessage() + ": start from characters"
                    + " the model knows; its " + known.size() + " are " + Vocabulary.describe(known.subList(0,
                    Math.min(SHOWN_SYMBOLS, known.size()))) + (known.size() > SHOWN_SYMBOLS ? " and more" : ""));
        }
        System.out.println(new CharSampler(loaded.model(), loaded.vocabulary()).sample(options));
        return 0;
    }
}
