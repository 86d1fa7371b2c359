package org.scopedrnn.cli;

import com.typesafe.config.Config;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.scopedrnn.sample.LoadedCharLstm;
import org.scopedrnn.train.CharLstmJob;
import org.scopedrnn.train.CharLstmTrainer;
import org.scopedrnn.train.SparkContexts;
import org.scopedrnn.train.TrainResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "char-lstm", mixinStandardHelpOptions = true,
        description = "Train a character-level LSTM language model (defaults: conf/char-lstm.conf on data/anna.txt).")
final class TrainCharLstmCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--input", paramLabel = "PATH", description = "corpus (sets data.input)")
    String input;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "where checkpoints go (default runs/char-lstm-<time>)")
    String runDir;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (sets spark.master; default local[*])")
    String master;

    @Option(names = "--epochs", paramLabel = "N", description = "sets train.epochs")
    Integer epochs;

    @Option(names = "--resume", description = "continue from the run dir's latest checkpoint")
    boolean resume;

    @Option(names = "--init-from", paramLabel = "PATH",
            description = "start from this model's weights (native, TensorFlow or ml5 checkpoint): fine-tuning")
    String initFrom;

    @Option(names = "--vocab", paramLabel = "FILE", description = "vocabulary of the --init-from model, if it has none")
    String vocab;

    @Option(names = "--sample-chars", paramLabel = "N", description = "sets sample.chars")
    Integer sampleChars;

    @Override
    public Integer call() throws Exception {
        List<String> sets = new ArrayList<>(configOptions.sets);
        if (input != null) {
            sets.add("data.input=" + quote(input));
        }
        if (master != null) {
            sets.add("spark.master=" + quote(master));
        }
        if (epochs != null) {
            sets.add("train.epochs=" + epochs);
        }
        if (sampleChars != null) {
            sets.add("sample.chars=" + sampleChars);
        }
        Config config = ConfigLoader.load(CharLstmConfig.DEFAULTS, configOptions.config, sets);
        CharLstmJob job = CharLstmConfig.job(config);
        String dir = runDir != null ? runDir
                : "runs/char-lstm-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        System.err.println("run dir: " + dir);
        try (SparkContexts spark = SparkContexts.obtain(job.master(), job.sparkConf())) {
            JavaSparkContext sc = spark.context();
            var trainer = new CharLstmTrainer(job, new Path(dir), resume, sc.hadoopConfiguration(), System.out,
                    System.err);
            if (initFrom != null) {
                trainer.initFrom(LoadedCharLstm.load(new Path(initFrom), Optional.ofNullable(vocab).map(Path::new),
                        sc.hadoopConfiguration()));
            }
            TrainResult result = trainer.run(sc);
            System.err.println("done: " + result.step() + " steps, last checkpoint " + result.lastCheckpoint());
        }
        return 0;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

}
