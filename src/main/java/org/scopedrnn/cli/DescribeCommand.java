package org.scopedrnn.cli;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.scopedrnn.config.ConfigLoader;
import org.scopedrnn.config.ModelKind;
import org.scopedrnn.config.Readers;
import org.scopedrnn.config.Settings;
import org.scopedrnn.config.SettingsDoc;
import org.scopedrnn.data.Newlines;
import org.scopedrnn.data.TextCorpus;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.CharLstmVariables;
import org.scopedrnn.model.Seq2SeqSpec;
import org.scopedrnn.model.Seq2SeqVariables;
import org.scopedrnn.scope.Variable;
import org.scopedrnn.scope.VariableStore;
import org.scopedrnn.train.Seq2SeqData;
import org.scopedrnn.train.Seq2SeqJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Build a config's model on the driver only and print every variable (no Spark job, no training);"
                + " or, with --settings, print every setting.")
final class DescribeCommand implements Callable<Integer> {

    /** This command has no --input: the corpus comes from the config. */
    static final String DATA_INPUT = Settings.INPUT_PATH + " (--set " + Settings.INPUT_PATH + "=FILE)";

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--settings", arity = "0..1", fallbackValue = "text", paramLabel = "FORMAT",
            description = "print every setting instead of the variables: key = value (HOCON), its default if the "
                    + "value differs, whether a resumed run may change it, and what it does; --settings=markdown "
                    + "prints the README's table of defaults")
    String settings;

    @Override
    public Integer call() throws Exception {
        String type = ConfigLoader.modelType(configOptions.config, configOptions.sets,
                ModelKind.CHAR_LSTM.typeName());
        if (settings != null) {
            return describeSettings(type);
        }
        if (type.equals(ModelKind.SEQ2SEQ.typeName())) {
            return describeSeq2Seq();
        }
        Config config = ConfigLoader.load(ConfigLoader.defaultsFor(type), configOptions.config, configOptions.sets);
        var job = CharLstmConfig.job(config);
        // the vocabulary size, and so three of the shapes, comes from the corpus
        String text = TextCorpus.read(job.data().input(), DATA_INPUT, Newlines.UNIVERSAL, new Configuration()).text();
        CharLstmSpec spec = job.model().toSpec(Vocabulary.of(text).size());
        var store = new VariableStore();
        CharLstmVariables.declare(spec, store);
        print(store.variables());
        return 0;
    }

    private int describeSettings(String type) {
        Config config = ConfigLoader.load(ConfigLoader.defaultsFor(type), configOptions.config, configOptions.sets);
        ModelKind kind = ModelKind.parse(type);
        switch (settings) {
            case "text" -> System.out.print(SettingsDoc.listing(config, kind));
            case "markdown" -> System.out.print(SettingsDoc.markdown(kind));
            default -> throw new IllegalArgumentException("--settings takes text or markdown, got '" + settings + "'");
        }
        return 0;
    }

    private int describeSeq2Seq() {
        Config config = ConfigLoader.load(Seq2SeqConfig.DEFAULTS, configOptions.config, configOptions.sets);
        String origin = configOptions.config != null ? configOptions.config.getPath() : Seq2SeqConfig.DEFAULTS;
        Seq2SeqJob job = Seq2SeqConfig.job(config, origin);
        Seq2SeqData data = Seq2SeqData.load(job.data(), job.train().seed(), new Configuration());
        Seq2SeqSpec spec = Seq2SeqConfig.spec(job.model(), data.vocabulary().sourceSize(),
                data.vocabulary().targetSize());
        var store = new VariableStore();
        Seq2SeqVariables.declare(spec, store, Readers.scopeOrigins(origin));
        print(store.variables());
        return 0;
    }

    static void print(List<Variable> variables) {
        int width = variables.stream().mapToInt(v -> v.name().length()).max().orElse(4);
        long total = 0;
        for (Variable v : variables) {
            System.out.printf(Locale.ROOT, "%-" + width + "s  %-12s  %,12d%n", v.name(), v.shapeString(), v.size());
            total += v.size();
        }
        System.out.printf(Locale.ROOT, "%-" + width + "s  %-12s  %,12d%n", "total (" + variables.size() + " variables)",
                "", total);
    }
}
