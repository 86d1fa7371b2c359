package org.scopedrnn.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.bench.QualityBench;
import org.scopedrnn.bench.QualityChart;
import org.scopedrnn.config.ConfigLoader;
import org.scopedrnn.config.Settings;
import org.scopedrnn.data.CorpusSplit;
import org.scopedrnn.data.TextCorpus;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.train.CharLstmJob;
import org.scopedrnn.train.CharLstmTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench quality single|checkpoints|chart}: the pieces of {@code scripts/bench --quality}
 * (validation loss against training wall time; bench/quality.sh runs them with the PyTorch peer).
 */
@Command(name = "quality", description = "Time to quality: validation loss against training wall time.",
        subcommands = {BenchQualityCommand.Single.class, BenchQualityCommand.Checkpoints.class,
            BenchQualityCommand.Chart.class})
final class BenchQualityCommand {

    /** The corpus of a char-lstm config, split as the trainer splits it. */
    abstract static class Corpus {

        @Mixin
        ConfigOptions configOptions;

        @Option(names = "--val-chars", paramLabel = "N",
                description = "validate on the first N held-out characters (default 50000; 0 = all)")
        long validationChars = 50_000;

        @Option(names = "--out", required = true, paramLabel = "FILE",
                description = "CSV: seconds,step,validation_loss")
        File out;

        CharLstmJob job(List<String> extraSets) {
            var sets = new ArrayList<>(configOptions.sets);
            sets.addAll(extraSets);
            return CharLstmConfig.job(ConfigLoader.load(CharLstmConfig.DEFAULTS, configOptions.config, sets));
        }

        static String text(CharLstmJob job) {
            return CharLstmTrainer.truncate(TextCorpus.read(job.data().input(), DescribeCommand.DATA_INPUT,
                    job.data().newlines(), new Configuration()).text(), job.data().maxChars());
        }

        /** Writes each point as it comes, so that an interrupted run keeps what it measured. */
        Consumer<QualityBench.Point> writer() throws java.io.IOException {
            if (validationChars < 0) {
                throw new IllegalArgumentException("--val-chars must be >= 0 (0 = all), got " + validationChars);
            }
            if (out.getParentFile() != null) {
                Files.createDirectories(out.getParentFile().toPath());
            }
            Files.writeString(out.toPath(), QualityBench.Point.HEADER + "\n", StandardCharsets.UTF_8);
            return p -> {
                try {
                    Files.writeString(out.toPath(), p.csv() + "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.APPEND);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                System.err.println("validation " + p.csv());
            };
        }
    }

    @Command(name = "single", mixinStandardHelpOptions = true,
            description = "Train a char-lstm config in this process for a wall-time budget, validating on a clock.")
    static final class Single extends Corpus implements Callable<Integer> {

        @Option(names = "--minutes", required = true, paramLabel = "M", description = "training time budget")
        double minutes;

        @Option(names = "--every-seconds", paramLabel = "S", description = "validate every S seconds of training (60)")
        double everySeconds = 60;

        @Override
        public Integer call() throws Exception {
            if (!(minutes > 0) || !(everySeconds > 0)) {
                throw new IllegalArgumentException("--minutes and --every-seconds must be positive, got " + minutes
                        + " and " + everySeconds);
            }
            // one process = one worker: the optimizer of a single worker, not the averaged workers' scaled one
            CharLstmJob job = job(List.of(Settings.WORKERS.assignment(1)));
            String text = text(job);
            Vocabulary vocab = Vocabulary.of(text);
            CorpusSplit split = job.data().split(vocab.encode(text, false));
            QualityBench.single(job, job.model().toSpec(vocab.size()), split.train(), split.validation(),
                    minutes * 60, everySeconds, validationChars, writer());
            return 0;
        }
    }

    @Command(name = "checkpoints", mixinStandardHelpOptions = true,
            description = "Validate every checkpoint of a finished train char-lstm run, at its wall time.")
    static final class Checkpoints extends Corpus implements Callable<Integer> {

        @Option(names = "--run-dir", required = true, paramLabel = "DIR", description = "the run's directory")
        String runDir;

        @Override
        public Integer call() throws Exception {
            CharLstmJob job = job(List.of());
            String text = text(job);
            Vocabulary vocab = Vocabulary.of(text);
            CorpusSplit split = job.data().split(vocab.encode(text, false));
            List<QualityBench.Point> points = QualityBench.checkpoints(new Path(runDir), new Configuration(),
                    split.validation(), vocab.symbols(), job.data().seqLength(), validationChars, writer());
            if (points.isEmpty()) {
                throw new UserInputException("--run-dir " + runDir + " has no checkpoints: did the run save any "
                        + "(" + Settings.CHECKPOINT_EVERY_STEPS + ")?");
            }
            return 0;
        }
    }

    @Command(name = "chart", mixinStandardHelpOptions = true,
            description = "Draw LABEL=CSV curves into one PNG and print the loss each reached.")
    static final class Chart implements Callable<Integer> {

        @Parameters(paramLabel = "LABEL=CSV", arity = "1..*", description = "a contender and its quality CSV")
        List<String> curves;

        @Option(names = "--out", required = true, paramLabel = "PNG", description = "the image to write")
        File out;

        @Option(names = "--title", paramLabel = "TEXT", description = "the chart's title")
        String title = "Time to quality";

        @Override
        public Integer call() throws Exception {
            Map<String, List<QualityBench.Point>> read = new LinkedHashMap<>();
            for (String c : curves) {
                int eq = c.lastIndexOf('=');
                File csv = eq < 1 ? null : new File(c.substring(eq + 1));
                if (csv == null || !csv.isFile()) {
                    throw new UserInputException("'" + c + "' is not LABEL=CSV with an existing CSV file");
                }
                read.put(c.substring(0, eq), Files.readAllLines(csv.toPath(), StandardCharsets.UTF_8).stream()
                        .skip(1).filter(l -> !l.isBlank()).map(QualityBench.Point::parse).toList());
            }
            byte[] png = QualityChart.png(title, read);
            if (out.getParentFile() != null) {
                Files.createDirectories(out.getParentFile().toPath());
            }
            Files.write(out.toPath(), png);
            System.out.print(QualityChart.summary(read));
            return 0;
        }
    }
}
