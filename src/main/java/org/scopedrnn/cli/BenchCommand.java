package org.scopedrnn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.factory.Nd4j;
import org.scopedrnn.bench.BenchReport;
import org.scopedrnn.bench.BenchResult;
import org.scopedrnn.bench.CheckpointBench;
import org.scopedrnn.bench.SampleBench;
import org.scopedrnn.bench.Seq2SeqBench;
import org.scopedrnn.bench.Timings;
import org.scopedrnn.bench.TrainBench;
import org.scopedrnn.config.ConfigLoader;
import org.scopedrnn.config.Settings;
import org.scopedrnn.data.TextCorpus;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.train.CharLstmJob;
import org.scopedrnn.train.Seq2SeqJob;
import org.scopedrnn.train.SparkContexts;
import org.scopedrnn.train.Versions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bench measure ...} (one measurement, one JSON line) and {@code bench report} (the table); scripts/bench runs both. */
@Command(name = "bench", description = "Speed benchmark pieces; run scripts/bench for the whole benchmark.",
        subcommands = {BenchCommand.Measure.class, BenchCommand.PeerArgs.class, BenchCommand.Report.class,
            BenchQualityCommand.class, BenchScalingCommand.class})
final class BenchCommand {

    /** A seq2seq job as {@code train seq2seq} resolves it (the defaults, the --config file, these sets). */
    static Seq2SeqJob seq2seqJob(ConfigOptions options, List<String> sets) {
        return Seq2SeqConfig.job(ConfigLoader.load(Seq2SeqConfig.DEFAULTS, options.config, sets),
                options.config != null ? options.config.getPath() : Seq2SeqConfig.DEFAULTS);
    }

    /** What one process can measure. */
    enum Process {
        TRAIN_SINGLE("train-single"), TRAIN_SPARK("train-spark"), SAMPLE("sample"), CKPT("ckpt"),
        TRAIN_SEQ2SEQ_SINGLE("train-seq2seq-single"), TRAIN_SEQ2SEQ_SPARK("train-seq2seq-spark");

        final String id;

        Process(String id) {
            this.id = id;
        }

        static Process parse(String s) {
            for (Process p : values()) {
                if (p.id.equals(s)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown measurement '" + s
                    + "': expected train-single, train-spark, sample, ckpt, train-seq2seq-single or "
                    + "train-seq2seq-spark");
        }
    }

    @Command(name = "measure", mixinStandardHelpOptions = true,
            description = "Measure one thing for a preset (a char-lstm config; a seq2seq config for train-seq2seq-*) "
                    + "and print one JSON line.")
    static final class Measure implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "WHAT",
                description = "train-single, train-spark, sample, ckpt, train-seq2seq-single or train-seq2seq-spark")
        String what;

        @Mixin
        ConfigOptions configOptions;

        @Option(names = "--preset", required = true, paramLabel = "NAME", description = "name of the shapes, e.g. anna")
        String preset;

        @Option(names = "--warmup", paramLabel = "N", description = "untimed repetitions first (default 2)")
        int warmup = 2;

        @Option(names = "--reps", paramLabel = "N", description = "timed repetitions (default 5)")
        int reps = 5;

        @Option(names = "--dir", paramLabel = "DIR", description = "scratch directory (checkpoints, Spark run dir)")
        File dir = new File(System.getProperty("java.io.tmpdir"));

        @Option(names = "--master", paramLabel = "URL", description = "Spark master for train-spark (default local[2])")
        String master = "local[2]";

        @Option(names = "--sample-chars", paramLabel = "N", description = "characters per sample (default 500)")
        int sampleChars = 500;

        @Option(names = "--sample-streams", paramLabel = "N",
                description = "samples drawn side by side for batched sampling (default: " + Settings.BATCH_SIZE_KEY + ")")
        Integer sampleStreams;

        @Override
        public Integer call() throws Exception {
            Process process = Process.parse(what);
            if (warmup < 0 || reps < 1 || sampleChars < 1) {
                throw new IllegalArgumentException("--warmup must be >= 0, --reps >= 1 and --sample-chars >= 1, got "
                        + warmup + ", " + reps + ", " + sampleChars);
            }
            if (process == Process.TRAIN_SEQ2SEQ_SINGLE || process == Process.TRAIN_SEQ2SEQ_SPARK) {
                return seq2seq(process);
            }
            return charLstm(process);
        }

        /** A char-LSTM measurement on the preset's corpus, its vocabulary and the model train builds. */
        private int charLstm(Process process) throws Exception {
            Config config = ConfigLoader.load(CharLstmConfig.DEFAULTS, configOptions.config, configOptions.sets);
            CharLstmJob job = CharLstmConfig.job(config);
            var hadoop = new Configuration();
            String text = TextCorpus.read(job.data().input(), DescribeCommand.DATA_INPUT, job.data().newlines(), hadoop)
                    .text();
            Vocabulary vocab = Vocabulary.of(text);
            int[] ids = vocab.encode(text, false);
            CharLstmSpec spec = job.model().toSpec(vocab.size());
            Files.createDirectories(dir.toPath());

            Map<String, String> info = new LinkedHashMap<>();
            info.put("shape", spec.layers() + "x" + spec.hiddenSize() + " vocab " + vocab.size() + ", batch "
                    + job.train().batchSize() + " x " + job.data().seqLength());
            var metrics = new LinkedHashMap<String, Timings>();
            switch (process) {
                case TRAIN_SINGLE -> metrics.put("train_cps_single_" + Nd4j.getEnvironment().maxThreads() + "thread",
                        TrainBench.single(job, spec, ids, warmup, reps));
                case TRAIN_SPARK -> metrics.put("train_cps_spark_local2", trainSpark(job, info));
                case SAMPLE -> {
                    CharLstmModel model = model(job, spec);
                    int streams = sampleStreams != null ? sampleStreams : job.train().batchSize();
                    metrics.put("sample_cps", SampleBench.single(model, vocab, sampleChars, warmup, reps));
                    metrics.put("sample_batched_cps", SampleBench.batched(model, vocab, streams, sampleChars / 5 + 1,
                            warmup, reps));
                    info.put("sample_streams", Integer.toString(streams));
                }
                case CKPT -> metrics.putAll(CheckpointBench.run(model(job, spec), vocab, dir.toPath(), warmup, reps,
                        info));
                default -> throw new IllegalStateException("not a char-lstm measurement: " + process.id);
            }
            return print(process, metrics, info);
        }

        /** The Spark trainer for one epoch of just enough rounds, on --master; notes its setup in {@code info}. */
        private Timings trainSpark(CharLstmJob job, Map<String, String> info) throws Exception {
            List<String> sets = new ArrayList<>(configOptions.sets);
            sets.addAll(List.of(Settings.EPOCHS.assignment(1), Settings.SAMPLE_CHARS.assignment(0),
                    Settings.CHECKPOINT_EVERY_STEPS.assignment(0),
                    Settings.VALIDATION_MAX_CHARS.assignment(8L * job.data().seqLength()),
                    Settings.MASTER.assignment(master),
                    Settings.MAX_CHARS.assignment(TrainBench.sparkCorpusChars(job, warmup + reps))));
            CharLstmJob sparkJob = CharLstmConfig.job(
                    ConfigLoader.load(CharLstmConfig.DEFAULTS, configOptions.config, sets));
            Timings timings;
            try (SparkContexts spark = SparkContexts.obtain(sparkJob.master(), sparkJob.sparkConf())) {
                timings = TrainBench.spark(spark.context(), sparkJob,
                        new Path(new File(dir, "spark-run-" + System.nanoTime()).getAbsolutePath()), warmup, reps);
            }
            info.put("spark_master", master);
            info.put("spark_workers_x_batch_x_averaging", sparkJob.train().workers() + "x"
                    + sparkJob.train().batchSize() + "x" + sparkJob.train().averagingFrequency());
            return timings;
        }

        private int print(Process process, Map<String, Timings> metrics, Map<String, String> info) {
            info.put("java_version", "Java " + System.getProperty("java.version"));
            info.put("dl4j_version", Versions.DL4J);
            info.put("omp_num_threads", String.valueOf(System.getenv("OMP_NUM_THREADS")));
            info.put("openblas_coretype", String.valueOf(System.getenv("OPENBLAS_CORETYPE")));
            System.out.println(new BenchResult(preset, process.id, metrics, BenchResult.currentPeakRssMb(), info).toJson());
            return 0;
        }

        /** Pairs/s of {@code train seq2seq}'s model: single process, or its Spark trainer for a few rounds. */
        private int seq2seq(Process process) throws Exception {
            Seq2SeqJob job = seq2seqJob(configOptions, configOptions.sets);
            Map<String, String> info = new LinkedHashMap<>();
            info.put("seq2seq_shape", "LSTM " + job.model().hidden() + ", embedding " + job.model().embeddingSize()
                    + ", batch " + job.train().batchSize() + ", pairs " + job.data().pairs().maxPairs());
            var metrics = new LinkedHashMap<String, Timings>();
            if (process == Process.TRAIN_SEQ2SEQ_SINGLE) {
                metrics.put("train_pps_seq2seq_single_" + Nd4j.getEnvironment().maxThreads() + "thread",
                        Seq2SeqBench.single(job, new Configuration(), warmup, reps));
                return print(process, metrics, info);
            }
            List<String> sets = new ArrayList<>(configOptions.sets);
            sets.addAll(List.of(Settings.CHECKPOINT_EVERY_STEPS.assignment(0), Settings.MASTER.assignment(master)));
            Seq2SeqJob sparkJob = seq2seqJob(configOptions, sets);
            Files.createDirectories(dir.toPath());
            try (SparkContexts spark = SparkContexts.obtain(sparkJob.master(), sparkJob.sparkConf())) {
                metrics.put("train_pps_seq2seq", Seq2SeqBench.spark(spark.context(), sparkJob,
                        new Path(new File(dir, "seq2seq-run-" + System.nanoTime()).getAbsolutePath()), warmup, reps));
            }
            info.put("seq2seq_spark_master", master);
            info.put("seq2seq_spark_workers_x_batch_x_averaging", sparkJob.train().workers() + "x"
                    + sparkJob.train().batchSize() + "x" + sparkJob.train().averagingFrequency());
            return print(process, metrics, info);
        }

        /** Built as train builds it; the weights' values do not change the speed. */
        private static CharLstmModel model(CharLstmJob job, CharLstmSpec spec) {
            return CharLstmModel.create(spec, job.singleProcessOptimizer());
        }
    }

    @Command(name = "peer-args", mixinStandardHelpOptions = true,
            description = "Print a preset's resolved shapes as arguments of the Python peers (bench/charlstm_*.py).")
    static final class PeerArgs implements Callable<Integer> {

        @Mixin
        ConfigOptions configOptions;

        @Option(names = "--seq2seq", description = "a seq2seq config: print bench/keras_seq2seq.py's arguments")
        boolean seq2seq;

        @Override
        public Integer call() {
            if (seq2seq) {
                System.out.println(String.join("\n", kerasArgs(seq2seqJob(configOptions, configOptions.sets))));
                return 0;
            }
            CharLstmJob job = CharLstmConfig.job(
                    ConfigLoader.load(CharLstmConfig.DEFAULTS, configOptions.config, configOptions.sets));
            if (job.model().input() != org.scopedrnn.model.InputKind.ONE_HOT) {
                throw new IllegalArgumentException(Settings.INPUT_KIND + " = " + job.model().input()
                        + ": the peers implement anna_writer.py's one-hot model only");
            }
            String text = localPath(job.data().input());
            // one argument per line, so that a corpus path with spaces survives the shell
            var args = new ArrayList<>(List.of("--text", new File(text).getAbsolutePath(), "--layers",
                    Integer.toString(job.model().layers()), "--hidden", Integer.toString(job.model().hidden()),
                    "--batch", Integer.toString(job.train().batchSize()), "--seq",
                    Integer.toString(job.data().seqLength()), "--lr", Double.toString(job.train().learningRate()),
                    "--clip", Double.toString(job.train().clipNorm()), "--keep-prob",
                    Double.toString(job.model().keepProb()), "--seed", Long.toString(job.train().seed()),
                    "--validation-fraction", Double.toString(job.data().validationFraction())));
            if (job.data().maxChars() > 0) {
                args.addAll(List.of("--max-chars", Long.toString(job.data().maxChars())));
            }
            System.out.println(String.join("\n", args));
            return 0;
        }

        /** The Keras peer at the trainer's settings: same pairs, split, shuffle, batch and shapes. */
        private static List<String> kerasArgs(Seq2SeqJob job) {
            if (job.data().copyTask() || job.data().pairs().reverse() || job.model().embeddingSize() < 1) {
                throw new IllegalArgumentException(Settings.TASK + " = " + job.data().task() + ", " + Settings.REVERSE
                        + " = " + job.data().pairs().reverse() + ", " + Settings.EMBEDDING_SIZE + " = "
                        + job.model().embeddingSize()
                        + ": the Keras peer is benchmarked on a pairs file, not reversed, with an embedding");
            }
            var pairs = job.data().pairs();
            return List.of("--data", new File(localPath(job.data().input())).getAbsolutePath(), "--pairs",
                    Long.toString(pairs.maxPairs()), "--max-source-length", Integer.toString(pairs.maxSourceLength()),
                    "--max-target-length", Integer.toString(pairs.maxTargetLength()), "--latent",
                    Integer.toString(job.model().hidden()), "--embedding",
                    Integer.toString(job.model().embeddingSize()),
                    "--batch-size", Integer.toString(job.train().batchSize()), "--validation-split",
                    Double.toString(job.data().validationFraction()), "--split", "shuffled", "--learning-rate",
                    Double.toString(job.train().learningRate()), "--seed", Long.toString(job.train().seed()));
        }

        private static String localPath(String input) {
            String text = input.replaceFirst("^file:(//)?", "");
            if (text.contains("://")) {
                throw new IllegalArgumentException(Settings.INPUT_PATH + " = " + input
                        + ": the Python peers read local files only; copy the corpus to a local path");
            }
            return text;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Turn the JSON lines of a bench run into a table (stdout) and, with --out, bench.md + bench.json.")
    static final class Report implements Callable<Integer> {

        @Option(names = "--results", required = true, paramLabel = "FILE", description = "one bench result JSON per line")
        File results;

        @Option(names = "--out", paramLabel = "DIR", description = "write DIR/bench.md and DIR/bench.json")
        File out;

        @Override
        public Integer call() throws Exception {
            if (!results.isFile()) {
                throw new UserInputException("--results " + results + " is not a file");
            }
            var parsed = new ArrayList<BenchResult>();
            for (String line : Files.readAllLines(results.toPath(), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    parsed.add(BenchResult.fromJson(line.strip()));
                }
            }
            var report = new BenchReport(parsed);
            String md = report.markdown();
            System.out.print(md);
            if (out != null) {
                Files.createDirectories(out.toPath());
                Files.writeString(out.toPath().resolve("bench.md"), md, StandardCharsets.UTF_8);
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValue(out.toPath().resolve("bench.json").toFile(), report.flat());
            }
            return 0;
        }
    }
}
