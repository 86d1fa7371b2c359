package org.scopedrnn.cli;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.config.ConfigLoader;
import org.scopedrnn.config.Settings;
import org.scopedrnn.train.Seq2SeqJob;
import org.scopedrnn.train.Seq2SeqTrainer;
import org.scopedrnn.train.SparkContexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "seq2seq", mixinStandardHelpOptions = true,
        description = "Train an LSTM encoder-decoder (defaults: conf/seq2seq.conf on data/fra-eng.txt; "
                + "--set " + Settings.DATA_TASK_KEY + "=copy for the synthetic copy task).")
final class TrainSeq2SeqCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        List<String> sets = new ArrayList<>(configOptions.sets);
        run.addSets(sets);
        run.validate();
        Config config = ConfigLoader.load(Seq2SeqConfig.DEFAULTS, configOptions.config, sets);
        String origin = configOptions.config != null ? configOptions.config.getPath() : Seq2SeqConfig.DEFAULTS;
        Seq2SeqJob job = Seq2SeqConfig.job(config, origin);
        String dir = run.runDir("seq2seq");
        System.err.println("run dir: " + dir);
        try (SparkContexts spark = SparkContexts.obtain(job.master(), job.sparkConf())) {
            config = ConfigLoader.load(Seq2SeqConfig.DEFAULTS, configOptions.config, sets, ResumedSettings.of(
                    run.resume, dir, Seq2SeqTrainer.MODEL_TYPE, spark.context().hadoopConfiguration()));
            job = Seq2SeqConfig.job(config, origin);
            var trainer = new Seq2SeqTrainer(job, new Path(dir), run.resume, spark.context().hadoopConfiguration(),
                    System.out, System.err).overwrite(run.overwrite).breakLock(run.breakLock)
                    .stopBy(run.wallClock());
            Seq2SeqTrainer.Result result = trainer.run(spark.context());
            if (result.stoppedAtWallTime()) {
                return run.stoppedAtWallTime(result.step(), result.lastCheckpoint());
            }
            Seq2SeqReport.afterTraining(result, job, System.out);
            System.err.println("done: " + result.step() + " steps, last checkpoint " + result.lastCheckpoint());
        }
        return 0;
    }
}
