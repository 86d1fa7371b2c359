package org.scopedrnn.cli;

import java.util.concurrent.Callable;
import org.scopedrnn.sample.CharSampler;
import org.scopedrnn.sample.LoadedCharLstm;
import org.scopedrnn.sample.SamplingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sample", mixinStandardHelpOptions = true, description = "Generate text from a char-LSTM checkpoint.")
final class SampleCommand implements Callable<Integer> {

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
        System.out.println(new CharSampler(loaded.model(), loaded.vocabulary()).sample(options));
        return 0;
    }
}
