package org.scopedrnn.cli;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.scopedrnn.config.ConfigLoader;
import org.scopedrnn.config.Settings;
import org.scopedrnn.interop.LoadedCharLstm;
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

    @Mixin
    RunOptions run;

    @Option(names = "--init-from", paramLabel = "PATH",
            description = "start from this model's weights (native, TensorFlow or ml5 checkpoint): fine-tuning")
    String initFrom;

    @Option(names = "--vocab", paramLabel = "FILE", description = "vocabulary of the --init-from model, if it has none")
    String vocab;

    @Option(names = "--sample-chars", paramLabel = "N", description = "sets " + Settings.SAMPLE_CHARS_KEY)
    Integer sampleChars;

    @Override
    public Integer call() throws Exception {
        List<String> sets = new ArrayList<>(configOptions.sets);
        run.addSets(sets);
        if (sampleChars != null) {
            sets.add(Settings.SAMPLE_CHARS.assignment(sampleChars));
        }
        run.validate();
        Config config = ConfigLoader.load(CharLstmConfig.DEFAULTS, configOptions.config, sets);
        CharLstmJob job = CharLstmConfig.job(config);
        String dir = run.runDir("char-lstm");
        System.err.println("run dir: " + dir);
        try (SparkContexts spark = SparkContexts.obtain(job.master(), job.sparkConf())) {
            JavaSparkContext sc = spark.context();
            config = ConfigLoader.load(CharLstmConfig.DEFAULTS, configOptions.config, sets,
                    ResumedSettings.of(run.resume, dir, CharLstmTrainer.MODEL_TYPE, sc.hadoopConfiguration()));
            job = CharLstmConfig.job(config);
            var trainer = new CharLstmTrainer(job, new Path(dir), run.resume, sc.hadoopConfiguration(), System.out,
                    System.err).epochSampleChars(Settings.EPOCH_SAMPLE_CHARS.read(config))
                    .overwrite(run.overwrite).breakLock(run.breakLock)
                    .stopBy(run.wallClock());
            if (initFrom != null) {
                trainer.initFrom(LoadedCharLstm.load(new Path(initFrom), Optional.ofNullable(vocab).map(Path::new),
                        sc.hadoopConfiguration()));
            }
            TrainResult result = trainer.run(sc);
            if (result.stoppedAtWallTime()) {
                return run.stoppedAtWallTime(result.step(), result.lastCheckpoint());
            }
            System.err.println("done: " + result.step() + " steps, last checkpoint " + result.lastCheckpoint());
        }
        return 0;
    }


}
